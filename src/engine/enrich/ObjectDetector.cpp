#include "ObjectDetector.h"

namespace vl::engine {

ObjectDetector::ObjectDetector() = default;

ObjectDetector::ObjectDetector(const QString& cocoModelPath, const QString& cocoUnavailable)
    : m_coco(CocoDetector::DefaultModel, cocoModelPath, cocoUnavailable) {}

QVector<Detection> ObjectDetector::detect(const QImage& image) const {
    return detectWithEmbedding(image).objects;
}

CocoDetector::Output ObjectDetector::detectWithEmbedding(const QImage& image) const {
    if (!error().isEmpty())
        return {};
    CocoDetector::Output output;
    if (usesCoco()) {
        output = m_coco.run(image);
        output.objects = m_faces.detectNearPeople(image, output.people) + output.objects;
    } else {
        // Fallback: the classical detectors are much weaker (HOG people, Haar cat faces), see description().
        output.objects = m_faces.detect(image) + m_people.detect(image) + m_catFaces.detect(image);
    }
    return output;
}

QStringList ObjectDetector::classes() const {
    if (usesCoco())
        return m_coco.classes() + m_faces.classes();
    return m_people.classes() + m_faces.classes() + m_catFaces.classes();
}

QString ObjectDetector::error() const {
    if (!m_faces.error().isEmpty())
        return m_faces.error();
    return usesCoco() ? QString() : m_catFaces.error();
}

QString ObjectDetector::description() const {
    if (usesCoco())
        return QStringLiteral("Finds the 80 COCO object classes (person, bicycle, car, dog, cup, ...; "
                              "MobileNetV3 CenterNet run "
                              "locally on the CPU) and human faces (\"face\"). Boxes in pixels.");
    return QStringLiteral(
               "Reduced mode, because the COCO object model is unavailable (%1). Finds three classes only: "
               "\"person\" (upright full bodies, OpenCV HOG), \"face\" and \"cat face\" (OpenCV Haar "
               "cascades).")
        .arg(m_coco.error());
}

} // namespace vl::engine
