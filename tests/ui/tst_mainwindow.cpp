#include "ClusterJson.h"
#include "ConnectionStatusPage.h"
#include "DatasetListModel.h"
#include "DatasetListWidget.h"
#include "MainWindow.h"
#include "MemorySecretStore.h"
#include "ModelTestSupport.h"
#include "NotificationBanner.h"
#include "SearchView.h"
#include "SessionManager.h"
#include "StatusIndicators.h"
#include "TasksModel.h"

#include <QDir>
#include <QDropEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace vl;
using namespace vl::test;

// The window against a scripted self-hosted server: failures explained with Retry, the dataset list,
// opening (or refusing to open) datasets, and a dropped folder becoming a followed dataset.
// The window on one self-hosted connection, built as main() builds it, started.
struct WindowOnServer {
    explicit WindowOnServer(const QUrl& url) {
        connections.setLastConnectionId(connections.addSelfHosted("Lab", url));
        window.show();
        window.start();
    }
    MemorySecretStore secrets;
    ConnectionsModel connections{&secrets};
    ApiClient client;
    ConnectionManager manager{&client, &connections};
    SessionManager sessions{&manager};
    MainWindow window{&sessions, &connections, &manager};
};

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void failureIsExplainedWithRetryThenAnotherServerWorks();
    void folderDropCreatesAFollowedDataset();
    void startingLocalEngineIsShownThenFailureOffersRetry();
    void datasetColumnsFitTheirContentsAndNameStretches();
    void statusBarSaysWhenARequestWillBeRetried();

private:
    std::optional<ScriptedReply> answer(const RecordedRequest& request);
    QJsonArray m_datasets;
};

void MainWindowTest::initTestCase() {
    // Keep the test's settings apart from a user's.
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

std::optional<ScriptedReply> MainWindowTest::answer(const RecordedRequest& request) {
    if (request.path == QLatin1String("/api/v1/datasets"))
        return ScriptedReply::json(200, toJson(m_datasets));
    if (request.path == QLatin1String("/api/v1/explore/ready-1")) {
        const bool first = request.queryValue("page_number") == QLatin1String("0");
        return ScriptedReply::json(200, toJson(explorePage(first ? 3 : 0, 0)));
    }
    if (request.path == QLatin1String("/api/v1/process")) {
        m_datasets.append(datasetJson("new-1", "Holiday", "INDEXING", 10));
        return ScriptedReply::json(200, R"({"status":"success","message":"Dataset processing started",)"
                                        R"("dataset_id":"new-1","name":"Holiday"})");
    }
    if (request.path == QLatin1String("/api/v1/dataset/new-1"))
        return ScriptedReply::json(200, toJson(datasetJson("new-1", "Holiday", "READY", 100)));
    return std::nullopt;
}

void MainWindowTest::failureIsExplainedWithRetryThenAnotherServerWorks() {
    // Reserve a port, then leave it closed: the first attempt fails like an offline server.
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost));
    const quint16 port = placeholder.serverPort();
    placeholder.close();

    m_datasets = {datasetJson("ready-1", "Ready set", "READY"),
                  datasetJson("busy-1", "Busy set", "INDEXING", 40)};
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    const QString id =
        connections.addSelfHosted("Lab", QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    connections.setLastConnectionId(id);
    ApiClient client;
    client.setMaxRetries(0);
    ConnectionManager manager(&client, &connections);
    SessionManager sessions(&manager);
    MainWindow window(&sessions, &connections, &manager);
    window.show();
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Failed, 10000);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.connectionPage()));
    QVERIFY2(window.connectionPage()->reasonText().contains(QStringLiteral("Cannot reach")),
             qPrintable(window.connectionPage()->reasonText()));

    // Retry really tries again (and is explained again).
    QPushButton* retry = nullptr;
    for (QPushButton* button : window.connectionPage()->findChildren<QPushButton*>())
        if (button->text() == QLatin1String("Retry"))
            retry = button;
    QVERIFY(retry && retry->isVisible());
    QSignalSpy attempts(&manager, &ConnectionManager::stateChanged);
    retry->click();
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Failed, 10000);
    QVERIFY(attempts.count() >= 2); // Connecting, then Failed
    QVERIFY(window.connectionPage()->reasonText().contains(QStringLiteral("Cannot reach")));

    // Another server that answers: the list appears.
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([this](const RecordedRequest& request) { return answer(request); });
    connections.remove(id);
    const QString live = connections.addSelfHosted("Lab", server.baseUrl());
    manager.connectTo(live);
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Connected, 10000);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.datasetList()));
    QTRY_COMPARE_WITH_TIMEOUT(window.datasetModel()->rowCount(), 2, 10000);
    QVERIFY(window.datasetModel()->isPolling() || window.datasetModel()->isLoading()); // one is busy

    window.openDataset("busy-1");
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.datasetList()));
    QVERIFY2(window.banner()->text().contains(QStringLiteral("cannot be searched yet")),
             qPrintable(window.banner()->text()));
    window.openDataset("ready-1");
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.searchView()));
    QTRY_VERIFY_WITH_TIMEOUT(window.searchView()->bannerText().contains(QStringLiteral("Showing 3 clusters")),
                             10000);
}

