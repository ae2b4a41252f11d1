#pragma once

#include <QRectF>
#include <QSizeF>

namespace vl {

// Where an object's bounding box (fractions of its image) is drawn over a picture of that image. The
// viewer shows the whole image fitted; cards show a "cover" crop that is moved to keep the object in view.
namespace ObjectBoxGeometry {

// The rectangle an image of `imageSize` occupies when fitted (aspect kept) and centred in `area`.
QRectF fittedRect(const QSizeF& imageSize, const QRectF& area);

// The part of an image (in its own pixels) a cell of `cellSize` shows when filled edge to edge. Centred
// on the image, or on `focus` (fractions; null = none) as far as the image's edges allow.
QRectF coverSourceRect(const QSizeF& imageSize, const QSizeF& cellSize, const QRectF& focus = {});

// The box (fractions of the image) in widget coordinates, when `sourceRect` of an image of `imageSize`
// is drawn onto `target`.
QRectF mapBox(const QRectF& boxFractions, const QSizeF& imageSize, const QRectF& sourceRect,
              const QRectF& target);

} // namespace ObjectBoxGeometry
} // namespace vl
