// Detectors: plumbing on generated images, and real detections on photos shipped by python3-skimage
// (public domain / CC0, see data/face_benchmark.json), skipped when that package is not installed.
#include "CascadeLocator.h"
#include "DetectorImage.h"
#include "FaceDetector.h"
#include "NonMaxSuppression.h"
#include "ObjectCrop.h"
#include "ObjectDetector.h"
#include "PeopleDetector.h"

#include <QDir>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <opencv2/core/utility.hpp>

using namespace vl::engine;

namespace {

const QString kSkimageData = QStringLiteral("/usr/lib/python3/dist-packages/skimage/data/");
// Hand-labelled in data/face_benchmark.json (same boxes).
const QRect kAstronautFace(180, 80, 92, 100);

QImage photo(const QString& name) {
    return QImage(kSkimageData + name);
}

QImage noise(int width, int height, quint32 seed) {
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(seed);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            line[x] = random.generate() | 0xff000000u;
    }
    return image;
}

bool matches(const QVector<Detection>& detections, const QString& label, const QRect& truth, double minIou) {
    return std::any_of(detections.begin(), detections.end(), [&](const Detection& d) {
        return d.label == label && NonMaxSuppression::iou(d.box, truth) >= minIou;
    });
}

} // namespace

class TestEnrichDetectors : public QObject {
    Q_OBJECT

private:
    std::vector<std::unique_ptr<Detector>> allDetectors() {
        std::vector<std::unique_ptr<Detector>> detectors;
        detectors.push_back(std::make_unique<FaceDetector>());
        detectors.push_back(std::make_unique<CatFaceDetector>());
        detectors.push_back(std::make_unique<PeopleDetector>());
        detectors.push_back(std::make_unique<ObjectDetector>());
        return detectors;
    }

private slots:
    void initTestCase() {
        for (const auto& detector : allDetectors())
            QVERIFY2(detector->error().isEmpty(), qPrintable(detector->error()));
    }

    void degenerateImagesYieldNothing() {
        const QImage tiny(1, 1, QImage::Format_RGB32);
        QImage strip(3, 400, QImage::Format_Grayscale8);
        strip.fill(Qt::gray);
        QImage transparent(300, 300, QImage::Format_ARGB32);
        transparent.fill(Qt::transparent);
        for (const auto& detector : allDetectors()) {
            QVERIFY(detector->detect(QImage()).isEmpty());
            QVERIFY(detector->detect(tiny).isEmpty());
            QVERIFY(detector->detect(strip).isEmpty());
            QVERIFY(detector->detect(transparent).isEmpty());
        }
    }

    void flatAndNoiseImagesHaveNoFaces() {
        QImage flat(800, 600, QImage::Format_RGB32);
        flat.fill(QColor(90, 140, 200));
        const QImage random = noise(640, 480, 7);
        for (const auto& detector : allDetectors()) {
            QVERIFY(detector->detect(flat).isEmpty());
            const QVector<Detection> found = detector->detect(random);
            QVERIFY2(found.isEmpty(), qPrintable(detector->classes().join(',')));
        }
    }

    void hugeImageIsScannedDownscaledAndBoxesStayInside() {
        QImage huge(9000, 7000, QImage::Format_Grayscale8);
        QPainter painter(&huge);
        painter.fillRect(huge.rect(), Qt::white);
        const QImage face = photo(QStringLiteral("astronaut.png"));
        if (!face.isNull())
            painter.drawImage(QRect(3000, 2000, 4096, 4096), face); // 8x the photo
        painter.end();
        const QVector<Detection> found = ObjectDetector().detect(huge);
        for (const Detection& d : found)
            QVERIFY(huge.rect().contains(d.box));
        if (face.isNull())
            QSKIP("python3-skimage not installed: only checked that a 63 MP image does not crash");
        const QRect truth(3000 + kAstronautFace.x() * 8, 2000 + kAstronautFace.y() * 8,
                          kAstronautFace.width() * 8, kAstronautFace.height() * 8);
        QVERIFY(matches(found, QStringLiteral("face"), truth, 0.5));
    }

    void detectorImageMapsBoxesBack() {
        QImage image(2000, 1000, QImage::Format_RGB32);
        image.fill(Qt::black);
        const DetectorImage working = DetectorImage::fromQImage(image, 500);
        QCOMPARE(working.gray.cols, 500);
        QCOMPARE(working.gray.rows, 250);
        QCOMPARE(working.scale, 4.0);
        QCOMPARE(working.toOriginal(cv::Rect(10, 20, 30, 40), image.size()), QRect(40, 80, 120, 160));
        QCOMPARE(working.toOriginal(cv::Rect(490, 240, 30, 40), image.size()),
                 QRect(1960, 960, 40, 40)); // clipped
        QCOMPARE(DetectorImage::fromQImage(image, 4000).scale, 1.0);
    }

    void nonMaxSuppressionMergesOverlapsPerLabel() {
        const QVector<Detection> input{{QStringLiteral("face"), 0.6f, QRect(0, 0, 100, 100)},
                                       {QStringLiteral("face"), 0.9f, QRect(10, 10, 100, 100)},
                                       {QStringLiteral("face"), 0.7f, QRect(300, 300, 50, 50)},
                                       {QStringLiteral("person"), 0.5f, QRect(5, 5, 100, 100)}};
        const QVector<Detection> kept = NonMaxSuppression::apply(input, 0.4);
        QCOMPARE(kept.size(), 3);
        QCOMPARE(kept[0].confidence, 0.9f); // the best of the overlapping pair survives
        QCOMPARE(kept[0].box, QRect(10, 10, 100, 100));
        QCOMPARE(kept[1].box, QRect(300, 300, 50, 50));
        QCOMPARE(kept[2].label, QStringLiteral("person"));
        QCOMPARE(NonMaxSuppression::apply(input, 0.9).size(), 4); // IoU 0.68 is below 0.9
        QCOMPARE(NonMaxSuppression::iou(QRect(0, 0, 10, 10), QRect(5, 0, 10, 10)), 50.0 / 150.0);
        QCOMPARE(NonMaxSuppression::iou(QRect(0, 0, 10, 10), QRect(20, 20, 5, 5)), 0.0);
    }

