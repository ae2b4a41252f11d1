#include "BlazeFaceDetector.h"

#include "LearnedModelFiles.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace vl::engine {
namespace {

const QString kModelId = QStringLiteral("blazeface-back-256");
const QString kVerifierId = QStringLiteral("blazeface-front-128");
constexpr int kInput = 256; // network input side
constexpr int kVerifierInput = 128;
constexpr int kReliableFace =
    32; // input pixels from which boxes are accurate (bench_faces: IoU >= 0.5 on 95%)
const std::vector<std::string> kOutputs{"Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"};

// The two anchor layers of the back model: MediaPipe strides 16 (16x16 cells, 2 anchors each) and
// 32, 32, 32 (8x8 cells, 2 anchors per layer = 6 each). Fixed anchor size: only the centres matter.
struct AnchorLayer {
    int grid;
    int perCell;
};
constexpr AnchorLayer kLayers[] = {{16, 2}, {8, 6}};

float sigmoid(float logit) {
    return 1.0f / (1.0f + std::exp(-std::clamp(logit, -80.0f, 80.0f))); // logits reach +-100
}

// Start offsets of `count` windows of `window` pixels covering `length` pixels with about `step` between
// starts, spread evenly so that the last window ends at the edge.
QVector<int> windowStarts(int length, int window, int step) {
    if (length <= window)
        return {0};
    const int count = int(std::ceil(double(length - window) / step)) + 1;
    QVector<int> starts;
    for (int i = 0; i < count; ++i)
        starts.append(int(std::lround(double(i) * (length - window) / (count - 1))));
    return starts;
}

double iou(const QRectF& a, const QRectF& b) {
    const QRectF overlap = a.intersected(b);
    const double inner = overlap.width() * overlap.height();
    const double united = a.width() * a.height() + b.width() * b.height() - inner;
    return united > 0 ? inner / united : 0.0;
}

} // namespace

BlazeFaceDetector::BlazeFaceDetector()
    : BlazeFaceDetector(LearnedModelFiles::instance()) {}

BlazeFaceDetector::BlazeFaceDetector(const LearnedModelFiles& files)
    : BlazeFaceDetector(files, Config{}) {}

BlazeFaceDetector::BlazeFaceDetector(const LearnedModelFiles& files, Config config)
    : m_config(config) {
    for (const auto& [id, runtime] : {std::pair{kModelId, &m_runtime}, std::pair{kVerifierId, &m_verifier}}) {
        const QString path = files.path(id);
        if (path.isEmpty()) {
            m_error = QStringLiteral("BlazeFace is unavailable: %1").arg(files.unavailableReason(id));
            return;
        }
        if (!runtime->load(path, &m_error))
            return;
        // A model file that loads but has other outputs would silently find nothing; check once.
        const std::vector<std::string> names = runtime->outputNames();
        for (const std::string& name : kOutputs) {
            if (std::find(names.begin(), names.end(), name) == names.end()) {
                m_error = QStringLiteral("%1 is not a BlazeFace model: no output %2")
                              .arg(path, QString::fromStdString(name));
                return;
            }
        }
    }
}

QVector<QRect> BlazeFaceDetector::squares(const QSize& size) const {
    const int longSide = std::max(size.width(), size.height());
    const int shortSide = std::min(size.width(), size.height());
    if (shortSide <= 0)
        return {};
    QVector<QRect> result{QRect(0, 0, longSide, longSide)};
    const double minFace = std::max<double>(m_config.minFacePixels, m_config.minFaceFraction * shortSide);
    int tile = std::max(kInput, int(std::lround(minFace * kInput / kReliableFace)));
    QVector<int> xs, ys;
    for (;;) {
        if (tile >= longSide * 3 / 4) // the whole-image pass already sees such faces at >= ~24 input pixels
            return result;
        const int step = std::max(1, int(std::lround(tile * (1.0 - m_config.tileOverlap))));
        xs = windowStarts(size.width(), tile, step);
        ys = windowStarts(size.height(), tile, step);
        if (xs.size() * ys.size() <= m_config.maxTiles) // panoramas: fewer, larger tiles
            break;
        tile = tile * 5 / 4;
    }
    for (int y : ys)
        for (int x : xs)
            result.append(QRect(x, y, tile, tile));
    return result;
}

