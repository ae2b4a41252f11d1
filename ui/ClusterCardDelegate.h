#pragma once

#include "ThumbnailCache.h"
#include <QPointer>
#include <QStyledItemDelegate>

namespace vl {

// Paints one cluster card: a mosaic of up to four preview thumbnails, the item count, the caption,
// the top labels and the relevance score with its direction. Thumbnails come from the cache; a
// placeholder is drawn until they arrive. All cards have the same size (uniform item sizes).
class ClusterCardDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ClusterCardDelegate(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    void setTileSize(int pixels);
    int tileSize() const { return m_tileSize; }
    // A card is its tile (the mosaic) with a margin on each side.
    static int cardWidth(int tileSize);
    static int tileSizeForCardWidth(int cardWidth);
    // Which thumbnails a card shows (the mosaic uses at most four).
    static constexpr int kMaxMosaicTiles = 4;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The thumbnails a card asks for (URL and size), as paint() would: for loading before it is painted.
    QList<QPair<QUrl, QSize>> thumbnailRequests(const QModelIndex& index, qreal devicePixelRatio) const;

private:
    static QVector<QRect> mosaicCells(const QRect& area, int urlCount);
    static QSize requestSize(const QRect& cell, qreal devicePixelRatio);
    static void paintSelectedMark(QPainter* painter, const QRect& mosaic, const QPalette& palette);
    void paintMosaic(QPainter* painter, const QRect& area, const QList<QUrl>& urls,
                     const QList<QRectF>& boxes, qreal devicePixelRatio, const QPalette& palette) const;
    QPointer<ThumbnailCache> m_thumbnails;
    int m_tileSize = 180;
};

// Draws a pixmap centred and cropped to fill `target` (thumbnails are "cover" fitted).
// With an object box (fractions of the image) the crop keeps the object in view and the box is outlined.
void drawPixmapCovering(QPainter* painter, const QRect& target, const QPixmap& pixmap,
                        const QRectF& objectBox = {});
// The colour object boxes are outlined in (cards and the media viewer).
QColor objectBoxColor();
// The neutral placeholder shown while a thumbnail loads (or when it failed).
void drawPlaceholder(QPainter* painter, const QRect& target, const QPalette& palette, bool failed);

} // namespace vl
