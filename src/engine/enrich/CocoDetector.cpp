#include "CocoDetector.h"

#include "LearnedModelFiles.h"
#include "NonMaxSuppression.h"

#include <QHash>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace vl::engine {

namespace {

constexpr int kMinSide = 8;    // smaller images carry nothing the models can see
constexpr int kMinBoxSide = 2; // boxes thinner than this (in image pixels) are decoding noise
constexpr double kNmsIou = 0.5;
constexpr int kNanoDetBins = 11;
constexpr int kPersonClass = 0; // labels() order // NanoDet's box-side distribution: distances 0..10 strides

// How a model wants its input and names its outputs (see packaging/models/README.md).
struct ModelSpec {
    QString id;
    int inputSide;
    bool letterbox; // else stretched to the square
    bool bgr;
    float mean[3]; // per blob channel
    float scale[3];
    std::vector<std::string> outputs; // detection outputs; the embedding comes last
    std::string embedding;
    int embeddingSize;
    float threshold[2]; // calibrated: one pass, with the mirrored pass
};

const ModelSpec& spec(CocoDetector::Model model) {
    static const ModelSpec centerNet{
        QStringLiteral("centernet-512"), 512,         true, false,         {0, 0, 0}, {1, 1, 1},
        {"heatmap", "box_distances"},    "embedding", 480,  {0.45f, 0.35f}};
    static const ModelSpec nanoDet{
        QStringLiteral("nanodet-416"),
        416,
        false,
        true,
        {103.53f, 116.28f, 123.675f},
        {1 / 57.375f, 1 / 57.12f, 1 / 58.395f},
        {"cls_stride8", "cls_stride16", "cls_stride32", "box_stride8", "box_stride16", "box_stride32"},
        "embedding",
        512,
        {0.6f, 0.6f}};
    return model == CocoDetector::Model::NanoDet ? nanoDet : centerNet;
}

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

// A [1, rows, ...] output as a rows x cells CV_32F matrix (own copy).
cv::Mat rowsByCells(const cv::Mat& output) {
    const int rows = output.size[1];
    return output.reshape(1, rows).clone();
}

} // namespace

// The image on the model's square input canvas (RGB), with the mapping back to image pixels.
struct CocoDetector::Input {
    cv::Mat canvas;
    cv::Size content;  // the image's part of the canvas (top-left)
    double scaleX = 1; // input pixels per image pixel
    double scaleY = 1;

    cv::Mat blob(const ModelSpec& model, bool mirrored) const {
        cv::Mat image = canvas;
        if (mirrored) { // mirror the content only, so it stays top-left like the original
            image = canvas.clone();
            cv::flip(canvas(cv::Rect(cv::Point(0, 0), content)), image(cv::Rect(cv::Point(0, 0), content)),
                     1);
        }
        if (model.bgr)
            cv::cvtColor(image, image, cv::COLOR_RGB2BGR);
        const int side = model.inputSide;
        const int dims[] = {1, 3, side, side};
        cv::Mat result(4, dims, CV_32F);
        std::vector<cv::Mat> planes;
        for (int c = 0; c < 3; ++c)
            planes.emplace_back(side, side, CV_32F, result.ptr<float>(0, c));
        cv::Mat asFloat;
        image.convertTo(asFloat, CV_32F);
        cv::split(asFloat, planes); // writes straight into the blob's channel planes
        for (int c = 0; c < 3; ++c)
            planes[c] = (planes[c] - model.mean[c]) * model.scale[c];
        return result;
    }
};

// One output grid: class scores and box sides (left, top, right, bottom, input pixels) per cell.
struct CocoDetector::Level {
    int width = 0, height = 0, stride = 1;
    float offset = 0;       // cell centre = ((x + offset) * stride, (y + offset) * stride)
    bool peaksOnly = false; // CenterNet: only cells that are 3x3 maxima of their class plane
    cv::Mat scores;         // classes x cells
    cv::Mat sides;          // 4 x cells

    // Averages the mirrored pass's grid in (mapped back, left and right swapped): objects both views agree on
    // keep their score, single-view flukes drop.
    void mergeMirrored(const Level& mirrored, int contentWidth) {
        const int span = int(std::lround(double(contentWidth) / stride - 2 * offset)); // x <-> span - x
        for (int y = 0; y < height; ++y) {
            for (int x = std::max(0, span - width + 1); x <= std::min(span, width - 1); ++x) {
                const int cell = y * width + x, other = y * width + (span - x);
                for (int c = 0; c < scores.rows; ++c)
                    scores.at<float>(c, cell) =
                        0.5f * (scores.at<float>(c, cell) + mirrored.scores.at<float>(c, other));
                static const int swapped[4] = {2, 1, 0, 3};
                for (int k = 0; k < 4; ++k)
                    sides.at<float>(k, cell) =
                        0.5f * (sides.at<float>(k, cell) + mirrored.sides.at<float>(swapped[k], other));
            }
        }
    }

