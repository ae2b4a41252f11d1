#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace vl::engine {

// Finds a human-written description in an image file: EXIF ImageDescription (JPEG APP1, TIFF, PNG eXIf),
// XMP dc:description, or a "Description" text entry exposed by the Qt plugin (PNG tEXt, JPEG comment).
class ImageMetadata {
public:
    static QString description(const QByteArray& bytes, const QMap<QString, QString>& pluginText);

    static QString exifImageDescription(const QByteArray& bytes);
    static QString xmpDescription(const QByteArray& bytes);
};

} // namespace vl::engine
