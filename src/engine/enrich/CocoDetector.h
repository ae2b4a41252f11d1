#pragma once

#include "Detector.h"
#include "InferenceRuntime.h"

#include <QString>
#include <QVector>

namespace vl::engine {

// The 80 COCO object classes ("person", "bicycle", "car", ..., "toothbrush") and a 480-d learned image
// embedding, both from ONE forward pass of the MobileNetV3 CenterNet converted at set-up (model id
// "centernet-512" in LearnedModelFiles; input 512x512 RGB in 0..255, NCHW).
//
// Decoding: the image is letterboxed (scaled so its long side is 512, placed top-left on black; measured
// better than stretching on the benchmark set); heatmap peaks are cells that equal the maximum of their 3x3
// neighbourhood (CenterNet's max-pool NMS) with a score >= the threshold; each peak's box comes from the
// four distances in the "wh" map (left, top, right, bottom, in input pixels, stride 4). The box regression
// is class-agnostic, so one location keeps only its best class (two labels on one box are never both
// right), then greedy NMS per class at IoU 0.5. Confidence = heatmap score (sigmoid), averaged with the
// mirrored image's (setMirrorTest).
//
// Thread-safe: one instance may be shared by all worker threads.
class CocoDetector : public Detector {
public:
    // Calibrated by tests/bench/bench_detection on the labelled photos of detection_truth.json: the lowest
    // threshold with precision >= 0.9 and false objects on <= 5% of photos showing no COCO class.
    static constexpr float DefaultScoreThreshold = 0.35f;
    static constexpr int EmbeddingSize = 480;

    struct Output {
        QVector<Detection> objects;
        QVector<float> embedding; // EmbeddingSize floats, L2-normalised; empty on failure
    };

    // The model from LearnedModelFiles::instance().
    CocoDetector();
    // A given ONNX file (tests and benchmarks); an empty path = unavailable with `unavailableReason`.
    explicit CocoDetector(const QString& modelPath, const QString& unavailableReason = {});

    // Test-time mirroring: a second pass on the mirrored image, heatmaps averaged. Costs a second forward
    // pass; on by default because it removes most single-view false objects (numbers in the README).
    // Not thread-safe: set before sharing the instance.
    void setMirrorTest(bool on) { m_mirrorTest = on; }
    bool mirrorTest() const { return m_mirrorTest; }

    QVector<Detection> detect(const QImage& image) const override;
    QStringList classes() const override;
    QString error() const override;

    // Detections with confidence >= minScore (the benchmark sweeps thresholds from one low-threshold run:
    // the decoding makes filtering afterwards equal to decoding with the higher threshold) and the
    // embedding. A null or tiny image yields an empty Output.
    Output run(const QImage& image, float minScore = DefaultScoreThreshold) const;
    // The embedding only, e.g. of a query crop.
    QVector<float> embed(const QImage& image) const;

    // The COCO class names in the model's channel order.
    static const QStringList& labels();

private:
    struct Letterbox;
    void load(const QString& modelPath, const QString& unavailableReason);

    InferenceRuntime m_runtime;
    QString m_error;
    bool m_mirrorTest = true;
};

} // namespace vl::engine
