#include "AttributeTagger.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace vl::engine {

namespace {

constexpr int kWorkingSide = 64; // colour shares need no detail; 4k pixels keep this far below decoding

QImage working(const QImage& image) {
    QImage small = image.width() > kWorkingSide || image.height() > kWorkingSide
                       ? image.scaled(kWorkingSide, kWorkingSide, Qt::KeepAspectRatio, Qt::FastTransformation)
                       : image;
    return small.convertToFormat(QImage::Format_RGB32);
}

// Visible colour of a pixel: the spread between its strongest and weakest channel (0..255).
int chroma(QRgb p) {
    const int r = qRed(p), g = qGreen(p), b = qBlue(p);
    return std::max({r, g, b}) - std::min({r, g, b});
}

} // namespace

// Hue sectors are the ones people name; brown is dark or muted orange/red/yellow, pink is light or muted
// red/magenta. Achromatic colours first: very dark is black, little saturation is gray or white.
QString AttributeTagger::colourName(const QColor& colour) {
    const QColor hsv = colour.toHsv();
    const double v = hsv.valueF();
    const double s = hsv.hsvSaturationF();
    const int h = hsv.hsvHue(); // -1 for achromatic
    if (v < 0.2)
        return QStringLiteral("black");
    if (s < 0.15 || h < 0)
        return v > 0.85 ? QStringLiteral("white") : QStringLiteral("gray");
    const bool warm = h < 70 || h >= 345;
    if (warm && h >= 10 && h < 50 && v < 0.65)
        return QStringLiteral("brown");
    if (warm && h >= 10 && h < 50 && s < 0.5 && v < 0.85)
        return QStringLiteral("brown");
    if ((h >= 345 || h < 10) && s < 0.5 && v > 0.6)
        return QStringLiteral("pink");
    if (h < 15 || h >= 345)
        return QStringLiteral("red");
    if (h < 40)
        return QStringLiteral("orange");
    if (h < 70)
        return QStringLiteral("yellow");
    if (h < 165)
        return QStringLiteral("green");
    if (h < 255)
        return QStringLiteral("blue");
    if (h < 290)
        return QStringLiteral("purple");
    return QStringLiteral("pink");
}

bool AttributeTagger::isGrayscale(const QImage& image) {
    const QImage small = working(image);
    if (small.isNull())
        return false;
    qint64 colourful = 0, total = 0, chromaSum = 0;
    for (int y = 0; y < small.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(small.constScanLine(y));
        for (int x = 0; x < small.width(); ++x) {
            const int c = chroma(line[x]);
            chromaSum += c;
            colourful += c > 24 ? 1 : 0;
            ++total;
        }
    }
    // JPEG chroma noise and a slight tint stay below these; any coloured object above 3% of the frame
    // does not.
    return colourful <= total * 3 / 100 && chromaSum <= total * 8;
}

QStringList AttributeTagger::dominantColours(const QImage& image) {
    const QImage small = working(image);
    if (small.isNull())
        return {};
    QHash<QString, int> counts;
    int total = 0;
    for (int y = 0; y < small.height(); ++y) {
        const QRgb* line = reinterpret_cast<const QRgb*>(small.constScanLine(y));
        for (int x = 0; x < small.width(); ++x, ++total)
            ++counts[colourName(QColor::fromRgb(line[x]))];
    }
    std::vector<std::pair<int, QString>> ranked;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() >= kDominantShare * total)
            ranked.emplace_back(it.value(), it.key());
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    QStringList names;
    for (size_t i = 0; i < ranked.size() && i < 3; ++i)
        names.append(ranked[i].second);
    return names;
}

QStringList AttributeTagger::tags(const QImage& image, const Quality& quality) {
    QStringList out;
    const bool grayscale = isGrayscale(image);
    if (grayscale)
        out << QStringLiteral("grayscale") << QStringLiteral("black and white");
    if (quality.dark >= kIssueConfidence)
        out << QStringLiteral("dark");
    if (quality.bright >= kIssueConfidence)
        out << QStringLiteral("bright");
    if (quality.blur >= kIssueConfidence)
        out << QStringLiteral("blurry");
    if (!grayscale)
        out << dominantColours(image);
    out.removeDuplicates();
    return out;
}

} // namespace vl::engine
