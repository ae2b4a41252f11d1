#include "VisualDescriptor.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace vl::engine {

namespace {

constexpr int kWorkSide = 64;   // everything is computed on a fixed square working image
constexpr int kLayoutSide = 12; // luminance layout resolution
constexpr int kHogCells = 4;    // gradient histogram grid
constexpr int kHogBins = 8;     // unsigned orientations over [0, pi)
constexpr int kHueBins = 12;
constexpr int kSaturationBins = 3;

constexpr int kLayoutDims = kLayoutSide * (kLayoutSide / 2) * 2;
constexpr int kHogDims = kHogCells * (kHogCells / 2) * kHogBins;
constexpr int kColourDims = kHueBins * kSaturationBins + 1;
constexpr int kDimension = kLayoutDims + kHogDims + kColourDims;

// Share of the squared norm each block gets; chosen on tests/bench/bench_recall (see the report there).
constexpr float kLayoutWeight = 0.5f;
constexpr float kHogWeight = 0.3f;
constexpr float kColourWeight = 0.2f;

void normaliseBlock(float* block, int size, float weight) {
    double squared = 0;
    for (int i = 0; i < size; ++i)
        squared += double(block[i]) * block[i];
    if (squared <= 1e-12) {
        std::fill(block, block + size, 0.0f);
        return;
    }
    const float scale = float(std::sqrt(weight / squared));
    for (int i = 0; i < size; ++i)
        block[i] *= scale;
}

// Hellinger mapping: square roots make histogram dot products behave like the Bhattacharyya coefficient.
void squareRoot(float* block, int size) {
    for (int i = 0; i < size; ++i)
        block[i] = std::sqrt(std::max(0.0f, block[i]));
}

void layoutBlock(const cv::Mat& grayFloat, float* out) {
    cv::Mat small;
    cv::resize(grayFloat, small, cv::Size(kLayoutSide, kLayoutSide), 0, 0, cv::INTER_AREA);
    const float mean = float(cv::mean(small)[0]);
    int index = 0;
    for (int y = 0; y < kLayoutSide; ++y) {
        const float* row = small.ptr<float>(y);
        for (int x = 0; x < kLayoutSide / 2; ++x) {
            const float left = row[x] - mean;
            const float right = row[kLayoutSide - 1 - x] - mean;
            out[index++] = left + right;
            out[index++] = std::abs(left - right);
        }
    }
    normaliseBlock(out, kLayoutDims, kLayoutWeight);
}

void hogBlock(const cv::Mat& grayFloat, float* out) {
    cv::Mat smooth, gx, gy;
    cv::GaussianBlur(grayFloat, smooth, cv::Size(3, 3), 0);
    cv::Sobel(smooth, gx, CV_32F, 1, 0);
    cv::Sobel(smooth, gy, CV_32F, 0, 1);
    float histogram[kHogCells][kHogCells][kHogBins] = {};
    const float cellSize = float(kWorkSide) / kHogCells;
    const float binWidth = float(CV_PI) / kHogBins;
    for (int y = 0; y < kWorkSide; ++y) {
        const float* rowX = gx.ptr<float>(y);
        const float* rowY = gy.ptr<float>(y);
        const int cellY = std::min(kHogCells - 1, int(y / cellSize));
        for (int x = 0; x < kWorkSide; ++x) {
            const float magnitude = std::sqrt(rowX[x] * rowX[x] + rowY[x] * rowY[x]);
            if (magnitude <= 1e-6f)
                continue;
            float angle = std::atan2(rowY[x], rowX[x]);
            if (angle < 0)
                angle += float(CV_PI);
            // Soft assignment between the two nearest bin centres ((b + 0.5) * binWidth).
            const float position = angle / binWidth - 0.5f;
            const int lower = int(std::floor(position));
            const float upperShare = position - float(lower);
            const int cellX = std::min(kHogCells - 1, int(x / cellSize));
            float* cell = histogram[cellY][cellX];
            cell[(lower + kHogBins) % kHogBins] += magnitude * (1.0f - upperShare);
            cell[(lower + 1) % kHogBins] += magnitude * upperShare;
        }
    }
    // Mirror fold: column c pairs with column (cells-1-c) and orientation bin b with bin (bins-1-b).
    int index = 0;
    for (int cy = 0; cy < kHogCells; ++cy)
        for (int cx = 0; cx < kHogCells / 2; ++cx)
            for (int bin = 0; bin < kHogBins; ++bin)
                out[index++] = histogram[cy][cx][bin] + histogram[cy][kHogCells - 1 - cx][kHogBins - 1 - bin];
    squareRoot(out, kHogDims);
    normaliseBlock(out, kHogDims, kHogWeight);
}

void colourBlock(const cv::Mat& bgr, float* out) {
    cv::Mat hsv;
    cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV_FULL); // hue 0..255
    std::fill(out, out + kColourDims, 0.0f);
    const float hueScale = float(kHueBins) / 256.0f;
    for (int y = 0; y < hsv.rows; ++y) {
        const cv::Vec3b* row = hsv.ptr<cv::Vec3b>(y);
        for (int x = 0; x < hsv.cols; ++x) {
            const int hue = row[x][0], saturation = row[x][1], value = row[x][2];
            if (value < 40 || saturation < 40) {
                out[kColourDims - 1] += 1.0f; // achromatic: hue is meaningless here
                continue;
            }
            const int saturationBin = saturation < 100 ? 0 : (saturation < 170 ? 1 : 2);
            const float position = hue * hueScale - 0.5f; // soft, circular hue binning
            const int lower = int(std::floor(position));
            const float upperShare = position - float(lower);
            out[((lower + kHueBins) % kHueBins) * kSaturationBins + saturationBin] += 1.0f - upperShare;
            out[((lower + 1) % kHueBins) * kSaturationBins + saturationBin] += upperShare;
        }
    }
    squareRoot(out, kColourDims);
    normaliseBlock(out, kColourDims, kColourWeight);
}

} // namespace

int VisualDescriptor::dimension() {
    return kDimension;
}

QVector<float> VisualDescriptor::compute(const cv::Mat& bgr) {
    QVector<float> descriptor(kDimension, 0.0f);
    if (bgr.empty())
        return descriptor;
    cv::Mat work;
    const bool shrinking = bgr.cols >= kWorkSide && bgr.rows >= kWorkSide;
    cv::resize(bgr, work, cv::Size(kWorkSide, kWorkSide), 0, 0,
               shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat gray, grayFloat;
    cv::cvtColor(work, gray, cv::COLOR_BGR2GRAY);
    gray.convertTo(grayFloat, CV_32F, 1.0 / 255.0);

    float* out = descriptor.data();
    layoutBlock(grayFloat, out);
    hogBlock(grayFloat, out + kLayoutDims);
    colourBlock(work, out + kLayoutDims + kHogDims);
    // Flat images have empty layout and gradient blocks; renormalise so every descriptor has unit length.
    normaliseBlock(out, kDimension, 1.0f);
    return descriptor;
}

} // namespace vl::engine
