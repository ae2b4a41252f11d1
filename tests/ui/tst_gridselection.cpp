// Selection in the results grid through real mouse events (Ctrl+click, Shift+click, rubber band
// from a gap), the actions on it against the scripted server (find similar, export ids, copied
// paths, folders opened) and the compare dialog (synchronised zoom and pan, metadata).
#include "ClusterJson.h"
#include "ClusterMembersDialog.h"
#include "ClusterResultsModel.h"
#include "CompareDialog.h"
#include "ModelTestSupport.h"
#include "ResultSelectionActions.h"
#include "SearchView.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "ThumbnailProvider.h"
#include "ZoomImageView.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vl;
using namespace vl::test;

class GridSelectionTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void ctrlShiftClickAndRubberBandSelect();
    void actionsActOnTheSelection();
    void compareFollowsZoomAndPanAndShowsMetadata();
    void membersDialogComparesTwoSelectedMembers();

private:
    std::optional<ScriptedReply> answer(const RecordedRequest& request);
    QList<int> selectedRows() const;
    void click(int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    QPoint gapPoint() const;

    QTemporaryDir m_dir;
    std::unique_ptr<ScriptedServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<ClusterResultsModel> m_results;
    std::unique_ptr<ThumbnailProvider> m_provider;
    std::unique_ptr<ThumbnailCache> m_thumbnails;
    std::unique_ptr<SearchView> m_view;
    QByteArray m_png;
};

// Even clusters are files on this computer (original_uri file://, in two folders); odd ones are not.
std::optional<ScriptedReply> GridSelectionTest::answer(const RecordedRequest& request) {
    if (request.path == QLatin1String("/api/v1/explore/ds")) {
        const bool first = request.queryValue("page_number") == QLatin1String("0");
        QJsonObject page = explorePage(first ? 12 : 0, 0, 0.2, m_server->baseUrl().toString());
        QJsonArray clusters = page.value("clusters").toArray();
        for (int c = 0; c < clusters.size(); c += 2) {
            QJsonObject cluster = clusters.at(c).toObject();
            QJsonArray previews = cluster.value("previews").toArray();
            for (int p = 0; p < previews.size(); ++p) {
                QJsonObject preview = previews.at(p).toObject();
                const QString folder = m_dir.filePath(p == 0 ? "a" : "b");
                preview.insert(
                    "original_uri",
                    QUrl::fromLocalFile(folder + "/" + preview.value("file_name").toString()).toString());
                previews[p] = preview;
            }
            cluster.insert("previews", previews);
            clusters[c] = cluster;
        }
        page.insert("clusters", clusters);
        return ScriptedReply::json(200, toJson(page));
    }
    if (request.path.startsWith(QLatin1String("/thumb/")) ||
        request.path.startsWith(QLatin1String("/image/")))
        return ScriptedReply::raw(200, m_png, "image/png");
    return std::nullopt;
}

void GridSelectionTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gridselection"));
    QSettings().clear();
}

