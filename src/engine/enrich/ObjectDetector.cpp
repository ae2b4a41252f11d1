#include "ObjectDetector.h"

namespace vl::engine {

ObjectDetector::ObjectDetector() = default;

QVector<Detection> ObjectDetector::detect(const QImage& image) const {
    if (!error().isEmpty())
        return {};
    QVector<Detection> detections = m_people.detect(image);
    detections += m_faces.detect(image);
    detections += m_catFaces.detect(image);
    return detections;
}

QStringList ObjectDetector::classes() const {
    return m_people.classes() + m_faces.classes() + m_catFaces.classes();
}

QString ObjectDetector::error() const {
    if (!m_faces.error().isEmpty())
        return m_faces.error();
    return m_catFaces.error();
}

} // namespace vl::engine
