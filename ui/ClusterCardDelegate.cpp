#include "ClusterCardDelegate.h"

#include "ClusterResultsModel.h"
#include "ObjectBoxGeometry.h"
#include "ThumbnailCache.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace vl {

static constexpr int kCardMargin = 6;
static constexpr int kTextLines = 4;  // caption, labels, and up to two lines of relevance
static constexpr int kChromeEdge = 8; // the card's inset (2), corner radius (6) and border fit in this
static constexpr int kCornerEdge = 6; // the mosaic's corner radius (4) and its antialiased edge

ClusterCardDelegate::ClusterCardDelegate(ThumbnailCache* thumbnails, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_thumbnails(thumbnails) {
    m_pixmaps.setMaxCost(16 * 1024); // ~16 MB: text and chrome of a few hundred cards
}

void ClusterCardDelegate::setTileSize(int pixels) {
    m_tileSize = qBound(96, pixels, 400);
}

int ClusterCardDelegate::cardWidth(int tileSize) {
    return tileSize + 2 * kCardMargin;
}

int ClusterCardDelegate::tileSizeForCardWidth(int cardWidth) {
    return cardWidth - 2 * kCardMargin;
}

QSize ClusterCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    const int lineHeight = option.fontMetrics.height();
    return {m_tileSize + 2 * kCardMargin, m_tileSize + 2 * kCardMargin + kTextLines * lineHeight + 6};
}

QColor objectBoxColor() {
    return QColor(0xff, 0x9f, 0x1a);
}

void drawPixmapCovering(QPainter* painter, const QRect& target, const QPixmap& pixmap,
                        const QRectF& objectBox) {
    const QSizeF source = QSizeF(pixmap.size()) / pixmap.devicePixelRatio();
    const QRectF sourceRect = ObjectBoxGeometry::coverSourceRect(source, target.size(), objectBox);
    const qreal dpr = pixmap.devicePixelRatio();
    painter->drawPixmap(QRectF(target), pixmap, QRectF(sourceRect.topLeft() * dpr, sourceRect.size() * dpr));
    if (objectBox.isNull())
        return;
    painter->save();
    painter->setClipRect(target, Qt::IntersectClip);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(objectBoxColor(), 2));
    painter->drawRect(ObjectBoxGeometry::mapBox(objectBox, source, sourceRect, QRectF(target)));
    painter->restore();
}

void drawPlaceholder(QPainter* painter, const QRect& target, const QPalette& palette, bool failed) {
    painter->fillRect(target, palette.color(QPalette::AlternateBase));
    painter->setPen(QPen(palette.color(QPalette::Mid), 1));
    const QRect icon(target.center() - QPoint(10, 8), QSize(20, 16));
    painter->drawRect(icon);
    if (failed) {
        painter->drawLine(icon.topLeft(), icon.bottomRight());
        painter->drawLine(icon.topRight(), icon.bottomLeft());
    } else {
        painter->drawLine(icon.bottomLeft() + QPoint(2, -2), icon.center() + QPoint(0, 2));
        painter->drawLine(icon.center() + QPoint(0, 2), icon.bottomRight() + QPoint(-2, -2));
    }
}

QVector<QRect> ClusterCardDelegate::mosaicCells(const QRect& area, int urlCount) {
    const int count = qMin(urlCount, kMaxMosaicTiles);
    QVector<QRect> cells;
    const int gap = 2;
    const int halfW = (area.width() - gap) / 2;
    const int halfH = (area.height() - gap) / 2;
    if (count <= 1) {
        cells << area;
    } else if (count == 2) {
        cells << QRect(area.left(), area.top(), halfW, area.height())
              << QRect(area.left() + halfW + gap, area.top(), area.width() - halfW - gap, area.height());
    } else {
        cells << QRect(area.left(), area.top(), area.width(), halfH);
        if (count == 3) {
            cells << QRect(area.left(), area.top() + halfH + gap, halfW, area.height() - halfH - gap)
                  << QRect(area.left() + halfW + gap, area.top() + halfH + gap, area.width() - halfW - gap,
                           area.height() - halfH - gap);
        } else {
            cells[0] = QRect(area.left(), area.top(), halfW, halfH);
            cells << QRect(area.left() + halfW + gap, area.top(), area.width() - halfW - gap, halfH)
                  << QRect(area.left(), area.top() + halfH + gap, halfW, area.height() - halfH - gap)
                  << QRect(area.left() + halfW + gap, area.top() + halfH + gap, area.width() - halfW - gap,
                           area.height() - halfH - gap);
        }
    }
    return cells;
}

