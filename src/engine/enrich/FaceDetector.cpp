#include "FaceDetector.h"

#include "LearnedModelFiles.h"

namespace vl::engine {

CascadeDetector::Config HaarFaceDetector::defaultConfig() {
    Config config;
    config.label = QStringLiteral("face");
    config.cascadeFile = QStringLiteral("haarcascade_frontalface_alt2.xml");
    config.verifierFile = QStringLiteral("haarcascade_frontalface_default.xml");
    config.scaleFactor = 1.1;
    config.minNeighbors = 3;
    return config;
}

HaarFaceDetector::HaarFaceDetector(Config config)
    : CascadeDetector(std::move(config)) {}

FaceDetector::FaceDetector()
    : FaceDetector(LearnedModelFiles::instance()) {}

FaceDetector::FaceDetector(const LearnedModelFiles& files)
    : m_blazeFace(files) {}

QVector<Detection> FaceDetector::detect(const QImage& image) const {
    return usesLearnedModel() ? m_blazeFace.detect(image) : m_haar.detect(image);
}

QVector<Detection> FaceDetector::detectNearPeople(const QImage& image, const QVector<QRect>& people) const {
    return usesLearnedModel() ? m_blazeFace.detectNearPeople(image, people) : m_haar.detect(image);
}

QString FaceDetector::error() const {
    if (usesLearnedModel() || m_haar.error().isEmpty())
        return {};
    return QStringLiteral("%1; the Haar fallback is unavailable too: %2")
        .arg(m_blazeFace.error(), m_haar.error());
}

QString FaceDetector::description() const {
    if (usesLearnedModel())
        return QStringLiteral(
            "Finds human faces (label \"face\", frontal to three-quarter profile, upright) with "
            "MediaPipe BlazeFace (learned, ONNX, Apache-2.0).");
    return QStringLiteral(
               "Finds frontal human faces (label \"face\") with OpenCV's Haar cascade confirmed by a "
               "second Haar cascade, because %1")
        .arg(m_blazeFace.error());
}

CascadeDetector::Config CatFaceDetector::defaultConfig() {
    Config config;
    config.label = QStringLiteral("cat face");
    config.cascadeFile = QStringLiteral("haarcascade_frontalcatface_extended.xml");
    config.verifierFile = QStringLiteral("haarcascade_frontalcatface.xml");
    config.scaleFactor = 1.1;
    config.minNeighbors = 4;
    config.minSizeFraction = 0.05;
    return config;
}

CatFaceDetector::CatFaceDetector(Config config)
    : CascadeDetector(std::move(config)) {}

} // namespace vl::engine
