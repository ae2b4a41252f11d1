#pragma once

#include <opencv2/core.hpp>

namespace vl::engine {

// Blur / dark / bright issue confidences in [0,1] for an image, independent of its resolution.
class QualityMeter {
public:
    struct Quality {
        double blur = 0;
        double dark = 0;
        double bright = 0;
        double laplacianVariance = 0; // at the working size
        double sharpness = 0;         // Laplacian variance / grey-level variance: the measure behind `blur`
        double meanLuminance = 0;     // 0..255, Rec. 601 luma
    };

    // `bgr` is an 8-bit BGR image of any size (the analyser passes its <= 512 px thumbnail).
    static Quality measure(const cv::Mat& bgr);

    static constexpr int kWorkingSide = 256; // long side the sharpness is measured at
};

} // namespace vl::engine
