#pragma once

#include "Detector.h"
#include "InferenceRuntime.h"

#include <QString>
#include <QVector>

namespace vl::engine {

// The 80 COCO object classes ("person", "bicycle", "car", ..., "toothbrush") and a learned image embedding,
// both from ONE forward pass of a detector converted at set-up (LearnedModelFiles):
// - CenterNet: MobileNetV3 CenterNet, "centernet-512"; 512x512 RGB 0..255; per-class centre heatmaps (stride
// 4)
//   whose peaks (equal to the maximum of their 3x3 neighbourhood) are objects; 480-d embedding. The image is
//   letterboxed (long side 512, top-left on black; measured better than stretching).
// - NanoDet: "nanodet-416"; 416x416 BGR normalised; dense class scores at strides 8/16/32 with box sides as
//   11-bin distributions (distance = stride x expected bin); 512-d embedding. The image is stretched (its
//   training convention).
// Each cell's box is class-agnostic, so a cell keeps only its best class (two labels on one box are never
// both right), then greedy NMS per class at IoU 0.5. Boxes are in pixels of the image passed. Confidence =
// class score (sigmoid), averaged with the mirrored image's when the mirrored pass is on (setMirrorTest).
//
// Thread-safe: one instance may be shared by all worker threads.
class CocoDetector : public Detector {
public:
    enum class Model { CenterNet, NanoDet };
    // The shipped choice and its thresholds, calibrated by tests/bench/bench_detection on the labelled photos
    // of tests/bench/data/detection_truth.json: the lowest threshold with precision >= 0.9 and false objects
    // on
    // <= 5% of photos showing no COCO class (numbers in src/engine/enrich/README.md).
    static constexpr Model DefaultModel = Model::CenterNet;

    struct Output {
        QVector<Detection> objects;
        QVector<float> embedding; // embeddingSize() floats, L2-normalised; empty on failure
        // Where people may be: "person" boxes down to kPeopleScore, grown by kPeopleMargin on each side so
        // that heads cut off by a box are inside. Faces are searched in detail only there (FaceDetector).
        QVector<QRect> people;
    };
    // Far below the calibrated thresholds: a missed person costs its small faces, a false one a few tiles.
    // 0.05 (bench_faces, LFW mosaics of 40 px faces without bodies): face recall 0.83; 0.1: 0.26; 0.2: 0.
    static constexpr float kPeopleScore = 0.05f;
    static constexpr double kPeopleMargin = 0.15;

    // The default model from LearnedModelFiles::instance().
    CocoDetector();
    explicit CocoDetector(Model model);
    // A given ONNX file (tests and benchmarks); an empty path = unavailable with `unavailableReason`.
    CocoDetector(Model model, const QString& modelPath, const QString& unavailableReason = {});

    // Test-time mirroring: a second pass on the mirrored image, scores and box sides averaged. Costs a second
    // forward pass; on by default because it removes most single-view false objects (numbers in the README).
    // Not thread-safe: set before sharing the instance.
    void setMirrorTest(bool on) { m_mirrorTest = on; }
    bool mirrorTest() const { return m_mirrorTest; }

    QVector<Detection> detect(const QImage& image) const override;
    QStringList classes() const override;
    QString error() const override;

    Model model() const { return m_model; }
    static QString modelId(Model model); // the LearnedModelFiles id
    int embeddingSize() const;
    // The calibrated score threshold of this model and mirror setting.
    float defaultThreshold() const;

    // Detections with confidence >= minScore (default: defaultThreshold()), the people and the embedding. The
    // benchmark
    // sweeps thresholds from one low-threshold run: filtering afterwards equals decoding with the higher
    // threshold (peaks, best class per cell and greedy NMS all go by score). A null or tiny image yields an
    // empty Output.
    Output run(const QImage& image, float minScore = -1) const;
    // The embedding only, e.g. of a query crop (the backbone part of the forward pass).
    QVector<float> embed(const QImage& image) const;

    // The "person" boxes of `objects` scoring >= minScore, grown by kPeopleMargin and clipped to `bounds`.
    static QVector<QRect> peopleRegions(const QVector<Detection>& objects, const QRect& bounds,
                                        float minScore = kPeopleScore);
    // The COCO class names in the models' channel order.
    static const QStringList& labels();

private:
    struct Input;
    struct Level;
    Input prepare(const QImage& image) const;
    bool decode(const Input& input, std::vector<Level>* levels, QVector<float>* embedding) const;
    void load(const QString& modelPath, const QString& unavailableReason);

    Model m_model;
    InferenceRuntime m_runtime;
    QString m_error;
    bool m_mirrorTest = true;
};

} // namespace vl::engine
