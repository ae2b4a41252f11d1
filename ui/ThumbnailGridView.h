#pragma once

#include "ThumbnailCache.h"
#include <QListView>
#include <QPointer>
#include <QTimer>
#include <functional>

namespace vl {

// A virtualised grid (QListView in icon mode, uniform item sizes, static layout) of thumbnail tiles.
// After scrolling or resizing it tells the thumbnail cache which URLs are on or near the screen, in
// the order it wants them (wantedUrls()), so that loads for tiles scrolled far away are cancelled.
// Enter/Return opens the current item, Space previews it; arrows, Home and End move as in any list view.
class ThumbnailGridView : public QListView {
    Q_OBJECT
public:
    // `urlsRole` holds a QList<QUrl> or a single QUrl per item.
    ThumbnailGridView(ThumbnailCache* thumbnails, int urlsRole, QWidget* parent = nullptr);

    void setItemSize(const QSize& size); // the delegate's card size; also sets the grid size
    // Tiles fill the row: on every resize the view picks the column count whose item width is
    // nearest `preferredWidth` (within minWidth..maxWidth) and asks `sizer` for the item size at the
    // width that fills the viewport (the width the vertical scroll bar needs is always kept free, so
    // the layout does not flip when the bar comes and goes).
    using ItemSizer = std::function<QSize(int itemWidth)>;
    void setFillRows(int preferredWidth, int minWidth, int maxWidth, ItemSizer sizer);
    // The item width that fills `available` pixels with columns nearest `preferred` wide.
    static int fillingItemWidth(int available, int spacing, int preferred, int minWidth, int maxWidth);
    void setEmptyText(const QString& text); // shown in the viewport while there are no items
    QString emptyText() const { return m_emptyText; }
    // The thumbnails worth loading, most wanted first: visible tiles in reading order, then nearby
    // ones by distance from the viewport.
    QList<QUrl> wantedUrls() const;
    // How to ask for an item's thumbnails before it is painted (URL and size per thumbnail); with it
    // the tiles near the viewport are loaded ahead, nearest first.
    using Prefetcher = std::function<QList<QPair<QUrl, QSize>>(const QModelIndex&)>;
    void setPrefetcher(Prefetcher prefetcher) { m_prefetcher = std::move(prefetcher); }

signals:
    void openRequested(const QModelIndex& index);
    void previewRequested(const QModelIndex& index);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent* event) override;
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void updateWantedThumbnails();
    void fillRows();
    void appendUrls(const QModelIndex& index, QList<QUrl>& urls) const;
    QModelIndexList wantedIndexes() const;
    QPointer<ThumbnailCache> m_thumbnails;
    int m_urlsRole;
    QTimer m_visibleTimer;
    Prefetcher m_prefetcher;
    ItemSizer m_sizer;
    int m_preferredWidth = 0;
    int m_minWidth = 0;
    int m_maxWidth = 0;
    QString m_emptyText;
};

} // namespace vl
