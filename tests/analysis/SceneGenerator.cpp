#include "SceneGenerator.h"

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>
#include <QRandomGenerator>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace {

const char* const kWords[] = {"harbour", "AUTUMN", "Station 9", "la plage", "Market", "sunset 2019",
                              "EXIT",    "Nord",   "coffee",    "BUS 42",   "garden", "Museum"};

double uniform(QRandomGenerator& random, double low, double high) {
    return low + random.bounded(high - low);
}

QColor randomColour(QRandomGenerator& random, int minValue = 0, int maxValue = 255) {
    return QColor::fromHsv(random.bounded(360), random.bounded(40, 256),
                           random.bounded(minValue, maxValue + 1));
}

QPointF randomPoint(QRandomGenerator& random, const QSize& size) {
    return QPointF(random.bounded(size.width()), random.bounded(size.height()));
}

void paintSkyAndGround(QPainter& painter, QRandomGenerator& random, const QSize& size) {
    const int horizon = size.height() * random.bounded(35, 70) / 100;
    QLinearGradient sky(0, 0, 0, horizon);
    sky.setColorAt(
        0, QColor::fromHsv(random.bounded(190, 240), random.bounded(80, 220), random.bounded(150, 256)));
    sky.setColorAt(1,
                   QColor::fromHsv(random.bounded(0, 60), random.bounded(20, 120), random.bounded(180, 256)));
    painter.fillRect(0, 0, size.width(), horizon, sky);
    // Mountains: a jagged polygon across the horizon.
    QPainterPath ridge(QPointF(0, horizon));
    for (int x = 0; x <= size.width(); x += size.width() / 8)
        ridge.lineTo(x, horizon - random.bounded(size.height() / 4));
    ridge.lineTo(size.width(), horizon);
    ridge.closeSubpath();
    painter.fillPath(ridge, randomColour(random, 60, 160));
    QLinearGradient ground(0, horizon, 0, size.height());
    ground.setColorAt(0, randomColour(random, 80, 200));
    ground.setColorAt(1, randomColour(random, 20, 120));
    painter.fillRect(0, horizon, size.width(), size.height() - horizon, ground);
    const QPointF sun(random.bounded(size.width()), random.bounded(std::max(1, horizon / 2)));
    QRadialGradient glow(sun, size.height() / 6.0);
    glow.setColorAt(0, QColor(255, 250, 220));
    glow.setColorAt(1, QColor(255, 250, 220, 0));
    painter.setBrush(glow);
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(sun, size.height() / 6.0, size.height() / 6.0);
}

void paintShapes(QPainter& painter, QRandomGenerator& random, const QSize& size, int count) {
    for (int i = 0; i < count; ++i) {
        const QPointF corner = randomPoint(random, size);
        const QRectF box(corner, QSizeF(random.bounded(size.width() / 10, size.width() / 2),
                                        random.bounded(size.height() / 10, size.height() / 2)));
        QLinearGradient fill(box.topLeft(), box.bottomRight());
        fill.setColorAt(0, randomColour(random));
        fill.setColorAt(1, randomColour(random));
        painter.setBrush(fill);
        painter.setPen(QPen(randomColour(random, 0, 120), random.bounded(1, 5)));
        switch (random.bounded(3)) {
        case 0:
            painter.drawRect(box);
            break;
        case 1:
            painter.drawEllipse(box);
            break;
        default:
            painter.drawPie(box, random.bounded(5760), random.bounded(1000, 5760));
            break;
        }
    }
}

void paintTexture(QPainter& painter, QRandomGenerator& random, const QSize& size) {
    painter.fillRect(QRect(QPoint(0, 0), size), randomColour(random, 60, 200));
    const int spacing = random.bounded(8, 30);
    painter.setPen(QPen(randomColour(random), random.bounded(1, 4)));
    const double slope = uniform(random, -2.0, 2.0);
    for (int x = -size.height() * 2; x < size.width() + size.height() * 2; x += spacing)
        painter.drawLine(QPointF(x, 0), QPointF(x + slope * size.height(), size.height()));
    for (int i = 0; i < 40; ++i) {
        painter.setBrush(randomColour(random));
        painter.setPen(Qt::NoPen);
        const double radius = random.bounded(3, 20);
        painter.drawEllipse(randomPoint(random, size), radius, radius);
    }
}

