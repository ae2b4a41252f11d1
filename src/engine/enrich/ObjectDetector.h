#pragma once

#include "CocoDetector.h"
#include "FaceDetector.h"
#include "PeopleDetector.h"

namespace vl::engine {

// The local OBJECT_DETECTION model: the 80 COCO classes (CocoDetector) plus "face" (FaceDetector).
// When the COCO model is not installed it falls back to the classical detectors, "person" (PeopleDetector,
// HOG) and "cat face" (CatFaceDetector, Haar), and description() says so and why.
class ObjectDetector : public Detector {
public:
    ObjectDetector();
    // With a given file of the default COCO model (tests, benchmarks); an empty path = the fallback, with
    // `cocoUnavailable` as the reason.
    ObjectDetector(const QString& cocoModelPath, const QString& cocoUnavailable);

    QVector<Detection> detect(const QImage& image) const override;
    // Faces and objects plus the COCO model's image embedding from the same forward pass (embedding empty in
    // the fallback mode).
    CocoDetector::Output detectWithEmbedding(const QImage& image) const;
    QStringList classes() const override;
    QString error() const override; // the face detector's error, or the fallback's when COCO is missing

    // What detect() finds on this machine, for the model list.
    QString description() const;
    bool usesCoco() const { return m_coco.error().isEmpty(); }
    // The COCO detector, so a caller can take detections and the image embedding from one forward pass.
    const CocoDetector& coco() const { return m_coco; }

private:
    CocoDetector m_coco;
    FaceDetector m_faces;
    PeopleDetector m_people;
    CatFaceDetector m_catFaces;
};

} // namespace vl::engine
