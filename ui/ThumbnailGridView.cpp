#include "ThumbnailGridView.h"

#include "ThumbnailCache.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>

namespace vl {

ThumbnailGridView::ThumbnailGridView(ThumbnailCache* thumbnails, int urlsRole, QWidget* parent)
    : QListView(parent)
    , m_thumbnails(thumbnails)
    , m_urlsRole(urlsRole) {
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    setLayoutMode(QListView::SinglePass);
    // Ctrl+click toggles, Shift+click selects a range, dragging from a gap between tiles draws a
    // rubber band (a drag that starts on a tile drags the tile out, as before).
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalScrollBar()->setSingleStep(24);
    setSpacing(4);
    setWordWrap(false);
    m_visibleTimer.setSingleShot(true);
    m_visibleTimer.setInterval(120);
    connect(&m_visibleTimer, &QTimer::timeout, this, &ThumbnailGridView::updateWantedThumbnails);
    connect(this, &QAbstractItemView::doubleClicked, this, &ThumbnailGridView::openRequested);
    if (m_thumbnails) {
        connect(m_thumbnails, &ThumbnailCache::thumbnailReady, viewport(), qOverload<>(&QWidget::update));
        connect(m_thumbnails, &ThumbnailCache::thumbnailFailed, viewport(), qOverload<>(&QWidget::update));
    }
}

void ThumbnailGridView::setItemSize(const QSize& size) {
    setGridSize(size + QSize(spacing(), spacing()));
    doItemsLayout();
    m_visibleTimer.start();
}

void ThumbnailGridView::setFillRows(int preferredWidth, int minWidth, int maxWidth, ItemSizer sizer) {
    m_preferredWidth = preferredWidth;
    m_minWidth = minWidth;
    m_maxWidth = qMax(minWidth, maxWidth);
    m_sizer = std::move(sizer);
    fillRows();
}

int ThumbnailGridView::fillingItemWidth(int available, int spacing, int preferred, int minWidth,
                                        int maxWidth) {
    const int preferredCell = qMax(1, preferred + spacing);
    int columns = qMax(1, qRound(double(available) / preferredCell));
    const auto widthFor = [&](int n) { return available / n - spacing; };
    while (columns > 1 && widthFor(columns) < minWidth)
        --columns;
    while (widthFor(columns) > maxWidth && widthFor(columns + 1) >= minWidth)
        ++columns;
    return qBound(minWidth, widthFor(columns), maxWidth);
}

void ThumbnailGridView::fillRows() {
    if (!m_sizer)
        return;
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, verticalScrollBar());
    // One pixel short of the edge: the list view wraps a column that would touch it.
    const int available = contentsRect().width() - scrollBar - 1;
    const int width = fillingItemWidth(available, spacing(), m_preferredWidth, m_minWidth, m_maxWidth);
    const QSize grid = m_sizer(width) + QSize(spacing(), spacing());
    if (grid == gridSize())
        return;
    setGridSize(grid);
    doItemsLayout();
    m_visibleTimer.start();
}

void ThumbnailGridView::setEmptyText(const QString& text) {
    if (m_emptyText == text)
        return;
    m_emptyText = text;
    viewport()->update();
}

void ThumbnailGridView::paintEvent(QPaintEvent* event) {
    QListView::paintEvent(event);
    if (m_emptyText.isEmpty() || (model() && model()->rowCount(rootIndex()) > 0))
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap,
                     m_emptyText);
}

void ThumbnailGridView::keyPressEvent(QKeyEvent* event) {
    const QModelIndex current = currentIndex();
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (current.isValid()) {
            emit openRequested(current);
            return;
        }
        break;
    case Qt::Key_Space:
        if (current.isValid()) {
            emit previewRequested(current);
            return;
        }
        break;
    default:
        break;
    }
    QListView::keyPressEvent(event);
}

void ThumbnailGridView::scrollContentsBy(int dx, int dy) {
    QListView::scrollContentsBy(dx, dy);
    m_visibleTimer.start();
}

void ThumbnailGridView::resizeEvent(QResizeEvent* event) {
    fillRows();
    QListView::resizeEvent(event);
    m_visibleTimer.start();
}

void ThumbnailGridView::rowsInserted(const QModelIndex& parent, int start, int end) {
    QListView::rowsInserted(parent, start, end);
    m_visibleTimer.start();
}

namespace {

// Distance between a tile and the viewport: 0 when they overlap.
int distanceToViewport(const QRect& tile, const QRect& view) {
    const int dy = tile.bottom() < view.top()   ? view.top() - tile.bottom()
                   : tile.top() > view.bottom() ? tile.top() - view.bottom()
                                                : 0;
    const int dx = tile.right() < view.left()   ? view.left() - tile.right()
                   : tile.left() > view.right() ? tile.left() - view.right()
                                                : 0;
    return dx + dy;
}

} // namespace

void ThumbnailGridView::appendUrls(const QModelIndex& index, QList<QUrl>& urls) const {
    const QVariant value = index.data(m_urlsRole);
    if (value.canConvert<QList<QUrl>>() && value.userType() != QMetaType::QUrl)
        urls.append(value.value<QList<QUrl>>());
    else
        urls.append(value.toUrl());
}

// As gwenview's ThumbnailView::generateThumbnailsForItems does: the tiles on screen first, in reading
// order (the model's order, which the static grid lays out left to right, top to bottom), then the
// ones within a screen above or below, nearest first. Everything else is cancelled.
QModelIndexList ThumbnailGridView::wantedIndexes() const {
    QModelIndexList wanted;
    if (!model())
        return wanted;
    const QRect viewRect = viewport()->rect();
    const QRect keepRect = viewRect.adjusted(0, -viewRect.height(), 0, viewRect.height());
    QList<QPair<int, QModelIndex>> nearby;
    const int rows = model()->rowCount(rootIndex());
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = model()->index(row, modelColumn(), rootIndex());
        const QRect rect = visualRect(index);
        if (rect.intersects(viewRect))
            wanted.append(index);
        else if (rect.intersects(keepRect))
            nearby.append({distanceToViewport(rect, viewRect), index});
    }
    std::stable_sort(nearby.begin(), nearby.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& item : nearby)
        wanted.append(item.second);
    return wanted;
}

QList<QUrl> ThumbnailGridView::wantedUrls() const {
    QList<QUrl> urls;
    for (const QModelIndex& index : wantedIndexes())
        appendUrls(index, urls);
    return urls;
}

void ThumbnailGridView::updateWantedThumbnails() {
    if (!m_thumbnails || !model())
        return;
    const QModelIndexList wanted = wantedIndexes();
    QList<QUrl> urls;
    for (const QModelIndex& index : wanted)
        appendUrls(index, urls);
    m_thumbnails->setWanted(urls);
    if (!m_prefetcher)
        return;
    for (const QModelIndex& index : wanted) {
        for (const auto& [url, size] : m_prefetcher(index))
            m_thumbnails->thumbnail(url, size); // queued at its rank unless already in memory
    }
}

} // namespace vl
