#pragma once

#include "ImageAnalysis.h"

#include <QRectF>

namespace vl::engine {

// Decodes and analyses images. Thread-safe, stateless: call from any worker thread.
class ImageAnalyzer {
public:
    static constexpr qint64 kDefaultMaxPixels = 100'000'000; // decompression-bomb guard
    // Files are hashed and decoded from memory; larger files are skipped rather than read.
    static constexpr qint64 kMaxFileBytes = qint64(1) << 30;

    // Reads the file (EXIF orientation applied), hashes it, computes embedding, quality and thumbnail.
    static ImageAnalysis analyzeFile(const QString& path, qint64 maxPixels = kDefaultMaxPixels);
    // Same for bytes already in memory (search uploads). `crop` is in fractions of the oriented image.
    static ImageAnalysis analyzeData(const QByteArray& data, const QRectF& crop = QRectF(0, 0, 1, 1),
                                     qint64 maxPixels = kDefaultMaxPixels);

    // The visual descriptor alone, for an already decoded image (used for object crops too).
    static QVector<float> embed(const QImage& image);
    static int embeddingDimension();

    // Cosine distance between two L2-normalised descriptors: 0 identical .. 2 opposite.
    static float cosineDistance(const float* a, const float* b, int dimension);
};

} // namespace vl::engine
