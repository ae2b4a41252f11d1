#include "OpenCvBridge.h"

#include <QPainter>

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace vl::engine {

namespace {

// Wraps (no copy) a Format_RGB32 image: its bytes are B, G, R, 0xFF on little-endian machines and
// A, R, G, B on big-endian ones; we only support the former, like OpenCV's own Qt interop.
cv::Mat wrapRgb32(const QImage& rgb32) {
    return cv::Mat(rgb32.height(), rgb32.width(), CV_8UC4, const_cast<uchar*>(rgb32.constBits()),
                   static_cast<size_t>(rgb32.bytesPerLine()));
}

cv::Size fittedSize(int width, int height, int maxSide) {
    const int longSide = std::max(width, height);
    if (longSide <= maxSide)
        return cv::Size(width, height);
    const double scale = double(maxSide) / longSide;
    return cv::Size(std::max(1, int(width * scale + 0.5)), std::max(1, int(height * scale + 0.5)));
}

} // namespace

QImage OpenCvBridge::toOpaqueRgb32(const QImage& image) {
    if (image.format() == QImage::Format_RGB32)
        return image;
    if (!image.hasAlphaChannel())
        return image.convertToFormat(QImage::Format_RGB32);
    QImage opaque(image.size(), QImage::Format_RGB32);
    opaque.fill(Qt::white);
    QPainter painter(&opaque);
    painter.drawImage(0, 0, image);
    painter.end();
    return opaque;
}

cv::Mat OpenCvBridge::toBgrMat(const QImage& image, int maxSide) {
    const QImage rgb32 = toOpaqueRgb32(image);
    if (rgb32.isNull())
        return cv::Mat();
    const cv::Mat wrapped = wrapRgb32(rgb32);
    cv::Mat scaled;
    const cv::Size target = fittedSize(rgb32.width(), rgb32.height(), maxSide);
    if (target == wrapped.size())
        scaled = wrapped;
    else
        cv::resize(wrapped, scaled, target, 0, 0, cv::INTER_AREA);
    cv::Mat bgr;
    cv::cvtColor(scaled, bgr, cv::COLOR_BGRA2BGR);
    return bgr;
}

QImage OpenCvBridge::downscale(const QImage& rgb32, int maxSide) {
    const cv::Size target = fittedSize(rgb32.width(), rgb32.height(), maxSide);
    if (target.width == rgb32.width() && target.height == rgb32.height())
        return rgb32;
    // Area averaging is the right filter for large reductions (what Qt::SmoothTransformation approximates
    // with repeated halving) and OpenCV's implementation is vectorised, which matters for 24 MP photos.
    QImage result(target.width, target.height, QImage::Format_RGB32);
    cv::Mat destination = wrapRgb32(result);
    cv::resize(wrapRgb32(rgb32), destination, target, 0, 0, cv::INTER_AREA);
    return result;
}

} // namespace vl::engine