    static std::vector<Level> fromCenterNet(const std::vector<cv::Mat>& outputs);
    static std::vector<Level> fromNanoDet(const std::vector<cv::Mat>& outputs, int inputSide);

    bool isPeak(int cls, int x, int y) const {
        const float* plane = scores.ptr<float>(cls);
        const float v = plane[y * width + x];
        for (int ny = std::max(0, y - 1); ny <= std::min(height - 1, y + 1); ++ny)
            for (int nx = std::max(0, x - 1); nx <= std::min(width - 1, x + 1); ++nx)
                if (plane[ny * width + nx] > v)
                    return false;
        return true;
    }
};

std::vector<CocoDetector::Level> CocoDetector::Level::fromCenterNet(const std::vector<cv::Mat>& outputs) {
    Level level;
    level.height = outputs[0].size[2];
    level.width = outputs[0].size[3];
    level.stride = 4;
    level.peaksOnly = true;
    level.scores = rowsByCells(outputs[0]);
    level.sides = rowsByCells(outputs[1]);
    return {level};
}

// NanoDet's sides: softmax over the 11 bins, distance = stride x expected bin.
std::vector<CocoDetector::Level> CocoDetector::Level::fromNanoDet(const std::vector<cv::Mat>& outputs,
                                                                  int inputSide) {
    std::vector<Level> levels;
    const int strides[] = {8, 16, 32};
    for (int i = 0; i < 3; ++i) {
        Level level;
        level.stride = strides[i];
        level.width = level.height = inputSide / strides[i];
        level.offset = 0.5f;
        level.scores = rowsByCells(outputs[i]);
        const cv::Mat bins = rowsByCells(outputs[3 + i]); // 44 x cells
        const int cells = bins.cols;
        level.sides = cv::Mat(4, cells, CV_32F);
        for (int side = 0; side < 4; ++side) {
            for (int cell = 0; cell < cells; ++cell) {
                float top = -1e30f;
                for (int b = 0; b < kNanoDetBins; ++b)
                    top = std::max(top, bins.at<float>(side * kNanoDetBins + b, cell));
                double sum = 0, weighted = 0;
                for (int b = 0; b < kNanoDetBins; ++b) {
                    const double p = std::exp(double(bins.at<float>(side * kNanoDetBins + b, cell) - top));
                    sum += p;
                    weighted += p * b;
                }
                level.sides.at<float>(side, cell) = float(strides[i] * weighted / sum);
            }
        }
        levels.push_back(level);
    }
    return levels;
}

CocoDetector::CocoDetector()
    : CocoDetector(DefaultModel) {}

CocoDetector::CocoDetector(Model model)
    : m_model(model) {
    const LearnedModelFiles& files = LearnedModelFiles::instance();
    load(files.path(spec(model).id), files.unavailableReason(spec(model).id));
}

CocoDetector::CocoDetector(Model model, const QString& modelPath, const QString& unavailableReason)
    : m_model(model) {
    load(modelPath, unavailableReason);
}

void CocoDetector::load(const QString& modelPath, const QString& unavailableReason) {
    if (modelPath.isEmpty()) {
        m_error = unavailableReason.isEmpty()
                      ? QStringLiteral("the COCO object model (%1) is not installed").arg(spec(m_model).id)
                      : unavailableReason;
        return;
    }
    QString problem;
    if (!m_runtime.load(modelPath, &problem))
        m_error = problem;
}

QString CocoDetector::modelId(Model model) {
    return spec(model).id;
}

int CocoDetector::embeddingSize() const {
    return spec(m_model).embeddingSize;
}

