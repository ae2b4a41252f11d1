#include "ThumbnailGridView.h"

#include "ThumbnailCache.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

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
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionRectVisible(false);
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
    QListView::resizeEvent(event);
    m_visibleTimer.start();
}

void ThumbnailGridView::rowsInserted(const QModelIndex& parent, int start, int end) {
    QListView::rowsInserted(parent, start, end);
    m_visibleTimer.start();
}

void ThumbnailGridView::updateWantedThumbnails() {
    if (!m_thumbnails || !model())
        return;
    // Tiles on screen plus one screen above and below stay wanted; everything else is cancelled.
    const QRect viewRect = viewport()->rect();
    const QRect keepRect = viewRect.adjusted(0, -viewRect.height(), 0, viewRect.height());
    QSet<QUrl> wanted;
    const int rows = model()->rowCount(rootIndex());
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = model()->index(row, modelColumn(), rootIndex());
        if (!visualRect(index).intersects(keepRect))
            continue;
        const QVariant urls = index.data(m_urlsRole);
        if (urls.canConvert<QList<QUrl>>() && urls.userType() != QMetaType::QUrl) {
            const auto list = urls.value<QList<QUrl>>();
            for (const QUrl& url : list)
                wanted.insert(url);
        } else {
            wanted.insert(urls.toUrl());
        }
    }
    m_thumbnails->keepOnly(wanted);
}

} // namespace vl
