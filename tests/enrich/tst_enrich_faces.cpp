// Learned faces: BlazeFaceDetector (and FaceDetector / ObjectDetector using it) on python3-skimage photos,
// generated scenes and EXIF-oriented JPEGs; FaceEmbedder on the same face under crop jitter, scaling and JPEG
// against different faces; the explanations when models are missing. Needs the models prepared by
// packaging/bootstrap.sh and python3-skimage: without them the tests skip (fail when CI=true).
#include "BlazeFaceDetector.h"
#include "FaceDetector.h"
#include "FaceEmbedder.h"
#include "LearnedModelFiles.h"
#include "NonMaxSuppression.h"
#include "ObjectDetector.h"
#include "SkimageData.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <algorithm>
#include <numeric>

using namespace vl::engine;
using namespace vl::engine::test;

namespace {

// Hand-labelled in data/face_benchmark.json (same boxes).
const QRect kAstronautFace(180, 80, 92, 100);
const QRect kCameramanFace(185, 122, 70, 75);

bool inCi() {
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

QString describe(const QVector<Detection>& found) {
    QStringList parts;
    for (const Detection& d : found)
        parts << QStringLiteral("%1 %2 (%3,%4 %5x%6)")
                     .arg(d.label)
                     .arg(d.confidence, 0, 'f', 2)
                     .arg(d.box.x())
                     .arg(d.box.y())
                     .arg(d.box.width())
                     .arg(d.box.height());
    return parts.isEmpty() ? QStringLiteral("nothing") : parts.join(QStringLiteral(", "));
}

bool onlyMatch(const QVector<Detection>& found, const QRect& truth) {
    return found.size() == 1 && NonMaxSuppression::iou(found[0].box, truth) >= 0.5;
}

// A JPEG whose pixels are `upright` turned so that EXIF `orientation` turns them back.
QByteArray jpegWithOrientation(const QImage& upright, int orientation) {
    const int angle = orientation == 3 ? 180 : orientation == 6 ? -90 : 90; // 6: display turns 90 cw
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    upright.transformed(QTransform().rotate(angle)).save(&buffer, "JPEG", 95);
    QByteArray jpeg = buffer.data();
    // APP1 "Exif": little-endian TIFF header, one IFD with one entry, 0x0112 Orientation (SHORT, 1 value).
    const char exif[] = {'\xFF',
                         '\xE1',
                         0,
                         34,
                         'E',
                         'x',
                         'i',
                         'f',
                         0,
                         0,
                         'I',
                         'I',
                         42,
                         0,
                         8,
                         0,
                         0,
                         0,
                         1,
                         0,
                         0x12,
                         0x01,
                         3,
                         0,
                         1,
                         0,
                         0,
                         0,
                         char(orientation),
                         0,
                         0,
                         0,
                         0,
                         0,
                         0,
                         0};
    jpeg.insert(2, exif, sizeof(exif));
    return jpeg;
}

QImage jpegCopy(const QImage& image, int quality) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return QImage::fromData(buffer.data(), "JPEG");
}

// Same picture up to compression: mean absolute grey difference of 32x32 thumbnails.
bool looksAlike(const QImage& a, const QImage& b) {
    const auto thumb = [](const QImage& image) {
        return image.convertToFormat(QImage::Format_Grayscale8)
            .scaled(32, 32, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    };
    const QImage x = thumb(a), y = thumb(b);
    double sum = 0;
    for (int row = 0; row < 32; ++row)
        for (int col = 0; col < 32; ++col)
            sum += std::abs(int(x.constScanLine(row)[col]) - int(y.constScanLine(row)[col]));
    return sum / (32 * 32) < 8;
}

// LFW face i (25x25 grey) upscaled to 112 px on a 160 px grey canvas: the face box is (24, 24, 112, 112).
QImage lfwCanvas(const QImage& crop) {
    QImage canvas(160, 160, QImage::Format_RGB32);
    canvas.fill(QColor(128, 128, 128));
    QPainter painter(&canvas);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(QRect(24, 24, 112, 112), crop);
    return canvas;
}

} // namespace

class TestEnrichFaces : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<BlazeFaceDetector> m_blazeFace;
    std::unique_ptr<FaceEmbedder> m_embedder;
    QImage m_astronaut;

