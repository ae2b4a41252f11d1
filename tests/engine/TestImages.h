#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

// Photo-like test images: a sky/ground gradient with a seed-dependent palette, sun, hills and
// objects, so that different seeds give clearly different descriptors and the same seed the same scene.
namespace TestImages {
QImage scene(int seed, int width = 640, int height = 480);
QImage brighter(const QImage& image, int delta); // a near-duplicate
bool save(const QImage& image, const QString& path, int quality = 90);
void writeText(const QString& path, const QByteArray& text);
QByteArray encode(const QImage& image, const char* format = "JPG");
} // namespace TestImages
