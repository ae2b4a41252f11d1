#pragma once

#include <QImage>
#include <QString>
#include <QVector>

// Photo-like synthetic images for the analysis tests and benchmarks: sky gradients over landscapes,
// overlapping shapes, textures, face-like ellipses and text, with sensor-like noise. Deterministic per seed.
class SceneGenerator {
public:
    static QImage scene(int seed, const QSize& size = QSize(640, 480));

    // The edits a near-duplicate detector must see through.
    enum class Variant { Crop80, HalfSize, Jpeg25, Brighter25, Mirror, Rotate5, Watermark };
    static QVector<Variant> allVariants();
    static QString variantName(Variant variant);
    static QImage variant(const QImage& original, Variant variant);

    // Building blocks, exposed for the quality tests.
    static QImage brightness(const QImage& image, double factor); // multiplies every channel, clamps
    static QImage gaussianBlur(const QImage& image, double sigma);
    static QByteArray encode(const QImage& image, const char* format, int quality = -1);
};
