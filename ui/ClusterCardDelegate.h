#pragma once

#include "ThumbnailCache.h"
#include <QCache>
#include <QPixmap>
#include <QPointer>
#include <QStyledItemDelegate>
#include <functional>

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
    // The fonts derived from the view's font, and their metrics: made once per font, not per card.
    struct Fonts {
        QFont base, badge, small;
        int lineHeight = 0;
        int badgeHeight = 0;
    };
    const Fonts& fontsFor(const QFont& base) const;
    // What does not change from frame to frame is drawn once into a pixmap and then only copied:
    // the card's background and border, the mosaic's rounded corners, the count badge and the text.
    QPixmap cached(const QString& key, const QSize& size, qreal dpr, bool opaque,
                   const std::function<void(QPainter*)>& draw) const;
    // A frame drawn once and kept as its four edges (top, bottom, left, right) or its four corners
    // (top left, top right, bottom left, bottom right), `width` wide.
    struct Edges {
        QSize size;
        qreal dpr = 0;
        QString key; // what else it was drawn from
        int width = 0;
        QPixmap pieces[4];
    };
    const Edges& chrome(const QSize& size, bool selected, const QPalette& palette, qreal dpr) const;
    const Edges& mosaicCorners(const QSize& size, const QColor& background, qreal dpr) const;
    QPixmap badge(qint64 count, qreal dpr) const;
    QPixmap textBlock(const QModelIndex& index, int width, bool selected, const QColor& background,
                      const QPalette& palette, qreal dpr) const;
    static void paintEdges(QPainter* painter, const QRect& rect, const Edges& edges, const QColor& inside);
    static void paintCorners(QPainter* painter, const QRect& rect, const Edges& corners);
    static QVector<QRect> mosaicCells(const QRect& area, int urlCount);
    static QSize requestSize(const QRect& cell, qreal devicePixelRatio);
    static void paintSelectedMark(QPainter* painter, const QRect& mosaic, const QPalette& palette);
    void paintMosaic(QPainter* painter, const QRect& area, const QList<QUrl>& urls,
                     const QList<QRectF>& boxes, qreal devicePixelRatio, const QPalette& palette) const;
    QPointer<ThumbnailCache> m_thumbnails;
    int m_tileSize = 180;
    mutable Fonts m_fonts;
    mutable Edges m_chrome[2];                  // unselected, selected
    mutable Edges m_corners[2];                 // for the two card colours last used
    mutable QCache<QString, QPixmap> m_pixmaps; // cost in kilobytes
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