QVector<BlazeFaceDetector::Candidate> BlazeFaceDetector::detectInSquare(const InferenceRuntime& runtime,
                                                                        int input, const QImage& rgb,
                                                                        const QRect& square, float minScore) {
    // Letterbox: the part of the square inside the image, scaled into the input; the rest stays black.
    const QRect part = square.intersected(rgb.rect());
    if (part.isEmpty())
        return {};
    const double scale = double(input) / square.width();
    const cv::Mat source(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar*>(rgb.constBits()),
                         size_t(rgb.bytesPerLine()));
    cv::Mat canvas = cv::Mat::zeros(input, input, CV_8UC3);
    const cv::Rect target(int(std::lround((part.x() - square.x()) * scale)),
                          int(std::lround((part.y() - square.y()) * scale)),
                          std::clamp(int(std::lround(part.width() * scale)), 1, input),
                          std::clamp(int(std::lround(part.height() * scale)), 1, input));
    const cv::Rect clipped = target & cv::Rect(0, 0, input, input);
    cv::resize(source(cv::Rect(part.x(), part.y(), part.width(), part.height())), canvas(clipped),
               clipped.size(), 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const int dims[] = {1, input, input, 3}; // NHWC
    cv::Mat blob(4, dims, CV_32F);
    cv::Mat view(input, input, CV_32FC3, blob.ptr<float>());
    canvas.convertTo(view, CV_32FC3, 1.0 / 127.5, -1.0); // [-1, 1]

    QVector<Candidate> candidates;
    const std::vector<cv::Mat> outputs = runtime.run(blob, kOutputs);
    if (outputs.size() != kOutputs.size())
        return candidates;
    for (int layer = 0; layer < 2; ++layer) {
        const AnchorLayer& anchors = kLayers[layer];
        const float* scores = outputs[size_t(layer)].ptr<float>();
        const float* boxes = outputs[size_t(layer) + 2].ptr<float>();
        const int count = anchors.grid * anchors.grid * anchors.perCell;
        for (int i = 0; i < count; ++i) {
            const float score = sigmoid(scores[i]);
            if (score < minScore)
                continue;
            const int cell = i / anchors.perCell;
            const float* raw = boxes + size_t(i) * 16;
            // Offsets and sizes are in input pixels around the anchor centre; map to the square, then the
            // image.
            const double cx = ((cell % anchors.grid + 0.5) / anchors.grid + raw[0] / input) * square.width();
            const double cy = ((cell / anchors.grid + 0.5) / anchors.grid + raw[1] / input) * square.width();
            const double w = raw[2] / input * square.width();
            const double h = raw[3] / input * square.width();
            const QPointF centre(square.x() + cx, square.y() + cy);
            if (w <= 0 || h <= 0 || !QRectF(part).contains(centre)) // a "face" in the black letterbox
                continue;
            candidates.append({QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h), score});
        }
    }
    return candidates;
}

QVector<BlazeFaceDetector::Candidate> BlazeFaceDetector::merged(QVector<Candidate> candidates) const {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    QVector<Candidate> faces;
    QVector<bool> taken(candidates.size(), false);
    for (int i = 0; i < candidates.size(); ++i) {
        if (taken[i])
            continue;
        // MediaPipe's weighted NMS: the best box's cluster becomes its score-weighted mean box.
        double weight = 0, x = 0, y = 0, right = 0, bottom = 0;
        for (int j = i; j < candidates.size(); ++j) {
            if (taken[j] || (j != i && iou(candidates[i].box, candidates[j].box) <= m_config.mergeIou))
                continue;
            taken[j] = true;
            const Candidate& c = candidates[j];
            weight += c.score;
            x += c.score * c.box.left();
            y += c.score * c.box.top();
            right += c.score * c.box.right();
            bottom += c.score * c.box.bottom();
        }
        faces.append({QRectF(QPointF(x / weight, y / weight), QPointF(right / weight, bottom / weight)),
                      candidates[i].score});
    }
    return faces;
}

bool BlazeFaceDetector::verified(const QImage& rgb, const QRectF& face) const {
    // The front model sees the face at about half its input, with context: faces score >= 0.69 there (LFW,
    // skimage photos), the cat, rocket and texture false faces of the back model <= 0.58, a suit collar 0.64.
    const double side = 2.0 * std::max(face.width(), face.height());
    const QRect square =
        QRectF(face.center().x() - side / 2, face.center().y() - side / 2, side, side).toRect();
    const QVector<Candidate> seen =
        detectInSquare(m_verifier, kVerifierInput, rgb, square, m_config.verifyScore);
    return std::any_of(seen.begin(), seen.end(),
                       [&](const Candidate& c) { return iou(c.box, face) > m_config.mergeIou; });
}

