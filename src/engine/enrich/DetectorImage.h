#pragma once

#include <QImage>
#include <QRect>

#include <opencv2/core.hpp>

namespace vl::engine {

// The grey working copy a detector scans: downscaled so that its long side is at most maxSide (detectors
// gain little from more pixels and the cost grows with the area), with the factor to map boxes back.
struct DetectorImage {
    cv::Mat gray;       // CV_8UC1, empty for a null image
    double scale = 1.0; // original pixels per working pixel

    static DetectorImage fromQImage(const QImage& image, int maxSide);

    // A working-image rectangle in original pixels, clipped to `imageSize`.
    QRect toOriginal(const cv::Rect& rect, const QSize& imageSize) const;
};

} // namespace vl::engine
