#include "QualityMeter.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace vl::engine {

namespace {

// Sharpness is the variance of the Laplacian at a 256 px long side divided by the variance of the grey
// levels: a plain Laplacian variance scales with contrast squared, so dark or hazy but sharp photos would
// read as blurry. Calibration with tests/bench/bench_quality (20 generated scenes each): sharp scenes
// measure 0.037..7 (median 0.14), a Gaussian blur of sigma 0.5% of the width 0.0025..0.17 (median 0.009),
// of 1% 0.001..0.02. The logistic midpoint 0.022 with slope 2.5 maps sharp scenes below 0.25 and typical
// blurred ones above 0.9; textures full of fine lines keep a high ratio even when blurred.
constexpr double kBlurMidpoint = 0.022;
constexpr double kBlurSlope = 2.5;
// Added to the grey-level variance so that flat, nearly uniform images (where the ratio is noise over
// nothing) do not read as sharp.
constexpr double kContrastFloor = 4.0;

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
    cv::Scalar laplacianMean, laplacianDeviation, greyMean, greyDeviation;
    cv::meanStdDev(laplacian, laplacianMean, laplacianDeviation);
    cv::meanStdDev(gray, greyMean, greyDeviation);
    quality.laplacianVariance = laplacianDeviation[0] * laplacianDeviation[0];
    quality.sharpness = quality.laplacianVariance / (greyDeviation[0] * greyDeviation[0] + kContrastFloor);
    quality.blur = 1.0 / (1.0 + std::pow(quality.sharpness / kBlurMidpoint, kBlurSlope));
    quality.meanLuminance = greyMean[0];

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