static QPushButton* buttonNamed(QWidget* page, const QString& text) {
    for (QPushButton* button : page->findChildren<QPushButton*>())
        if (button->text() == text)
            return button;
    return nullptr;
}

void MainWindowTest::startingLocalEngineIsShownThenFailureOffersRetry() {
    m_datasets = {datasetJson("ready-1", "Ready set", "READY")};
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    connections.setLastConnectionId(Connection::localId());
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    manager.setLocalStarting(); // as main.cpp does before the window shows
    SessionManager sessions(&manager);
    MainWindow window(&sessions, &connections, &manager);
    window.show();
    window.start();
    QCOMPARE(manager.state(), ConnectionManager::State::Connecting);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.connectionPage()));
    QCOMPARE(window.connectionPage()->titleText(), QStringLiteral("Starting the local engine…"));
    QPushButton* retry = buttonNamed(window.connectionPage(), QStringLiteral("Retry"));
    QVERIFY(retry && !retry->isVisible());

    // The engine failed to start: the reason, and Retry.
    manager.setLocalUnavailable(
        QStringLiteral("Another engine (process 42) is already using /data. Close the "
                       "other VL Explorer window or stop vlx serve, then choose Retry."));
    QCOMPARE(manager.state(), ConnectionManager::State::Failed);
    QVERIFY2(window.connectionPage()->reasonText().contains(QStringLiteral("process 42")),
             qPrintable(window.connectionPage()->reasonText()));
    // The whole wrapped reason is visible, not just its first line.
    auto* reason = window.connectionPage()->findChild<QLabel*>(QStringLiteral("connectionFailureReason"));
    QVERIFY(reason);
    QTRY_VERIFY(reason->height() >= reason->heightForWidth(reason->width()));
    QVERIFY(reason->height() > reason->fontMetrics().height()); // two lines at least: it wraps
    QVERIFY(retry->isVisible());

    // Retry asks for a new engine start and waits for it; this time it comes up.
    QSignalSpy startRequests(&manager, &ConnectionManager::localEngineStartRequested);
    connect(&manager, &ConnectionManager::localEngineStartRequested, &manager,
            [&manager] { manager.setLocalStarting(); });
    retry->click();
    QCOMPARE(startRequests.count(), 1);
    QCOMPARE(window.connectionPage()->titleText(), QStringLiteral("Starting the local engine…"));
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([this](const RecordedRequest& request) { return answer(request); });
    manager.setLocalEndpoint(server.baseUrl(), QStringLiteral("local-key"), QByteArray("local-secret"));
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Connected, 10000);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.datasetList()));
    QTRY_COMPARE_WITH_TIMEOUT(window.datasetModel()->rowCount(), 1, 10000);
}

