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
static constexpr int kTextLines = 4; // caption, labels, and up to two lines of relevance

ClusterCardDelegate::ClusterCardDelegate(ThumbnailCache* thumbnails, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_thumbnails(thumbnails) {}

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

void ClusterCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QPalette& palette = option.palette;
    const QRect card = option.rect.adjusted(2, 2, -2, -2);
    const bool selected = option.state & QStyle::State_Selected;
    QPainterPath outline;
    outline.addRoundedRect(QRectF(card), 6, 6);
    painter->fillPath(outline, palette.color(QPalette::Base));
    if (selected) {
        // A tint as well as the border: a selected card is told apart at a glance, even among many.
        QColor tint = palette.color(QPalette::Highlight);
        tint.setAlpha(45);
        painter->fillPath(outline, tint);
    }
    painter->setPen(QPen(selected ? palette.color(QPalette::Highlight) : palette.color(QPalette::Midlight),
                         selected ? 2.5 : 1));
    painter->drawPath(outline);

    const QRect mosaic(card.left() + kCardMargin - 2, card.top() + kCardMargin - 2, m_tileSize, m_tileSize);
    painter->save();
    QPainterPath clip;
    clip.addRoundedRect(QRectF(mosaic), 4, 4);
    painter->setClipPath(clip);
    const auto urls = index.data(ClusterResultsModel::ThumbnailUrlsRole).value<QList<QUrl>>();
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const auto boxes = index.data(ClusterResultsModel::PreviewBoxesRole).value<QList<QRectF>>();
    paintMosaic(painter, mosaic, urls, boxes, dpr, palette);
    painter->restore();

    // Item count badge on the mosaic.
    const qint64 count = index.data(ClusterResultsModel::ItemCountRole).toLongLong();
    const QString badge = count == 1 ? tr("1 item") : tr("%1 items").arg(QLocale().toString(count));
    QFont badgeFont = option.font;
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    badgeFont.setBold(true);
    const QFontMetrics badgeMetrics(badgeFont);
    const QRect badgeRect(mosaic.left() + 6, mosaic.bottom() - badgeMetrics.height() - 8,
                          badgeMetrics.horizontalAdvance(badge) + 12, badgeMetrics.height() + 4);
    QPainterPath badgePath;
    badgePath.addRoundedRect(QRectF(badgeRect), 8, 8);
    painter->fillPath(badgePath, QColor(0, 0, 0, 150));
    painter->setFont(badgeFont);
    painter->setPen(Qt::white);
    painter->drawText(badgeRect, Qt::AlignCenter, badge);

    if (selected)
        paintSelectedMark(painter, mosaic, palette);

    // Text: caption, labels, relevance.
    const QFontMetrics metrics(option.font);
    QRect line(card.left() + kCardMargin, mosaic.bottom() + 4, card.width() - 2 * kCardMargin,
               metrics.height());
    painter->setFont(option.font);
    painter->setPen(palette.color(selected ? QPalette::Highlight : QPalette::Text));
    const QString caption = index.data(Qt::DisplayRole).toString();
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(caption, Qt::ElideRight, line.width()));

    line.translate(0, metrics.height());
    const QStringList labels = index.data(ClusterResultsModel::LabelsRole).toStringList().mid(0, 3);
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.9);
    const QFontMetrics smallMetrics(small);
    painter->setFont(small);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(
        line, Qt::AlignLeft | Qt::AlignVCenter,
        smallMetrics.elidedText(labels.isEmpty() ? tr("no labels") : labels.join(QStringLiteral(" · ")),
                                Qt::ElideRight, line.width()));

    line.translate(0, metrics.height());
    const QString relevance = index.data(ClusterResultsModel::RelevanceTextRole).toString();
    if (!relevance.isEmpty()) {
        painter->setPen(palette.color(QPalette::Link));
        // "distance 0.12 (lower = more similar)" wraps rather than losing the direction.
        const QRect twoLines(line.left(), line.top(), line.width(), 2 * metrics.height());
        painter->drawText(twoLines, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, relevance);
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(card).adjusted(2, 2, -2, -2), 5, 5);
    }
    painter->restore();
}

} // namespace vl
