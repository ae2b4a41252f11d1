#pragma once

#include <QImage>

#include <opencv2/core.hpp>

namespace vl::engine {

// Conversions between Qt images and OpenCV matrices. Internal to the analysis library.
class OpenCvBridge {
public:
    // An opaque 32-bit image (Format_RGB32): transparent areas are composed over white so that the
    // undefined colour of fully transparent pixels never leaks into descriptors or thumbnails.
    static QImage toOpaqueRgb32(const QImage& image);
    // A BGR 8-bit matrix scaled so that its long side is at most maxSide (area averaging).
    static cv::Mat toBgrMat(const QImage& image, int maxSide);
    // Area-averaged downscale of an RGB32 image to a long side of at most maxSide (never upscales).
    static QImage downscale(const QImage& rgb32, int maxSide);
};

} // namespace vl::engine
