#pragma once

#include "Detector.h"

#include <opencv2/core.hpp>

namespace vl::engine {

// A detector built on OpenCV cascade classifiers (Viola-Jones Haar or LBP features). cv::CascadeClassifier
// must not run detectMultiScale concurrently on one instance, so every thread loads its own copy of each
// cascade on first use (thread_local cache keyed by file path).
//
// Confidence: OpenCV groups overlapping raw hits; a box confirmed by n raw hits gets n / (n + minNeighbors),
// so a box that just passes minNeighbors scores 0.5. When a verifier cascade is configured, a candidate is
// kept only if the verifier also finds an object in a crop around it such that each box holds the other's
// centre; this removes texture false positives at a small cost in recall (see tests/enrich/bench_faces).
class CascadeDetector : public Detector {
public:
    struct Config {
        QString label;
        QString cascadeFile;  // file name searched by CascadeLocator, e.g. haarcascade_frontalface_alt2.xml
        QString verifierFile; // optional second cascade (empty = no second pass)
        double scaleFactor = 1.1;
        int minNeighbors = 4;
        double minSizeFraction = 0.03; // smallest object side as a fraction of the image's short side
        int minSizePixels = 20;        // ... but never below this (working pixels)
        int maxSide = 1024;            // long side of the working image
        int verifierMinNeighbors = 2;
    };

    explicit CascadeDetector(Config config);

    QVector<Detection> detect(const QImage& image) const override;
    QStringList classes() const override { return {m_config.label}; }
    QString error() const override { return m_error; }
    const Config& config() const { return m_config; }

private:
    bool verified(const cv::Mat& gray, const cv::Rect& candidate) const;

    Config m_config;
    QString m_cascadePath;
    QString m_verifierPath;
    QString m_error;
};

} // namespace vl::engine