void GridSelectionTest::init() {
    QVERIFY(m_dir.isValid());
    QImage image(200, 100, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QBuffer buffer(&m_png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    m_server = std::make_unique<ScriptedServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([this](const RecordedRequest& request) { return answer(request); });
    m_client = clientFor(*m_server);
    m_results = std::make_unique<ClusterResultsModel>();
    m_results->setClient(m_client.get());
    m_provider = std::make_unique<ThumbnailProvider>(m_client.get());
    m_thumbnails = std::make_unique<ThumbnailCache>(m_provider.get());
    m_view = std::make_unique<SearchView>(m_results.get(), m_thumbnails.get());
    m_view->resize(1200, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setDataset("ds", "Test dataset");
    QTRY_COMPARE_WITH_TIMEOUT(m_results->rowCount(), 12, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_results->isLoading(), 10000);
}

void GridSelectionTest::cleanup() {
    m_view.reset();
    m_thumbnails.reset();
    m_provider.reset();
    m_results.reset();
    m_client.reset();
    m_server.reset();
}

QList<int> GridSelectionTest::selectedRows() const {
    QList<int> rows;
    for (const QModelIndex& index : m_view->grid()->selectionModel()->selectedIndexes())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void GridSelectionTest::click(int row, Qt::KeyboardModifiers modifiers) {
    ThumbnailGridView* grid = m_view->grid();
    const QPoint point = grid->visualRect(m_results->index(row)).center();
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, modifiers, point);
}

// A point between the first two tiles, on no tile: where a rubber band starts.
QPoint GridSelectionTest::gapPoint() const {
    ThumbnailGridView* grid = m_view->grid();
    const QRect first = grid->visualRect(m_results->index(0));
    for (int x = first.right(); x < first.right() + grid->gridSize().width(); ++x) {
        const QPoint point(x, first.center().y());
        if (!grid->indexAt(point).isValid())
            return point;
    }
    return {};
}

void GridSelectionTest::ctrlShiftClickAndRubberBandSelect() {
    ThumbnailGridView* grid = m_view->grid();
    const int columns = grid->viewport()->width() / grid->gridSize().width();
    QVERIFY2(columns >= 3, qPrintable(QString::number(columns)));
    click(1);
    QCOMPARE(selectedRows(), (QList<int>{1}));
    QCOMPARE(m_view->selectionText(), QStringLiteral("1 selected (3 images)"));
    click(3, Qt::ControlModifier);
    QCOMPARE(selectedRows(), (QList<int>{1, 3}));
    const int far = columns + 2; // on the next row: a range in reading order, not a rectangle
    click(far, Qt::ShiftModifier);
    QList<int> expected{1};
    for (int row = 3; row <= far; ++row)
        expected.append(row);
    QCOMPARE(selectedRows(), expected);
    click(3, Qt::ControlModifier); // toggles off
    QVERIFY(!selectedRows().contains(3));

    // Rubber band: from the gap after tile 0 down into the second row, over tile 1 and its neighbour below.
    const QPoint from = gapPoint();
    QVERIFY(!from.isNull());
    const QPoint to = grid->visualRect(m_results->index(columns + 1)).center();
    QTest::mousePress(grid->viewport(), Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(grid->viewport(), (from + to) / 2);
    QTest::mouseMove(grid->viewport(), to);
    QTest::mouseRelease(grid->viewport(), Qt::LeftButton, Qt::NoModifier, to);
    QCOMPARE(selectedRows(), (QList<int>{1, columns + 1}));
    QCOMPARE(m_view->selectionText(), QStringLiteral("2 selected (6 images)"));
}

void GridSelectionTest::actionsActOnTheSelection() {
    ResultSelectionActions* actions = m_view->selectionActions();
    QVERIFY(!actions->exportAction()->isEnabled()); // nothing selected
    click(2);
    click(5, Qt::ControlModifier);
    QVERIFY(actions->exportAction()->isEnabled());
    QVERIFY(!actions->compareAction()->isEnabled() || selectedRows().size() == 2);

    QSignalSpy exports(m_view.get(), &SearchView::exportSelectionRequested);
    QTest::keyClick(m_view->grid(), Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(exports.size(), 1);
    QCOMPARE(exports.first().at(0).toString(), QStringLiteral("ds"));
    QCOMPARE(exports.first().at(1).toStringList(),
             (QStringList{"c2-m0", "c2-m1", "c2-m2", "c5-m0", "c5-m1", "c5-m2"}));

    // Ctrl+C in the grid copies the paths: local files as paths, the others by file name.
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(m_view->grid(), Qt::Key_C, Qt::ControlModifier);
    const QString a = QDir::toNativeSeparators(m_dir.filePath("a"));
    const QString b = QDir::toNativeSeparators(m_dir.filePath("b"));
    const QString sep = QDir::separator();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             QStringList({a + sep + "c2-0.png", b + sep + "c2-1.png", b + sep + "c2-2.png", "c5-0.png",
                          "c5-1.png", "c5-2.png"})
                 .join('\n'));

    QList<QUrl> opened;
    actions->setUrlOpener([&opened](const QUrl& url) {
        opened.append(url);
        return true;
    });
    QVERIFY(actions->openFolderAction()->isEnabled());
    actions->openFolderAction()->trigger();
    QCOMPARE(opened, (QList<QUrl>{QUrl::fromLocalFile(m_dir.filePath("a")),
                                  QUrl::fromLocalFile(m_dir.filePath("b"))}));
    click(5); // only a card that is no local file: nothing to open
    QVERIFY(!actions->openFolderAction()->isEnabled());

    // Find similar searches around the first selected card's first item.
    click(4);
    const int before = int(m_server->requestsTo("/api/v1/explore/ds").size());
    QTest::keyClick(m_view->grid(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_COMPARE_WITH_TIMEOUT(int(m_server->requestsTo("/api/v1/explore/ds").size()), before + 1, 10000);
    const RecordedRequest similar = m_server->requestsTo("/api/v1/explore/ds").last();
    QCOMPARE(similar.queryValue("anchor_media_id"), QStringLiteral("c4-m0"));
    QCOMPARE(similar.queryValue("anchor_type"), QStringLiteral("MEDIA"));
    QCOMPARE(m_view->currentView().anchorMediaId, QStringLiteral("c4-m0"));
}

void GridSelectionTest::compareFollowsZoomAndPanAndShowsMetadata() {
    click(0);
    click(1, Qt::ControlModifier);
    QVERIFY(m_view->selectionActions()->compareAction()->isEnabled());
    QTest::keyClick(m_view->grid(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    auto* dialog = m_view->findChild<CompareDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    ZoomImageView* left = dialog->leftView();
    ZoomImageView* right = dialog->rightView();
    QTRY_VERIFY_WITH_TIMEOUT(!left->shownPixmap().isNull() && !right->shownPixmap().isNull(), 10000);

    // The wheel over the left image's right part zooms both about that point.
    const QPoint over = left->rect().center() + QPoint(left->width() / 4, 0);
    QWheelEvent wheel(over, left->mapToGlobal(over), {}, QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(left, &wheel);
    QVERIFY(qAbs(left->zoom() - 1.5625) < 1e-9);
    QCOMPARE(right->zoom(), left->zoom());
    QVERIFY(left->center().x() > 0.5); // moved towards the pointer
    QCOMPARE(right->center(), left->center());

    // Dragging the right one pans the left one.
    const QPointF centerBefore = left->center();
    const QPoint start = right->rect().center();
    QTest::mousePress(right, Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(right, start + QPoint(40, 20));
    QTest::mouseRelease(right, Qt::LeftButton, Qt::NoModifier, start + QPoint(40, 20));
    QVERIFY(left->center().x() < centerBefore.x());
    QCOMPARE(left->center(), right->center());

    QTest::keyClick(dialog, Qt::Key_Plus);
    QVERIFY(qAbs(right->zoom() - 1.5625 * 1.25) < 1e-9);
    QTest::keyClick(dialog, Qt::Key_Minus);
    QTest::keyClick(dialog, Qt::Key_Minus);
    QVERIFY(qAbs(right->zoom() - 1.25) < 1e-9);
    QTest::keyClick(dialog, Qt::Key_0);
    QCOMPARE(left->zoom(), 1.0);
    QCOMPARE(right->zoom(), 1.0);

    const QString details = dialog->detailsText(0);
    QVERIFY2(details.contains("64 × 48 px") && details.contains("c0-0.png") &&
                 details.contains("Labels: none"),
             qPrintable(details));
    QVERIFY(details.contains(QDir::toNativeSeparators(m_dir.filePath("a")))); // the local path
    QVERIFY2(dialog->detailsText(1).contains("File size: unknown"), qPrintable(dialog->detailsText(1)));
}

void GridSelectionTest::membersDialogComparesTwoSelectedMembers() {
    ClusterMembersDialog members(m_results->cluster(3), m_thumbnails.get());
    members.show();
    QVERIFY(QTest::qWaitForWindowExposed(&members));
    auto* grid = members.findChild<ThumbnailGridView*>();
    QVERIFY(grid);
    QVERIFY(!members.compareButton()->isEnabled()); // three members, one current
    const auto at = [grid](int row) { return grid->visualRect(grid->model()->index(row, 0)).center(); };
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, Qt::NoModifier, at(0));
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, Qt::ControlModifier, at(2));
    QVERIFY(members.compareButton()->isEnabled());
    const QVector<Preview> pair = members.comparePair();
    QCOMPARE(pair.at(0).mediaId, QStringLiteral("c3-m0"));
    QCOMPARE(pair.at(1).mediaId, QStringLiteral("c3-m2"));
    members.compareButton()->click();
    QVERIFY(members.findChild<CompareDialog*>());
}

QTEST_MAIN(GridSelectionTest)
#include "tst_gridselection.moc"
