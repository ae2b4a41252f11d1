// CocoDetector and the OBJECT_DETECTION built-in on real photos from Debian's darknet package, with the boxes
// hand-measured in tests/bench/data/detection_truth.json. The COCO model comes from
// packaging/models/prepare-models.sh (LearnedModelFiles); without it, or without darknet's photos, the
// tests skip, and fail when CI=true.
#include "CocoDetector.h"
#include "LearnedModelFiles.h"
#include "NonMaxSuppression.h"
#include "ObjectDetector.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

#include <memory>

using namespace vl::engine;

namespace {

const QString kDarknet = QStringLiteral("/usr/share/darknet/data/");

// Fails in CI (a missing dependency must not pass silently), skips elsewhere.
#define REQUIRE(condition, why)                                                                              \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                         \
                QFAIL(qPrintable(why));                                                                      \
            QSKIP(qPrintable(why));                                                                          \
        }                                                                                                    \
    } while (false)

struct Truth {
    QStringList labels;
    QRect box;
};

QVector<Truth> truthFor(const QString& path) {
    QFile file(QStringLiteral(VL_BENCH_DATA_DIR "/detection_truth.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QVector<Truth> truths;
    for (const QJsonValue& photo : QJsonDocument::fromJson(file.readAll())["photos"].toArray()) {
        if (photo["path"].toString() != path)
            continue;
        for (const QJsonValue& object : photo["objects"].toArray()) {
            if (object["ignore"].toBool())
                continue;
            const QJsonArray b = object["box"].toArray();
            QStringList labels;
            for (const QJsonValue& l : object["labels"].toArray())
                labels << l.toString();
            truths.push_back({labels, QRect(b[0].toInt(), b[1].toInt(), b[2].toInt(), b[3].toInt())});
        }
    }
    return truths;
}

bool found(const QVector<Detection>& detections, const Truth& truth) {
    return std::any_of(detections.begin(), detections.end(), [&](const Detection& d) {
        return truth.labels.contains(d.label) && NonMaxSuppression::iou(d.box, truth.box) >= 0.5;
    });
}

double cosine(const QVector<float>& a, const QVector<float>& b) {
    double dot = 0;
    for (int i = 0; i < a.size(); ++i)
        dot += double(a[i]) * b[i];
    return dot; // both L2-normalised
}

QImage jpegCopy(const QImage& image, int quality) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return QImage::fromData(bytes, "JPEG");
}

// Smooth random blotches: a texture with edges and colour but no object.
QImage texture(int width, int height, quint32 seed) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(120, 110, 100));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QRandomGenerator random(seed);
    for (int i = 0; i < 400; ++i) {
        const QColor colour(random.bounded(90, 170), random.bounded(80, 150), random.bounded(60, 130), 90);
        const int r = random.bounded(4, 30);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(QPoint(random.bounded(width), random.bounded(height)), r, r);
    }
    return image;
}

} // namespace

class TestEnrichCoco : public QObject {
    Q_OBJECT

    std::unique_ptr<CocoDetector> m_coco;

    void requireModelAndPhotos() {
        REQUIRE(m_coco->error().isEmpty(), QStringLiteral("COCO model unavailable: %1").arg(m_coco->error()));
        REQUIRE(QFile::exists(kDarknet + "dog.jpg"),
                QStringLiteral("Debian's darknet package (sample photos) is not installed"));
    }

private slots:
    void initTestCase() { m_coco = std::make_unique<CocoDetector>(); }

    void findsDogBicycleAndCarInDarknetsDogPhoto() {
        requireModelAndPhotos();
        const QString path = kDarknet + "dog.jpg";
        const QVector<Truth> truths = truthFor(path);
        QVERIFY2(truths.size() >= 3, "detection_truth.json lists dog.jpg's objects");
        const QVector<Detection> detections = m_coco->detect(QImage(path));
        for (const Truth& truth : truths)
            QVERIFY2(found(detections, truth), qPrintable(truth.labels.join('/') + " not found"));
        for (const Detection& d : detections) {
            QVERIFY(CocoDetector::labels().contains(d.label));
            QVERIFY(d.confidence >= m_coco->defaultThreshold() && d.confidence <= 1);
        }
    }

