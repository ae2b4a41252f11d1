#include "TestImages.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLinearGradient>
#include <QPainter>
#include <QRandomGenerator>

namespace TestImages {

QImage scene(int seed, int width, int height) {
    QRandomGenerator rng(quint32(seed * 7919 + 17));
    QImage image(width, height, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const int hue = int(rng.bounded(360));
    QLinearGradient sky(0, 0, 0, height);
    sky.setColorAt(0, QColor::fromHsv(hue, 120 + int(rng.bounded(100)), 230));
    sky.setColorAt(1, QColor::fromHsv((hue + 40) % 360, 60, 160 + int(rng.bounded(60))));
    p.fillRect(image.rect(), sky);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor::fromHsv((hue + 180) % 360, 200, 250));
    p.drawEllipse(QPointF(rng.bounded(width), rng.bounded(height / 3)), width / 10.0, width / 10.0);
    for (int hill = 0; hill < 3; ++hill) {
        p.setBrush(QColor::fromHsv((hue + 90 + hill * 25) % 360, 150, 80 + hill * 40));
        QPolygonF poly;
        poly << QPointF(0, height);
        for (int x = 0; x <= width; x += width / 8)
            poly << QPointF(x, height * (0.5 + 0.1 * hill) + rng.bounded(height / 6));
        poly << QPointF(width, height);
        p.drawPolygon(poly);
    }
    for (int i = 0; i < 6; ++i) {
        p.setBrush(QColor::fromHsv(int(rng.bounded(360)), 220, 200));
        const QRectF r(rng.bounded(width), rng.bounded(height), width / 8.0 + rng.bounded(width / 6),
                       height / 8.0 + rng.bounded(height / 6));
        if (i % 2)
            p.drawRect(r);
        else
            p.drawEllipse(r);
    }
    p.setPen(QPen(QColor::fromHsv(int(rng.bounded(360)), 255, 90), 4));
    for (int i = 0; i < 10; ++i)
        p.drawLine(QPointF(rng.bounded(width), rng.bounded(height)),
                   QPointF(rng.bounded(width), rng.bounded(height)));
    return image;
}

QImage brighter(const QImage& image, int delta) {
    QImage out = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < out.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < out.width(); ++x) {
            const QRgb c = line[x];
            line[x] = qRgb(qBound(0, qRed(c) + delta, 255), qBound(0, qGreen(c) + delta, 255),
                           qBound(0, qBlue(c) + delta, 255));
        }
    }
    return out;
}

bool save(const QImage& image, const QString& path, int quality) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    return image.save(path, nullptr, quality);
}

void writeText(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text);
}

QByteArray encode(const QImage& image, const char* format) {
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, 92);
    return data;
}

} // namespace TestImages