QVector<QRect> BlazeFaceDetector::squaresNear(const QSize& imageSize, const QVector<QRect>& people) const {
    QVector<QRect> result = squares(imageSize);
    if (result.size() <= 1) // the whole-image pass alone already sees the smallest faces searched for
        return result;
    // The whole image (the first square) always: large faces; the tiles (small faces) only where someone is.
    const QVector<QRect> tiles = result.mid(1);
    const auto nobodyThere = [&](const QRect& tile) {
        return std::none_of(people.begin(), people.end(), [&](const QRect& r) { return r.intersects(tile); });
    };
    result.erase(std::remove_if(result.begin() + 1, result.end(), nobodyThere), result.end());
    if (!m_config.headWindows)
        return result;
    const QVector<QRect> heads = headWindows(imageSize, people, tiles);
    // A crowd, or a wall of portraits: faces the detector saw no person for are found by the tiles of their
    // neighbours (bench_faces, 40 px LFW mosaics: recall 0.83 with the tiles, 0.63 with head windows).
    if (heads.size() > m_config.maxHeadWindows || heads.size() + 1 >= result.size())
        return result;
    return QVector<QRect>{result.front()} + heads;
}

QVector<QRect> BlazeFaceDetector::headWindows(const QSize& imageSize, const QVector<QRect>& people,
                                              const QVector<QRect>& tiles) const {
    const int tile = tiles.front().width();
    QVector<QRect> windows;
    const auto add = [&](const QRect& square) {
        if (!windows.contains(square))
            windows.append(square);
    };
    for (const QRect& person : people) {
        // A standing body is about 8 heads tall and a head-and-shoulders box about 2 to 3: a square as wide
        // as the box and at least half as tall keeps the head >= a quarter of the square in both cases.
        const int side = std::max({tile, person.width(), person.height() / 2});
        if (side > 2 * tile) { // a very large person: the tiles over the upper half of the box
            const QRect upperHalf(person.x(), person.y(), person.width(), person.height() / 2);
            for (const QRect& t : tiles)
                if (t.intersects(upperHalf))
                    add(t);
            continue;
        }
        const auto fit = [](int start, int side, int length) {
            return length > side ? std::clamp(start, 0, length - side) : start;
        };
        // Centred a quarter of the square below the box's top (the head of a standing or sitting person),
        // or on the box when it is only a head.
        const int centreY = person.y() + std::min(person.height() / 2, side / 4);
        add(QRect(fit(person.center().x() - side / 2, side, imageSize.width()),
                  fit(centreY - side / 2, side, imageSize.height()), side, side));
    }
    return windows;
}

QVector<Detection> BlazeFaceDetector::detect(const QImage& image) const {
    if (!usable(image))
        return {};
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    QVector<Candidate> candidates;
    for (const QRect& square : squares(rgb.size()))
        candidates += detectInSquare(m_runtime, kInput, rgb, square, m_config.minScore);
    return confirmed(rgb, candidates);
}

QVector<Detection> BlazeFaceDetector::detectNearPeople(const QImage& image,
                                                       const QVector<QRect>& people) const {
    if (!usable(image))
        return {};
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    QVector<Candidate> candidates;
    for (const QRect& square : squaresNear(rgb.size(), people))
        candidates += detectInSquare(m_runtime, kInput, rgb, square, m_config.minScore);
    return confirmed(rgb, candidates);
}

bool BlazeFaceDetector::usable(const QImage& image) const {
    return m_error.isEmpty() && !image.isNull() && std::min(image.width(), image.height()) >= 16;
}

QVector<Detection> BlazeFaceDetector::confirmed(const QImage& rgb,
                                                const QVector<Candidate>& candidates) const {
    QVector<Detection> detections;
    for (const Candidate& face : merged(candidates)) {
        if (!verified(rgb, face.box))
            continue;
        const QRect box = face.box.toAlignedRect().intersected(rgb.rect());
        if (!box.isEmpty())
            detections.append({QStringLiteral("face"), face.score, box});
    }
    return detections;
}

} // namespace vl::engine
