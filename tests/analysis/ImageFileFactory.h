#pragma once

#include <QByteArray>
#include <QString>

// Builds image files byte by byte where Qt's writers cannot: EXIF and XMP segments in JPEGs, and PNG
// headers that lie about their size.
class ImageFileFactory {
public:
    // Inserts an EXIF APP1 segment (big-endian TIFF, IFD0 with ImageDescription when non-empty and
    // Orientation when > 0) right after the JPEG's SOI marker.
    static QByteArray withExif(const QByteArray& jpeg, int orientation, const QByteArray& description = {});
    // Inserts an XMP APP1 segment with a dc:description (x-default) after the SOI marker.
    static QByteArray withXmpDescription(const QByteArray& jpeg, const QString& description);
    // A syntactically valid PNG (signature, IHDR, tiny IDAT, IEND) whose header claims width x height.
    static QByteArray pngClaimingSize(quint32 width, quint32 height);
};