float CocoDetector::defaultThreshold() const {
    return spec(m_model).threshold[m_mirrorTest ? 1 : 0];
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

CocoDetector::Input CocoDetector::prepare(const QImage& image) const {
    const ModelSpec& model = spec(m_model);
    const int side = model.inputSide;
    Input input;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const cv::Mat source(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                         size_t(rgb.bytesPerLine()));
    if (model.letterbox) {
        input.scaleX = input.scaleY = double(side) / std::max(rgb.width(), rgb.height());
        input.content = cv::Size(std::clamp(int(std::lround(rgb.width() * input.scaleX)), 1, side),
                                 std::clamp(int(std::lround(rgb.height() * input.scaleY)), 1, side));
    } else {
        input.scaleX = double(side) / rgb.width();
        input.scaleY = double(side) / rgb.height();
        input.content = cv::Size(side, side);
    }
    input.canvas = cv::Mat(side, side, CV_8UC3, cv::Scalar::all(0));
    // INTER_AREA averages when shrinking (no aliasing); enlarging small images wants a smooth filter.
    const bool shrinking = input.content.area() < rgb.width() * rgb.height();
    cv::resize(source, input.canvas(cv::Rect(cv::Point(0, 0), input.content)), input.content, 0, 0,
               shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    return input;
}

bool CocoDetector::decode(const Input& input, std::vector<Level>* levels, QVector<float>* embedding) const {
    const ModelSpec& model = spec(m_model);
    std::vector<std::string> names = model.outputs;
    names.push_back(model.embedding);
    const auto levelsOf = [&](const std::vector<cv::Mat>& outputs) {
        return m_model == Model::NanoDet ? Level::fromNanoDet(outputs, model.inputSide)
                                         : Level::fromCenterNet(outputs);
    };
    const std::vector<cv::Mat> outputs = m_runtime.run(input.blob(model, false), names);
    if (outputs.size() != names.size() || outputs[0].dims < 3 || outputs[0].size[1] != labels().size())
        return false;
    *levels = levelsOf(outputs);
    *embedding = normalised(outputs.back());
    if (!m_mirrorTest)
        return true;
    names.pop_back(); // the mirrored pass only needs the detection outputs
    const std::vector<cv::Mat> mirrored = m_runtime.run(input.blob(model, true), names);
    if (mirrored.size() != names.size())
        return false;
    const std::vector<Level> mirroredLevels = levelsOf(mirrored);
    for (size_t i = 0; i < levels->size(); ++i)
        (*levels)[i].mergeMirrored(mirroredLevels[i], input.content.width);
    return true;
}

CocoDetector::Output CocoDetector::run(const QImage& image, float minScore) const {
    if (!m_error.isEmpty() || image.isNull() || std::min(image.width(), image.height()) < kMinSide)
        return {};
    if (minScore < 0)
        minScore = defaultThreshold();
    // Only people are decoded below minScore (for Output::people): fewer candidates for the other classes.
    const float peopleScore = std::min(minScore, kPeopleScore);
    const Input input = prepare(image);
    std::vector<Level> levels;
    Output output;
    if (!decode(input, &levels, &output.embedding))
        return {};
    const QRect bounds = image.rect();
    for (const Level& level : levels) {
        QHash<int, std::pair<int, float>> best; // cell -> strongest class there and its score
        for (int c = 0; c < level.scores.rows; ++c) {
            const float* plane = level.scores.ptr<float>(c);
            const float floor = c == kPersonClass ? peopleScore : minScore;
            for (int cell = 0; cell < level.scores.cols; ++cell) {
                const float v = plane[cell];
                if (v < floor || (best.contains(cell) && best[cell].second >= v))
                    continue;
                if (!level.peaksOnly || level.isPeak(c, cell % level.width, cell / level.width))
                    best[cell] = {c, v};
            }
        }
        for (auto it = best.cbegin(); it != best.cend(); ++it) {
            const int x = it.key() % level.width, y = it.key() / level.width;
            const double cx = (x + level.offset) * level.stride, cy = (y + level.offset) * level.stride;
            const auto side = [&](int k) { return double(level.sides.at<float>(k, it.key())); };
            const QRect box = QRect(QPoint(int(std::floor((cx - side(0)) / input.scaleX)),
                                           int(std::floor((cy - side(1)) / input.scaleY))),
                                    QPoint(int(std::ceil((cx + side(2)) / input.scaleX)) - 1,
                                           int(std::ceil((cy + side(3)) / input.scaleY)) - 1))
                                  .intersected(bounds);
            if (box.width() >= kMinBoxSide && box.height() >= kMinBoxSide)
                output.objects.push_back({labels().at(it->first), it->second, box});
        }
    }
    output.objects = NonMaxSuppression::apply(output.objects, kNmsIou);
    std::sort(output.objects.begin(), output.objects.end(),
              [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
    // Thresholds filter after decoding: peaks, best class per cell and NMS all go by score (see run()).
    output.people = peopleRegions(output.objects, bounds);
    output.objects.erase(std::remove_if(output.objects.begin(), output.objects.end(),
                                        [&](const Detection& d) { return d.confidence < minScore; }),
                         output.objects.end());
    return output;
}

QVector<float> CocoDetector::embed(const QImage& image) const {
    if (!m_error.isEmpty() || image.isNull() || std::min(image.width(), image.height()) < kMinSide)
        return {};
    const std::vector<cv::Mat> outputs =
        m_runtime.run(prepare(image).blob(spec(m_model), false), {spec(m_model).embedding});
    return outputs.size() == 1 ? normalised(outputs[0]) : QVector<float>{};
}

QVector<QRect> CocoDetector::peopleRegions(const QVector<Detection>& objects, const QRect& bounds,
                                           float minScore) {
    QVector<QRect> regions;
    for (const Detection& d : objects) {
        if (d.label != QLatin1String("person") || d.confidence < minScore)
            continue;
        const int dx = int(std::lround(d.box.width() * kPeopleMargin));
        const int dy = int(std::lround(d.box.height() * kPeopleMargin));
        regions.append(d.box.adjusted(-dx, -dy, dx, dy).intersected(bounds));
    }
    return regions;
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
