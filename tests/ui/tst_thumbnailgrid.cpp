// The grid asks for thumbnails in the order a person sees them: visible tiles in reading order, then
// the ones nearby by distance from the viewport (as gwenview's ThumbnailView does); the provider
// serves its queue in that order, and tiles near the viewport are loaded before they are painted.
#include "ModelTestSupport.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "ThumbnailProvider.h"

#include <QScrollBar>
#include <QStandardItemModel>
#include <QTest>

using namespace vl;
using namespace vl::test;

class ThumbnailGridTest : public QObject {
    Q_OBJECT
private slots:
    void wantsVisibleTilesInReadingOrderThenNearestFirst();
    void providerServesTheQueueInTheGridsOrder();
};

static constexpr int kUrlRole = Qt::UserRole + 1;

static QUrl urlOf(int row) {
    return QUrl(QStringLiteral("http://127.0.0.1:9/t/%1.png").arg(row));
}

static void fill(QStandardItemModel& model, int count, const QUrl& base = {}) {
    for (int row = 0; row < count; ++row) {
        auto* item = new QStandardItem(QString::number(row));
        item->setData(base.isEmpty() ? urlOf(row) : base.resolved(QUrl(QStringLiteral("/t/%1.png").arg(row))),
                      kUrlRole);
        model.appendRow(item);
    }
}

// Row of the grid (0 = top) an item sits in, and the band of grid rows the viewport shows.
static int gridRow(const ThumbnailGridView& grid, int row) {
    return grid.visualRect(grid.model()->index(row, 0)).top() / grid.gridSize().height();
}

void ThumbnailGridTest::wantsVisibleTilesInReadingOrderThenNearestFirst() {
    QStandardItemModel model;
    fill(model, 60);
    ThumbnailGridView grid(nullptr, kUrlRole);
    grid.setModel(&model);
    grid.setItemSize(QSize(96, 96));
    grid.resize(440, 250);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    grid.verticalScrollBar()->setValue(5 * grid.gridSize().height()); // somewhere in the middle
    QCoreApplication::processEvents();

    const QList<QUrl> wanted = grid.wantedUrls();
    QList<int> visible;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (grid.visualRect(model.index(row, 0)).intersects(grid.viewport()->rect()))
            visible.append(row);
    }
    QVERIFY(visible.size() >= 4);
    QVERIFY(wanted.size() > visible.size()); // nearby tiles too
    for (int i = 0; i < visible.size(); ++i)
        QCOMPARE(wanted.at(i), urlOf(visible.at(i))); // reading order
    const int firstVisibleRow = gridRow(grid, visible.first());
    const int lastVisibleRow = gridRow(grid, visible.last());
    int previousDistance = 0;
    for (int i = visible.size(); i < wanted.size(); ++i) {
        const int row = wanted.at(i).fileName().section('.', 0, 0).toInt();
        const int line = gridRow(grid, row);
        const int distance = line < firstVisibleRow ? firstVisibleRow - line : line - lastVisibleRow;
        QVERIFY2(distance >= previousDistance,
                 qPrintable(QStringLiteral("row %1 after a nearer one").arg(row)));
        previousDistance = distance;
    }
}

void ThumbnailGridTest::providerServesTheQueueInTheGridsOrder() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RecordedRequest&) { return ScriptedReply::hang(); });
    QStandardItemModel model;
    fill(model, 60, server.baseUrl());
    auto client = clientFor(server);
    ThumbnailProvider provider(client.get());
    provider.setMaxConcurrentDownloads(1);
    ThumbnailCache cache(&provider);
    ThumbnailGridView grid(&cache, kUrlRole);
    grid.setPrefetcher([](const QModelIndex& index) {
        return QList<QPair<QUrl, QSize>>{{index.data(kUrlRole).toUrl(), QSize(64, 64)}};
    });
    grid.setModel(&model);
    grid.setItemSize(QSize(96, 96));
    grid.resize(440, 250);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    grid.verticalScrollBar()->setValue(5 * grid.gridSize().height());
    const QList<QUrl> wanted = grid.wantedUrls();
    // After the grid's debounce, everything it wants is running or queued, in its order.
    QTRY_COMPARE_WITH_TIMEOUT(provider.queuedCount() + provider.downloadingCount(), int(wanted.size()), 5000);
    QList<QUrl> queued = provider.queuedUrls();
    QCOMPARE(queued, wanted.mid(wanted.size() - queued.size()));
    QCOMPARE(queued.first(), wanted.at(wanted.size() - queued.size()));
}

QTEST_MAIN(ThumbnailGridTest)
#include "tst_thumbnailgrid.moc"
