#include "CocoDetector.h"

#include "LearnedModelFiles.h"
#include "NonMaxSuppression.h"

#include <QHash>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace vl::engine {

namespace {

const QString kModelId = QStringLiteral("centernet-512");
constexpr int kInputSide = 512; // the model's fixed input
constexpr int kStride = 4;      // input pixels per heatmap cell
constexpr int kMinSide = 8;     // smaller images carry nothing the model can see
constexpr int kMinBoxSide = 2;  // boxes thinner than this (in image pixels) are decoding noise
constexpr double kNmsIou = 0.5;
const std::string kHeatmap = "heatmap";
const std::string kBoxes = "box_distances";
const std::string kEmbedding = "embedding";

QVector<float> normalised(const cv::Mat& output) {
    cv::Mat flat = output.reshape(1, 1);
    if (flat.depth() != CV_32F)
        flat.convertTo(flat, CV_32F);
    QVector<float> values(int(flat.total()));
    std::copy(flat.ptr<float>(), flat.ptr<float>() + flat.total(), values.begin());
    double norm = 0;
    for (float v : values)
        norm += double(v) * v;
    norm = std::sqrt(norm);
    if (norm <= 0)
        return {};
    for (float& v : values)
        v = float(v / norm);
    return values;
}

} // namespace

// The image scaled so its long side is kInputSide, top-left on a black square, and its NCHW float blobs.
struct CocoDetector::Letterbox {
    cv::Mat canvas;   // CV_8UC3 RGB, kInputSide square
    cv::Size content; // the image's part of the canvas
    double scale = 1; // input pixels per image pixel

