#pragma once
// Test photos that Debian's python3-skimage installs (public domain / CC0 photos, and the LFW crops; see
// data/face_benchmark.json), shared by the enrichment tests and bench_faces. Read in place, never copied.

#include <QByteArray>
#include <QFile>
#include <QImage>
#include <QString>
#include <QVector>

#include <cstring>

namespace vl::engine::test {

inline const QString kSkimageData = QStringLiteral("/usr/lib/python3/dist-packages/skimage/data/");

inline QImage skimagePhoto(const QString& name) {
    return QImage(kSkimageData + name);
}

// skimage's lfw_subset.npy: float64 (200, 25, 25) in [0, 1], C order; the first 100 are faces, the rest not.
// Empty when the file is missing or not in that shape.
inline QVector<QImage> readLfw(const QString& path = kSkimageData + QStringLiteral("lfw_subset.npy")) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    if (!bytes.startsWith("\x93NUMPY") || bytes.size() < 10)
        return {};
    const int headerLength = quint8(bytes[8]) | (quint8(bytes[9]) << 8);
    const QByteArray header = bytes.mid(10, headerLength);
    if (!header.contains("'<f8'") || !header.contains("(200, 25, 25)"))
        return {};
    const char* data = bytes.constData() + 10 + headerLength;
    if (bytes.size() < 10 + headerLength + 200 * 25 * 25 * 8)
        return {};
    QVector<QImage> crops;
    for (int n = 0; n < 200; ++n) {
        QImage crop(25, 25, QImage::Format_Grayscale8);
        for (int y = 0; y < 25; ++y) {
            for (int x = 0; x < 25; ++x) {
                double v;
                std::memcpy(&v, data + ((n * 25 + y) * 25 + x) * 8, 8);
                crop.scanLine(y)[x] = uchar(qBound(0.0, v, 1.0) * 255.0 + 0.5);
            }
        }
        crops.append(crop);
    }
    return crops;
}

} // namespace vl::engine::test
