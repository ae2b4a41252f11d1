#include "ObjectBoxGeometry.h"

#include <QtGlobal>

namespace vl::ObjectBoxGeometry {

QRectF fittedRect(const QSizeF& imageSize, const QRectF& area) {
    if (imageSize.isEmpty())
        return {};
    const QSizeF fitted = imageSize.scaled(area.size(), Qt::KeepAspectRatio);
    return {QPointF(area.left() + (area.width() - fitted.width()) / 2,
                    area.top() + (area.height() - fitted.height()) / 2),
            fitted};
}

// Keeps [start, start + length) inside [0, extent) while centring it on `centre` when possible.
static qreal centredStart(qreal centre, qreal length, qreal extent) {
    return qBound(0.0, centre - length / 2, qMax(0.0, extent - length));
}

QRectF coverSourceRect(const QSizeF& imageSize, const QSizeF& cellSize, const QRectF& focus) {
    if (imageSize.isEmpty() || cellSize.isEmpty())
        return {};
    const QSizeF scaled = imageSize.scaled(cellSize, Qt::KeepAspectRatioByExpanding);
    const qreal scale = scaled.width() / imageSize.width();
    const QSizeF visible(qMin(imageSize.width(), cellSize.width() / scale),
                         qMin(imageSize.height(), cellSize.height() / scale));
    const QPointF centre = focus.isNull() ? QPointF(imageSize.width() / 2, imageSize.height() / 2)
                                          : QPointF(focus.center().x() * imageSize.width(),
                                                    focus.center().y() * imageSize.height());
    return {QPointF(centredStart(centre.x(), visible.width(), imageSize.width()),
                    centredStart(centre.y(), visible.height(), imageSize.height())),
            visible};
}

QRectF mapBox(const QRectF& boxFractions, const QSizeF& imageSize, const QRectF& sourceRect,
              const QRectF& target) {
    if (sourceRect.isEmpty())
        return {};
    const qreal scaleX = target.width() / sourceRect.width();
    const qreal scaleY = target.height() / sourceRect.height();
    const QRectF inImage(boxFractions.x() * imageSize.width(), boxFractions.y() * imageSize.height(),
                         boxFractions.width() * imageSize.width(),
                         boxFractions.height() * imageSize.height());
    return {QPointF(target.left() + (inImage.left() - sourceRect.left()) * scaleX,
                    target.top() + (inImage.top() - sourceRect.top()) * scaleY),
            QSizeF(inImage.width() * scaleX, inImage.height() * scaleY)};
}

} // namespace vl::ObjectBoxGeometry
