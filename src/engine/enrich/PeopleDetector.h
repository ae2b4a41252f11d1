#pragma once

#include "Detector.h"

namespace vl::engine {

// Standing / walking people ("person") with OpenCV's HOG descriptor and its built-in linear SVM
// (Dalal-Triggs, trained on INRIA pedestrians). Finds upright, mostly unoccluded full bodies at least
// 128 working pixels tall (long side scaled to maxSide); misses sitting people, close-up portraits and
// crowds. Confidence is the SVM margin mapped through a logistic curve (margin 0 -> 0.5). Overlapping windows
// are merged by non-maximum suppression.
class PeopleDetector : public Detector {
public:
    struct Config {
        int maxSide = 800;
        double hitThreshold = 0.0;  // SVM margin a window needs
        double scale = 1.05;        // pyramid step
        double minConfidence = 0.6; // after the logistic mapping
        double nmsIou = 0.4;
    };

    PeopleDetector();
    explicit PeopleDetector(Config config);

    QVector<Detection> detect(const QImage& image) const override;
    QStringList classes() const override { return {QStringLiteral("person")}; }
    const Config& config() const { return m_config; }

private:
    Config m_config;
};

} // namespace vl::engine