    void findsTheAstronautsFace() {
        const QImage image = photo(QStringLiteral("astronaut.png"));
        if (image.isNull())
            QSKIP("python3-skimage is not installed (its astronaut.png is the test photo)");
        const QVector<Detection> faces = FaceDetector().detect(image);
        QCOMPARE(faces.size(), 1);
        QCOMPARE(faces[0].label, QStringLiteral("face"));
        QVERIFY2(NonMaxSuppression::iou(faces[0].box, kAstronautFace) >= 0.5,
                 qPrintable(QStringLiteral("%1,%2 %3x%4")
                                .arg(faces[0].box.x())
                                .arg(faces[0].box.y())
                                .arg(faces[0].box.width())
                                .arg(faces[0].box.height())));
        QVERIFY(faces[0].confidence > 0.5f && faces[0].confidence <= 1.0f);
        // Boxes follow the image's pixels at any size.
        const QImage bigger = image.scaled(1536, 1536);
        const QRect scaled(kAstronautFace.topLeft() * 3, kAstronautFace.size() * 3);
        QVERIFY(matches(FaceDetector().detect(bigger), QStringLiteral("face"), scaled, 0.5));
        QVERIFY(matches(ObjectDetector().detect(image), QStringLiteral("face"), kAstronautFace, 0.5));
    }

    // OpenCV's cat-face cascades do not find Chelsea (a close-up with the ears cut off; checked with both
    // cascades, with and without padding), so this photo only checks that a cat is not taken for a human
    // face.
    void noHumanFaceOnACat() {
        const QImage image = photo(QStringLiteral("chelsea.png"));
        if (image.isNull())
            QSKIP("python3-skimage is not installed (its chelsea.png is the test photo)");
        QVERIFY(FaceDetector().detect(image).isEmpty());
        QVERIFY(PeopleDetector().detect(image).isEmpty());
    }

    void concurrentDetectionIsConsistent() {
        QImage image = photo(QStringLiteral("astronaut.png"));
        if (image.isNull())
            image = noise(512, 512, 3);
        const FaceDetector detector;
        const QVector<Detection> reference = detector.detect(image);
        QVector<int> runs(16);
        const QList<int> counts = QtConcurrent::blockingMapped(runs, [&](int) {
            const QVector<Detection> found = detector.detect(image);
            bool same = found.size() == reference.size();
            for (int i = 0; same && i < found.size(); ++i)
                same = found[i].box == reference[i].box;
            return same ? 1 : 0;
        });
        QCOMPARE(std::accumulate(counts.begin(), counts.end(), 0), runs.size());
    }

    void missingCascadeIsAClearError() {
        QString error;
        QVERIFY(CascadeLocator::find(QStringLiteral("no_such_cascade.xml"), &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("no_such_cascade.xml")));
        QVERIFY(error.contains(QLatin1String("VL_OPENCV_DATA")));
        QVERIFY(error.contains(QLatin1String("opencv-data")));
        CascadeDetector::Config config = HaarFaceDetector::defaultConfig();
        config.cascadeFile = QStringLiteral("no_such_cascade.xml");
        const CascadeDetector detector(config);
        QVERIFY(!detector.error().isEmpty());
        QVERIFY(detector.detect(noise(100, 100, 1)).isEmpty());
    }

    void environmentOverrideIsSearchedFirst() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("haarcascades")));
        const QString installed = CascadeLocator::find(QStringLiteral("haarcascade_frontalface_alt2.xml"));
        QVERIFY(!installed.isEmpty());
        const QString copy = dir.path() + QStringLiteral("/haarcascades/haarcascade_frontalface_alt2.xml");
        QVERIFY(QFile::copy(installed, copy));
        qputenv("VL_OPENCV_DATA", dir.path().toLocal8Bit());
        const QString found = CascadeLocator::find(QStringLiteral("haarcascade_frontalface_alt2.xml"));
        qunsetenv("VL_OPENCV_DATA");
        QCOMPARE(QFileInfo(found).canonicalFilePath(), QFileInfo(copy).canonicalFilePath());
    }

    void objectCropsAreClippedAndEmbedded() {
        QImage image(100, 80, QImage::Format_RGB32);
        image.fill(Qt::red);
        QCOMPARE(ObjectCrop::crop(image, QRect(10, 10, 20, 20)).size(), QSize(20, 20));
        QCOMPARE(ObjectCrop::crop(image, QRect(10, 10, 20, 20), 0.5).size(), QSize(40, 40));
        QCOMPARE(ObjectCrop::crop(image, QRect(90, 70, 20, 20)).size(), QSize(10, 10));
        QVERIFY(ObjectCrop::crop(image, QRect(200, 200, 5, 5)).isNull());
        int calls = 0;
        const auto embeddings =
            ObjectCrop::embed(image, {QRect(0, 0, 10, 20), QRect(500, 500, 4, 4)}, [&](const QImage& crop) {
                ++calls;
                return QVector<float>{float(crop.width()), float(crop.height())};
            });
        QCOMPARE(calls, 1);
        QCOMPARE(embeddings.size(), 2);
        QCOMPARE(embeddings[0], (QVector<float>{10, 20}));
        QVERIFY(embeddings[1].isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEnrichDetectors)
#include "tst_enrich_detectors.moc"
