// A guided tour of the real app for screenshots: the same objects main() builds (local engine,
// keychain store, main window) on a folder of generated images, stepping through every screen and
// capturing the X root window with ImageMagick's `import`. Run under Xvfb, e.g.
//   Xvfb :99 & DISPLAY=:99 dbus-run-session -- vl_screenshot_tour /tmp
// Not a test: it asserts nothing, it produces pictures to look at.

#include "ApiClient.h"
#include "ClusterMembersDialog.h"
#include "ClusterResultsModel.h"
#include "ConnectionDialogs.h"
#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "DatasetListModel.h"
#include "DatasetListWidget.h"
#include "EnrichmentDialog.h"
#include "EnrichmentModelsModel.h"
#include "Icons.h"
#include "ImageSelectionWidget.h"
#include "KeychainSecretStore.h"
#include "LocalEngine.h"
#include "LocalEngineStarter.h"
#include "MainWindow.h"
#include "MediaViewerDialog.h"
#include "SearchView.h"
#include "SessionManager.h"
#include "ShortcutSheet.h"
#include "TasksModel.h"
#include "Theme.h"
#include "ThumbnailGridView.h"
#include "VisualSearchPane.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTreeView>
#include <functional>

using namespace vl;

static QString outputDir;

static void pump(int milliseconds) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < milliseconds)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

static bool waitFor(const std::function<bool()>& condition, int timeoutMs = 60000) {
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

static void shot(const QString& name) {
    pump(600); // let animations, thumbnails and repaints settle
    const QString path = QStringLiteral("%1/shot-%2.png").arg(outputDir, name);
    QProcess::execute(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), path});
    qInfo("screenshot: %s", qPrintable(path));
}

// Six families of synthetic "photos" (sky/sea scenes, fruit, tiles, ...) with variations.
static QImage photo(int family, int variant) {
    QRandomGenerator random(quint32(family * 100 + variant));
    QImage image(640, 480, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    auto jitter = [&](int range) { return int(random.bounded(range * 2 + 1)) - range; };
    switch (family) {
    case 0: { // beach: sky, sea, sand, sun
        painter.fillRect(0, 0, 640, 200, QColor(120 + jitter(20), 180 + jitter(20), 235));
        painter.fillRect(0, 200, 640, 120, QColor(30, 100 + jitter(20), 170));
        painter.fillRect(0, 320, 640, 160, QColor(225, 200 + jitter(15), 150));
        painter.setBrush(QColor(255, 220, 80));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPoint(480 + jitter(60), 90 + jitter(30)), 45, 45);
        break;
    }
    case 1: { // oranges on a table
        painter.fillRect(image.rect(), QColor(110 + jitter(20), 70, 40));
        painter.setPen(Qt::NoPen);
        for (int i = 0; i < 5 + variant % 3; ++i) {
            painter.setBrush(QColor(240, 140 + jitter(20), 20));
            painter.drawEllipse(QPoint(120 + i * 90 + jitter(20), 260 + jitter(60)), 55, 55);
        }
        break;
    }
    case 2: { // blue tiles
        painter.fillRect(image.rect(), QColor(240, 240, 245));
        for (int y = 0; y < 480; y += 80)
            for (int x = 0; x < 640; x += 80)
                painter.fillRect(x + 4, y + 4, 72, 72, QColor(30, 60 + jitter(30), 150 + jitter(40)));
        break;
    }
    case 3: { // forest: green gradient and trunks
        QLinearGradient gradient(0, 0, 0, 480);
        gradient.setColorAt(0, QColor(60, 140 + jitter(20), 60));
        gradient.setColorAt(1, QColor(20, 60, 25));
        painter.fillRect(image.rect(), gradient);
        for (int i = 0; i < 7; ++i)
            painter.fillRect(40 + i * 90 + jitter(15), 200, 18, 280, QColor(80, 50, 30));
        break;
    }
    case 4: { // night city: dark sky, lit windows
        painter.fillRect(image.rect(), QColor(15, 18, 40));
        for (int b = 0; b < 6; ++b) {
            const QRect building(b * 110 + jitter(10), 180 + jitter(80), 90, 400);
            painter.fillRect(building, QColor(40, 40, 55));
            for (int y = building.top() + 10; y < 480; y += 28)
                for (int x = building.left() + 10; x < building.right() - 10; x += 22)
                    if (random.bounded(3) > 0)
                        painter.fillRect(x, y, 10, 14, QColor(250, 220, 120));
        }
        break;
    }
    default: { // red car-like shape on a grey road
        painter.fillRect(image.rect(), QColor(150, 155, 160));
        painter.fillRect(0, 300, 640, 180, QColor(70, 70, 75));
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(200 + jitter(40), 30, 30));
        const int x = 120 + jitter(80);
        painter.drawRoundedRect(x, 250, 380, 110, 30, 30);
        painter.drawRoundedRect(x + 80, 190, 200, 80, 25, 25);
        painter.setBrush(Qt::black);
        painter.drawEllipse(QPoint(x + 80, 360), 38, 38);
        painter.drawEllipse(QPoint(x + 300, 360), 38, 38);
        break;
    }
    }
    return image;
}