// The cell's size in device pixels, rounded up to a step so resizing reuses entries.
QSize ClusterCardDelegate::requestSize(const QRect& cell, qreal devicePixelRatio) {
    const int side = int(qMax(cell.width(), cell.height()) * devicePixelRatio);
    const int step = 64;
    return QSize(((side + step - 1) / step) * step, ((side + step - 1) / step) * step);
}

QList<QPair<QUrl, QSize>> ClusterCardDelegate::thumbnailRequests(const QModelIndex& index,
                                                                 qreal devicePixelRatio) const {
    const auto urls = index.data(ClusterResultsModel::ThumbnailUrlsRole).value<QList<QUrl>>();
    const QVector<QRect> cells = mosaicCells(QRect(0, 0, m_tileSize, m_tileSize), int(urls.size()));
    QList<QPair<QUrl, QSize>> requests;
    for (int i = 0; i < cells.size() && i < urls.size(); ++i)
        requests.append({urls.at(i), requestSize(cells.at(i), devicePixelRatio)});
    return requests;
}

void ClusterCardDelegate::paintMosaic(QPainter* painter, const QRect& area, const QList<QUrl>& urls,
                                      const QList<QRectF>& boxes, qreal devicePixelRatio,
                                      const QPalette& palette) const {
    const QVector<QRect> cells = mosaicCells(area, int(urls.size()));
    for (int i = 0; i < cells.size(); ++i) {
        const QRect cell = cells.at(i);
        if (i >= urls.size() || !m_thumbnails) {
            drawPlaceholder(painter, cell, palette, false);
            continue;
        }
        const QPixmap pixmap = m_thumbnails->thumbnail(urls.at(i), requestSize(cell, devicePixelRatio));
        if (pixmap.isNull())
            drawPlaceholder(painter, cell, palette, !m_thumbnails->failure(urls.at(i)).isEmpty());
        else
            drawPixmapCovering(painter, cell, pixmap, i < boxes.size() ? boxes.at(i) : QRectF());
    }
}

