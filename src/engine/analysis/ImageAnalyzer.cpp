#include "ImageAnalyzer.h"

#include "AttributeTagger.h"
#include "ImageDecoder.h"
#include "ImageMetadata.h"
#include "OpenCvBridge.h"
#include "QualityMeter.h"
#include "VisualDescriptor.h"

#include <QCryptographicHash>
#include <QFile>

namespace vl::engine {

namespace {

constexpr int kThumbnailSide = 512;

QRect cropRect(const QSize& size, const QRectF& fractions) {
    const QRectF unit(0, 0, 1, 1);
    const QRectF clamped = fractions.normalized().intersected(unit);
    if (clamped.isEmpty())
        return QRect(QPoint(0, 0), size);
    const QRect pixels(qRound(clamped.x() * size.width()), qRound(clamped.y() * size.height()),
                       std::max(1, qRound(clamped.width() * size.width())),
                       std::max(1, qRound(clamped.height() * size.height())));
    return pixels.intersected(QRect(QPoint(0, 0), size));
}

bool isFullFrame(const QRectF& crop) {
    return crop.normalized().contains(QRectF(0, 0, 1, 1));
}

// Everything after decoding: crop, thumbnail, descriptor and quality from one <= 512 px copy.
void analyzeDecoded(const ImageDecoder::Result& decoded, const QRectF& crop, ImageAnalysis& analysis) {
    QImage image = OpenCvBridge::toOpaqueRgb32(decoded.image);
    if (isFullFrame(crop)) {
        analysis.width = decoded.fullSize.width();
        analysis.height = decoded.fullSize.height();
    } else {
        image = image.copy(cropRect(image.size(), crop));
        analysis.width = image.width();
        analysis.height = image.height();
    }
    analysis.thumbnail = OpenCvBridge::downscale(image, kThumbnailSide);
    const cv::Mat bgr = OpenCvBridge::toBgrMat(analysis.thumbnail, kThumbnailSide);
    analysis.embedding = VisualDescriptor::compute(bgr);
    const QualityMeter::Quality quality = QualityMeter::measure(bgr);
    analysis.blur = quality.blur;
    analysis.dark = quality.dark;
    analysis.bright = quality.bright;
    analysis.attributes =
        AttributeTagger::tags(analysis.thumbnail, {quality.blur, quality.dark, quality.bright});
    analysis.ok = true;
}

} // namespace

ImageAnalysis ImageAnalyzer::analyzeFile(const QString& path, qint64 maxPixels) {
    ImageAnalysis skipped;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        skipped.skipReason = QStringLiteral("cannot open file: %1").arg(file.errorString());
        return skipped;
    }
    if (file.size() > kMaxFileBytes) {
        skipped.skipReason =
            QStringLiteral("file too large: %1 bytes (limit %2)").arg(file.size()).arg(kMaxFileBytes);
        return skipped;
    }
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        skipped.skipReason = QStringLiteral("cannot read file: %1").arg(file.errorString());
        return skipped;
    }
    return analyzeData(bytes, QRectF(0, 0, 1, 1), maxPixels);
}

ImageAnalysis ImageAnalyzer::analyzeData(const QByteArray& data, const QRectF& crop, qint64 maxPixels) {
    ImageAnalysis analysis;
    analysis.sha256Hex = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    // Everything but a crop is computed at thumbnail size, so only crops need the full resolution.
    const int decodeSide = isFullFrame(crop) ? kThumbnailSide : 0;
    const ImageDecoder::Result decoded = ImageDecoder::decode(data, maxPixels, decodeSide);
    if (decoded.image.isNull()) {
        analysis.skipReason = decoded.error;
        return analysis;
    }
    analysis.description = ImageMetadata::description(data, decoded.text);
    analyzeDecoded(decoded, crop, analysis);
    return analysis;
}

QVector<float> ImageAnalyzer::embed(const QImage& image) {
    if (image.isNull())
        return QVector<float>(embeddingDimension(), 0.0f);
    return VisualDescriptor::compute(OpenCvBridge::toBgrMat(image, kThumbnailSide));
}

int ImageAnalyzer::embeddingDimension() {
    return VisualDescriptor::dimension();
}

float ImageAnalyzer::cosineDistance(const float* a, const float* b, int dimension) {
    float dot = 0;
    for (int i = 0; i < dimension; ++i)
        dot += a[i] * b[i];
    return 1.0f - dot;
}

} // namespace vl::engine
