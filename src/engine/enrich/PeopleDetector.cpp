#include "PeopleDetector.h"

#include "DetectorImage.h"
#include "NonMaxSuppression.h"

#include <opencv2/objdetect.hpp>

#include <cmath>

namespace vl::engine {
namespace {

// HOGDescriptor::detectMultiScale is const, but OpenCV documents no thread-safety for it; a per-thread
// instance costs one copy of the 3781 SVM weights and removes the question.
const cv::HOGDescriptor& threadHog() {
    thread_local const cv::HOGDescriptor hog = [] {
        cv::HOGDescriptor descriptor;
        descriptor.setSVMDetector(cv::HOGDescriptor::getDefaultPeopleDetector());
        return descriptor;
    }();
    return hog;
}

} // namespace

PeopleDetector::PeopleDetector()
    : PeopleDetector(Config{}) {}

PeopleDetector::PeopleDetector(Config config)
    : m_config(config) {}

QVector<Detection> PeopleDetector::detect(const QImage& image) const {
    QVector<Detection> detections;
    const DetectorImage working = DetectorImage::fromQImage(image, m_config.maxSide);
    const cv::HOGDescriptor& hog = threadHog();
    if (working.gray.cols < hog.winSize.width || working.gray.rows < hog.winSize.height)
        return detections;
    std::vector<cv::Rect> found;
    std::vector<double> weights;
    // groupThreshold 0: keep raw windows with their own margins; our NMS merges them below.
    hog.detectMultiScale(working.gray, found, weights, m_config.hitThreshold, cv::Size(8, 8), cv::Size(8, 8),
                         m_config.scale, 0.0);
    const QSize size = image.size();
    for (size_t i = 0; i < found.size(); ++i) {
        const double margin = i < weights.size() ? weights[i] : 0.0;
        const auto confidence = float(1.0 / (1.0 + std::exp(-margin)));
        if (confidence < m_config.minConfidence)
            continue;
        // The 64x128 window has ~10% horizontal and ~7% vertical padding around the body; trim it.
        cv::Rect body = found[i];
        body.x += body.width / 10;
        body.width -= body.width / 5;
        body.y += body.height * 7 / 100;
        body.height -= body.height * 14 / 100;
        const QRect box = working.toOriginal(body, size);
        if (!box.isEmpty())
            detections.append({QStringLiteral("person"), confidence, box});
    }
    return NonMaxSuppression::apply(detections, m_config.nmsIou);
}

} // namespace vl::engine
