#include "QualityMeter.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace vl::engine {

namespace {

// Calibration (tests/analysis and the generated photo-like scenes of tests/bench): at a 256 px long side
// sharp synthetic photos measure a Laplacian variance of several hundred to thousands, a Gaussian blur of
// sigma 2% of the image width brings it below 20. The logistic midpoint and slope place 60 at 0.5.
constexpr double kBlurMidpointVariance = 60.0;
constexpr double kBlurSlope = 2.0;

double clamp01(double value) {
    return std::min(1.0, std::max(0.0, value));
}

// 0 at `zeroAt`, 1 at `oneAt`, linear in between (either direction).
double ramp(double value, double zeroAt, double oneAt) {
    return clamp01((value - zeroAt) / (oneAt - zeroAt));
}

cv::Mat workingGray(const cv::Mat& bgr) {
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    const double scale = double(QualityMeter::kWorkingSide) / std::max(gray.cols, gray.rows);
    const cv::Size size(std::max(1, int(std::lround(gray.cols * scale))),
                        std::max(1, int(std::lround(gray.rows * scale))));
    cv::Mat working;
    cv::resize(gray, working, size, 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    return working;
}

struct LuminanceStats {
    double mean = 0;
    double p10 = 0;
    double p90 = 0;
};

LuminanceStats luminanceStats(const cv::Mat& gray) {
    std::array<int, 256> histogram{};
    for (int y = 0; y < gray.rows; ++y) {
        const uchar* row = gray.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x)
            ++histogram[row[x]];
    }
    const double total = double(gray.total());
    LuminanceStats stats;
    double cumulative = 0;
    bool haveP10 = false, haveP90 = false;
    for (int level = 0; level < 256; ++level) {
        stats.mean += double(level) * histogram[level] / total;
        cumulative += histogram[level];
        if (!haveP10 && cumulative >= 0.1 * total) {
            stats.p10 = level;
            haveP10 = true;
        }
        if (!haveP90 && cumulative >= 0.9 * total) {
            stats.p90 = level;
            haveP90 = true;
        }
    }
    return stats;
}

} // namespace

QualityMeter::Quality QualityMeter::measure(const cv::Mat& bgr) {
    Quality quality;
    if (bgr.empty())
        return quality;
    const cv::Mat gray = workingGray(bgr);

    cv::Mat laplacian;
    cv::Laplacian(gray, laplacian, CV_32F);
    cv::Scalar mean, deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    quality.laplacianVariance = deviation[0] * deviation[0];
    quality.blur = 1.0 / (1.0 + std::pow(quality.laplacianVariance / kBlurMidpointVariance, kBlurSlope));

    // Dark / bright: both the average and the bulk of the histogram must agree, so a night scene with a
    // few street lights or a snow field with a dark tree is still flagged, but a normal photo is not.
    const LuminanceStats stats = luminanceStats(gray);
    quality.meanLuminance = stats.mean;
    quality.dark = 0.5 * ramp(stats.mean, 90, 25) + 0.5 * ramp(stats.p90, 130, 45);
    quality.bright = 0.5 * ramp(stats.mean, 170, 235) + 0.5 * ramp(stats.p10, 130, 215);
    return quality;
}

} // namespace vl::engine
