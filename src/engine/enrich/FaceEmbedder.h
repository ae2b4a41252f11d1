#pragma once

#include "InferenceRuntime.h"

#include <QImage>
#include <QRect>
#include <QString>
#include <QVector>

namespace vl::engine {

class LearnedModelFiles;

// 192-d face embeddings with MobileFaceNet (model id mobilefacenet-112 in LearnedModelFiles), for
// similar-face search and face clusters: embeddings of one person are closer (higher dot product) than those
// of different people. Thread-safe.
//
// The crop is a square around the face box's centre, `crop_scale` (manifest, 1.4) times the box's longer
// side, so the network sees the whole face whichever detector framed it. Raw MobileFaceNet outputs share a
// large constant component (cosine ~1 between any two faces), so the manifest's mean face embedding is
// subtracted before L2 normalisation; dot product = cosine similarity.
class FaceEmbedder {
public:
    static constexpr int Dimension = 192;

    FaceEmbedder(); // LearnedModelFiles::instance()
    explicit FaceEmbedder(const LearnedModelFiles& files);

    // L2-normalised, Dimension floats; empty when error() is set, the image is null or the box does not
    // overlap it.
    QVector<float> embed(const QImage& image, const QRect& faceBox) const;
    // Empty when usable, else why not (model not installed, ...).
    QString error() const { return m_error; }

    static float similarity(const QVector<float>& a,
                            const QVector<float>& b); // dot product, 0 if sizes differ

private:
    InferenceRuntime m_runtime;
    std::vector<float> m_centre; // subtracted before normalising
    double m_cropScale = 1.4;
    QString m_error;
};

} // namespace vl::engine