static void drag(QWidget* widget, const QPointF& from, const QPointF& to) {
    auto send = [widget](QEvent::Type type, const QPointF& p, Qt::MouseButtons buttons) {
        QMouseEvent event(type, p, widget->mapToGlobal(p), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(widget, &event);
    };
    send(QEvent::MouseButtonPress, from, Qt::LeftButton);
    send(QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    send(QEvent::MouseMove, to, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, to, Qt::NoButton);
}

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("VLExplorerTour"));
    QApplication::setApplicationName(QStringLiteral("vl-explorer-tour"));
    initUiResources();
    outputDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::tempPath();
    Theme::apply(Theme::Mode::Light);

    QTemporaryDir root;
    const QString photos = root.filePath(QStringLiteral("Holiday photos"));
    QDir().mkpath(photos);
    const char* names[] = {"beach", "oranges", "tiles", "forest", "city", "car"};
    for (int family = 0; family < 6; ++family)
        for (int variant = 0; variant < 8; ++variant)
            photo(family, variant)
                .save(QStringLiteral("%1/%2_%3.jpg").arg(photos, QLatin1String(names[family])).arg(variant),
                      "JPEG", 90);

    engine::LocalEngine engine(root.filePath(QStringLiteral("engine")));
    KeychainSecretStore secrets;
    ConnectionsModel connections(&secrets);
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    // As main() does: the window shows while the engine starts on a worker thread.
    LocalEngineStarter starter(&manager, [&engine] {
        LocalEngineStarter::Endpoint endpoint;
        endpoint.ok = engine.start(0, &endpoint.error);
        if (endpoint.ok) {
            endpoint.url = engine.url();
            endpoint.apiKey = engine.apiKey();
            endpoint.apiSecret = engine.apiSecret();
        }
        return endpoint;
    });
    manager.setLocalStarting();

    SessionManager sessions(&manager);
    MainWindow window(&sessions, &connections, &manager);
    window.resize(1280, 820);
    window.move(0, 0);
    window.show();
    window.start();
    shot(QStringLiteral("00-starting-engine")); // the start is only requested after this picture
    starter.start();
    waitFor([&] { return manager.state() == ConnectionManager::State::Connected; });
    shot(QStringLiteral("01-empty-list"));

    window.addFolder(photos);
    waitFor([&] { return window.datasetModel()->rowCount() > 0; });
    pump(150);
    shot(QStringLiteral("02-indexing"));
    waitFor(
        [&] {
            return window.datasetModel()->rowCount() > 0 &&
                   window.datasetModel()->index(0, 0).data(DatasetListModel::SearchableRole).toBool();
        },
        180000);
    pump(1500);
    window.datasetList()->view()->setCurrentIndex(window.datasetList()->view()->model()->index(0, 0));
    shot(QStringLiteral("03-datasets"));

    const QString datasetId =
        window.datasetModel()->index(0, 0).data(DatasetListModel::DatasetIdRole).toString();
    window.openDataset(datasetId);
    SearchView* search = window.searchView();
    auto* results = qobject_cast<ClusterResultsModel*>(search->grid()->model());
    waitFor([&] { return results->rowCount() > 0 && !results->isLoading(); });
    pump(2500);
    search->grid()->setCurrentIndex(results->index(0));
    shot(QStringLiteral("04-search-grid"));

    // Objects mode: detected objects, outlined on the cards.
    for (QComboBox* entity : search->findChildren<QComboBox*>()) {
        if (entity->findText(QStringLiteral("Objects")) < 0)
            continue;
        entity->setCurrentIndex(entity->findText(QStringLiteral("Objects")));
        emit entity->activated(entity->currentIndex());
        waitFor([&] { return !results->isLoading(); });
        pump(2500);
        shot(QStringLiteral("04b-objects"));
        if (results->rowCount() > 0) {
            emit search->grid()->previewRequested(results->index(0));
            pump(2500);
            shot(QStringLiteral("04c-object-viewer"));
        }
        for (QWidget* top : QApplication::topLevelWidgets())
            if (qobject_cast<MediaViewerDialog*>(top))
                top->close();
        entity->setCurrentIndex(entity->findText(QStringLiteral("Images")));
        emit entity->activated(entity->currentIndex());
        waitFor([&] { return !results->isLoading(); });
    }

    search->queryEdit()->setText(QStringLiteral("oranges"));
    search->modeBox()->setCurrentIndex(int(SearchView::TextMode::FullText));
    search->runTextSearch();
    waitFor([&] { return !results->isLoading(); });
    pump(1500);
    shot(QStringLiteral("05-text-search"));
    search->queryEdit()->clear();

    search->openImageFile(photos + QStringLiteral("/car_3.jpg"));
    waitFor([&] { return search->visualSearchPane()->hasImage(); });
    waitFor([&] { return !results->isLoading(); });
    ImageSelectionWidget* selector = search->visualSearchPane()->selectionWidget();
    drag(selector, selector->toWidget(QPointF(90, 170)), selector->toWidget(QPointF(560, 420)));
    waitFor([&] { return !results->isLoading(); });
    pump(2500);
    shot(QStringLiteral("06-visual-search"));

    emit search->grid()->openRequested(results->index(0));
    pump(2500);
    shot(QStringLiteral("07-cluster-members"));
    for (QWidget* top : QApplication::topLevelWidgets())
        if (qobject_cast<ClusterMembersDialog*>(top))
            top->close();

    emit search->grid()->previewRequested(results->index(0));
    pump(2500);
    shot(QStringLiteral("08-media-viewer"));
    for (QWidget* top : QApplication::topLevelWidgets())
        if (qobject_cast<MediaViewerDialog*>(top))
            top->close();

    emit search->enrichRequested(); // the window opens the dialog and follows what it starts
    QPointer<EnrichmentDialog> enrich;
    waitFor([&] { return (enrich = window.findChild<EnrichmentDialog*>()) != nullptr; });
    waitFor([&] { return !enrich->model()->isLoading(); });
    for (int type = 0; type < enrich->model()->rowCount(); ++type) {
        const QModelIndex parent = enrich->model()->index(type, 0);
        for (int row = 0; row < enrich->model()->rowCount(parent); ++row) {
            const QModelIndex index = enrich->model()->index(row, 0, parent);
            if (!index.data(EnrichmentModelsModel::DependenciesRole).toStringList().isEmpty() &&
                index.data(EnrichmentModelsModel::ActiveRole).toBool()) {
                enrich->model()->setData(index, Qt::Checked, Qt::CheckStateRole);
                type = enrich->model()->rowCount();
                break;
            }
        }
    }
    shot(QStringLiteral("09-enrichment"));
    if (enrich->model()->hasSelection()) {
        // Start it for real and follow the enriched copy in the tasks panel.
        enrich->model()->startEnrichment();
        waitFor([&] { return window.tasksModel()->rowCount() > 1 || !enrich; }, 30000);
        pump(1500);
        shot(QStringLiteral("09b-enrichment-running"));
        waitFor([&] { return window.tasksModel()->runningCount() == 0; }, 240000);
        shot(QStringLiteral("09c-enrichment-done"));
    } else if (enrich) {
        enrich->close();
    }

    auto* cloud = new ConnectionDialog(ConnectionDialog::Kind::Cloud, &manager, &connections, &window);
    cloud->setAttribute(Qt::WA_DeleteOnClose);
    cloud->keyEdit()->setText(QStringLiteral("wrong-key"));
    cloud->secretEdit()->setText(QStringLiteral("wrong-secret"));
    cloud->urlEdit()->setText(engine.url().toString()); // a real server that will reject the key
    cloud->show();
    cloud->testButton()->click();
    waitFor([&] { return cloud->statusText() != QLatin1String("Testing…"); }, 30000);
    shot(QStringLiteral("10-connect-cloud"));
    cloud->close();

    const QString gone =
        connections.addSelfHosted(QStringLiteral("Lab server"), QUrl(QStringLiteral("http://127.0.0.1:9")));
    manager.connectTo(gone);
    waitFor([&] { return manager.state() == ConnectionManager::State::Failed; }, 30000);
    shot(QStringLiteral("11-connection-failed"));

    Theme::apply(Theme::Mode::Dark);
    manager.connectTo(Connection::localId());
    waitFor([&] { return manager.state() == ConnectionManager::State::Connected; });
    waitFor([&] { return window.datasetModel()->rowCount() > 0; });
    window.openDataset(datasetId);
    waitFor([&] { return results->rowCount() > 0 && !results->isLoading(); });
    pump(2500);
    shot(QStringLiteral("12-dark-search"));

    auto* sheet = new ShortcutSheet(&window);
    sheet->setAttribute(Qt::WA_DeleteOnClose);
    sheet->show();
    shot(QStringLiteral("13-shortcuts"));
    sheet->close();
    return 0;
}
