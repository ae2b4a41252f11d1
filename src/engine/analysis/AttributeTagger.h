#pragma once

#include <QColor>
#include <QImage>
#include <QString>
#include <QStringList>

namespace vl::engine {

// Cheap descriptive tags from what indexing already has (the thumbnail and the quality confidences), so
// a plain folder answers "black and white", "dark", "blurry" or "red" before any model runs: grayscale /
// black and white, dark, bright, blurry, and up to three dominant colour names from a fixed palette
// (red, orange, yellow, green, blue, purple, pink, brown, black, white, gray).
class AttributeTagger {
public:
    struct Quality {
        double blur = 0; // issue confidences in [0,1] (QualityMeter)
        double dark = 0;
        double bright = 0;
    };
    static QStringList tags(const QImage& image, const Quality& quality);

    // The palette name of one colour.
    static QString colourName(const QColor& colour);
    // Palette names covering at least kDominantShare of the image, largest share first (at most 3).
    static QStringList dominantColours(const QImage& image);
    // True when nearly no pixel has visible colour (a grey or sepia-free black and white photo).
    static bool isGrayscale(const QImage& image);

    static constexpr double kDominantShare = 0.2;
    static constexpr double kIssueConfidence = 0.5; // quality confidence from which an issue is a tag
};

} // namespace vl::engine
