#pragma once

#include "Detector.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace vl::engine {

class BlazeFaceDetector;
class CocoDetector;
class FaceEmbedder;
class TextRecognizer;

// What the learned models see in one image. Boxes are in pixels of the image that was passed.
struct Perception {
    QVector<Detection> objects;            // COCO objects and faces
    QVector<QVector<float>> objectVectors; // parallel to objects: face embedding for faces, else empty
    QVector<float> embedding; // learned whole-image embedding, L2-normalised; empty without model
    QStringList words;        // words read in the image (only when asked for)
};

// The engine's learned perception in one place: COCO objects and the image embedding (one forward pass of
// the detector), faces and their embeddings, and optionally the words in the image. Every model is
// optional: a missing one contributes nothing and is named by unavailableReason(). Thread-safe; share one.
class PerceptionPipeline {
public:
    // Bumped whenever a model or its decoding changes: stored perceptions of an older version are redone.
    static constexpr int kVersion = 2;
    // Images are analysed at this long side: detectors resize to 256-512 px anyway, and decoding JPEGs at a
    // reduced scale is several times faster than a full decode.
    static constexpr int kAnalysisSide = 1024;

    PerceptionPipeline();
    ~PerceptionPipeline();

    bool hasObjects() const; // COCO detector + embedding usable
    bool hasFaces() const;   // face detector usable
    bool hasText() const;    // OCR usable
    // Empty when every model is usable, else one sentence per missing model.
    QString unavailableReason() const;

    Perception perceive(const QImage& image, bool readText = false) const;
    // The learned embedding of one image or crop (visual search queries); empty without the model.
    QVector<float> embed(const QImage& image) const;
    // The faces found (every tile scanned), without embeddings.
    QVector<Detection> faceBoxes(const QImage& image) const;
    // The face recogniser's embedding of the face in `box` (FaceEmbedder); empty without the model.
    QVector<float> embedFace(const QImage& image, const QRect& box) const;
    // Only the faces (FACE_DETECTION), with their embeddings.
    Perception faces(const QImage& image) const;
    QStringList readText(const QImage& image) const;

    static const PerceptionPipeline& shared(); // one per process: models are loaded once

private:
    // Faces near `people` (the object detector's person regions) or, without them, everywhere.
    void addFaces(const QImage& image, const QVector<QRect>* people, Perception& out) const;

    std::unique_ptr<CocoDetector> m_objects;
    std::unique_ptr<BlazeFaceDetector> m_faces;
    std::unique_ptr<FaceEmbedder> m_faceEmbedder;
    std::unique_ptr<TextRecognizer> m_text;
};

} // namespace vl::engine
