#pragma once

#include "Detector.h"

namespace vl::engine {

// Greedy non-maximum suppression: within each label, keeps the most confident box and drops every other box
// that overlaps a kept one by more than `iouThreshold` (intersection over union).
class NonMaxSuppression {
public:
    static QVector<Detection> apply(const QVector<Detection>& detections, double iouThreshold);
    static double iou(const QRect& a, const QRect& b);
};

} // namespace vl::engine