    void boxesFollowTheImageSize() {
        requireModelAndPhotos();
        const QImage image(kDarknet + "dog.jpg");
        const QImage half = image.scaled(image.size() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        for (const Truth& truth : truthFor(kDarknet + "dog.jpg")) {
            const Truth scaled{truth.labels, QRect(truth.box.topLeft() / 2, truth.box.size() / 2)};
            QVERIFY2(found(m_coco->detect(half), scaled), qPrintable(truth.labels.join('/')));
        }
    }

    void nothingOnPlainTextures() {
        REQUIRE(m_coco->error().isEmpty(), QStringLiteral("COCO model unavailable: %1").arg(m_coco->error()));
        QImage flat(640, 480, QImage::Format_RGB32);
        flat.fill(QColor(90, 140, 200));
        QVERIFY(m_coco->detect(flat).isEmpty());
        for (quint32 seed = 1; seed <= 3; ++seed)
            QVERIFY2(m_coco->detect(texture(800, 600, seed)).isEmpty(), qPrintable(QString::number(seed)));
    }

    void degenerateImagesYieldNothing() {
        QVERIFY(m_coco->run(QImage()).objects.isEmpty());
        QVERIFY(m_coco->embed(QImage()).isEmpty());
        QImage tiny(3, 3, QImage::Format_RGB32);
        tiny.fill(Qt::white);
        QVERIFY(m_coco->run(tiny).embedding.isEmpty());
    }

    void oneForwardPassGivesDetectionsAndEmbedding() {
        requireModelAndPhotos();
        const QImage image(kDarknet + "dog.jpg");
        const CocoDetector::Output output = m_coco->run(image);
        QCOMPARE(output.embedding.size(), m_coco->embeddingSize());
        QVERIFY(qAbs(cosine(output.embedding, output.embedding) - 1.0) < 1e-4);
        QCOMPARE(output.objects.size(), m_coco->detect(image).size());
        QVERIFY(cosine(output.embedding, m_coco->embed(image)) > 0.9999);
    }

    void embeddingOfACopyIsCloserThanAnotherPhoto() {
        requireModelAndPhotos();
        const QImage image(kDarknet + "dog.jpg");
        const QVector<float> original = m_coco->embed(image);
        const QVector<QImage> copies = {
            image.copy(
                image.rect().adjusted(image.width() / 10, image.height() / 10, -image.width() / 10, 0)),
            image.scaled(image.size() / 2, Qt::KeepAspectRatio, Qt::SmoothTransformation),
            jpegCopy(image, 35)};
        double unrelated = -1;
        for (const QString name : {"eagle.jpg", "giraffe.jpg", "horses.jpg", "kite.jpg"})
            unrelated = std::max(unrelated, cosine(original, m_coco->embed(QImage(kDarknet + name))));
        for (const QImage& copy : copies) {
            const double similar = cosine(original, m_coco->embed(copy));
            QVERIFY2(similar > unrelated, qPrintable(QStringLiteral("%1 <= %2").arg(similar).arg(unrelated)));
        }
    }

    void concurrentCallsAgree() {
        requireModelAndPhotos();
        const QImage image(kDarknet + "dog.jpg");
        const int expected = m_coco->detect(image).size();
        const QList<int> counts = QtConcurrent::blockingMapped(
            QList<int>{0, 1, 2, 3}, [&](int) { return int(m_coco->detect(image).size()); });
        for (int count : counts)
            QCOMPARE(count, expected);
    }

    void missingModelSaysWhyAndFindsNothing() {
        const CocoDetector unavailable(CocoDetector::DefaultModel, QString(),
                                       QStringLiteral("run packaging/bootstrap.sh"));
        QCOMPARE(unavailable.error(), QStringLiteral("run packaging/bootstrap.sh"));
        QImage image(640, 480, QImage::Format_RGB32);
        image.fill(Qt::gray);
        QVERIFY(unavailable.detect(image).isEmpty());
        QVERIFY(unavailable.embed(image).isEmpty());

        QTemporaryDir empty;
        const LearnedModelFiles none(empty.path());
        const QString id = CocoDetector::modelId(CocoDetector::DefaultModel);
        const CocoDetector fromEmptyFolder(CocoDetector::DefaultModel, none.path(id),
                                           none.unavailableReason(id));
        QVERIFY(!fromEmptyFolder.error().isEmpty());
        QVERIFY(fromEmptyFolder.detect(image).isEmpty());

        const CocoDetector notAModel(CocoDetector::DefaultModel, empty.filePath("model.onnx"));
        QVERIFY2(notAModel.error().contains("model.onnx"), qPrintable(notAModel.error()));
    }

    void objectDetectorFallsBackWithoutTheModel() {
        const ObjectDetector fallback(QString(), QStringLiteral("the model is not installed"));
        QVERIFY(!fallback.usesCoco());
        QVERIFY(fallback.description().contains("the model is not installed"));
        QVERIFY(fallback.classes().contains("person"));
        QVERIFY(fallback.classes().contains("cat face"));
        QVERIFY(!fallback.classes().contains("dog"));
    }

    void objectDetectorReportsCocoObjectsAndFaces() {
        requireModelAndPhotos();
        const ObjectDetector objects;
        QVERIFY(objects.usesCoco());
        QVERIFY(objects.classes().contains("dog"));
        QVERIFY(objects.classes().contains("face"));
        QVERIFY(!objects.classes().contains("cat face"));
        const CocoDetector::Output output = objects.detectWithEmbedding(QImage(kDarknet + "dog.jpg"));
        QCOMPARE(output.embedding.size(), m_coco->embeddingSize());
        for (const Truth& truth : truthFor(kDarknet + "dog.jpg"))
            QVERIFY(found(output.objects, truth));
    }
};

QTEST_GUILESS_MAIN(TestEnrichCoco)
#include "tst_enrich_coco.moc"