// A check mark in a filled circle at the mosaic's top-right corner.
void ClusterCardDelegate::paintSelectedMark(QPainter* painter, const QRect& mosaic, const QPalette& palette) {
    const QRectF circle(mosaic.right() - 27, mosaic.top() + 5, 22, 22);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(palette.color(QPalette::Highlight));
    painter->drawEllipse(circle);
    painter->setPen(
        QPen(palette.color(QPalette::HighlightedText), 2.4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    const QPointF c = circle.center();
    painter->drawPolyline(QPolygonF{c + QPointF(-5.5, 0.5), c + QPointF(-1.5, 4.5), c + QPointF(5.5, -4)});
}

const ClusterCardDelegate::Fonts& ClusterCardDelegate::fontsFor(const QFont& base) const {
    if (m_fonts.lineHeight > 0 && m_fonts.base == base)
        return m_fonts;
    m_fonts.base = base;
    m_fonts.badge = base;
    m_fonts.badge.setPointSizeF(base.pointSizeF() * 0.85);
    m_fonts.badge.setBold(true);
    m_fonts.small = base;
    m_fonts.small.setPointSizeF(base.pointSizeF() * 0.9);
    m_fonts.lineHeight = QFontMetrics(base).height();
    m_fonts.badgeHeight = QFontMetrics(m_fonts.badge).height();
    m_pixmaps.clear(); // text and badges were laid out in the old font
    return m_fonts;
}

QPixmap ClusterCardDelegate::cached(const QString& key, const QSize& size, qreal dpr, bool opaque,
                                    const std::function<void(QPainter*)>& draw) const {
    if (const QPixmap* pixmap = m_pixmaps.object(key))
        return *pixmap;
    auto* pixmap = new QPixmap(size * dpr);
    pixmap->setDevicePixelRatio(dpr);
    if (!opaque)
        pixmap->fill(Qt::transparent);
    {
        QPainter painter(pixmap);
        painter.setRenderHint(QPainter::Antialiasing, true);
        draw(&painter);
    }
    const QPixmap result = *pixmap;
    m_pixmaps.insert(key, pixmap, qMax(1, int(qint64(pixmap->width()) * pixmap->height() * 4 / 1024)));
    return result;
}

// Cuts `whole` into its four edges (`m` wide): the card's inside is not copied at all.
static void cutEdges(const QPixmap& whole, int m, QPixmap* pieces) {
    const qreal dpr = whole.devicePixelRatio();
    const QSize size = (QSizeF(whole.size()) / dpr).toSize();
    const QRect parts[4] = {QRect(0, 0, size.width(), m), QRect(0, size.height() - m, size.width(), m),
                            QRect(0, m, m, size.height() - 2 * m),
                            QRect(size.width() - m, m, m, size.height() - 2 * m)};
    for (int i = 0; i < 4; ++i) {
        const QRectF source(QPointF(parts[i].topLeft()) * dpr, QSizeF(parts[i].size()) * dpr);
        pieces[i] = whole.copy(source.toRect());
        pieces[i].setDevicePixelRatio(dpr);
    }
}

static QPixmap transparentPixmap(const QSize& size, qreal dpr) {
    QPixmap pixmap(size * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

// The card's rounded background (tinted when selected) and border for a card of `size` (option.rect),
// kept as its edges: the inside is one colour and is filled, far cheaper than blending a card's pixels.
const ClusterCardDelegate::Edges& ClusterCardDelegate::chrome(const QSize& size, bool selected,
                                                              const QPalette& palette, qreal dpr) const {
    Edges& edges = m_chrome[selected ? 1 : 0];
    const QString key = QString::number(palette.cacheKey());
    if (edges.size == size && edges.dpr == dpr && edges.key == key)
        return edges;
    // Opaque, on the view's own background (Base) around the card: copying opaque pixels is a plain
    // copy, while blending even a few thousand transparent ones per card cost more than the rest.
    QPixmap whole(size * dpr);
    whole.setDevicePixelRatio(dpr);
    whole.fill(palette.color(QPalette::Base));
    QPainter painter(&whole);
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPainterPath outline;
    outline.addRoundedRect(QRectF(QRect(QPoint(0, 0), size).adjusted(2, 2, -2, -2)), 6, 6);
    painter.fillPath(outline, palette.color(QPalette::Base));
    if (selected) {
        // A tint as well as the border: a selected card is told apart at a glance, even among many.
        QColor tint = palette.color(QPalette::Highlight);
        tint.setAlpha(45);
        painter.fillPath(outline, tint);
    }
    painter.setPen(QPen(selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Midlight),
                        selected ? 2.5 : 1));
    painter.drawPath(outline);
    painter.end();
    edges = {size, dpr, key, kChromeEdge, {}};
    cutEdges(whole, kChromeEdge, edges.pieces);
    return edges;
}

// What lies outside the mosaic's rounded corners, in the card's colour: drawn over the thumbnails it
// rounds them as a clip path would, without clipping every thumbnail to a path.
const ClusterCardDelegate::Edges&
ClusterCardDelegate::mosaicCorners(const QSize& size, const QColor& background, qreal dpr) const {
    const QString key = QString::number(background.rgba());
    Edges& edges = m_corners[m_corners[0].key == key ? 0 : 1];
    if (edges.size == size && edges.dpr == dpr && edges.key == key)
        return edges;
    QPixmap whole = transparentPixmap(size, dpr);
    QPainter painter(&whole);
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPainterPath outside;
    outside.addRect(QRectF(QPoint(0, 0), size));
    QPainterPath rounded;
    rounded.addRoundedRect(QRectF(QPoint(0, 0), size), 4, 4);
    painter.fillPath(outside.subtracted(rounded), background);
    painter.end();
    edges = {size, dpr, key, kCornerEdge, {}};
    const int m = kCornerEdge;
    const QPoint corners[4] = {
        {0, 0}, {size.width() - m, 0}, {0, size.height() - m}, {size.width() - m, size.height() - m}};
    for (int i = 0; i < 4; ++i) {
        edges.pieces[i] = whole.copy(QRectF(QPointF(corners[i]) * dpr, QSizeF(m, m) * dpr).toRect());
        edges.pieces[i].setDevicePixelRatio(dpr);
    }
    return edges;
}

// Draws the four edges of `edges` around `rect` and fills what they enclose with `inside`.
void ClusterCardDelegate::paintEdges(QPainter* painter, const QRect& rect, const Edges& edges,
                                     const QColor& inside) {
    const int m = edges.width;
    painter->drawPixmap(rect.topLeft(), edges.pieces[0]);
    painter->drawPixmap(rect.left(), rect.top() + rect.height() - m, edges.pieces[1]);
    painter->drawPixmap(rect.left(), rect.top() + m, edges.pieces[2]);
    painter->drawPixmap(rect.left() + rect.width() - m, rect.top() + m, edges.pieces[3]);
    painter->fillRect(rect.adjusted(m, m, -m, -m), inside);
}

// Draws the four corner squares of `corners` at the corners of `rect`.
void ClusterCardDelegate::paintCorners(QPainter* painter, const QRect& rect, const Edges& corners) {
    const int m = corners.width;
    painter->drawPixmap(rect.topLeft(), corners.pieces[0]);
    painter->drawPixmap(rect.left() + rect.width() - m, rect.top(), corners.pieces[1]);
    painter->drawPixmap(rect.left(), rect.top() + rect.height() - m, corners.pieces[2]);
    painter->drawPixmap(rect.left() + rect.width() - m, rect.top() + rect.height() - m, corners.pieces[3]);
}

// The item count on a dark rounded label.
QPixmap ClusterCardDelegate::badge(qint64 count, qreal dpr) const {
    const QString key = QStringLiteral("badge|%1|%2").arg(dpr).arg(count);
    if (const QPixmap* pixmap = m_pixmaps.object(key))
        return *pixmap;
    const QString text = count == 1 ? tr("1 item") : tr("%1 items").arg(QLocale().toString(count));
    const QSize size(QFontMetrics(m_fonts.badge).horizontalAdvance(text) + 12, m_fonts.badgeHeight + 4);
    return cached(key, size, dpr, false, [&](QPainter* painter) {
        QPainterPath path;
        path.addRoundedRect(QRectF(QPoint(0, 0), size), 8, 8);
        painter->fillPath(path, QColor(0, 0, 0, 150));
        painter->setFont(m_fonts.badge);
        painter->setPen(Qt::white);
        painter->drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, text);
    });
}

// Caption, labels and relevance under the mosaic, on the card's (opaque) colour.
QPixmap ClusterCardDelegate::textBlock(const QModelIndex& index, int width, bool selected,
                                       const QColor& background, const QPalette& palette, qreal dpr) const {
    const QString caption = index.data(Qt::DisplayRole).toString();
    const QStringList labels = index.data(ClusterResultsModel::LabelsRole).toStringList().mid(0, 3);
    const QString labelText = labels.isEmpty() ? tr("no labels") : labels.join(QStringLiteral(" · "));
    const QString relevance = index.data(ClusterResultsModel::RelevanceTextRole).toString();
    const QString key = QStringLiteral("text|%1|%2|%3|%4|%5|")
                            .arg(width)
                            .arg(int(selected))
                            .arg(background.rgba())
                            .arg(palette.cacheKey())
                            .arg(dpr) +
                        caption + QChar(0x1f) + labelText + QChar(0x1f) + relevance;
    const int lineHeight = m_fonts.lineHeight;
    return cached(key, QSize(width, 4 * lineHeight), dpr, true, [&](QPainter* painter) {
        painter->fillRect(QRect(0, 0, width, 4 * lineHeight), background);
        QRect line(0, 0, width, lineHeight);
        painter->setFont(m_fonts.base);
        painter->setPen(palette.color(selected ? QPalette::Highlight : QPalette::Text));
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(m_fonts.base).elidedText(caption, Qt::ElideRight, line.width()));
        line.translate(0, lineHeight);
        painter->setFont(m_fonts.small);
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(m_fonts.small).elidedText(labelText, Qt::ElideRight, line.width()));
        line.translate(0, lineHeight);
        if (!relevance.isEmpty()) {
            painter->setFont(m_fonts.base);
            painter->setPen(palette.color(QPalette::Link));
            // "distance 0.12 (lower = more similar)" wraps rather than losing the direction.
            const QRect twoLines(line.left(), line.top(), line.width(), 2 * lineHeight);
            painter->drawText(twoLines, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, relevance);
        }
    });
}

