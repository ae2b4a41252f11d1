#include "EnrichmentCatalog.h"

#include <QJsonObject>

namespace vl::engine {

const QVector<EnrichmentCatalog::Model>& EnrichmentCatalog::models() {
    static const QVector<Model> all = {
        {"local_image_captioner_v00",
         "Local-Image-Captioner",
         "CAPTION_IMAGES",
         "Coming Soon",
         "No captioning model ships with the local engine yet. Captions come from sidecar files next to each "
         "image (photo.txt or photo.caption) and from descriptions embedded in the image (EXIF/XMP).",
         {}},
        {"local_image_tagger_v00",
         "Local-Image-Tagger",
         "IMAGE_TAGGING",
         "Coming Soon",
         "No tagging model ships with the local engine yet. Labels come from class-per-folder layouts: "
         "images in "
         "two or more first-level subfolders are labelled with their subfolder name.",
         {}},
        {"local_multimodal_encoder_v00",
         "Local-Image-Semantic-Search",
         "MULTIMODEL_IMAGE_ENCODING",
         "Coming Soon",
         "No neural text-image encoder ships with the local engine yet. Semantic text search expands the "
         "query "
         "with WordNet synonyms and hypernyms and matches captions and labels; visual search uses the "
         "engine's "
         "own image descriptor.",
         {}},
        {"local_object_detector_v00",
         "Local-Object-Detector",
         "OBJECT_DETECTION",
         "Coming Soon",
         "Object detection is not available in the local engine yet, so OBJECTS explore results are empty.",
         {}},
        {"local_object_captioner_v00",
         "Local-Object-Captioner",
         "CAPTION_OBJECTS",
         "Coming Soon",
         "Needs object detection, which the local engine does not provide yet.",
         {"OBJECT_DETECTION"}},
    };
    return all;
}

QJsonArray EnrichmentCatalog::toJson() {
    QJsonArray list;
    for (const Model& m : models()) {
        list.append(
            QJsonObject{{"id", m.id},
                        {"name", m.name},
                        {"type", m.type},
                        {"status", m.status},
                        {"vendor", "Local"},
                        {"description", m.description},
                        {"dependencies", m.dependencies.isEmpty()
                                             ? QJsonValue(QJsonValue::Null)
                                             : QJsonValue(QJsonArray::fromStringList(m.dependencies))}});
    }
    return list;
}

std::optional<EnrichmentCatalog::Model> EnrichmentCatalog::find(const QString& modelId) {
    for (const Model& m : models()) {
        if (m.id == modelId)
            return m;
    }
    return std::nullopt;
}

bool EnrichmentCatalog::isKnownType(const QString& type) {
    static const QStringList cloudTypes = {"CAPTION_IMAGES",
                                           "OBJECT_DETECTION",
                                           "CAPTION_OBJECTS",
                                           "MULTIMODEL_IMAGE_ENCODING",
                                           "MULTIMODEL_OBJECT_ENCODING",
                                           "IMAGE_TAGGING",
                                           "FACE_DETECTION"};
    return cloudTypes.contains(type);
}

} // namespace vl::engine
