// Writes the image seeds of the image_metadata, image_decoder and upload_multipart corpora: tiny images drawn
// with QPainter in every format the engine reads, with EXIF (orientation, description), XMP and PNG text, and
// headers that claim a huge size. Run once by hand (`fuzz_image_seed_writer tests/fuzz/corpus`); the output
// is committed so the corpora do not depend on a build.
#include "ImageFileFactory.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>

namespace {

QImage drawing(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.fillRect(1, 1, width / 2, height / 2, Qt::red);
    painter.setPen(Qt::blue);
    painter.drawEllipse(QRect(0, 0, width - 1, height - 1));
    return image;
}

QByteArray encoded(const QImage& image, const char* format, const QString& description = {}) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (!description.isEmpty())
        writer.setText(QStringLiteral("Description"), description);
    writer.write(image);
    return buffer.data();
}

void save(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

} // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    const QDir corpus(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("."));
    const QByteArray jpeg = encoded(drawing(12, 8), "jpg");
    QMap<QString, QByteArray> images{
        {"plain.jpg", jpeg},
        {"exif_rotated.jpg", ImageFileFactory::withExif(jpeg, 6, "a red square")},
        {"xmp.jpg", ImageFileFactory::withXmpDescription(jpeg, QStringLiteral("beach at dusk"))},
        {"text.png", encoded(drawing(8, 8), "png", QStringLiteral("described in tEXt"))},
        {"huge_claim.png", ImageFileFactory::pngClaimingSize(100000, 100000)},
        {"small.bmp", encoded(drawing(6, 5), "bmp")},
        {"small.gif", encoded(drawing(6, 5), "gif")},
        {"small.webp", encoded(drawing(6, 5), "webp")},
        {"small.tiff", encoded(drawing(6, 5), "tiff")},
    };
    for (const char* target : {"image_metadata", "image_decoder"}) {
        corpus.mkpath(target);
        for (auto it = images.cbegin(); it != images.cend(); ++it)
            if (!it.value().isEmpty())
                save(corpus.filePath(QString::fromLatin1(target) + '/' + it.key()), it.value());
    }
    // The upload route's parts (see upload_multipart.cpp for the encoding).
    corpus.mkpath("upload_multipart");
    const QByteArray part = "\n--\n";
    save(corpus.filePath("upload_multipart/fractions"),
         "entity_type\nIMAGES" + part + "threshold\n2" + part +
             "bounding_box\n{\"x\":0.1,\"y\":0.2,\"width\":0.5,"
             "\"height\":0.6}" +
             part + "file;query.jpg;image/jpeg\n" + images["exif_rotated.jpg"]);
    save(corpus.filePath("upload_multipart/pixels"), "entity_type\nOBJECTS" + part + "bounding_box\n1,1,4,4" +
                                                         part + "file;q.png;image/png\n" +
                                                         images["text.png"]);
    save(corpus.filePath("upload_multipart/bomb"), "file;big.png;image/png\n" + images["huge_claim.png"]);
    return 0;
}
