#include "Anchor.h"

#include "JsonRead.h"

namespace vl {

QString Anchor::typeString() const {
    return type == Type::Media ? QStringLiteral("MEDIA") : QStringLiteral("UPLOAD");
}

Anchor Anchor::fromJson(const QJsonObject& json) {
    Anchor anchor;
    anchor.mediaId = JsonRead::firstString(json, {"anchor_media_id", "media_id"});
    const QString type = JsonRead::string(json.value(QLatin1String("anchor_type"))).trimmed().toUpper();
    // The upload endpoint answers UPLOAD; anything else we do not know is treated the same way.
    anchor.type = type == QLatin1String("MEDIA") ? Type::Media : Type::Upload;
    return anchor;
}

Anchor Anchor::media(const QString& mediaId) {
    Anchor anchor;
    anchor.mediaId = mediaId;
    anchor.type = Type::Media;
    return anchor;
}

} // namespace vl