    static Letterbox from(const QImage& image) {
        Letterbox box;
        const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
        const cv::Mat source(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                             size_t(rgb.bytesPerLine()));
        box.scale = double(kInputSide) / std::max(rgb.width(), rgb.height());
        box.content = cv::Size(std::clamp(int(std::lround(rgb.width() * box.scale)), 1, kInputSide),
                               std::clamp(int(std::lround(rgb.height() * box.scale)), 1, kInputSide));
        box.canvas = cv::Mat(kInputSide, kInputSide, CV_8UC3, cv::Scalar::all(0));
        // INTER_AREA averages when shrinking (no aliasing); enlarging small images wants a smooth filter.
        cv::resize(source, box.canvas(cv::Rect(cv::Point(0, 0), box.content)), box.content, 0, 0,
                   box.scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
        return box;
    }

    cv::Mat blob(bool mirrored = false) const {
        cv::Mat image = canvas;
        if (mirrored) { // mirror the content only, so it stays top-left like the original
            image = canvas.clone();
            cv::flip(canvas(cv::Rect(cv::Point(0, 0), content)), image(cv::Rect(cv::Point(0, 0), content)),
                     1);
        }
        const int dims[] = {1, 3, kInputSide, kInputSide};
        cv::Mat result(4, dims, CV_32F);
        std::vector<cv::Mat> planes;
        for (int c = 0; c < 3; ++c)
            planes.emplace_back(kInputSide, kInputSide, CV_32F, result.ptr<float>(0, c));
        cv::Mat asFloat;
        image.convertTo(asFloat, CV_32F);
        cv::split(asFloat, planes); // writes straight into the blob's channel planes
        return result;
    }

    // Averages the mirrored pass's heatmap and box distances (mapped back, left and right swapped) into the
    // first pass's: peaks both passes agree on keep their score, single-view flukes drop.
    void mergeMirrored(cv::Mat& heatmap, cv::Mat& boxes, const cv::Mat& mirroredHeatmap,
                       const cv::Mat& mirroredBoxes) const {
        const int height = heatmap.size[2], width = heatmap.size[3];
        const int mirror = int(std::lround(content.width / double(kStride))); // cell x <-> mirror - x
        const auto average = [&](float* into, const float* from, int y, int x) {
            into[y * width + x] = 0.5f * (into[y * width + x] + from[y * width + (mirror - x)]);
        };
        for (int y = 0; y < height; ++y) {
            for (int x = std::max(0, mirror - width + 1); x <= std::min(mirror, width - 1); ++x) {
                for (int c = 0; c < heatmap.size[1]; ++c)
                    average(heatmap.ptr<float>(0, c), mirroredHeatmap.ptr<float>(0, c), y, x);
                average(boxes.ptr<float>(0, 0), mirroredBoxes.ptr<float>(0, 2), y, x);
                average(boxes.ptr<float>(0, 1), mirroredBoxes.ptr<float>(0, 1), y, x);
                average(boxes.ptr<float>(0, 2), mirroredBoxes.ptr<float>(0, 0), y, x);
                average(boxes.ptr<float>(0, 3), mirroredBoxes.ptr<float>(0, 3), y, x);
            }
        }
    }
};

CocoDetector::CocoDetector() {
    const LearnedModelFiles& files = LearnedModelFiles::instance();
    load(files.path(kModelId), files.unavailableReason(kModelId));
}

CocoDetector::CocoDetector(const QString& modelPath, const QString& unavailableReason) {
    load(modelPath, unavailableReason);
}

void CocoDetector::load(const QString& modelPath, const QString& unavailableReason) {
    if (modelPath.isEmpty()) {
        m_error = unavailableReason.isEmpty()
                      ? QStringLiteral("the COCO object model (%1) is not installed").arg(kModelId)
                      : unavailableReason;
        return;
    }
    QString problem;
    if (!m_runtime.load(modelPath, &problem))
        m_error = problem;
}

QString CocoDetector::error() const {
    return m_error;
}

QStringList CocoDetector::classes() const {
    return labels();
}

QVector<Detection> CocoDetector::detect(const QImage& image) const {
    return run(image).objects;
}

QVector<float> CocoDetector::embed(const QImage& image) const {
    if (!m_error.isEmpty() || image.isNull() || std::min(image.width(), image.height()) < kMinSide)
        return {};
    const std::vector<cv::Mat> outputs = m_runtime.run(Letterbox::from(image).blob(), {kEmbedding});
    return outputs.size() == 1 ? normalised(outputs[0]) : QVector<float>{};
}

CocoDetector::Output CocoDetector::run(const QImage& image, float minScore) const {
    if (!m_error.isEmpty() || image.isNull() || std::min(image.width(), image.height()) < kMinSide)
        return {};
    const Letterbox input = Letterbox::from(image);
    const std::vector<cv::Mat> outputs = m_runtime.run(input.blob(), {kHeatmap, kBoxes, kEmbedding});
    if (outputs.size() != 3 || outputs[0].dims != 4 || outputs[1].dims != 4 ||
        outputs[0].size[1] != labels().size())
        return {};
    cv::Mat heatmap = outputs[0].clone(); // 1 x classes x H x W
    cv::Mat boxes = outputs[1].clone();   // 1 x 4 x H x W: left, top, right, bottom distances
    if (m_mirrorTest) {
        const std::vector<cv::Mat> mirrored = m_runtime.run(input.blob(true), {kHeatmap, kBoxes});
        if (mirrored.size() != 2)
            return {};
        input.mergeMirrored(heatmap, boxes, mirrored[0], mirrored[1]);
    }
    const int classCount = heatmap.size[1], height = heatmap.size[2], width = heatmap.size[3];

    // Peaks: a cell at least as high as its 8 neighbours in its class plane; one class per cell.
    struct Peak {
        int cls;
        float score;
    };
    QHash<int, Peak> best; // cell index -> strongest class there
    for (int c = 0; c < classCount; ++c) {
        const float* plane = heatmap.ptr<float>(0, c);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                const float v = plane[y * width + x];
                if (v < minScore)
                    continue;
                bool isPeak = true;
                for (int dy = -1; dy <= 1 && isPeak; ++dy)
                    for (int dx = -1; dx <= 1 && isPeak; ++dx) {
                        const int ny = y + dy, nx = x + dx;
                        if (ny >= 0 && ny < height && nx >= 0 && nx < width && plane[ny * width + nx] > v)
                            isPeak = false;
                    }
                const int cell = y * width + x;
                if (isPeak && (!best.contains(cell) || best[cell].score < v))
                    best[cell] = {c, v};
            }
        }
    }

    Output output;
    const QRect bounds = image.rect();
    for (auto it = best.cbegin(); it != best.cend(); ++it) {
        const int y = it.key() / width, x = it.key() % width;
        const float cx = float(x * kStride), cy = float(y * kStride);
        const auto distance = [&](int side) { return boxes.ptr<float>(0, side)[it.key()]; };
        const double s = input.scale;
        const QRect box =
            QRect(QPoint(int(std::floor((cx - distance(0)) / s)), int(std::floor((cy - distance(1)) / s))),
                  QPoint(int(std::ceil((cx + distance(2)) / s)) - 1,
                         int(std::ceil((cy + distance(3)) / s)) - 1))
                .intersected(bounds);
        if (box.width() < kMinBoxSide || box.height() < kMinBoxSide)
            continue;
        output.objects.push_back({labels().at(it->cls), it->score, box});
    }
    output.objects = NonMaxSuppression::apply(output.objects, kNmsIou);
    std::sort(output.objects.begin(), output.objects.end(),
              [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
    output.embedding = normalised(outputs[2]);
    return output;
}

const QStringList& CocoDetector::labels() {
    static const QStringList names = {"person",        "bicycle",      "car",
                                      "motorcycle",    "airplane",     "bus",
                                      "train",         "truck",        "boat",
                                      "traffic light", "fire hydrant", "stop sign",
                                      "parking meter", "bench",        "bird",
                                      "cat",           "dog",          "horse",
                                      "sheep",         "cow",          "elephant",
                                      "bear",          "zebra",        "giraffe",
                                      "backpack",      "umbrella",     "handbag",
                                      "tie",           "suitcase",     "frisbee",
                                      "skis",          "snowboard",    "sports ball",
                                      "kite",          "baseball bat", "baseball glove",
                                      "skateboard",    "surfboard",    "tennis racket",
                                      "bottle",        "wine glass",   "cup",
                                      "fork",          "knife",        "spoon",
                                      "bowl",          "banana",       "apple",
                                      "sandwich",      "orange",       "broccoli",
                                      "carrot",        "hot dog",      "pizza",
                                      "donut",         "cake",         "chair",
                                      "couch",         "potted plant", "bed",
                                      "dining table",  "toilet",       "tv",
                                      "laptop",        "mouse",        "remote",
                                      "keyboard",      "cell phone",   "microwave",
                                      "oven",          "toaster",      "sink",
                                      "refrigerator",  "book",         "clock",
                                      "vase",          "scissors",     "teddy bear",
                                      "hair drier",    "toothbrush"};
    return names;
}

} // namespace vl::engine
