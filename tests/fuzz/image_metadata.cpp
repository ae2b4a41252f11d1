// The description reader walks EXIF (JPEG APP1, bare TIFF, PNG eXIf) and XMP with offsets taken from the
// file itself: arbitrary bytes must never make it read outside the buffer.
#include "FuzzInput.h"
#include "ImageMetadata.h"

#include <QMap>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes = vl::fuzz::bytesOf(data, size);
    vl::engine::ImageMetadata::exifImageDescription(bytes);
    vl::engine::ImageMetadata::xmpDescription(bytes);
    const QMap<QString, QString> pluginText{
        {QStringLiteral("Description"), QString::fromLatin1(bytes.left(64))}};
    vl::engine::ImageMetadata::description(bytes, pluginText);
    vl::engine::ImageMetadata::description(bytes, {});
    return 0;
}
