#pragma once

#include <QString>
#include <QStringList>

namespace vl::engine {

// Enrichment type strings as the Visual Layer API spells them. FACE_DETECTION is our own name: the cloud
// advertises face detection but its type string is not documented anywhere we could find, so a client that
// hard-codes the cloud's (unknown) string will not match it.
namespace EnrichmentType {
inline const QString ObjectDetection = QStringLiteral("OBJECT_DETECTION");
inline const QString FaceDetection = QStringLiteral("FACE_DETECTION");
inline const QString ObjectEncoding = QStringLiteral("MULTIMODEL_OBJECT_ENCODING");
inline const QString ImageTagging = QStringLiteral("IMAGE_TAGGING");
inline const QString CaptionImages = QStringLiteral("CAPTION_IMAGES");
inline const QString CaptionObjects = QStringLiteral("CAPTION_OBJECTS");
inline const QString ImageEncoding = QStringLiteral("MULTIMODEL_IMAGE_ENCODING");
// Our own name, like FACE_DETECTION: words read in the images. The cloud documents no such type; clients
// show unknown types by their name.
inline const QString TextRecognition = QStringLiteral("TEXT_RECOGNITION");

// Every type the local engine knows, in the order list_models presents them.
inline QStringList all() {
    return {ObjectDetection, FaceDetection, ObjectEncoding, ImageTagging,
            TextRecognition, CaptionImages, CaptionObjects, ImageEncoding};
}

// The types a type needs to have been applied (or requested together with it) first.
inline QStringList dependenciesOf(const QString& type) {
    if (type == ObjectEncoding || type == CaptionObjects)
        return {ObjectDetection};
    return {};
}
} // namespace EnrichmentType

namespace ModelStatus {
inline const QString Active = QStringLiteral("Active");
inline const QString ComingSoon = QStringLiteral("Coming Soon");
// A plug-in whose descriptor or model file could not be loaded; never usable, listed so the user learns why.
inline const QString Invalid = QStringLiteral("Invalid");
} // namespace ModelStatus

} // namespace vl::engine