void MainWindowTest::datasetColumnsFitTheirContentsAndNameStretches() {
    QJsonObject withObjects = datasetJson("o", "Street scenes with detected objects", "READY");
    withObjects["n_objects"] = 1234;
    QJsonObject perceiving = datasetJson("f", "Still finding objects", "READY");
    perceiving["perception_progress"] = 40;
    DatasetListModel model;
    model.mergeDatasets({Dataset::fromJson(withObjects), Dataset::fromJson(perceiving),
                         Dataset::fromJson(datasetJson("p", "Partly indexed", "PARTIAL INDEX", 70)),
                         Dataset::fromJson(datasetJson("e", "Broken", "ERROR", -1, "decoder crashed"))});
    DatasetListWidget list(&model);
    // A header saved by an older version, with a Created column too narrow for its dates.
    {
        DatasetListWidget old(&model);
        old.view()->header()->setSectionResizeMode(QHeaderView::Interactive);
        old.view()->setColumnWidth(DatasetListModel::CreatedColumn, 50);
        list.restoreHeaderState(old.saveHeaderState());
    }
    list.resize(900, 400);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    QTreeView* view = list.view();
    QHeaderView* header = view->header();
    const QAbstractItemView* asItemView = view; // sizeHintForColumn is public there
    QCOMPARE(header->sectionResizeMode(DatasetListModel::NameColumn), QHeaderView::Stretch);
    for (int column = DatasetListModel::StatusColumn; column < DatasetListModel::ColumnCount; ++column) {
        QVERIFY2(header->sectionSize(column) >= asItemView->sizeHintForColumn(column),
                 qPrintable(QStringLiteral("column %1: %2 < %3")
                                .arg(column)
                                .arg(header->sectionSize(column))
                                .arg(asItemView->sizeHintForColumn(column))));
    }
    // The longest badge ("Ready · finding objects 40%", bold) fits its column instead of running into
    // Progress.
    const QString badgeText = model.index(model.rowOf("f"), DatasetListModel::StatusColumn)
                                  .data(DatasetListModel::StatusTextRole)
                                  .toString();
    QVERIFY2(badgeText.contains(QStringLiteral("40%")), qPrintable(badgeText));
    QFont bold = view->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 0.9);
    QVERIFY(header->sectionSize(DatasetListModel::StatusColumn) >
            QFontMetrics(bold).horizontalAdvance(badgeText) + 16);
    const QModelIndex created = model.index(model.rowOf("o"), DatasetListModel::CreatedColumn);
    QVERIFY(header->sectionSize(DatasetListModel::CreatedColumn) >
            view->fontMetrics().horizontalAdvance(created.data().toString()));
    QCOMPARE(header->length(), view->viewport()->width()); // the name takes the rest
    QCOMPARE(model.index(model.rowOf("o"), DatasetListModel::ObjectsColumn).data().toString(),
             QLocale().toString(1234));
    QCOMPARE(model.index(model.rowOf("e"), DatasetListModel::ObjectsColumn).data().toString(),
             QStringLiteral("–"));
}

void MainWindowTest::folderDropCreatesAFollowedDataset() {
    m_datasets = {datasetJson("ready-1", "Ready set", "READY")};
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([this](const RecordedRequest& request) { return answer(request); });
    WindowOnServer app(server.baseUrl());
    MainWindow& window = app.window;
    QTRY_COMPARE_WITH_TIMEOUT(window.datasetModel()->rowCount(), 1, 10000);

    QTemporaryDir dir;
    QDir(dir.path()).mkdir("Holiday");
    const QString folder = dir.filePath("Holiday");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(folder)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);

    QTRY_COMPARE_WITH_TIMEOUT(server.requestsTo("/api/v1/process").size(), 1, 10000);
    const RecordedRequest process = server.requestsTo("/api/v1/process").first();
    QCOMPARE(QDir::fromNativeSeparators(process.queryValue("path")), folder);
    QCOMPARE(process.queryValue("name"), QStringLiteral("Holiday"));
    QTRY_COMPARE_WITH_TIMEOUT(window.tasksModel()->rowCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.tasksModel()->index(0, 0).data(TasksModel::FinishedRole).toBool(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.banner()->text().contains(QStringLiteral("ready to search")), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.datasetModel()->rowCount(), 2, 10000);
}

// The connection check passes, then the dataset list meets a 503 with Retry-After: 4 on the session's
// client; the status bar says when the next attempt comes.
void MainWindowTest::statusBarSaysWhenARequestWillBeRetried() {
    ScriptedServer server;
    QVERIFY(server.listen());
    int listRequests = 0;
    server.setHandler([&listRequests](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path != QLatin1String("/api/v1/datasets"))
            return std::nullopt;
        if (++listRequests == 2)
            return ScriptedReply::json(503, R"({"detail":"busy"})").withHeader("Retry-After", "4");
        return ScriptedReply::json(200, "[]");
    });
    WindowOnServer app(server.baseUrl());
    MainWindow& window = app.window;
    QTRY_COMPARE_WITH_TIMEOUT(window.statusIndicators()->retryText(), QStringLiteral("retrying in 4 s"),
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(listRequests, 3, 10000); // and it does try again
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
