#pragma once

#include <QImage>
#include <QRect>
#include <QVector>

#include <functional>

namespace vl::engine {

// The local MULTIMODEL_OBJECT_ENCODING model: each detected object's crop is described with the engine's
// visual descriptor (the engine passes ImageAnalyzer::embed), so objects cluster and search by appearance.
class ObjectCrop {
public:
    using Embedder = std::function<QVector<float>(const QImage&)>;

    // The box grown by `margin` (fraction of its size on each side) and clipped to the image; null when
    // the box lies outside the image.
    static QImage crop(const QImage& image, const QRect& box, double margin = 0.0);

    // One embedding per box, in order; an empty vector for a box outside the image.
    static QVector<QVector<float>> embed(const QImage& image, const QVector<QRect>& boxes,
                                         const Embedder& embedder, double margin = 0.0);
};

} // namespace vl::engine
