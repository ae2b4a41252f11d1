#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace vl {

// The result of decoding one image on a worker thread.
struct DecodedImage {
    QImage image;       // scaled to fit the requested box (never enlarged)
    QSize originalSize; // the image's own size, before scaling
    QString error;      // set when nothing could be decoded

    bool isValid() const { return !image.isNull(); }
};

// Pure functions, safe on any thread: they read through QImageReader with a scaled size (so large
// JPEGs decode at reduced resolution) and an allocation limit (so a hostile file cannot exhaust
// memory). An empty boundingSize keeps the original size.
DecodedImage decodeImageData(const QByteArray& data, const QSize& boundingSize, const QString& name = {});
DecodedImage decodeImageFile(const QString& path, const QSize& boundingSize);

// How many decodes (successful or not) ran on the application's main (GUI) thread and on other
// threads since start: a cheap debug counter the benchmarks use to prove the views never decode.
struct ImageDecodeCounts {
    quint64 mainThread = 0;
    quint64 otherThreads = 0;
};
ImageDecodeCounts imageDecodeCounts();

// Allocation limit for any one image, in megabytes.
constexpr int kImageAllocationLimitMb = 512;

} // namespace vl
