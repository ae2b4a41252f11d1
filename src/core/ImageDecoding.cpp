#include "ImageDecoding.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QThread>

#include <atomic>

namespace vl {

static QString tr(const char* text) {
    return QCoreApplication::translate("vl::ImageDecoding", text);
}

static std::atomic<quint64> s_mainThreadDecodes{0};
static std::atomic<quint64> s_otherThreadDecodes{0};

static void countDecode() {
    const QCoreApplication* app = QCoreApplication::instance();
    const bool mainThread = app && QThread::currentThread() == app->thread();
    (mainThread ? s_mainThreadDecodes : s_otherThreadDecodes).fetch_add(1, std::memory_order_relaxed);
}

ImageDecodeCounts imageDecodeCounts() {
    return {s_mainThreadDecodes.load(std::memory_order_relaxed),
            s_otherThreadDecodes.load(std::memory_order_relaxed)};
}

static DecodedImage decode(QImageReader& reader, const QSize& boundingSize, const QString& name) {
    countDecode();
    DecodedImage result;
    reader.setAutoTransform(true);
    reader.setAllocationLimit(kImageAllocationLimitMb);
    QSize size = reader.size();
    if (reader.transformation() & QImageIOHandler::TransformationRotate90)
        size.transpose();
    result.originalSize = size;
    if (size.isValid() && boundingSize.isValid() &&
        (size.width() > boundingSize.width() || size.height() > boundingSize.height())) {
        QSize scaled = size.scaled(boundingSize, Qt::KeepAspectRatio);
        // The reader applies the scaled size before the EXIF rotation.
        if (reader.transformation() & QImageIOHandler::TransformationRotate90)
            scaled.transpose();
        reader.setScaledSize(scaled.expandedTo(QSize(1, 1)));
    }
    if (!reader.read(&result.image)) {
        result.error = tr("%1 could not be read as an image (%2).")
                           .arg(name.isEmpty() ? tr("The data") : name, reader.errorString());
        return result;
    }
    if (!result.originalSize.isValid())
        result.originalSize = result.image.size();
    // Formats without scaled decoding support come back full size.
    if (boundingSize.isValid() &&
        (result.image.width() > boundingSize.width() || result.image.height() > boundingSize.height()))
        result.image = result.image.scaled(boundingSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return result;
}

DecodedImage decodeImageData(const QByteArray& data, const QSize& boundingSize, const QString& name) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return decode(reader, boundingSize, name);
}

DecodedImage decodeImageFile(const QString& path, const QSize& boundingSize) {
    QImageReader reader(path);
    return decode(reader, boundingSize, QFileInfo(path).fileName());
}

} // namespace vl