    // QSKIP / QFAIL (CI) unless the models and skimage's photos are installed.
    bool ready(bool needPhotos = true) {
        if (!m_blazeFace->error().isEmpty()) {
            if (inCi())
                QTest::qFail(qPrintable(m_blazeFace->error()), __FILE__, __LINE__);
            else
                QTest::qSkip(qPrintable(m_blazeFace->error()), __FILE__, __LINE__);
            return false;
        }
        if (needPhotos && m_astronaut.isNull()) {
            const char* why = "python3-skimage is not installed (its photos are the test images)";
            if (inCi())
                QTest::qFail(why, __FILE__, __LINE__);
            else
                QTest::qSkip(why, __FILE__, __LINE__);
            return false;
        }
        return true;
    }

private slots:
    void initTestCase() {
        m_blazeFace = std::make_unique<BlazeFaceDetector>();
        m_embedder = std::make_unique<FaceEmbedder>();
        m_astronaut = skimagePhoto(QStringLiteral("astronaut.png"));
    }

    void findsTheLabelledFaces() {
        if (!ready())
            return;
        const QVector<Detection> astronaut = m_blazeFace->detect(m_astronaut);
        QVERIFY2(onlyMatch(astronaut, kAstronautFace), qPrintable(describe(astronaut)));
        QCOMPARE(astronaut[0].label, QStringLiteral("face"));
        QVERIFY(astronaut[0].confidence >= m_blazeFace->config().minScore && astronaut[0].confidence <= 1.0f);
        // The cameraman's three-quarter profile, partly hidden by the camera (Haar misses it).
        const QVector<Detection> cameraman = m_blazeFace->detect(skimagePhoto(QStringLiteral("camera.png")));
        QVERIFY2(onlyMatch(cameraman, kCameramanFace), qPrintable(describe(cameraman)));
    }

