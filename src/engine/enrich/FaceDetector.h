#pragma once

#include "BlazeFaceDetector.h"
#include "CascadeDetector.h"

namespace vl::engine {

class LearnedModelFiles;

// Frontal human faces ("face") with OpenCV's Haar cascade haarcascade_frontalface_alt2 (opencv-data), each
// candidate confirmed by a second cascade, haarcascade_frontalface_default. The fallback when BlazeFace's
// model is not installed. Measured by tests/enrich/bench_faces. Misses profiles, strongly tilted
// (> ~20 degrees) and small faces (side < 3% of the image's short side, and at least 20 px once the image is
// scaled to 1024 px).
class HaarFaceDetector : public CascadeDetector {
public:
    static Config defaultConfig();
    explicit HaarFaceDetector(Config config = defaultConfig());
};

// Human faces ("face") for FACE_DETECTION and OBJECT_DETECTION: BlazeFace (learned, far fewer false faces on
// textures) when its model is installed, else the Haar pipeline; description() says which and why.
class FaceDetector : public Detector {
public:
    FaceDetector(); // models from LearnedModelFiles::instance()
    explicit FaceDetector(const LearnedModelFiles& files);

    QVector<Detection> detect(const QImage& image) const override;
    // Faces where people are (BlazeFaceDetector::detectNearPeople); the Haar pipeline looks everywhere.
    QVector<Detection> detectNearPeople(const QImage& image, const QVector<QRect>& people) const;
    QStringList classes() const override { return {QStringLiteral("face")}; }
    // Empty when one of the two pipelines works.
    QString error() const override;
    bool usesLearnedModel() const { return m_blazeFace.error().isEmpty(); }
    // One sentence for the model list: the pipeline in use, and why BlazeFace is not when it is not.
    QString description() const;

private:
    BlazeFaceDetector m_blazeFace;
    HaarFaceDetector m_haar;
};

// Frontal cat faces ("cat face") with OpenCV's haarcascade_frontalcatface_extended, confirmed by
// haarcascade_frontalcatface. Cats seen from the side or back are not found.
class CatFaceDetector : public CascadeDetector {
public:
    static Config defaultConfig();
    explicit CatFaceDetector(Config config = defaultConfig());
};

} // namespace vl::engine
