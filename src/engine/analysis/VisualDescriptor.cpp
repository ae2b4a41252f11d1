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
constexpr int kGreyBins = 3;
constexpr int kColourRegionDims = kHueBins * kSaturationBins + kGreyBins;
constexpr int kColourDims = 2 * kColourRegionDims;
constexpr int kDimension = kLayoutDims + kHogDims + kColourDims;

// Tuned on tests/bench/bench_recall (distances of edited copies vs unrelated scenes). The layout block
// separates unrelated images best but suffers most from crops and rotation, gradients and colour are
// the reverse, so each gets a share of the squared norm. Colour gets a smaller share than it could:
// generated scenes use random palettes and would over-reward it; real photos share palettes far more.
constexpr float kLayoutWeight = 0.25f;
constexpr float kHogWeight = 0.45f;
constexpr float kColourWeight = 0.30f;
// Half of the mean is removed from the colour histogram: all-positive histograms are always somewhat
// similar, centring spreads unrelated images apart without moving edited copies.
constexpr float kColourCentring = 0.5f;
// Images with at least this share of chromatic pixels get the full colour weight.
constexpr float kFullyColouredShare = 0.25f;
// The weight left to the block for colourless images: their tonal histograms still tell images apart.
constexpr float kGreyColourWeight = 0.5f;
// Each orientation bin shares this much with each neighbour, so a 5 degree rotation moves little weight.
constexpr float kOrientationSmoothing = 0.2f;

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

void subtractMean(float* block, int size, float fraction) {
    float mean = 0;
    for (int i = 0; i < size; ++i)
        mean += block[i];
    mean = mean / float(size) * fraction;
    for (int i = 0; i < size; ++i)
        block[i] -= mean;
}

void smoothOrientations(float* bins) {
    float original[kHogBins];
    std::copy(bins, bins + kHogBins, original);
    for (int bin = 0; bin < kHogBins; ++bin) {
        const float neighbours = original[(bin + 1) % kHogBins] + original[(bin + kHogBins - 1) % kHogBins];
        bins[bin] =
            (1.0f - 2.0f * kOrientationSmoothing) * original[bin] + kOrientationSmoothing * neighbours;
    }
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

// Bilinear spatial binning: a pixel feeds the two nearest cells (per axis) by distance to their centres,
// so a small shift or crop moves weight gradually instead of flipping pixels between cells.
struct CellShare {
    int cell[2];
    float weight[2];
};

CellShare cellShare(int pixel, float cellSize) {
    const float position = (float(pixel) + 0.5f) / cellSize - 0.5f;
    const int lower = int(std::floor(position));
    const float upperWeight = position - float(lower);
    if (lower < 0)
        return {{0, 0}, {1.0f, 0.0f}};
    if (lower >= kHogCells - 1)
        return {{kHogCells - 1, kHogCells - 1}, {1.0f, 0.0f}};
    return {{lower, lower + 1}, {1.0f - upperWeight, upperWeight}};
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
        const CellShare shareY = cellShare(y, cellSize);
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
            const CellShare shareX = cellShare(x, cellSize);
            const int lowerBin = (lower + kHogBins) % kHogBins, upperBin = (lower + 1) % kHogBins;
            for (int i = 0; i < 2; ++i) {
                for (int j = 0; j < 2; ++j) {
                    const float spatial = magnitude * shareY.weight[i] * shareX.weight[j];
                    float* cell = histogram[shareY.cell[i]][shareX.cell[j]];
                    cell[lowerBin] += spatial * (1.0f - upperShare);
                    cell[upperBin] += spatial * upperShare;
                }
            }
        }
    }
    for (auto& cellRow : histogram)
        for (float* cell : cellRow)
            smoothOrientations(cell);
    // Mirror fold: column c pairs with column (cells-1-c) and orientation bin b with bin (bins-1-b).
    int index = 0;
    for (int cy = 0; cy < kHogCells; ++cy)
        for (int cx = 0; cx < kHogCells / 2; ++cx)
            for (int bin = 0; bin < kHogBins; ++bin)
                out[index++] = histogram[cy][cx][bin] + histogram[cy][kHogCells - 1 - cx][kHogBins - 1 - bin];
    squareRoot(out, kHogDims);
    normaliseBlock(out, kHogDims, kHogWeight);
}

