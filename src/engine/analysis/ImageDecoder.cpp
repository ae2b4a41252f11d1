#include "ImageDecoder.h"

#include <QBuffer>
#include <QImageReader>

#include <algorithm>

namespace vl::engine {

namespace {

bool looksLikeJpeg(const QByteArray& bytes) {
    return bytes.size() >= 3 && uchar(bytes[0]) == 0xFF && uchar(bytes[1]) == 0xD8 && uchar(bytes[2]) == 0xFF;
}

// True when a PNG chunk declares more bytes than the file holds. libpng allocates (and zeroes) a text
// chunk's declared length before reading it, so a 200-byte upload claiming a 1 GB tEXt chunk cost 1 GB
// and seconds of page faults just to read the header (found by tests/fuzz/upload_multipart).
bool hasPngChunkPastEnd(const QByteArray& bytes) {
    if (!bytes.startsWith(QByteArray("\x89PNG\r\n\x1A\n", 8)))
        return false;
    qint64 at = 8;
    while (at + 8 <= bytes.size()) {
        const qint64 length =
            qint64(quint32(uchar(bytes[int(at)])) << 24 | quint32(uchar(bytes[int(at) + 1])) << 16 |
                   quint32(uchar(bytes[int(at) + 2])) << 8 | quint32(uchar(bytes[int(at) + 3])));
        if (length > bytes.size() - at - 12) // length, type and CRC frame the data
            return true;
        if (bytes.mid(int(at) + 4, 4) == "IEND")
            return false;
        at += 12 + length;
    }
    return false;
}

// Qt's allocation limit is in megabytes; 4 bytes per pixel plus headroom for the plugin's own buffers.
int allocationLimitMb(qint64 maxPixels) {
    const qint64 megabytes = maxPixels * 4 / (1024 * 1024) + 64;
    return int(std::min<qint64>(megabytes, 1 << 20));
}

QString tooManyPixels(const QSize& size, qint64 maxPixels) {
    return QStringLiteral("too many pixels: %1 x %2 exceeds the limit of %3 pixels")
        .arg(size.width())
        .arg(size.height())
        .arg(maxPixels);
}

QString readerFailure(const QImageReader& reader) {
    const QString detail = reader.errorString();
    return detail.isEmpty() ? QStringLiteral("corrupt image: the decoder failed")
                            : QStringLiteral("corrupt image: %1").arg(detail);
}

} // namespace

QSize ImageDecoder::orientedSize(const QByteArray& bytes) {
    if (hasPngChunkPastEnd(bytes))
        return QSize();
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    QSize size = reader.size();
    if (reader.transformation() & QImageIOHandler::TransformationRotate90)
        size.transpose();
    return size;
}

bool ImageDecoder::isTruncatedJpeg(const QByteArray& bytes) {
    if (!looksLikeJpeg(bytes))
        return false;
    const int lastScan = bytes.lastIndexOf(QByteArray("\xFF\xDA", 2));
    const int lastEnd = bytes.lastIndexOf(QByteArray("\xFF\xD9", 2));
    return lastScan < 0 || lastEnd < lastScan;
}

ImageDecoder::Result ImageDecoder::decode(const QByteArray& bytes, qint64 maxPixels, int maxSide) {
    Result result;
    if (bytes.isEmpty()) {
        result.error = QStringLiteral("empty file (0 bytes)");
        return result;
    }
    if (hasPngChunkPastEnd(bytes)) {
        result.error = QStringLiteral("corrupt PNG: a chunk is longer than the file");
        return result;
    }
    QByteArray data = bytes; // shared, no copy; QBuffer needs a non-const pointer
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    reader.setAllocationLimit(allocationLimitMb(maxPixels));
    if (!reader.canRead()) {
        result.error = QStringLiteral("not an image (unrecognised format)");
        return result;
    }
    const QSize declared = reader.size();
    if (declared.isValid() && qint64(declared.width()) * declared.height() > maxPixels) {
        result.error = tooManyPixels(declared, maxPixels);
        return result;
    }
    if (isTruncatedJpeg(bytes)) {
        result.error = QStringLiteral("truncated JPEG: the end-of-image marker is missing");
        return result;
    }
    if (maxSide > 0 && declared.isValid() && std::max(declared.width(), declared.height()) > maxSide) {
        // The fitted box keeps the aspect ratio, so it is the same whether Qt applies it before or
        // after the EXIF rotation.
        // At least one pixel per side: a 3000 x 1 strip would otherwise ask for 512 x 0 and fail.
        reader.setScaledSize(declared.scaled(maxSide, maxSide, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    }
    for (const QString& key : reader.textKeys())
        result.text.insert(key, reader.text(key));
    QImage image;
    if (!reader.read(&image) || image.isNull()) {
        result.error = readerFailure(reader);
        return result;
    }
    if (qint64(image.width()) * image.height() > maxPixels) { // formats without a header size
        result.error = tooManyPixels(image.size(), maxPixels);
        return result;
    }
    const bool rotated = reader.transformation() & QImageIOHandler::TransformationRotate90;
    result.fullSize = !declared.isValid() ? image.size() : (rotated ? declared.transposed() : declared);
    result.image = image;
    return result;
}

} // namespace vl::engine
