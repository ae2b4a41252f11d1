#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vl::engine {

// Everything the engine learns from one image file in one decode.
struct ImageAnalysis {
    bool ok = false;
    QString skipReason; // why the file was skipped (corrupt, truncated, empty, not an image, too many pixels)
    int width = 0;      // after EXIF orientation
    int height = 0;
    QByteArray sha256Hex;     // of the file bytes
    QVector<float> embedding; // L2-normalised visual descriptor (ImageAnalyzer::embeddingDimension() floats)
    double blur = 0;          // issue confidences in [0,1]: 1 = certainly blurry / dark / bright
    double dark = 0;
    double bright = 0;
    QStringList attributes; // AttributeTagger: grayscale, dark, bright, blurry, dominant colour names
    QString description;    // EXIF ImageDescription / XMP dc:description when present
    QImage thumbnail;       // long side <= 512, oriented, for the thumbnail cache (may be null)
};

} // namespace vl::engine
