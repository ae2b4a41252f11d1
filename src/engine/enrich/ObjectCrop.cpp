#include "ObjectCrop.h"

#include <cmath>

namespace vl::engine {

QImage ObjectCrop::crop(const QImage& image, const QRect& box, double margin) {
    if (image.isNull() || box.isEmpty())
        return {};
    const int dx = int(std::lround(box.width() * margin));
    const int dy = int(std::lround(box.height() * margin));
    const QRect area = box.adjusted(-dx, -dy, dx, dy).intersected(image.rect());
    return area.isEmpty() ? QImage() : image.copy(area);
}

QVector<QVector<float>> ObjectCrop::embed(const QImage& image, const QVector<QRect>& boxes,
                                          const Embedder& embedder, double margin) {
    QVector<QVector<float>> embeddings;
    embeddings.reserve(boxes.size());
    for (const QRect& box : boxes) {
        const QImage part = crop(image, box, margin);
        embeddings.append(part.isNull() || !embedder ? QVector<float>() : embedder(part));
    }
    return embeddings;
}

} // namespace vl::engine