void paintFaces(QPainter& painter, QRandomGenerator& random, const QSize& size) {
    QLinearGradient wall(0, 0, size.width(), size.height());
    wall.setColorAt(0, randomColour(random, 100, 230));
    wall.setColorAt(1, randomColour(random, 50, 180));
    painter.fillRect(QRect(QPoint(0, 0), size), wall);
    const int faces = random.bounded(1, 4);
    for (int i = 0; i < faces; ++i) {
        const double radius = size.height() * uniform(random, 0.12, 0.3);
        const QPointF centre(uniform(random, radius, size.width() - radius),
                             uniform(random, radius, size.height() - radius));
        painter.setPen(Qt::NoPen);
        painter.setBrush(
            QColor::fromHsv(random.bounded(15, 35), random.bounded(60, 160), random.bounded(120, 240)));
        painter.drawEllipse(centre, radius * 0.8, radius);
        painter.setBrush(QColor(30, 30, 30));
        painter.drawEllipse(centre + QPointF(-radius * 0.3, -radius * 0.2), radius * 0.1, radius * 0.08);
        painter.drawEllipse(centre + QPointF(radius * 0.3, -radius * 0.2), radius * 0.1, radius * 0.08);
        painter.setPen(QPen(QColor(120, 40, 40), std::max(1.0, radius * 0.05)));
        painter.drawArc(
            QRectF(centre.x() - radius * 0.35, centre.y() + radius * 0.1, radius * 0.7, radius * 0.4),
            200 * 16, 140 * 16);
        // Shoulders below the head.
        painter.setPen(Qt::NoPen);
        painter.setBrush(randomColour(random));
        painter.drawEllipse(QPointF(centre.x(), centre.y() + radius * 2.0), radius * 1.4, radius);
    }
}

void paintText(QPainter& painter, QRandomGenerator& random, const QSize& size, int lines) {
    for (int i = 0; i < lines; ++i) {
        QFont font;
        font.setPixelSize(random.bounded(size.height() / 16, size.height() / 5));
        font.setBold(random.bounded(2) == 1);
        painter.setFont(font);
        painter.setPen(randomColour(random));
        painter.drawText(randomPoint(random, size), QString::fromLatin1(kWords[random.bounded(12)]));
    }
}

// Sensor-like noise plus a light lens blur: synthetic edges are otherwise unnaturally perfect.
QImage addCameraCharacter(const QImage& image, QRandomGenerator& random) {
    QImage noisy = image.convertToFormat(QImage::Format_RGB32);
    const int amplitude = random.bounded(3, 12);
    for (int y = 0; y < noisy.height(); ++y) {
        QRgb* line = reinterpret_cast<QRgb*>(noisy.scanLine(y));
        for (int x = 0; x < noisy.width(); ++x) {
            const int n = random.bounded(-amplitude, amplitude + 1);
            line[x] = qRgb(std::clamp(qRed(line[x]) + n, 0, 255), std::clamp(qGreen(line[x]) + n, 0, 255),
                           std::clamp(qBlue(line[x]) + n, 0, 255));
        }
    }
    return SceneGenerator::gaussianBlur(noisy, 0.6);
}

cv::Mat wrap(QImage& rgb32) {
    return cv::Mat(rgb32.height(), rgb32.width(), CV_8UC4, rgb32.bits(), size_t(rgb32.bytesPerLine()));
}

} // namespace