// Only the thumbnails are drawn afresh for every card; the rest comes from pixmaps made once.
void ClusterCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    const Fonts& fonts = fontsFor(option.font);
    const QPalette& palette = option.palette;
    const QRect card = option.rect.adjusted(2, 2, -2, -2);
    const bool selected = option.state & QStyle::State_Selected;
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QColor background = palette.color(QPalette::Base);
    if (selected) {
        const QColor tint = palette.color(QPalette::Highlight);
        const qreal a = 45 / 255.0;
        background = QColor::fromRgbF(background.redF() * (1 - a) + tint.redF() * a,
                                      background.greenF() * (1 - a) + tint.greenF() * a,
                                      background.blueF() * (1 - a) + tint.blueF() * a);
    }
    painter->save();
    paintEdges(painter, option.rect, chrome(option.rect.size(), selected, palette, dpr), background);

    const QRect mosaic(card.left() + kCardMargin - 2, card.top() + kCardMargin - 2, m_tileSize, m_tileSize);
    const auto urls = index.data(ClusterResultsModel::ThumbnailUrlsRole).value<QList<QUrl>>();
    const auto boxes = index.data(ClusterResultsModel::PreviewBoxesRole).value<QList<QRectF>>();
    paintMosaic(painter, mosaic, urls, boxes, dpr, palette);
    paintCorners(painter, mosaic, mosaicCorners(mosaic.size(), background, dpr));

    const QPixmap countBadge = badge(index.data(ClusterResultsModel::ItemCountRole).toLongLong(), dpr);
    painter->drawPixmap(mosaic.left() + 6, mosaic.bottom() - fonts.badgeHeight - 8, countBadge);

    painter->setRenderHint(QPainter::Antialiasing, true);
    if (selected)
        paintSelectedMark(painter, mosaic, palette);

    const QRect text(card.left() + kCardMargin, mosaic.bottom() + 4, card.width() - 2 * kCardMargin,
                     4 * fonts.lineHeight);
    painter->drawPixmap(text.topLeft(), textBlock(index, text.width(), selected, background, palette, dpr));
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(card).adjusted(2, 2, -2, -2), 5, 5);
    }
    painter->restore();
}

} // namespace vl
