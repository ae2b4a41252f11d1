#pragma once

#include <QJsonObject>
#include <QString>

namespace vl {

// A visual-search anchor: an uploaded query image (UPLOAD) or a dataset media item (MEDIA).
struct Anchor {
    enum class Type { Upload, Media };
    QString mediaId;
    Type type = Type::Upload;

    QString typeString() const; // UPLOAD / MEDIA
    bool isValid() const { return !mediaId.isEmpty(); }
    static Anchor fromJson(const QJsonObject& json); // {"anchor_media_id","anchor_type"}
    static Anchor media(const QString& mediaId);
};

} // namespace vl
