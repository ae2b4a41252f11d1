#pragma once

#include <QByteArray>
#include <QImage>
#include <QMap>
#include <QString>

namespace vl::engine {

// Turns encoded bytes into an oriented QImage, or explains why not. Guards against decompression bombs
// by checking the header's pixel count before any pixel is decoded.
class ImageDecoder {
public:
    struct Result {
        QImage image;                // EXIF orientation applied; null on failure
        QSize fullSize;              // the image's full size after orientation (image may be smaller)
        QString error;               // human readable reason when image is null
        QMap<QString, QString> text; // textual metadata the Qt plugin exposes (PNG tEXt, JPEG comments, ...)
    };

    // maxSide > 0 asks for an image whose long side is at most maxSide: JPEGs are then decoded directly
    // at a reduced scale (libjpeg DCT scaling), which is several times faster than a full decode.
    static Result decode(const QByteArray& bytes, qint64 maxPixels, int maxSide = 0);

    // True when a JPEG stream lacks its end-of-image marker after the last scan. libjpeg "decodes" such
    // files by painting the missing rows grey and only warns; we reject them as truncated instead, so a
    // broken file shows up in the skipped list rather than as a half-grey picture with a wrong embedding.
    static bool isTruncatedJpeg(const QByteArray& bytes);

    // The size after EXIF orientation, read from the header alone (invalid when unreadable): what a
    // pixel bounding box sent with an upload refers to.
    static QSize orientedSize(const QByteArray& bytes);
};

} // namespace vl::engine
