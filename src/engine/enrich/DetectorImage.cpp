#include "DetectorImage.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace vl::engine {

DetectorImage DetectorImage::fromQImage(const QImage& image, int maxSide) {
    DetectorImage result;
    if (image.isNull() || image.width() <= 0 || image.height() <= 0)
        return result;
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    // Wrap Qt's buffer (rows are padded to 4 bytes) and copy it out through resize / clone.
    const cv::Mat wrapped(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()),
                          static_cast<size_t>(gray.bytesPerLine()));
    const int longSide = std::max(gray.width(), gray.height());
    if (maxSide > 0 && longSide > maxSide) {
        result.scale = double(longSide) / maxSide;
        const int width = std::max(1, int(std::lround(gray.width() / result.scale)));
        const int height = std::max(1, int(std::lround(gray.height() / result.scale)));
        cv::resize(wrapped, result.gray, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    } else {
        result.gray = wrapped.clone();
    }
    return result;
}

QRect DetectorImage::toOriginal(const cv::Rect& rect, const QSize& imageSize) const {
    const int x = int(std::lround(rect.x * scale));
    const int y = int(std::lround(rect.y * scale));
    const int right = int(std::lround((rect.x + rect.width) * scale));
    const int bottom = int(std::lround((rect.y + rect.height) * scale));
    return QRect(QPoint(x, y), QPoint(right - 1, bottom - 1)).intersected(QRect(QPoint(0, 0), imageSize));
}

} // namespace vl::engine