    void noFacesOnPhotosWithoutFaces() {
        if (!ready())
            return;
        // Includes a cat's face (Chelsea) and a dog-less horse: animals are not faces.
        for (const char* name :
             {"chelsea.png", "coffee.png", "rocket.jpg", "brick.png", "grass.png", "gravel.png", "horse.png",
              "coins.png", "text.png", "hubble_deep_field.jpg", "retina.jpg"}) {
            const QVector<Detection> found = m_blazeFace->detect(skimagePhoto(QLatin1String(name)));
            QVERIFY2(found.isEmpty(),
                     qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), describe(found))));
        }
    }

    void noFacesOnGeneratedTextures() {
        if (!ready(false))
            return;
        QImage flat(800, 600, QImage::Format_RGB32);
        flat.fill(QColor(90, 140, 200));
        QImage noise(640, 480, QImage::Format_RGB32);
        QRandomGenerator random(7);
        for (int y = 0; y < noise.height(); ++y)
            for (int x = 0; x < noise.width(); ++x)
                noise.setPixel(x, y, random.generate() | 0xff000000u);
        QImage checker(1024, 768, QImage::Format_RGB32);
        QPainter painter(&checker);
        for (int y = 0; y < 768; y += 32)
            for (int x = 0; x < 1024; x += 32)
                painter.fillRect(x, y, 32, 32, ((x + y) / 32) % 2 ? Qt::black : Qt::white);
        QLinearGradient gradient(0, 0, 1024, 768);
        gradient.setColorAt(0, Qt::darkRed);
        gradient.setColorAt(1, Qt::yellow);
        painter.fillRect(QRect(600, 400, 424, 368), gradient);
        painter.setBrush(Qt::darkGreen);
        for (int i = 0; i < 12; ++i)
            painter.drawEllipse(QPoint(80 + 70 * i, 200 + (i % 3) * 40), 30, 30); // eye-like blobs
        painter.end();
        for (const QImage& image : {flat, noise, checker}) {
            const QVector<Detection> found = m_blazeFace->detect(image);
            QVERIFY2(found.isEmpty(), qPrintable(describe(found)));
        }
    }

    void boxesFollowScaleAndPosition() {
        if (!ready())
            return;
        // Larger: the face fills a third of the image.
        const QImage bigger =
            m_astronaut.scaled(m_astronaut.size() * 3, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const QVector<Detection> large = m_blazeFace->detect(bigger);
        QVERIFY2(onlyMatch(large, QRect(kAstronautFace.topLeft() * 3, kAstronautFace.size() * 3)),
                 qPrintable(describe(large)));
        // Smaller, off-centre in a wide scene: 92 px in 1600x900, found only by the tiles.
        QImage scene(1600, 900, QImage::Format_RGB32);
        scene.fill(QColor(200, 210, 190));
        QPainter painter(&scene);
        painter.drawImage(QPoint(1000, 300), m_astronaut);
        painter.end();
        QVERIFY(m_blazeFace->squares(scene.size()).size() > 1);
        const QVector<Detection> small = m_blazeFace->detect(scene);
        QVERIFY2(onlyMatch(small, kAstronautFace.translated(1000, 300)), qPrintable(describe(small)));
        for (const Detection& d : small)
            QVERIFY(scene.rect().contains(d.box));
    }

    void headWindowsLookWherePeopleAre() {
        if (!ready())
            return;
        // A 92 px face in a 2400 px wide scene: too small for the whole-image pass, so only a square over the
        // person finds it.
        QImage scene(2400, 1350, QImage::Format_RGB32);
        scene.fill(QColor(200, 210, 190));
        QPainter painter(&scene);
        painter.drawImage(QPoint(1600, 300), m_astronaut);
        painter.end();
        const QRect person(1600, 300, 512, 1000); // a standing body below the head
        const QRect face = kAstronautFace.translated(1600, 300);
        BlazeFaceDetector::Config everyTileConfig;
        everyTileConfig.headWindows = false;
        const BlazeFaceDetector everyTile(LearnedModelFiles::instance(), everyTileConfig);
        const QVector<QRect> windows = m_blazeFace->squaresNear(scene.size(), {person});
        QCOMPARE(windows.size(), 2); // the whole image, then one square over the head
        QVERIFY(windows[1].contains(face));
        QVERIFY(everyTile.squaresNear(scene.size(), {person}).size() > 2);
        const QVector<Detection> found = m_blazeFace->detectNearPeople(scene, {person});
        QVERIFY2(onlyMatch(found, face), qPrintable(describe(found)));
        // A crowd: more people than head windows, so the tiles near them, as without head windows.
        QVector<QRect> crowd;
        for (int i = 0; i < 6; ++i)
            crowd.append(QRect(i * 380, 400, 300, 900));
        QCOMPARE(m_blazeFace->squaresNear(scene.size(), crowd), everyTile.squaresNear(scene.size(), crowd));
        QVERIFY(m_blazeFace->squaresNear(scene.size(), {}).size() == 1); // nobody: the whole image only
    }

    void exifOrientedJpegsAreFoundUpright_data() {
        QTest::addColumn<int>("orientation");
        QTest::newRow("3 (upside down)") << 3;
        QTest::newRow("6 (turned left)") << 6;
        QTest::newRow("8 (turned right)") << 8;
    }

    void exifOrientedJpegsAreFoundUpright() {
        QFETCH(int, orientation);
        if (!ready())
            return;
        QByteArray jpeg = jpegWithOrientation(m_astronaut, orientation);
        QBuffer buffer(&jpeg);
        QImageReader reader(&buffer);
        reader.setAutoTransform(true); // what the engine does before detecting
        const QImage upright = reader.read();
        QVERIFY(looksAlike(upright, m_astronaut)); // the reader did turn it upright
        const QVector<Detection> found = m_blazeFace->detect(upright);
        QVERIFY2(onlyMatch(found, kAstronautFace), qPrintable(describe(found)));
    }

    void faceDetectorAndObjectDetectorUseBlazeFace() {
        if (!ready())
            return;
        const FaceDetector faces;
        QVERIFY(faces.usesLearnedModel());
        QVERIFY(faces.error().isEmpty());
        QVERIFY(faces.description().contains(QLatin1String("BlazeFace")));
        QVERIFY(onlyMatch(faces.detect(m_astronaut), kAstronautFace));
        const QImage cat = skimagePhoto(QStringLiteral("chelsea.png"));
        const ObjectDetector objects;
        for (const Detection& d : objects.detect(cat))
            QVERIFY2(d.label != QLatin1String("face"), qPrintable(describe({d})));
        QVector<Detection> onAstronaut = objects.detect(m_astronaut);
        onAstronaut.erase(std::remove_if(onAstronaut.begin(), onAstronaut.end(),
                                         [](const Detection& d) { return d.label != QLatin1String("face"); }),
                          onAstronaut.end());
        QVERIFY2(onlyMatch(onAstronaut, kAstronautFace), qPrintable(describe(onAstronaut)));
    }

    void concurrentDetectionIsConsistent() {
        if (!ready())
            return;
        const QVector<Detection> reference = m_blazeFace->detect(m_astronaut);
        QVector<int> runs(8);
        const QList<bool> same = QtConcurrent::blockingMapped(runs, [&](int) {
            const QVector<Detection> found = m_blazeFace->detect(m_astronaut);
            return found.size() == reference.size() && found[0].box == reference[0].box;
        });
        QVERIFY(std::all_of(same.begin(), same.end(), [](bool b) { return b; }));
    }

    void missingModelsAreExplained() {
        QTemporaryDir empty;
        const LearnedModelFiles none(empty.path());
        const BlazeFaceDetector blazeFace(none);
        QVERIFY(blazeFace.error().contains(QLatin1String("not installed")));
        QVERIFY(blazeFace.error().contains(QLatin1String("packaging/bootstrap.sh")));
        QImage image = m_astronaut.isNull() ? QImage(320, 240, QImage::Format_RGB32) : m_astronaut;
        QVERIFY(blazeFace.detect(image).isEmpty());
        const FaceEmbedder embedder(none);
        QVERIFY(embedder.error().contains(QLatin1String("not installed")));
        QVERIFY(embedder.embed(image, QRect(10, 10, 50, 50)).isEmpty());
        // FaceDetector falls back to the Haar pipeline and says so.
        const FaceDetector faces(none);
        QVERIFY(!faces.usesLearnedModel());
        QVERIFY(faces.error().isEmpty());
        QVERIFY(faces.description().contains(QLatin1String("Haar")));
        QVERIFY(faces.description().contains(QLatin1String("not installed")));
        if (!m_astronaut.isNull())
            QVERIFY(onlyMatch(faces.detect(m_astronaut), kAstronautFace));
    }

    void embeddingsAreUnitVectors() {
        if (!ready())
            return;
        QVERIFY2(m_embedder->error().isEmpty(), qPrintable(m_embedder->error()));
        const QVector<float> e = m_embedder->embed(m_astronaut, kAstronautFace);
        QCOMPARE(e.size(), FaceEmbedder::Dimension);
        QVERIFY(std::abs(FaceEmbedder::similarity(e, e) - 1.0f) < 1e-4f);
        QVERIFY(m_embedder->embed(m_astronaut, QRect(2000, 2000, 50, 50)).isEmpty()); // outside the image
        QVERIFY(m_embedder->embed(QImage(), kAstronautFace).isEmpty());
        // Thread-safe and deterministic.
        QVector<int> runs(6);
        const QList<QVector<float>> again = QtConcurrent::blockingMapped(
            runs, [&](int) { return m_embedder->embed(m_astronaut, kAstronautFace); });
        for (const QVector<float>& other : again)
            QVERIFY(FaceEmbedder::similarity(e, other) > 0.9999f);
    }

    void sameFaceIsCloserThanOtherFaces() {
        if (!ready())
            return;
        const QVector<float> astronaut = m_embedder->embed(m_astronaut, kAstronautFace);
        // The same face: another detector's box, and a half-size JPEG (quality 40) copy.
        const QVector<float> otherBox = m_embedder->embed(m_astronaut, QRect(172, 74, 105, 105));
        const QImage small =
            jpegCopy(m_astronaut.scaled(256, 256, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), 40);
        const QVector<float> smallCopy = m_embedder->embed(small, QRect(90, 40, 46, 50));
        const float same = std::min(FaceEmbedder::similarity(astronaut, otherBox),
                                    FaceEmbedder::similarity(astronaut, smallCopy));
        QVERIFY2(same > 0.9f, qPrintable(QString::number(same)));
        // Different people: the cameraman and LFW faces.
        float different = FaceEmbedder::similarity(
            astronaut, m_embedder->embed(skimagePhoto(QStringLiteral("camera.png")), kCameramanFace));
        const QVector<QImage> lfw = readLfw();
        QCOMPARE(lfw.size(), 200);
        for (int i = 0; i < 40; ++i)
            different = std::max(
                different, FaceEmbedder::similarity(
                               astronaut, m_embedder->embed(lfwCanvas(lfw[i]), QRect(24, 24, 112, 112))));
        QVERIFY2(same > different,
                 qPrintable(QStringLiteral("same %1, most similar other %2").arg(same).arg(different)));
    }

    void lfwFacesMatchTheirOwnCopies() {
        if (!ready())
            return;
        const QVector<QImage> lfw = readLfw();
        QCOMPARE(lfw.size(), 200);
        const int n = 40;
        const QRect box(24, 24, 112, 112);
        QVector<QVector<float>> base, jittered, scaled, compressed;
        for (int i = 0; i < n; ++i) {
            const QImage canvas = lfwCanvas(lfw[i]);
            base << m_embedder->embed(canvas, box);
            jittered << m_embedder->embed(canvas, QRect(30, 19, 104, 104)); // a shifted, tighter box
            scaled << m_embedder->embed(
                canvas.scaled(96, 96, Qt::IgnoreAspectRatio, Qt::SmoothTransformation),
                QRect(14, 14, 67, 67));
            compressed << m_embedder->embed(jpegCopy(canvas, 40), box);
        }
        double differentSum = 0;
        QVector<float> mostSimilarOther(n, -1);
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                if (i != j) {
                    const float s = FaceEmbedder::similarity(base[i], base[j]);
                    differentSum += s;
                    mostSimilarOther[i] = std::max(mostSimilarOther[i], s);
                }
        const double different = differentSum / (n * (n - 1));
        // Scaling and JPEG keep nearly every face closer to itself than to any of the 39 others; a shifted
        // box (as different detectors frame faces) still keeps it far closer than the average other face.
        for (const auto& [name, copies, minShare] :
             {std::tuple{"scaled", &scaled, 0.9}, std::tuple{"JPEG q40", &compressed, 0.95}}) {
            int wins = 0;
            for (int i = 0; i < n; ++i)
                wins += FaceEmbedder::similarity(base[i], (*copies)[i]) > mostSimilarOther[i] ? 1 : 0;
            QVERIFY2(wins >= minShare * n,
                     qPrintable(QStringLiteral("%1: %2 of %3").arg(QLatin1String(name)).arg(wins).arg(n)));
        }
        double jitterSum = 0;
        for (int i = 0; i < n; ++i)
            jitterSum += FaceEmbedder::similarity(base[i], jittered[i]);
        QVERIFY2(
            jitterSum / n > different + 0.25,
            qPrintable(QStringLiteral("jittered %1, different faces %2").arg(jitterSum / n).arg(different)));
    }
};

QTEST_GUILESS_MAIN(TestEnrichFaces)
#include "tst_enrich_faces.moc"