QImage SceneGenerator::scene(int seed, const QSize& size) {
    QRandomGenerator random(quint32(seed) * 2654435761u + 12345u);
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    switch (seed % 5) {
    case 0:
        paintSkyAndGround(painter, random, size);
        paintShapes(painter, random, size, 2);
        break;
    case 1:
        painter.fillRect(QRect(QPoint(0, 0), size), randomColour(random, 40, 230));
        paintShapes(painter, random, size, random.bounded(5, 12));
        break;
    case 2:
        paintTexture(painter, random, size);
        paintShapes(painter, random, size, 1);
        break;
    case 3:
        paintFaces(painter, random, size);
        break;
    default:
        paintSkyAndGround(painter, random, size);
        paintText(painter, random, size, random.bounded(2, 5));
        break;
    }
    if (seed % 3 == 0)
        paintText(painter, random, size, 1);
    painter.end();
    return addCameraCharacter(image, random);
}

QVector<SceneGenerator::Variant> SceneGenerator::allVariants() {
    return {Variant::Crop80, Variant::HalfSize, Variant::Jpeg25,   Variant::Brighter25,
            Variant::Mirror, Variant::Rotate5,  Variant::Watermark};
}

QString SceneGenerator::variantName(Variant variant) {
    switch (variant) {
    case Variant::Crop80:
        return QStringLiteral("crop80");
    case Variant::HalfSize:
        return QStringLiteral("half-size");
    case Variant::Jpeg25:
        return QStringLiteral("jpeg-q25");
    case Variant::Brighter25:
        return QStringLiteral("brightness+25%");
    case Variant::Mirror:
        return QStringLiteral("mirror");
    case Variant::Rotate5:
        return QStringLiteral("rotate5");
    case Variant::Watermark:
        return QStringLiteral("watermark");
    }
    return QString();
}

QImage SceneGenerator::variant(const QImage& original, Variant variant) {
    const QSize size = original.size();
    switch (variant) {
    case Variant::Crop80: // 80% of each side, off-centre like a typical re-framing
        return original.copy(size.width() * 15 / 100, size.height() * 5 / 100, size.width() * 80 / 100,
                             size.height() * 80 / 100);
    case Variant::HalfSize:
        return original.scaled(size / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    case Variant::Jpeg25: {
        QImage decoded;
        decoded.loadFromData(encode(original, "JPEG", 25), "JPEG");
        return decoded;
    }
    case Variant::Brighter25:
        return brightness(original, 1.25);
    case Variant::Mirror:
        return original.mirrored(true, false);
    case Variant::Rotate5: {
        QImage rotated(size, QImage::Format_RGB32);
        rotated.fill(Qt::black);
        QPainter painter(&rotated);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.translate(size.width() / 2.0, size.height() / 2.0);
        painter.rotate(5);
        painter.translate(-size.width() / 2.0, -size.height() / 2.0);
        painter.drawImage(0, 0, original);
        return rotated;
    }
    case Variant::Watermark: {
        QImage marked = original.convertToFormat(QImage::Format_RGB32);
        QPainter painter(&marked);
        QFont font;
        font.setPixelSize(size.height() / 8);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(QColor(255, 255, 255, 150));
        painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, QStringLiteral("© STOCK PHOTO"));
        return marked;
    }
    }
    return original;
}

QImage SceneGenerator::brightness(const QImage& image, double factor) {
    QImage result = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < result.height(); ++y) {
        QRgb* line = reinterpret_cast<QRgb*>(result.scanLine(y));
        for (int x = 0; x < result.width(); ++x) {
            const auto scale = [factor](int channel) {
                return std::clamp(int(std::lround(channel * factor)), 0, 255);
            };
            line[x] = qRgb(scale(qRed(line[x])), scale(qGreen(line[x])), scale(qBlue(line[x])));
        }
    }
    return result;
}

QImage SceneGenerator::gaussianBlur(const QImage& image, double sigma) {
    QImage source = image.convertToFormat(QImage::Format_RGB32);
    QImage result(source.size(), QImage::Format_RGB32);
    cv::Mat destination = wrap(result);
    cv::GaussianBlur(wrap(source), destination, cv::Size(0, 0), sigma);
    return result;
}

QByteArray SceneGenerator::encode(const QImage& image, const char* format, int quality) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    writer.write(image);
    return bytes;
}
