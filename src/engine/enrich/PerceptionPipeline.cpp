#include "PerceptionPipeline.h"

#include "BlazeFaceDetector.h"
#include "CocoDetector.h"
#include "FaceEmbedder.h"
#include "TextRecognizer.h"

namespace vl::engine {

PerceptionPipeline::PerceptionPipeline()
    : m_objects(std::make_unique<CocoDetector>())
    , m_faces(std::make_unique<BlazeFaceDetector>())
    , m_faceEmbedder(std::make_unique<FaceEmbedder>())
    , m_text(std::make_unique<TextRecognizer>()) {}

PerceptionPipeline::~PerceptionPipeline() = default;

const PerceptionPipeline& PerceptionPipeline::shared() {
    static const PerceptionPipeline pipeline;
    return pipeline;
}

bool PerceptionPipeline::hasObjects() const {
    return m_objects->error().isEmpty();
}

bool PerceptionPipeline::hasFaces() const {
    return m_faces->error().isEmpty();
}

bool PerceptionPipeline::hasText() const {
    return m_text->error().isEmpty();
}

QString PerceptionPipeline::unavailableReason() const {
    QStringList reasons;
    for (const QString& e :
         {m_objects->error(), m_faces->error(), m_faceEmbedder->error(), m_text->error()}) {
        if (!e.isEmpty() && !reasons.contains(e))
            reasons.append(e);
    }
    return reasons.join(QLatin1Char(' '));
}

void PerceptionPipeline::addFaces(const QImage& image, const QVector<QRect>* people, Perception& out) const {
    if (!hasFaces())
        return;
    const bool embedFaces = m_faceEmbedder->error().isEmpty();
    const QVector<Detection> faces =
        people ? m_faces->detectNearPeople(image, *people) : m_faces->detect(image);
    for (const Detection& face : faces) {
        out.objects.append(face);
        out.objectVectors.append(embedFaces ? m_faceEmbedder->embed(image, face.box) : QVector<float>());
    }
}

Perception PerceptionPipeline::perceive(const QImage& image, bool readText) const {
    Perception out;
    if (image.isNull())
        return out;
    CocoDetector::Output coco;
    if (hasObjects()) {
        coco = m_objects->run(image);
        out.embedding = std::move(coco.embedding);
        for (const Detection& d : coco.objects) {
            out.objects.append(d);
            out.objectVectors.append(QVector<float>());
        }
    }
    addFaces(image, hasObjects() ? &coco.people : nullptr, out);
    if (readText)
        out.words = this->readText(image);
    return out;
}

Perception PerceptionPipeline::faces(const QImage& image) const {
    Perception out;
    if (!image.isNull())
        addFaces(image, nullptr, out);
    return out;
}

QVector<float> PerceptionPipeline::embed(const QImage& image) const {
    return hasObjects() && !image.isNull() ? m_objects->embed(image) : QVector<float>();
}

QVector<Detection> PerceptionPipeline::faceBoxes(const QImage& image) const {
    return hasFaces() && !image.isNull() ? m_faces->detect(image) : QVector<Detection>();
}

QVector<float> PerceptionPipeline::embedFace(const QImage& image, const QRect& box) const {
    return m_faceEmbedder->error().isEmpty() ? m_faceEmbedder->embed(image, box) : QVector<float>();
}

QStringList PerceptionPipeline::readText(const QImage& image) const {
    return hasText() && !image.isNull() ? m_text->words(image) : QStringList();
}

} // namespace vl::engine
