#pragma once

#include "FaceDetector.h"
#include "PeopleDetector.h"

namespace vl::engine {

// The local OBJECT_DETECTION model: "person" (PeopleDetector, HOG), "face" (FaceDetector, Haar + LBP) and
// "cat face" (CatFaceDetector, Haar). Nothing else: no vehicles, animals other than cat faces, or objects.
class ObjectDetector : public Detector {
public:
    ObjectDetector();

    QVector<Detection> detect(const QImage& image) const override;
    QStringList classes() const override;
    QString error() const override; // the first component's error, if any

private:
    PeopleDetector m_people;
    FaceDetector m_faces;
    CatFaceDetector m_catFaces;
};

} // namespace vl::engine
