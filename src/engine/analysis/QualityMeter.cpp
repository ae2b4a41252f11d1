#include "QualityMeter.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

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

cv::Mat workingSize(const cv::Mat& bgr) {
    const double scale = double(QualityMeter::kWorkingSide) / std::max(bgr.cols, bgr.rows);
    const cv::Size size(std::max(1, int(std::lround(bgr.cols * scale))),
                        std::max(1, int(std::lround(bgr.rows * scale))));
    cv::Mat working;
    cv::resize(bgr, working, size, 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    return working;
}

struct LevelStats {
    double mean = 0;
    double p10 = 0;
    double p90 = 0;
};

LevelStats levelStats(const cv::Mat& gray) {
    std::array<int, 256> histogram{};
    for (int y = 0; y < gray.rows; ++y) {
        const uchar* row = gray.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x)
            ++histogram[row[x]];
    }
    const double total = double(gray.total());
    LevelStats stats;
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
    const cv::Mat working = workingSize(bgr);
    cv::Mat gray;
    cv::cvtColor(working, gray, cv::COLOR_BGR2GRAY);

    cv::Mat laplacian;
    cv::Laplacian(gray, laplacian, CV_32F);
    cv::Scalar mean, deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    quality.laplacianVariance = deviation[0] * deviation[0];
    quality.blur = 1.0 / (1.0 + std::pow(quality.laplacianVariance / kBlurMidpointVariance, kBlurSlope));
    quality.meanLuminance = cv::mean(gray)[0];

    // Exposure looks at the brightest channel for "dark" (a deep blue sky has a low luma but is not
    // under-exposed) and the darkest channel for "bright" (saturated yellow is not washed out). Both the
    // average and the bulk of the histogram must agree, so a night scene with a few lights is still dark.
    std::vector<cv::Mat> channels;
    cv::split(working, channels);
    cv::Mat brightest, darkest;
    cv::max(channels[0], channels[1], brightest);
    cv::max(brightest, channels[2], brightest);
    cv::min(channels[0], channels[1], darkest);
    cv::min(darkest, channels[2], darkest);
    const LevelStats high = levelStats(brightest);
    const LevelStats low = levelStats(darkest);
    quality.dark = 0.5 * ramp(high.mean, 100, 30) + 0.5 * ramp(high.p90, 140, 50);
    quality.bright = 0.5 * ramp(low.mean, 160, 230) + 0.5 * ramp(low.p10, 120, 200);
    return quality;
}

} // namespace vl::engine
