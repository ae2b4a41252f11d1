// Model registry: what list_models shows, and which enrichment requests are refused and why.
#include "EnrichmentTypes.h"
#include "ModelRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace vl::engine;

class TestEnrichRegistry : public QObject {
    Q_OBJECT

private:
    static QJsonObject parse(const char* json) { return QJsonDocument::fromJson(json).object(); }

    static EnrichmentModelInfo find(const ModelRegistry& registry, const QString& type) {
        for (const EnrichmentModelInfo& info : registry.models()) {
            if (info.type == type)
                return info;
        }
        return {};
    }

private slots:
    void listsEveryTypeOnce() {
        const ModelRegistry registry;
        const QVector<EnrichmentModelInfo> models = registry.models();
        QStringList types;
        QStringList ids;
        for (const EnrichmentModelInfo& info : models) {
            types << info.type;
            ids << info.id;
            QCOMPARE(info.vendor, QStringLiteral("Local"));
            QVERIFY2(!info.description.isEmpty(), qPrintable(info.id));
        }
        QStringList expected = EnrichmentType::all();
        types.sort();
        expected.sort();
        QCOMPARE(types, expected);
        ids.removeDuplicates();
        QCOMPARE(ids.size(), models.size());
    }

    void detectorsAreActiveWithOpenCvData() {
        const ModelRegistry registry;
        const EnrichmentModelInfo objects = find(registry, EnrichmentType::ObjectDetection);
        QCOMPARE(objects.id, ModelRegistry::ObjectDetectorId);
        QCOMPARE(objects.status, ModelStatus::Active);
        for (const char* cls : {"person", "\"face\""})
            QVERIFY2(objects.description.contains(QLatin1String(cls)), cls);
        QCOMPARE(find(registry, EnrichmentType::FaceDetection).status, ModelStatus::Active);
        const EnrichmentModelInfo encoder = find(registry, EnrichmentType::ObjectEncoding);
        QCOMPARE(encoder.status, ModelStatus::Active);
        QCOMPARE(encoder.dependencies, QStringList{EnrichmentType::ObjectDetection});
    }

    void typesWithoutLocalModelAreComingSoonWithReason() {
        const ModelRegistry registry;
        for (const QString& type :
             {EnrichmentType::CaptionImages, EnrichmentType::CaptionObjects, EnrichmentType::ImageEncoding}) {
            const EnrichmentModelInfo info = find(registry, type);
            QCOMPARE(info.status, ModelStatus::ComingSoon);
            QVERIFY2(info.description.contains(QLatin1String("model")), qPrintable(info.description));
        }
        QCOMPARE(find(registry, EnrichmentType::CaptionObjects).dependencies,
                 QStringList{EnrichmentType::ObjectDetection});
    }

    void taggerAndTextReaderAreBuiltIn() {
        const ModelRegistry registry;
        const EnrichmentModelInfo tagger = find(registry, EnrichmentType::ImageTagging);
        QCOMPARE(tagger.id, ModelRegistry::ImageTaggerId);
        QCOMPARE(tagger.status, ModelStatus::Active);
        QVERIFY(tagger.dependencies.isEmpty());
        const EnrichmentModelInfo reader = find(registry, EnrichmentType::TextRecognition);
        QCOMPARE(reader.id, ModelRegistry::TextReaderId);
        QVERIFY2(reader.description.contains(QLatin1String("Tesseract")), qPrintable(reader.description));
        const EnrichmentRequest request =
            registry.validate(parse(R"({"IMAGE_TAGGING": "local_image_tagger_v00"})"));
        QVERIFY2(request.isValid(), qPrintable(request.error));
    }

    void jsonMatchesListModelsShape() {
        const QJsonArray array = ModelRegistry().toJson();
        QVERIFY(!array.isEmpty());
        for (const QJsonValue& value : array) {
            const QJsonObject object = value.toObject();
            QCOMPARE(object.keys().size(), 7);
            for (const char* key : {"id", "name", "type", "status", "vendor", "description"})
                QVERIFY2(object.value(QLatin1String(key)).isString(), key);
            const QJsonValue dependencies = object.value(QStringLiteral("dependencies"));
            QVERIFY(dependencies.isNull() || dependencies.isArray());
            if (object.value(QStringLiteral("type")) == EnrichmentType::ObjectEncoding)
                QCOMPARE(dependencies.toArray(), QJsonArray{EnrichmentType::ObjectDetection});
            if (object.value(QStringLiteral("type")) == EnrichmentType::ObjectDetection)
                QVERIFY(dependencies.isNull());
        }
    }

