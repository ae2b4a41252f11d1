#include "NonMaxSuppression.h"

#include <algorithm>

namespace vl::engine {

double NonMaxSuppression::iou(const QRect& a, const QRect& b) {
    const QRect overlap = a.intersected(b);
    if (overlap.isEmpty())
        return 0.0;
    const double intersection = double(overlap.width()) * overlap.height();
    const double united = double(a.width()) * a.height() + double(b.width()) * b.height() - intersection;
    return united > 0 ? intersection / united : 0.0;
}

QVector<Detection> NonMaxSuppression::apply(const QVector<Detection>& detections, double iouThreshold) {
    QVector<Detection> sorted = detections;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
    QVector<Detection> kept;
    for (const Detection& candidate : sorted) {
        const bool suppressed = std::any_of(kept.cbegin(), kept.cend(), [&](const Detection& k) {
            return k.label == candidate.label && iou(k.box, candidate.box) > iouThreshold;
        });
        if (!suppressed)
            kept.append(candidate);
    }
    return kept;
}

} // namespace vl::engine
