#include "ImageAnalyzer.h"
#include "ImageFileFactory.h"
#include "SceneGenerator.h"

#include <QCryptographicHash>
#include <QFile>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <cmath>

using vl::engine::ImageAnalysis;
using vl::engine::ImageAnalyzer;

class TestImageAnalyzer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& bytes) {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static float distance(const ImageAnalysis& a, const ImageAnalysis& b) {
        return ImageAnalyzer::cosineDistance(a.embedding.constData(), b.embedding.constData(),
                                             ImageAnalyzer::embeddingDimension());
    }

    // Left half red, right half blue, a green stripe along the top: every orientation is distinguishable.
    static QImage orientationProbe(int scale) {
        QImage image(80 * scale, 40 * scale, QImage::Format_RGB32);
        QPainter painter(&image);
        painter.scale(scale, scale);
        painter.fillRect(0, 0, 40, 40, Qt::red);
        painter.fillRect(40, 0, 40, 40, Qt::blue);
        painter.fillRect(0, 0, 80, 8, Qt::green);
        return image;
    }

    static bool near(QRgb actual, QColor expected) {
        return std::abs(qRed(actual) - expected.red()) < 60 &&
               std::abs(qGreen(actual) - expected.green()) < 60 &&
               std::abs(qBlue(actual) - expected.blue()) < 60;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void analysesJpegAndPngFiles_data() {
        QTest::addColumn<QByteArray>("format");
        QTest::newRow("jpeg") << QByteArray("JPEG");
        QTest::newRow("png") << QByteArray("PNG");
        QTest::newRow("webp") << QByteArray("WEBP");
        QTest::newRow("bmp") << QByteArray("BMP");
        QTest::newRow("tiff") << QByteArray("TIFF");
    }
    void analysesJpegAndPngFiles() {
        QFETCH(QByteArray, format);
        const QImage scene = SceneGenerator::scene(7, QSize(900, 600));
        const QByteArray bytes = SceneGenerator::encode(scene, format.constData(), 90);
        QVERIFY(!bytes.isEmpty());
        const ImageAnalysis analysis = ImageAnalyzer::analyzeFile(writeFile("scene." + format, bytes));
        QVERIFY2(analysis.ok, qPrintable(analysis.skipReason));
        QCOMPARE(analysis.width, 900);
        QCOMPARE(analysis.height, 600);
        QCOMPARE(analysis.embedding.size(), ImageAnalyzer::embeddingDimension());
        double norm = 0;
        for (float value : analysis.embedding)
            norm += double(value) * value;
        QVERIFY(std::abs(norm - 1.0) < 1e-4);
        QCOMPARE(analysis.thumbnail.size(), QSize(512, 341));
        QVERIFY(analysis.blur >= 0 && analysis.blur <= 1);
        QVERIFY(analysis.dark >= 0 && analysis.dark <= 1);
        QVERIFY(analysis.bright >= 0 && analysis.bright <= 1);
    }

    void analysesPixelFormats_data() {
        QTest::addColumn<int>("pixelFormat");
        QTest::addColumn<QByteArray>("format");
        QTest::newRow("grey jpeg") << int(QImage::Format_Grayscale8) << QByteArray("JPEG");
        QTest::newRow("grey png") << int(QImage::Format_Grayscale8) << QByteArray("PNG");
        QTest::newRow("16-bit png") << int(QImage::Format_RGBA64) << QByteArray("PNG");
        QTest::newRow("indexed png") << int(QImage::Format_Indexed8) << QByteArray("PNG");
        QTest::newRow("monochrome bmp") << int(QImage::Format_Mono) << QByteArray("BMP");
    }
    void analysesPixelFormats() {
        QFETCH(int, pixelFormat);
        QFETCH(QByteArray, format);
        const QImage scene = SceneGenerator::scene(12, QSize(700, 500));
        const QImage converted = scene.convertToFormat(QImage::Format(pixelFormat));
        const ImageAnalysis analysis =
            ImageAnalyzer::analyzeData(SceneGenerator::encode(converted, format.constData(), 90));
        QVERIFY2(analysis.ok, qPrintable(analysis.skipReason));
        QCOMPARE(QSize(analysis.width, analysis.height), QSize(700, 500));
        QCOMPARE(analysis.thumbnail.size(), QSize(512, 365));
        const ImageAnalysis colour = ImageAnalyzer::analyzeData(SceneGenerator::encode(scene, "PNG"));
        const float distance =
            ImageAnalyzer::cosineDistance(analysis.embedding.constData(), colour.embedding.constData(),
                                          ImageAnalyzer::embeddingDimension());
        QVERIFY2(distance < 0.5f,
                 qPrintable(QString::number(distance))); // the same scene, whatever the pixels
    }

    void sha256IsOfTheFileBytes() {
        const QByteArray bytes = SceneGenerator::encode(SceneGenerator::scene(3), "PNG");
        const ImageAnalysis analysis = ImageAnalyzer::analyzeFile(writeFile("hash.png", bytes));
        QCOMPARE(analysis.sha256Hex, QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        QCOMPARE(analysis.sha256Hex.size(), 64);
        // Rejected files are still hashed, so the catalogue can remember what it skipped.
        const ImageAnalysis rejected = ImageAnalyzer::analyzeData("not an image");
        QCOMPARE(rejected.sha256Hex,
                 QCryptographicHash::hash("not an image", QCryptographicHash::Sha256).toHex());
    }

    void appliesExifOrientation_data() {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<int>("scale");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QSize>("thumbnailSize");
        QTest::addColumn<QColor>("topLeft");
        QTest::addColumn<QColor>("bottomRight");
        QTest::newRow("1 upright") << 1 << 1 << QSize(80, 40) << QSize(80, 40) << QColor(Qt::green)
                                   << QColor(Qt::blue);
        QTest::newRow("3 rotated 180")
            << 3 << 1 << QSize(80, 40) << QSize(80, 40) << QColor(Qt::blue) << QColor(Qt::green);
        QTest::newRow("6 rotated 90 cw")
            << 6 << 1 << QSize(40, 80) << QSize(40, 80) << QColor(Qt::red) << QColor(Qt::green);
        QTest::newRow("8 rotated 90 ccw")
            << 8 << 1 << QSize(40, 80) << QSize(40, 80) << QColor(Qt::green) << QColor(Qt::red);
        // Large images are decoded at a reduced scale: size and orientation must still be right.
        QTest::newRow("6 large") << 6 << 30 << QSize(1200, 2400) << QSize(256, 512) << QColor(Qt::red)
                                 << QColor(Qt::green);
        QTest::newRow("8 large") << 8 << 30 << QSize(1200, 2400) << QSize(256, 512) << QColor(Qt::green)
                                 << QColor(Qt::red);
        QTest::newRow("1 large") << 1 << 30 << QSize(2400, 1200) << QSize(512, 256) << QColor(Qt::green)
                                 << QColor(Qt::blue);
    }
    void appliesExifOrientation() {
        QFETCH(int, orientation);
        QFETCH(int, scale);
        QFETCH(QSize, size);
        QFETCH(QSize, thumbnailSize);
        QFETCH(QColor, topLeft);
        QFETCH(QColor, bottomRight);
        const QByteArray jpeg = SceneGenerator::encode(orientationProbe(scale), "JPEG", 95);
        const QString path = writeFile(QStringLiteral("orientation%1-%2.jpg").arg(orientation).arg(scale),
                                       ImageFileFactory::withExif(jpeg, orientation));
        const ImageAnalysis analysis = ImageAnalyzer::analyzeFile(path);
        QVERIFY2(analysis.ok, qPrintable(analysis.skipReason));
        QCOMPARE(QSize(analysis.width, analysis.height), size);
        QCOMPARE(analysis.thumbnail.size(), thumbnailSize);
        const QImage& oriented = analysis.thumbnail;
        QVERIFY(near(oriented.pixel(2, 2), topLeft));
        QVERIFY(near(oriented.pixel(oriented.width() - 3, oriented.height() - 3), bottomRight));
    }

    void readsDescriptions() {
        const QByteArray jpeg = SceneGenerator::encode(SceneGenerator::scene(1), "JPEG", 90);
        const ImageAnalysis exif = ImageAnalyzer::analyzeFile(
            writeFile("exif.jpg", ImageFileFactory::withExif(jpeg, 1, "Harbour at dawn, Lisbon")));
        QCOMPARE(exif.description, QStringLiteral("Harbour at dawn, Lisbon"));

        const ImageAnalysis xmp = ImageAnalyzer::analyzeFile(writeFile(
            "xmp.jpg", ImageFileFactory::withXmpDescription(jpeg, QStringLiteral("Café & <b>bar</b>"))));
        QCOMPARE(xmp.description, QStringLiteral("Café & <b>bar</b>"));

        QImage tagged = SceneGenerator::scene(1);
        tagged.setText(QStringLiteral("Description"), QStringLiteral("Kitchen, second floor"));
        const ImageAnalysis pngText =
            ImageAnalyzer::analyzeFile(writeFile("text.png", SceneGenerator::encode(tagged, "PNG")));
        QCOMPARE(pngText.description, QStringLiteral("Kitchen, second floor"));

        // EXIF wins over XMP when both are present; whitespace-only EXIF text counts as absent.
        const QByteArray both = ImageFileFactory::withXmpDescription(
            ImageFileFactory::withExif(jpeg, 1, "From EXIF"), QStringLiteral("From XMP"));
        QCOMPARE(ImageAnalyzer::analyzeData(both).description, QStringLiteral("From EXIF"));
        const QByteArray blank = ImageFileFactory::withXmpDescription(
            ImageFileFactory::withExif(jpeg, 1, "   "), QStringLiteral("From XMP"));
        QCOMPARE(ImageAnalyzer::analyzeData(blank).description, QStringLiteral("From XMP"));

        const ImageAnalysis none = ImageAnalyzer::analyzeFile(writeFile("plain.jpg", jpeg));
        QVERIFY(none.ok);
        QVERIFY(none.description.isEmpty());
    }

    void rejectsUnreadableFiles_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reasonPart");
        const QByteArray jpeg = SceneGenerator::encode(SceneGenerator::scene(2), "JPEG", 90);
        const QByteArray png = SceneGenerator::encode(SceneGenerator::scene(2), "PNG");
        QByteArray corrupt = jpeg;
        for (int i = 600; i < corrupt.size() - 2; i += 3)
            corrupt[i] = char(0xFF); // scrambles headers and entropy data, keeps SOI/EOI
        QTest::newRow("zero bytes") << QByteArray() << "empty";
        QTest::newRow("text file") << QByteArray("just some text, not pixels\n") << "not an image";
        QTest::newRow("truncated jpeg") << jpeg.left(jpeg.size() / 2) << "truncated";
        QTest::newRow("truncated png") << png.left(png.size() / 2) << "corrupt";
        QTest::newRow("corrupt jpeg") << corrupt << "corrupt";
        QTest::newRow("png bomb 50000x50000")
            << ImageFileFactory::pngClaimingSize(50000, 50000) << "too many pixels";
        // A tEXt chunk after IHDR claiming ~1 GB: libpng would allocate and zero it all to read the header.
        QByteArray hugeChunk = ImageFileFactory::pngClaimingSize(8, 8);
        hugeChunk.insert(8 + 25, QByteArray("\x3C\x21\x44\x4FtEXtDescription\0x", 21));
        QTest::newRow("png chunk longer than the file") << hugeChunk << "chunk is longer than the file";
    }
    void rejectsUnreadableFiles() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reasonPart);
        const ImageAnalysis analysis = ImageAnalyzer::analyzeFile(writeFile("bad.bin", bytes));
        QVERIFY(!analysis.ok);
        QVERIFY2(analysis.skipReason.contains(reasonPart, Qt::CaseInsensitive),
                 qPrintable(analysis.skipReason));
        QVERIFY(analysis.embedding.isEmpty());
        QVERIFY(analysis.thumbnail.isNull());
    }

    // Random damage to files of every format must end in a result (decoded or skipped with a reason),
    // never a crash or hang; run under ASan this also checks the metadata parsers' bounds.
    void survivesDamagedFiles_data() {
        QTest::addColumn<QByteArray>("original");
        const QImage scene = SceneGenerator::scene(6, QSize(160, 120));
        const QByteArray jpeg = SceneGenerator::encode(scene, "JPEG", 80);
        QTest::newRow("jpeg+exif+xmp") << ImageFileFactory::withXmpDescription(
            ImageFileFactory::withExif(jpeg, 6, "a description"), QStringLiteral("xmp text"));
        QTest::newRow("png") << SceneGenerator::encode(scene, "PNG");
        QTest::newRow("webp") << SceneGenerator::encode(scene, "WEBP", 70);
        QTest::newRow("tiff") << SceneGenerator::encode(scene, "TIFF");
        QTest::newRow("bmp") << SceneGenerator::encode(scene, "BMP");
    }
    void survivesDamagedFiles() {
        QFETCH(QByteArray, original);
        QVERIFY(ImageAnalyzer::analyzeData(original).ok); // Qt has no GIF writer, so GIF is not covered
        QRandomGenerator random(1234);
        for (int round = 0; round < 60; ++round) {
            QByteArray damaged = original;
            if (round % 3 == 0) {
                damaged.truncate(random.bounded(1, int(original.size())));
            } else {
                for (int flips = random.bounded(1, 20); flips > 0; --flips)
                    damaged[random.bounded(int(damaged.size()))] = char(random.bounded(256));
            }
            const ImageAnalysis analysis = ImageAnalyzer::analyzeData(damaged);
            QVERIFY(analysis.ok || !analysis.skipReason.isEmpty());
            QVERIFY(!analysis.ok || analysis.embedding.size() == ImageAnalyzer::embeddingDimension());
        }
    }

    void rejectsMissingFile() {
        const ImageAnalysis analysis = ImageAnalyzer::analyzeFile(m_dir.filePath("does-not-exist.jpg"));
        QVERIFY(!analysis.ok);
        QVERIFY2(analysis.skipReason.contains("cannot open"), qPrintable(analysis.skipReason));
    }

    void pixelLimitIsConfigurable() {
        const QByteArray jpeg =
            SceneGenerator::encode(SceneGenerator::scene(4, QSize(1000, 800)), "JPEG", 80);
        QVERIFY(ImageAnalyzer::analyzeData(jpeg, QRectF(0, 0, 1, 1), 800'000).ok);
        const ImageAnalysis limited = ImageAnalyzer::analyzeData(jpeg, QRectF(0, 0, 1, 1), 799'999);
        QVERIFY(!limited.ok);
        QVERIFY2(limited.skipReason.contains("1000 x 800"), qPrintable(limited.skipReason));
    }

    void transparentPngIsComposedOverWhite() {
        QImage image(64, 64, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter(&image).fillRect(0, 0, 32, 64, QColor(0, 0, 200));
        const ImageAnalysis analysis = ImageAnalyzer::analyzeData(SceneGenerator::encode(image, "PNG"));
        QVERIFY(analysis.ok);
        QCOMPARE(QColor(analysis.thumbnail.pixel(60, 10)), QColor(Qt::white));
        QCOMPARE(QColor(analysis.thumbnail.pixel(4, 10)), QColor(0, 0, 200));
    }

    void blurConfidenceFollowsSharpness() {
        for (int seed = 0; seed < 5; ++seed) {
            const QImage sharp = SceneGenerator::scene(seed, QSize(1200, 900));
            const ImageAnalysis crisp = ImageAnalyzer::analyzeData(SceneGenerator::encode(sharp, "PNG"));
            const ImageAnalysis soft = ImageAnalyzer::analyzeData(
                SceneGenerator::encode(SceneGenerator::gaussianBlur(sharp, 4), "PNG"));
            const ImageAnalysis heavy = ImageAnalyzer::analyzeData(
                SceneGenerator::encode(SceneGenerator::gaussianBlur(sharp, 12), "PNG"));
            const QByteArray context = QByteArray::number(seed) + ": " + QByteArray::number(crisp.blur) +
                                       " " + QByteArray::number(soft.blur) + " " +
                                       QByteArray::number(heavy.blur);
            QVERIFY2(crisp.blur < 0.3, context.constData());
            QVERIFY2(heavy.blur > 0.7, context.constData());
            QVERIFY2(crisp.blur < soft.blur && soft.blur <= heavy.blur, context.constData());
        }
    }

    void blurIsIndependentOfExposure() {
        for (int seed = 0; seed < 5; ++seed) {
            const QImage dim = SceneGenerator::brightness(SceneGenerator::scene(seed, QSize(1200, 900)), 0.3);
            const ImageAnalysis analysis = ImageAnalyzer::analyzeData(SceneGenerator::encode(dim, "PNG"));
            QVERIFY2(analysis.blur < 0.3,
                     qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(analysis.blur)));
        }
    }

    void blurIsIndependentOfResolution() {
        const QImage sharp = SceneGenerator::scene(11, QSize(2000, 1500));
        const ImageAnalysis large = ImageAnalyzer::analyzeData(SceneGenerator::encode(sharp, "PNG"));
        const ImageAnalysis small = ImageAnalyzer::analyzeData(SceneGenerator::encode(
            sharp.scaled(600, 450, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), "PNG"));
        QVERIFY2(std::abs(large.blur - small.blur) < 0.2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(large.blur).arg(small.blur)));
    }

    void darkAndBrightConfidences() {
        for (int seed = 0; seed < 5; ++seed) {
            const QImage normal = SceneGenerator::scene(seed);
            const ImageAnalysis regular = ImageAnalyzer::analyzeData(SceneGenerator::encode(normal, "PNG"));
            const ImageAnalysis night = ImageAnalyzer::analyzeData(
                SceneGenerator::encode(SceneGenerator::brightness(normal, 0.08), "PNG"));
            QImage washed = normal;
            QPainter painter(&washed);
            painter.fillRect(washed.rect(), QColor(255, 255, 255, 215)); // heavy over-exposure
            painter.end();
            const ImageAnalysis overexposed =
                ImageAnalyzer::analyzeData(SceneGenerator::encode(washed, "PNG"));
            const QByteArray context =
                QByteArray::number(seed) + " regular " + QByteArray::number(regular.dark) + "/" +
                QByteArray::number(regular.bright) + " night " + QByteArray::number(night.dark) + " washed " +
                QByteArray::number(overexposed.bright);
            QVERIFY2(regular.dark < 0.2 && regular.bright < 0.2, context.constData());
            QVERIFY2(night.dark > 0.8 && night.bright < 0.1, context.constData());
            QVERIFY2(overexposed.bright > 0.8 && overexposed.dark < 0.1, context.constData());
        }
    }

    void editedCopiesStayCloserThanOtherImages() {
        QVector<ImageAnalysis> originals;
        for (int seed = 0; seed < 10; ++seed)
            originals.append(
                ImageAnalyzer::analyzeData(SceneGenerator::encode(SceneGenerator::scene(seed), "JPEG", 90)));
        for (int seed = 0; seed < originals.size(); ++seed) {
            const QImage original = SceneGenerator::scene(seed);
            for (SceneGenerator::Variant variant : SceneGenerator::allVariants()) {
                const ImageAnalysis copy = ImageAnalyzer::analyzeData(
                    SceneGenerator::encode(SceneGenerator::variant(original, variant), "JPEG", 90));
                const float own = distance(copy, originals[seed]);
                for (int other = 0; other < originals.size(); ++other) {
                    if (other == seed)
                        continue;
                    QVERIFY2(own < distance(copy, originals[other]),
                             qPrintable(QStringLiteral("seed %1 %2: own %3, seed %4 %5")
                                            .arg(seed)
                                            .arg(SceneGenerator::variantName(variant))
                                            .arg(own)
                                            .arg(other)
                                            .arg(distance(copy, originals[other]))));
                }
            }
        }
    }

    void exactCopiesHaveZeroDistance() {
        const QByteArray png = SceneGenerator::encode(SceneGenerator::scene(5), "PNG");
        const ImageAnalysis a = ImageAnalyzer::analyzeData(png);
        const ImageAnalysis b = ImageAnalyzer::analyzeFile(writeFile("copy.png", png));
        QVERIFY(distance(a, b) < 1e-5f);
        QCOMPARE(a.sha256Hex, b.sha256Hex);
    }

    void analyzeDataCropsInFractions() {
        const QImage scene = SceneGenerator::scene(8, QSize(800, 600));
        const QByteArray png = SceneGenerator::encode(scene, "PNG");
        const QRectF rightHalf(0.5, 0.0, 0.5, 1.0);
        const ImageAnalysis cropped = ImageAnalyzer::analyzeData(png, rightHalf);
        QVERIFY(cropped.ok);
        QCOMPARE(QSize(cropped.width, cropped.height), QSize(400, 600));
        const ImageAnalysis reference =
            ImageAnalyzer::analyzeData(SceneGenerator::encode(scene.copy(400, 0, 400, 600), "PNG"));
        QVERIFY(distance(cropped, reference) < 1e-4f);
        const ImageAnalysis whole = ImageAnalyzer::analyzeData(png);
        QVERIFY(distance(cropped, whole) > 0.01f);
        // Out-of-range fractions are clamped to the image.
        const ImageAnalysis clamped = ImageAnalyzer::analyzeData(png, QRectF(0.5, -0.5, 2.0, 3.0));
        QCOMPARE(QSize(clamped.width, clamped.height), QSize(400, 600));
    }

    void embedMatchesAnalysis() {
        const QImage scene = SceneGenerator::scene(9);
        const ImageAnalysis analysis = ImageAnalyzer::analyzeData(SceneGenerator::encode(scene, "PNG"));
        const QVector<float> direct = ImageAnalyzer::embed(scene);
        QCOMPARE(direct.size(), ImageAnalyzer::embeddingDimension());
        QVERIFY(ImageAnalyzer::cosineDistance(direct.constData(), analysis.embedding.constData(),
                                              direct.size()) < 1e-3f);
        const QImage tiny = scene.scaled(12, 9);
        QCOMPARE(ImageAnalyzer::embed(tiny).size(), ImageAnalyzer::embeddingDimension());
    }

    void concurrentAnalysesMatchSequentialOnes() {
        QStringList paths;
        for (int seed = 0; seed < 8; ++seed)
            paths.append(
                writeFile(QStringLiteral("parallel%1.jpg").arg(seed),
                          SceneGenerator::encode(SceneGenerator::scene(seed, QSize(900, 700)), "JPEG", 85)));
        paths.append(writeFile("parallel-bad.jpg", QByteArray("\xFF\xD8\xFF garbage", 12)));
        const QList<ImageAnalysis> parallel = QtConcurrent::blockingMapped(
            paths, [](const QString& path) { return ImageAnalyzer::analyzeFile(path); });
        for (int i = 0; i < paths.size(); ++i) {
            const ImageAnalysis sequential = ImageAnalyzer::analyzeFile(paths[i]);
            QCOMPARE(parallel[i].ok, sequential.ok);
            QCOMPARE(parallel[i].skipReason, sequential.skipReason);
            QCOMPARE(parallel[i].sha256Hex, sequential.sha256Hex);
            QCOMPARE(parallel[i].embedding, sequential.embedding);
            QCOMPARE(parallel[i].blur, sequential.blur);
        }
        QVERIFY(!parallel.last().ok);
    }

    void handlesTinyAndExtremeShapes_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QSize>("thumbnailSize");
        QTest::newRow("1x1") << QSize(1, 1) << QSize(1, 1);
        QTest::newRow("3000x1") << QSize(3000, 1) << QSize(512, 1);
        QTest::newRow("2x4000") << QSize(2, 4000) << QSize(1, 512);
    }
    void handlesTinyAndExtremeShapes() {
        QFETCH(QSize, size);
        QFETCH(QSize, thumbnailSize);
        QImage image(size, QImage::Format_RGB32);
        image.fill(QColor(30, 140, 200));
        for (const char* format : {"PNG", "JPEG"}) {
            const ImageAnalysis analysis =
                ImageAnalyzer::analyzeData(SceneGenerator::encode(image, format, 90));
            QVERIFY2(analysis.ok, qPrintable(QStringLiteral("%1: %2").arg(format, analysis.skipReason)));
            QCOMPARE(QSize(analysis.width, analysis.height), size);
            QCOMPARE(analysis.thumbnail.size(), thumbnailSize);
            QCOMPARE(analysis.embedding.size(), ImageAnalyzer::embeddingDimension());
        }
    }

    void flatImagesGetUnitDescriptors() {
        QImage flat(100, 100, QImage::Format_RGB32);
        flat.fill(QColor(90, 90, 90));
        const QVector<float> embedding = ImageAnalyzer::embed(flat);
        double norm = 0;
        for (float value : embedding) {
            QVERIFY(std::isfinite(value));
            norm += double(value) * value;
        }
        QVERIFY(std::abs(norm - 1.0) < 1e-4);
    }
};

QTEST_MAIN(TestImageAnalyzer)
#include "test_imageanalyzer.moc"