// Linear split of a value between the two nearest of `bins` evenly spaced bins over [low, high];
// values beyond the outer bin centres go entirely to the outer bin.
struct BinShare {
    int lower;
    int upper;
    float upperWeight;
};

BinShare binShare(float value, float low, float high, int bins) {
    const float position = (value - low) / (high - low) * float(bins) - 0.5f;
    if (position <= 0)
        return {0, 0, 0.0f};
    if (position >= float(bins - 1))
        return {bins - 1, bins - 1, 0.0f};
    const int lower = int(position);
    return {lower, lower + 1, position - float(lower)};
}

float clampedRamp(float value, float zeroAt, float oneAt) {
    return std::min(1.0f, std::max(0.0f, (value - zeroAt) / (oneAt - zeroAt)));
}

// Adds one pixel to a region's hue x saturation histogram and grey-level bins. Every boundary is soft
// (hue, saturation, grey level and the chromatic/achromatic split), so a brightness change or JPEG
// noise never moves a whole colour from one bin to another.
void addColour(float* histogram, const cv::Vec3b& hsv, float weight) {
    const float hue = hsv[0], saturation = hsv[1], value = hsv[2];
    const float chromatic = clampedRamp(saturation, 20, 60) * clampedRamp(value, 20, 60);
    const float grey = weight * (1.0f - chromatic);
    if (grey > 0) {
        const BinShare level = binShare(value, 0, 256, kGreyBins);
        histogram[kHueBins * kSaturationBins + level.lower] += grey * (1.0f - level.upperWeight);
        histogram[kHueBins * kSaturationBins + level.upper] += grey * level.upperWeight;
    }
    const float colour = weight * chromatic;
    if (colour <= 0)
        return;
    const BinShare purity = binShare(saturation, 40, 256, kSaturationBins);
    const float huePosition = hue * float(kHueBins) / 256.0f - 0.5f; // circular
    const int hueLower = int(std::floor(huePosition));
    const float hueUpperWeight = huePosition - float(hueLower);
    const int hues[2] = {(hueLower + kHueBins) % kHueBins, (hueLower + 1) % kHueBins};
    const float hueWeights[2] = {1.0f - hueUpperWeight, hueUpperWeight};
    for (int h = 0; h < 2; ++h) {
        histogram[hues[h] * kSaturationBins + purity.lower] +=
            colour * hueWeights[h] * (1.0f - purity.upperWeight);
        histogram[hues[h] * kSaturationBins + purity.upper] += colour * hueWeights[h] * purity.upperWeight;
    }
}

// Two soft regions, top and bottom (sky above ground is the most stable colour layout; left/right
// would break mirror invariance): a pixel's weight moves linearly from the top to the bottom histogram.
void colourBlock(const cv::Mat& bgr, float* out) {
    cv::Mat hsv;
    cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV_FULL); // hue 0..255
    std::fill(out, out + kColourDims, 0.0f);
    float* top = out;
    float* bottom = out + kColourRegionDims;
    for (int y = 0; y < hsv.rows; ++y) {
        const float bottomWeight = hsv.rows > 1 ? float(y) / float(hsv.rows - 1) : 0.5f;
        const cv::Vec3b* row = hsv.ptr<cv::Vec3b>(y);
        for (int x = 0; x < hsv.cols; ++x) {
            addColour(top, row[x], 1.0f - bottomWeight);
            addColour(bottom, row[x], bottomWeight);
        }
    }
    float chromaticShare = 0;
    for (int bin = 0; bin < kColourDims; ++bin)
        if (bin % kColourRegionDims < kHueBins * kSaturationBins)
            chromaticShare += out[bin];
    chromaticShare /= float(hsv.total());
    squareRoot(out, kColourDims);
    subtractMean(out, kColourDims, kColourCentring);
    // Grey-level images have almost nothing in this block, yet at full weight it would make every pair
    // of them look alike and compress all distances; the block's weight fades with the colourless share.
    normaliseBlock(out, kColourDims,
                   kColourWeight * std::min(1.0f, kGreyColourWeight + chromaticShare / kFullyColouredShare));
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
