// Attribute tags from the thumbnail and quality: colour names calibrated on generated images, grayscale
// detection on generated photos, and the tags the analyser attaches while indexing.
#include "AttributeTagger.h"
#include "ImageAnalyzer.h"
#include "SceneGenerator.h"

#include <QPainter>
#include <QtTest>

using vl::engine::AttributeTagger;
using vl::engine::ImageAnalyzer;

namespace {

QImage solid(const QColor& colour, const QSize& size = QSize(320, 240)) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

// A luma-only copy, as a black and white photo is stored (3 equal channels, JPEG may add some noise).
QImage toGrey(const QImage& image) {
    return image.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGB32);
}

QStringList analysedTags(const QImage& image) {
    const auto analysis = ImageAnalyzer::analyzeData(SceneGenerator::encode(image, "JPG", 90));
    return analysis.ok ? analysis.attributes : QStringList{QStringLiteral("<not decoded>")};
}

} // namespace

class TestAttributeTagger : public QObject {
    Q_OBJECT

private slots:
    void colourNames_data();
    void colourNames();
    void solidImagesAreTheirColour();
    void twoColourImageHasBothNames();
    void greyPhotoIsGrayscaleColourPhotoIsNot();
    void indexingAttachesQualityAndColourTags();
};

void TestAttributeTagger::colourNames_data() {
    QTest::addColumn<QColor>("colour");
    QTest::addColumn<QString>("name");
    QTest::newRow("red") << QColor(210, 30, 35) << "red";
    QTest::newRow("dark red") << QColor(150, 10, 15) << "red";
    QTest::newRow("orange") << QColor(250, 140, 10) << "orange";
    QTest::newRow("yellow") << QColor(240, 220, 40) << "yellow";
    QTest::newRow("green") << QColor(40, 160, 60) << "green";
    QTest::newRow("olive green") << QColor(90, 130, 40) << "green";
    QTest::newRow("sky blue") << QColor(110, 170, 230) << "blue";
    QTest::newRow("navy") << QColor(20, 40, 120) << "blue";
    QTest::newRow("teal counts as blue") << QColor(20, 140, 170) << "blue";
    QTest::newRow("purple") << QColor(120, 50, 170) << "purple";
    QTest::newRow("pink") << QColor(250, 150, 190) << "pink";
    QTest::newRow("magenta") << QColor(220, 40, 170) << "pink";
    QTest::newRow("brown") << QColor(120, 70, 30) << "brown";
    QTest::newRow("tan") << QColor(180, 140, 100) << "brown";
    QTest::newRow("black") << QColor(15, 15, 20) << "black";
    QTest::newRow("white") << QColor(245, 245, 240) << "white";
    QTest::newRow("gray") << QColor(128, 128, 128) << "gray";
    QTest::newRow("light gray") << QColor(190, 192, 195) << "gray";
}

void TestAttributeTagger::colourNames() {
    QFETCH(QColor, colour);
    QFETCH(QString, name);
    QCOMPARE(AttributeTagger::colourName(colour), name);
}

void TestAttributeTagger::solidImagesAreTheirColour() {
    for (const auto& [colour, name] : {std::pair{QColor(200, 25, 30), "red"},
                                       {QColor(30, 90, 210), "blue"},
                                       {QColor(45, 150, 50), "green"},
                                       {QColor(240, 215, 35), "yellow"}}) {
        const QStringList tags = AttributeTagger::tags(solid(colour), {});
        QCOMPARE(tags, QStringList{QString::fromLatin1(name)});
    }
    QVERIFY(AttributeTagger::tags(solid(QColor(128, 128, 128)), {}).contains("grayscale"));
}

void TestAttributeTagger::twoColourImageHasBothNames() {
    QImage image = solid(QColor(110, 170, 230)); // sky
    QPainter painter(&image);
    painter.fillRect(0, 150, 320, 90, QColor(50, 140, 50)); // meadow, 37%
    painter.end();
    const QStringList colours = AttributeTagger::dominantColours(image);
    QCOMPARE(colours, QStringList({"blue", "green"})); // the larger share first
}

void TestAttributeTagger::greyPhotoIsGrayscaleColourPhotoIsNot() {
    int grey = 0, colourful = 0;
    const int scenes = 12;
    for (int seed = 1; seed <= scenes; ++seed) {
        const QImage scene = SceneGenerator::scene(seed);
        grey += analysedTags(toGrey(scene)).contains("grayscale") ? 1 : 0;
        colourful += analysedTags(scene).contains("grayscale") ? 0 : 1;
    }
    QCOMPARE(grey, scenes);
    QCOMPARE(colourful, scenes);
    // A black and white photo with a small coloured stamp (3% of the frame) is still not "grayscale".
    QImage stamped = toGrey(SceneGenerator::scene(3));
    QPainter painter(&stamped);
    painter.fillRect(0, 0, 120, 120, QColor(220, 20, 20)); // 4.7% of 640x480
    painter.end();
    QVERIFY(!AttributeTagger::isGrayscale(stamped));
}

void TestAttributeTagger::indexingAttachesQualityAndColourTags() {
    const QImage scene = SceneGenerator::scene(7);
    const QStringList dark = analysedTags(SceneGenerator::brightness(scene, 0.12));
    QVERIFY2(dark.contains("dark"), qPrintable(dark.join(",")));
    QVERIFY(!dark.contains("bright"));
    QImage washed = scene;
    QPainter painter(&washed);
    painter.fillRect(washed.rect(), QColor(255, 255, 255, 215)); // heavy over-exposure
    painter.end();
    const QStringList bright = analysedTags(washed);
    QVERIFY2(bright.contains("bright"), qPrintable(bright.join(",")));
    const QStringList blurry = analysedTags(SceneGenerator::gaussianBlur(scene, 8));
    QVERIFY2(blurry.contains("blurry"), qPrintable(blurry.join(",")));
    const QStringList sharp = analysedTags(scene);
    QVERIFY2(!sharp.contains("blurry") && !sharp.contains("dark"), qPrintable(sharp.join(",")));
    const QStringList red = analysedTags(solid(QColor(200, 25, 30)));
    QVERIFY2(red.contains("red"), qPrintable(red.join(",")));
}

QTEST_MAIN(TestAttributeTagger)
#include "test_attributetagger.moc"