    void acceptsValidRequestsInDependencyOrder() {
        const ModelRegistry registry;
        const EnrichmentRequest request = registry.validate(parse(R"({
            "MULTIMODEL_OBJECT_ENCODING": "local_object_encoder_v00",
            "OBJECT_DETECTION": {"id": "local_object_detector_v00", "metadata": {"prompt": "x"}},
            "FACE_DETECTION": "local_face_detector_v00"})"));
        QVERIFY2(request.isValid(), qPrintable(request.error));
        QCOMPARE(request.orderedTypes,
                 (QStringList{EnrichmentType::ObjectDetection, EnrichmentType::FaceDetection,
                              EnrichmentType::ObjectEncoding}));
        QCOMPARE(request.models.value(EnrichmentType::ObjectDetection), ModelRegistry::ObjectDetectorId);
        QCOMPARE(request.metadata.value(EnrichmentType::ObjectDetection)
                     .value(QStringLiteral("prompt"))
                     .toString(),
                 QStringLiteral("x"));
    }

    void dependencyAlreadyAppliedIsEnough() {
        const ModelRegistry registry;
        const QJsonObject body = parse(R"({"MULTIMODEL_OBJECT_ENCODING": "local_object_encoder_v00"})");
        const EnrichmentRequest missing = registry.validate(body);
        QVERIFY(!missing.isValid());
        QVERIFY2(
            missing.error.contains(QLatin1String("MULTIMODEL_OBJECT_ENCODING requires OBJECT_DETECTION")),
            qPrintable(missing.error));
        QVERIFY(missing.models.isEmpty());
        const EnrichmentRequest applied = registry.validate(body, {EnrichmentType::ObjectDetection});
        QVERIFY2(applied.isValid(), qPrintable(applied.error));
        QCOMPARE(applied.orderedTypes, QStringList{EnrichmentType::ObjectEncoding});
    }

    void refusesBadRequestsNamingTheProblem_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object") << QByteArray(R"({"x": []})") << "non-empty object";
        QTest::newRow("empty") << QByteArray("{}") << "non-empty object";
        QTest::newRow("unknown type")
            << QByteArray(R"({"FOO": "local_face_detector_v00"})") << "Unknown enrichment type \"FOO\"";
        QTest::newRow("unknown model")
            << QByteArray(R"({"OBJECT_DETECTION": "vl_object_detector_v00"})")
            << "Unknown model \"vl_object_detector_v00\" for OBJECT_DETECTION; active "
               "models of this type: local_object_detector_v00";
        QTest::newRow("type mismatch")
            << QByteArray(R"({"OBJECT_DETECTION": "local_face_detector_v00"})")
            << "Model \"local_face_detector_v00\" is a FACE_DETECTION model and cannot be "
               "used for OBJECT_DETECTION";
        QTest::newRow("coming soon") << QByteArray(R"({"CAPTION_IMAGES": "local_image_captioner"})")
                                     << "is Coming Soon and cannot be applied";
        QTest::newRow("malformed value")
            << QByteArray(R"({"OBJECT_DETECTION": {"name": "x"}})") << "must be a model id or {\"id\"";
        QTest::newRow("number value") << QByteArray(R"({"OBJECT_DETECTION": 3})") << "must be a model id";
        QTest::newRow("caption objects without detection")
            << QByteArray(R"({"CAPTION_OBJECTS": "local_object_captioner"})") << "Coming Soon";
    }

    void refusesBadRequestsNamingTheProblem() {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const QJsonDocument document = QJsonDocument::fromJson(body);
        const QJsonValue value = document.object().contains(QStringLiteral("x"))
                                     ? document.object().value(QStringLiteral("x"))
                                     : QJsonValue(document.object());
        const EnrichmentRequest request = ModelRegistry().validate(value);
        QVERIFY(!request.isValid());
        QVERIFY2(request.error.contains(expected), qPrintable(request.error));
    }

    void reportsEveryProblemAtOnce() {
        const EnrichmentRequest request = ModelRegistry().validate(
            parse(R"({"FOO": "a", "MULTIMODEL_OBJECT_ENCODING": "local_object_encoder_v00"})"));
        QVERIFY(request.error.contains(QLatin1String("FOO")));
        QVERIFY(request.error.contains(QLatin1String("requires OBJECT_DETECTION")));
    }

    void missingModelsFolderMeansNoPlugins() {
        QTemporaryDir dir;
        const ModelRegistry withMissing(dir.path() + QStringLiteral("/does-not-exist"));
        QCOMPARE(withMissing.models().size(), ModelRegistry().models().size());
        QVERIFY(!withMissing.tagger(QStringLiteral("local_image_tagger")));
    }
};

QTEST_GUILESS_MAIN(TestEnrichRegistry)
#include "tst_enrich_registry.moc"
