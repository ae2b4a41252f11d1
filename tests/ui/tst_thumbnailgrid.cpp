// The grid asks for thumbnails in the order a person sees them: visible tiles in reading order, then
// the ones nearby by distance from the viewport (as gwenview's ThumbnailView does); the provider
// serves its queue in that order, and tiles near the viewport are loaded before they are painted.
#include "ModelTestSupport.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "ThumbnailProvider.h"

#include <QScrollBar>
#include <QStandardItemModel>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTest>

using namespace vl;
using namespace vl::test;

class ThumbnailGridTest : public QObject {
    Q_OBJECT
private slots:
    void wantsVisibleTilesInReadingOrderThenNearestFirst();
    void providerServesTheQueueInTheGridsOrder();
    void tilesFillTheRowAtEveryWidth();
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

namespace {
struct FixedSizeDelegate : QStyledItemDelegate {
    QSize size;
    QSize sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const override { return size; }
};
} // namespace

// Issue 11: at the default window size the grid left a wide empty band on the right. With fill
// rows on, the columns cover the viewport but for one spacing and the scroll bar's width, and the
// tiles stay within the slider's bounds.
void ThumbnailGridTest::tilesFillTheRowAtEveryWidth() {
    QStandardItemModel model;
    fill(model, 60);
    ThumbnailGridView grid(nullptr, kUrlRole);
    grid.setModel(&model);
    const int preferred = 192, minWidth = 108, maxWidth = 332;
    FixedSizeDelegate delegate;
    grid.setItemDelegate(&delegate);
    grid.setFillRows(preferred, minWidth, maxWidth, [&delegate](int width) {
        delegate.size = QSize(width, width + 70); // as the card delegate does with its tile size
        return delegate.size;
    });
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    const int scrollBar =
        grid.style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, grid.verticalScrollBar());
    for (const int width : {260, 420, 700, 913, 1000, 1178, 1400}) {
        grid.resize(width, 500);
        QTRY_VERIFY(grid.viewport()->width() <= width); // the resize reached the viewport
        QCoreApplication::processEvents();
        int columns = 0, right = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QRect rect = grid.visualRect(model.index(row, 0));
            if (rect.top() > grid.visualRect(model.index(0, 0)).top())
                break;
            ++columns;
            QVERIFY(rect.width() == grid.gridSize().width() - grid.spacing());
            right = rect.right() + 1;
        }
        const int tileWidth = grid.gridSize().width() - grid.spacing();
        const int band = grid.viewport()->width() - right;
        const QString where = QStringLiteral("width %1: %2 columns of %3, band %4")
                                  .arg(width)
                                  .arg(columns)
                                  .arg(tileWidth)
                                  .arg(band);
        QVERIFY2(columns >= 1, qPrintable(where));
        QVERIFY2(band >= 0 && band <= grid.spacing() + scrollBar + 1, qPrintable(where));
        QVERIFY2(tileWidth >= minWidth && tileWidth <= maxWidth, qPrintable(where));
        // The nearest column count to the preferred width: one more or one fewer would be further off.
        QVERIFY2(qAbs(tileWidth - preferred) <= preferred / 2 + grid.spacing(), qPrintable(where));
    }
}

QTEST_MAIN(ThumbnailGridTest)
#include "tst_thumbnailgrid.moc"
