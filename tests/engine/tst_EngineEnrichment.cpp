// Local enrichment and export over real HTTP: list_models/context, enrich_dataset (copy lifecycle, errors,
// abort), objects in the copy, export tasks and their zip checked against the metadata.json schema.
#include "EngineTestClient.h"
#include "ExportSchemaValidator.h"
#include "ImageAnalyzer.h"
#include "ImageDecoder.h"
#include "LocalEngine.h"
#include "OnnxImageEncoder.h"
#include "PluginDescriptor.h"
#include "TestImages.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <zip.h>

#include <memory>

using vl::engine::LocalEngine;

namespace {

const QString kSkimageData = QStringLiteral("/usr/lib/python3/dist-packages/skimage/data/");
const QString kDetector = QStringLiteral("local_object_detector_v00");
constexpr int kGeneratedImages = 40; // enough work that an enrichment is still running when we look

QMap<QString, QByteArray> unzip(const QByteArray& bytes, const QString& scratch) {
    QFile out(scratch);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size())
        return {};
    out.close();
    QMap<QString, QByteArray> entries;
    int code = 0;
    zip_t* archive = zip_open(QFile::encodeName(scratch).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!archive)
        return entries;
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
        zip_stat_t stat;
        zip_stat_index(archive, zip_uint64_t(i), 0, &stat);
        QByteArray data(qsizetype(stat.size), Qt::Uninitialized);
        zip_file_t* file = zip_fopen_index(archive, zip_uint64_t(i), 0);
        const zip_int64_t read = file ? zip_fread(file, data.data(), stat.size) : -1;
        if (file)
            zip_fclose(file);
        if (read == zip_int64_t(stat.size))
            entries.insert(QString::fromUtf8(stat.name), data);
    }
    zip_close(archive);
    return entries;
}

QStringList filesUnder(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

QByteArray enrichBody(const QString& type, const QString& model) {
    return QJsonDocument(QJsonObject{{"enrichment_models", QJsonObject{{type, model}}}}).toJson();
}

} // namespace

class TestEngineEnrichment : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_folder;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_sourceId;
    QString m_copyId;
    bool m_realPhotos = false;
    bool m_taggerInstalled = false;

    QString path(const QString& id, const QString& tail = {}) { return "/api/v1/dataset/" + id + tail; }
    QString contextOf(const QString& id) {
        return m_client->get("/api/v1/enrichment/" + id + "/context")
            .object()
            .value("enrichment_context_id")
            .toString();
    }
    QList<QJsonObject> clusters(const QString& datasetId, const QString& entityType,
                                const QList<QPair<QString, QString>>& extra = {}) {
        return m_client->exploreAll(datasetId, entityType, extra);
    }
    static QList<QJsonObject> previewsOf(const QList<QJsonObject>& clusterList) {
        return EngineTestClient::previewsOf(clusterList);
    }
    // The tiny IMAGE_TAGGING plug-in of tests/enrich/make_models.py (needs /usr/bin/python3 with onnx),
    // dropped into DATA_DIR/models before the engine starts.
    void installTaggerPlugin() {
        QTemporaryDir made;
        QProcess make;
        make.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral(VL_ENRICH_TEST_DIR "/make_models.py"), made.path()});
        if (!make.waitForFinished(120000) || make.exitStatus() != QProcess::NormalExit ||
            make.exitCode() != 0)
            return;
        const QString models = m_root.filePath("engine-data/models");
        QDir().mkpath(models);
        for (const char* file : {"tagger.json", "tagger.onnx", "tagger_labels.txt", "encoder.json",
                                 "enc_image.onnx", "enc_text.onnx", "vocab.txt"})
            m_taggerInstalled = QFile::copy(made.filePath(file), models + "/" + file);
    }
    QJsonObject waitForExport(const QString& datasetId, const QString& taskId) {
        QJsonObject task;
        QElapsedTimer timer;
        timer.start();
        QUrlQuery q;
        q.addQueryItem("export_task_id", taskId);
        while (timer.elapsed() < 120000) {
            task = m_client->get(path(datasetId, "/export_status"), q).object();
            const QString status = task.value("status").toString();
            if (status != "INIT" && status != "IN_PROGRESS")
                break;
            QTest::qWait(50);
        }
        return task;
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listModelsShowsTheLocalModels();
    void enrichRefusesBadRequests();
    void enrichmentMakesAReadyCopySharingTheFiles();
    void contextReflectsAppliedModels();
    void taggingPluginLabelsImages();
    void encoderPluginBacksSemanticSearch();
    void objectsAreStoredWithPixelBoxes();
    void objectsExploreHasTheObjectShape();
    void objectVisualSearchFindsTheObject();
    void abortEndsTheCopyInError();
    void exportWritesAValidZip();
    void filteredExportCoversTheMatchingImages();
    void exportRejectionsAndErrors();
    void engineStopEndsARunningEnrichment();
};

void TestEngineEnrichment::initTestCase() {
    QVERIFY(m_root.isValid());
    m_folder = m_root.filePath("photos");
    for (int i = 0; i < kGeneratedImages; ++i)
        QVERIFY(TestImages::save(TestImages::scene(100 + i, 800, 600),
                                 QStringLiteral("%1/scene%2.jpg").arg(m_folder).arg(i)));
    for (const char* photo : {"astronaut.png", "chelsea.png"}) {
        if (QFile::exists(kSkimageData + photo))
            m_realPhotos = QFile::copy(kSkimageData + photo, m_folder + "/" + photo);
    }
    installTaggerPlugin();
    m_engine = std::make_unique<LocalEngine>(m_root.filePath("engine-data"));
    QString error;
    QVERIFY2(m_engine->start(0, &error), qPrintable(error));
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", m_folder);
    m_sourceId = m_client->post("/api/v1/process", q).object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(m_sourceId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
}

void TestEngineEnrichment::cleanupTestCase() {
    m_client.reset();
    if (m_engine)
        m_engine->stop();
}

void TestEngineEnrichment::listModelsShowsTheLocalModels() {
    const HttpResult r = m_client->get("/api/v1/enrichment/" + m_sourceId + "/list_models");
    QCOMPARE(r.status, 200);
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue& v : r.array())
        byId.insert(v.toObject().value("id").toString(), v.toObject());
    QVERIFY(byId.contains(kDetector));
    const QJsonObject detector = byId.value(kDetector);
    QCOMPARE(detector.value("type").toString(), QString("OBJECT_DETECTION"));
    QCOMPARE(detector.value("status").toString(), QString("Active"));
    QCOMPARE(detector.value("vendor").toString(), QString("Local"));
    QVERIFY(detector.value("dependencies").isNull());
    const QJsonObject encoder = byId.value("local_object_encoder_v00");
    QCOMPARE(encoder.value("dependencies").toArray(), QJsonArray{"OBJECT_DETECTION"});
    QCOMPARE(m_client->get("/api/v1/enrichment/nope/list_models").status, 404);
}

void TestEngineEnrichment::enrichRefusesBadRequests() {
    const QString enrich = path(m_sourceId, "/enrich_dataset");
    struct Case {
        QByteArray body;
        QString mentions;
    };
    const QList<Case> cases{
        {"not json", "enrichment_models"},
        {R"({"enrichment_models": []})", "enrichment_models"},
        {R"({"enrichment_models": {}})", "enrichment_models"},
        {enrichBody("TELEPATHY", kDetector), "TELEPATHY"},
        {enrichBody("OBJECT_DETECTION", "no_such_model"), "no_such_model"},
        {enrichBody("FACE_DETECTION", kDetector), kDetector},
        {enrichBody("CAPTION_IMAGES", "local_image_captioner"), "local_image_captioner"},
        {enrichBody("MULTIMODEL_OBJECT_ENCODING", "local_object_encoder_v00"), "OBJECT_DETECTION"},
        {R"({"enrichment_models": {"OBJECT_DETECTION": {"metadata": {}}}})", "OBJECT_DETECTION"},
    };
    for (const Case& c : cases) {
        const HttpResult r = m_client->post(enrich, {}, c.body);
        QVERIFY2(r.status == 422, c.body.constData());
        const QString message =
            r.object().value("detail").toArray().first().toObject().value("msg").toString();
        QVERIFY2(message.contains(c.mentions), qPrintable(message));
    }
    QCOMPARE(m_client
                 ->post(path("00000000-0000-0000-0000-000000000000", "/enrich_dataset"), {},
                        enrichBody("OBJECT_DETECTION", kDetector))
                 .status,
             404);
    // Nothing was started by any of them.
    QCOMPARE(m_client->get(path(m_sourceId)).object().value("status_new").toString(), QString("READY"));
    QCOMPARE(m_client->get("/api/v1/datasets").array().size(), 1);
}

void TestEngineEnrichment::enrichmentMakesAReadyCopySharingTheFiles() {
    const QStringList filesBefore = filesUnder(m_root.path());
    const QByteArray body = R"({"enrichment_models": {"OBJECT_DETECTION": {"id": "local_object_detector_v00",
                                "metadata": {}}, "MULTIMODEL_OBJECT_ENCODING": "local_object_encoder_v00"}})";
    HttpResult r = m_client->post(path(m_sourceId, "/enrich_dataset"), {}, body);
    QCOMPARE(r.status, 200);
    m_copyId = r.object().value("dataset_id").toString();
    QVERIFY(!m_copyId.isEmpty());
    QVERIFY(m_copyId != m_sourceId);

    // While it runs: the source is READ ONLY (and refuses a second enrichment), the copy INDEXING.
    QCOMPARE(m_client->get(path(m_sourceId)).object().value("status_new").toString(), QString("READ ONLY"));
    // ... and still browsable: explore and its counts answer.
    const HttpResult browsing = m_client->get("/api/v1/explore/" + m_sourceId,
                                              QUrlQuery("threshold=0&page_number=0&entity_type=IMAGES"));
    QVERIFY2(browsing.status == 200, browsing.body.constData());
    QCOMPARE(
        m_client
            ->get("/api/v1/explore/" + m_sourceId + "/exploration_metadata", QUrlQuery("entity_type=IMAGES"))
            .status,
        200);
    QCOMPARE(
        m_client->post(path(m_sourceId, "/enrich_dataset"), {}, enrichBody("OBJECT_DETECTION", kDetector))
            .status,
        409);
    QCOMPARE(m_client->remove(path(m_sourceId)).status, 409);
    QCOMPARE(m_client->post(path(m_sourceId, "/reindex")).status, 409);
    QCOMPARE(m_client->remove(path(m_copyId)).status, 409);
    const QJsonObject running = m_client->get(path(m_copyId)).object();
    QCOMPARE(running.value("status_new").toString(), QString("INDEXING"));
    QVERIFY(running.value("progress").toInt() < 100);
    const QString sourceContext = contextOf(m_sourceId);
    r = m_client->get("/api/v1/enrichment/" + m_sourceId + "/" + sourceContext + "/status");
    QCOMPARE(r.object().value("status").toString(), QString("RUNNING"));
    QCOMPARE(r.object().value("enriched_dataset_id").toString(), m_copyId);

    QList<int> progress;
    QElapsedTimer timer;
    timer.start();
    QJsonObject copy;
    while (timer.elapsed() < 300000) {
        copy = m_client->get(path(m_copyId)).object();
        progress.append(copy.value("progress").toInt());
        if (copy.value("status_new").toString() != "INDEXING")
            break;
        QTest::qWait(100);
    }
    QCOMPARE(copy.value("status_new").toString(), QString("READY"));
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    QCOMPARE(progress.last(), 100);
    QCOMPARE(copy.value("source_dataset_id").toString(), m_sourceId);
    QVERIFY(copy.value("display_name").toString().endsWith("(enriched)"));
    const QJsonObject source = m_client->get(path(m_sourceId)).object();
    QCOMPARE(source.value("status_new").toString(), QString("READY"));
    QCOMPARE(copy.value("n_images").toInt(), source.value("n_images").toInt());
    QCOMPARE(copy.value("source_uri").toString(), source.value("source_uri").toString());
    QVERIFY(copy.value("n_objects").toInt() >= 0);
    QCOMPARE(source.value("n_objects").toInt(), -1);

    // Files shared, not copied: the photo folder is unchanged and no image landed in the data directory
    // (only thumbnails, copied from the source's cache, and the catalogue).
    QCOMPARE(filesUnder(m_folder), QStringList(filesBefore).filter(m_folder + "/"));
    for (const QString& file : filesUnder(m_root.filePath("engine-data"))) {
        if (!filesBefore.contains(file))
            QVERIFY2(file.contains("/thumbs/" + m_copyId + "/") || file.contains("catalogue.sqlite"),
                     qPrintable(file));
    }
    QCOMPARE(filesUnder(m_root.filePath("engine-data/thumbs/" + m_copyId)).size(),
             filesUnder(m_root.filePath("engine-data/thumbs/" + m_sourceId)).size());
}

void TestEngineEnrichment::contextReflectsAppliedModels() {
    QVERIFY(!m_copyId.isEmpty());
    HttpResult r = m_client->get("/api/v1/enrichment/" + m_copyId + "/context");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("COMPLETED"));
    const QJsonObject applied =
        r.object().value("dataset_enrichment_models").toObject().value("enrichment_models").toObject();
    QCOMPARE(applied.value("OBJECT_DETECTION").toString(), kDetector);
    QCOMPARE(applied.value("MULTIMODEL_OBJECT_ENCODING").toString(), QString("local_object_encoder_v00"));
    r = m_client->get("/api/v1/enrichment/" + m_sourceId + "/context");
    QCOMPARE(r.object().value("status").toString(), QString("NEW"));
    const QString copyContext = r.object().value("enrichment_context_id").toString();
    r = m_client->get("/api/v1/enrichment/" + m_copyId + "/" + contextOf(m_copyId) + "/status");
    QCOMPARE(r.object().value("status").toString(), QString("COMPLETED"));
    QCOMPARE(r.object().value("progress").toInt(), 100);
    QCOMPARE(m_client->get("/api/v1/enrichment/" + m_copyId + "/" + copyContext + "/status").status, 404);
    // Encoding again needs nothing more: detection is already applied to the copy.
    r = m_client->post(path(m_copyId, "/enrich_dataset"), {},
                       enrichBody("MULTIMODEL_OBJECT_ENCODING", "local_object_encoder_v00"));
    QCOMPARE(r.status, 200);
    const QString second = r.object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(second, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    QCOMPARE(m_client->get(path(second)).object().value("source_dataset_id").toString(), m_copyId);
    QCOMPARE(m_client->remove(path(second)).status, 200);
}

void TestEngineEnrichment::taggingPluginLabelsImages() {
    if (!m_taggerInstalled)
        QSKIP("/usr/bin/python3 with onnx and numpy is needed to make the tagger plug-in");
    bool listed = false;
    for (const QJsonValue& v : m_client->get("/api/v1/enrichment/" + m_sourceId + "/list_models").array()) {
        const QJsonObject m = v.toObject();
        if (m.value("id").toString() == "tiny_tagger")
            listed =
                m.value("status").toString() == "Active" && m.value("type").toString() == "IMAGE_TAGGING";
    }
    QVERIFY(listed);
    HttpResult r =
        m_client->post(path(m_sourceId, "/enrich_dataset"), {}, enrichBody("IMAGE_TAGGING", "tiny_tagger"));
    QCOMPARE(r.status, 200);
    const QString tagged = r.object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(tagged, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    QCOMPARE(m_client->get(path(tagged)).object().value("n_objects").toInt(), -1); // no detection ran
    const QSet<QString> vocabulary{"cat", "dog", "bird", "tree"};
    QHash<QString, int> perLabel;
    const QList<QJsonObject> images = previewsOf(clusters(tagged, "IMAGES"));
    QCOMPARE(images.size(), m_client->get(path(tagged)).object().value("n_images").toInt());
    for (const QJsonObject& p : images) {
        // The top tag comes first (4 labels: its probability is always >= min_score 0.2); what the learned
        // models saw in the picture may follow.
        const QJsonArray labels = p.value("labels").toArray();
        QVERIFY(!labels.isEmpty());
        QVERIFY(vocabulary.contains(labels.first().toString()));
        ++perLabel[labels.first().toString()];
    }
    for (auto it = perLabel.cbegin(); it != perLabel.cend(); ++it) {
        const QString filter =
            QStringLiteral(R"([{"id":"label_filter","labels":{"op":"one_of","value":["%1"]}}])")
                .arg(it.key());
        QCOMPARE(previewsOf(clusters(tagged, "IMAGES", {{"vql", filter}})).size(), it.value());
    }
    // The source keeps no plug-in labels; the copy's context names the plug-in.
    for (const QString& label : vocabulary) {
        const QString filter =
            QStringLiteral(R"([{"id":"label_filter","labels":{"op":"one_of","value":["%1"]}}])").arg(label);
        QVERIFY(previewsOf(clusters(m_sourceId, "IMAGES", {{"vql", filter}})).isEmpty());
    }
    const QJsonObject applied = m_client->get("/api/v1/enrichment/" + tagged + "/context")
                                    .object()
                                    .value("dataset_enrichment_models")
                                    .toObject()
                                    .value("enrichment_models")
                                    .toObject();
    QCOMPARE(applied.value("IMAGE_TAGGING").toString(), QString("tiny_tagger"));
    QCOMPARE(m_client->remove(path(tagged)).status, 200);
}

void TestEngineEnrichment::encoderPluginBacksSemanticSearch() {
    if (!m_taggerInstalled)
        QSKIP("/usr/bin/python3 with onnx and numpy is needed to make the encoder plug-in");
    HttpResult r = m_client->post(path(m_sourceId, "/enrich_dataset"), {},
                                  enrichBody("MULTIMODEL_IMAGE_ENCODING", "tiny_encoder"));
    QCOMPARE(r.status, 200);
    const QString encoded = r.object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(encoded, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    const QString text = "a cat on the beach";
    const QString vql =
        QStringLiteral(R"([{"text":{"op":"semantic","value":"%1","threshold":0}}])").arg(text);
    // Without the plug-in (the source: no captions) the WordNet matcher finds only pictures in which the
    // learned models saw a cat.
    for (const QJsonObject& p : previewsOf(clusters(m_sourceId, "IMAGES", {{"vql", vql}})))
        QVERIFY2(p.value("labels").toArray().contains(QJsonValue("cat")),
                 qPrintable(p.value("file_name").toString()));

    // Expected: cosine similarity of the plug-in's embeddings, computed here with the enrich library.
    const auto descriptor =
        vl::engine::PluginDescriptor::load(m_root.filePath("engine-data/models/encoder.json"));
    QString error;
    const auto encoder = vl::engine::OnnxImageEncoder::load(descriptor, &error);
    QVERIFY2(encoder, qPrintable(error));
    const QVector<float> query = encoder->encodeText(text);
    QHash<QString, double> expected;
    for (const QString& file : QDir(m_folder).entryList(QDir::Files)) {
        QFile f(m_folder + "/" + file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QImage image =
            vl::engine::ImageDecoder::decode(f.readAll(), vl::engine::ImageAnalyzer::kDefaultMaxPixels).image;
        const QVector<float> v = encoder->encodeImage(image);
        double similarity = 0;
        for (int k = 0; k < v.size(); ++k)
            similarity += double(v[k]) * double(query[k]);
        if (similarity >= 0)
            expected.insert(file, similarity);
    }
    QVERIFY(!expected.isEmpty());
    const QList<QJsonObject> found = previewsOf(clusters(encoded, "IMAGES", {{"vql", vql}}));
    QCOMPARE(found.size(), expected.size());
    for (const QJsonObject& p : found) {
        const QString file = p.value("file_name").toString();
        QVERIFY2(expected.contains(file), qPrintable(file));
        QVERIFY2(qAbs(p.value("relevance_score").toDouble() - (1.0 - expected.value(file))) < 1e-4,
                 qPrintable(file));
    }
    QCOMPARE(m_client->remove(path(encoded)).status, 200);
}

void TestEngineEnrichment::objectsAreStoredWithPixelBoxes() {
    QVERIFY(!m_copyId.isEmpty());
    if (!m_realPhotos)
        QSKIP("python3-skimage photos not installed: detections are only checked on real photos");
    const int objects = m_client->get(path(m_copyId)).object().value("n_objects").toInt();
    // The astronaut's face (OpenCV's cat-face cascades miss Chelsea, see tests/enrich); HOG also reports
    // "person" windows on some generated scenes, so only a lower bound is asserted.
    QVERIFY2(objects >= 1, qPrintable(QString::number(objects)));
}

void TestEngineEnrichment::objectsExploreHasTheObjectShape() {
    QVERIFY(!m_copyId.isEmpty());
    QVERIFY(clusters(m_sourceId, "OBJECTS").isEmpty()); // nothing detected on the source
    const int objects = m_client->get(path(m_copyId)).object().value("n_objects").toInt();
    const QList<QJsonObject> objectClusters = clusters(m_copyId, "OBJECTS");
    int counted = 0;
    QSet<QString> imageIds;
    for (const QJsonObject& p : previewsOf(clusters(m_copyId, "IMAGES")))
        imageIds.insert(p.value("media_id").toString());
    for (const QJsonObject& c : objectClusters) {
        QCOMPARE(c.value("type").toString(), QString("OBJECTS"));
        counted += c.value("n_objects").toInt();
        QVERIFY(c.value("n_images").toInt() >= 1);
        for (const QJsonValue& v : c.value("previews").toArray()) {
            const QJsonObject p = v.toObject();
            QCOMPARE(p.value("type").toString(), QString("OBJECT"));
            QVERIFY(imageIds.contains(p.value("image_id").toString()));
            QVERIFY(p.value("media_id").toString() != p.value("image_id").toString());
            QCOMPARE(p.value("labels").toArray().size(), 1);
            const QJsonObject box = p.value("bounding_box").toObject();
            const QJsonArray pixels = p.value("bounding_box_pixels").toArray();
            const int width = p.value("width").toInt(), height = p.value("height").toInt();
            QVERIFY(width > 0 && height > 0);
            QVERIFY(box.value("x").toDouble() >= 0 && box.value("width").toDouble() > 0);
            QVERIFY(box.value("x").toDouble() + box.value("width").toDouble() <= 1.0 + 1e-9);
            QVERIFY(box.value("y").toDouble() + box.value("height").toDouble() <= 1.0 + 1e-9);
            QCOMPARE(qRound(box.value("x").toDouble() * width), pixels.at(0).toInt());
            QCOMPARE(qRound(box.value("height").toDouble() * height), pixels.at(3).toInt());
        }
    }
    QCOMPARE(counted, objects);
    QUrlQuery metadata;
    metadata.addQueryItem("entity_type", "OBJECTS");
    const QJsonObject counts =
        m_client->get("/api/v1/explore/" + m_copyId + "/exploration_metadata", metadata).object();
    QCOMPARE(counts.value("media_count").toInt(), objects);
    QCOMPARE(counts.value("clusters_count").toInt(), objectClusters.size());
    if (!m_realPhotos)
        QSKIP("python3-skimage photos not installed: label filters need real detections");
    // The cat's face: labels filter, full-text over object labels, and the image's preview labels.
    const QList<QJsonObject> cats = previewsOf(
        clusters(m_copyId, "OBJECTS",
                 {{"vql", R"([{"id":"label_filter","labels":{"op":"one_of","value":["face"]}}])"}}));
    QVERIFY(!cats.isEmpty());
    for (const QJsonObject& p : cats) {
        QCOMPARE(p.value("labels").toArray().first().toString(), QString("face"));
        QCOMPARE(p.value("file_name").toString(), QString("astronaut.png"));
    }
    const QList<QJsonObject> faces =
        previewsOf(clusters(m_copyId, "OBJECTS", {{"vql", R"([{"text":{"op":"fts","value":"face"}}])"}}));
    QSet<QString> faceLabels;
    for (const QJsonObject& p : faces)
        faceLabels.insert(p.value("labels").toArray().first().toString());
    QVERIFY(faceLabels.contains("face"));
    QVERIFY(!faceLabels.contains("person"));
    const QList<QJsonObject> noCats =
        previewsOf(clusters(m_copyId, "OBJECTS", {{"vql", R"([{"text":{"op":"fts","value":"-face"}}])"}}));
    QCOMPARE(noCats.size() + cats.size(), objects);
    bool imageCarriesLabel = false;
    for (const QJsonObject& p : previewsOf(clusters(m_copyId, "IMAGES"))) {
        if (p.value("file_name").toString() == "astronaut.png")
            imageCarriesLabel = p.value("labels").toArray().contains(QJsonValue("face"));
    }
    QVERIFY(imageCarriesLabel);
}

void TestEngineEnrichment::objectVisualSearchFindsTheObject() {
    QVERIFY(!m_copyId.isEmpty());
    if (!m_realPhotos)
        QSKIP("python3-skimage photos not installed: object search needs real detections");
    const QList<QJsonObject> cats = previewsOf(
        clusters(m_copyId, "OBJECTS",
                 {{"vql", R"([{"id":"label_filter","labels":{"op":"one_of","value":["face"]}}])"}}));
    QVERIFY(!cats.isEmpty());
    const QJsonObject cat = cats.first();
    QFile photo(m_folder + "/astronaut.png");
    QVERIFY(photo.open(QIODevice::ReadOnly));
    QUrlQuery q;
    q.addQueryItem("entity_type", "OBJECTS");
    q.addQueryItem("bounding_box",
                   QString::fromUtf8(
                       QJsonDocument(cat.value("bounding_box").toObject()).toJson(QJsonDocument::Compact)));
    HttpResult r = m_client->postFile(path(m_copyId, "/search-image-similarity"), q, photo.readAll());
    QCOMPARE(r.status, 200);
    const QString anchor = r.object().value("anchor_media_id").toString();
    const QList<QJsonObject> ranked =
        previewsOf(clusters(m_copyId, "OBJECTS", {{"anchor_media_id", anchor}, {"anchor_type", "UPLOAD"}}));
    QVERIFY(!ranked.isEmpty());
    QCOMPARE(ranked.first().value("media_id").toString(), cat.value("media_id").toString());
    QVERIFY(ranked.first().value("relevance_score").toDouble() < 0.1);
    // An object id also anchors (anchor_type MEDIA).
    const QList<QJsonObject> byObject = previewsOf(
        clusters(m_copyId, "OBJECTS",
                 {{"anchor_media_id", cat.value("media_id").toString()}, {"anchor_type", "MEDIA"}}));
    QCOMPARE(byObject.first().value("media_id").toString(), cat.value("media_id").toString());
}

void TestEngineEnrichment::abortEndsTheCopyInError() {
    HttpResult r =
        m_client->post(path(m_sourceId, "/enrich_dataset"), {}, enrichBody("OBJECT_DETECTION", kDetector));
    QCOMPARE(r.status, 200);
    const QString copyId = r.object().value("dataset_id").toString();
    const QString context = contextOf(m_sourceId);
    QCOMPARE(m_client->remove("/api/v1/enrichment/" + m_sourceId + "/" + context + "/abort").status, 200);
    const QJsonObject copy = m_client->waitForStatus(copyId, {"READY", "ERROR"});
    QCOMPARE(copy.value("status_new").toString(), QString("ERROR"));
    QVERIFY(copy.value("fatal_error_msg").toString().contains("aborted"));
    QVERIFY(m_engine->waitForIdle(60000));
    QCOMPARE(m_client->get(path(m_sourceId)).object().value("status_new").toString(), QString("READY"));
    r = m_client->get("/api/v1/enrichment/" + copyId + "/" + contextOf(copyId) + "/status");
    QCOMPARE(r.object().value("status").toString(), QString("ABORTED"));
    QCOMPARE(m_client->remove("/api/v1/enrichment/" + m_sourceId + "/" + context + "/abort").status, 409);
    QCOMPARE(m_client->remove(path(copyId)).status, 200);
}

void TestEngineEnrichment::exportWritesAValidZip() {
    QVERIFY(!m_copyId.isEmpty());
    QUrlQuery q;
    q.addQueryItem("file_name", "all");
    q.addQueryItem("export_format", "json");
    q.addQueryItem("include_images", "true");
    HttpResult r = m_client->get(path(m_copyId, "/export_context_async"), q);
    QCOMPARE(r.status, 200);
    QJsonObject task = r.object();
    for (const char* key : {"id", "dataset_id", "created_at", "download_uri", "progress", "status",
                            "entities_count", "result_message"})
        QVERIFY2(task.contains(key), key);
    QVERIFY(task.value("download_uri").isNull());
    QVERIFY(QStringList({"INIT", "IN_PROGRESS"}).contains(task.value("status").toString()));
    const int images = m_client->get(path(m_copyId)).object().value("n_images").toInt();
    QCOMPARE(task.value("entities_count").toInt(), images);

    task = waitForExport(m_copyId, task.value("id").toString());
    QCOMPARE(task.value("status").toString(), QString("COMPLETED"));
    QCOMPARE(task.value("progress").toDouble(), 1.0); // a fraction, like the other progress values we read
    const QString uri = task.value("download_uri").toString();
    QVERIFY2(uri.startsWith("/cdn/" + m_copyId + "/images/" + task.value("id").toString() + "/"),
             qPrintable(uri));
    // The signed relative URI downloads without a token; without the signature a token is needed.
    const QByteArray none;
    r = m_client->getUrl(m_engine->url().resolved(QUrl(uri)), &none);
    QCOMPARE(r.status, 200);
    QCOMPARE(m_client->getUrl(m_engine->url().resolved(QUrl(uri.section('?', 0, 0))), &none).status, 401);
    const auto entries = unzip(r.body, m_root.filePath("download.zip"));
    QVERIFY(entries.contains("metadata.json"));
    const QJsonObject metadata = QJsonDocument::fromJson(entries.value("metadata.json")).object();
    const QStringList problems = vl::engine::ExportSchemaValidator::validate(metadata);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QCOMPARE(metadata.value("info").toObject().value("total_media_items").toInt(), images);
    QCOMPARE(entries.keys().filter(QRegularExpression("^images/.+")).size(), images);
    // Engine links expire and die with the engine: an export names the copy in the zip instead.
    QVERIFY2(!entries.value("metadata.json").contains("sig="),
             entries.value("metadata.json").left(2000).constData());
    QVERIFY(!entries.value("metadata.json").contains("expires="));
    for (const QJsonValue& item : metadata.value("media_items").toArray()) {
        const QString url = item.toObject().value("url").toString();
        QVERIFY2(entries.contains(url), qPrintable(url));
    }
    int objectLabels = 0;
    for (const QJsonValue& item : metadata.value("media_items").toArray()) {
        for (const QJsonValue& meta : item.toObject().value("metadata_items").toArray())
            objectLabels += meta.toObject().value("type").toString() == "object_label" ? 1 : 0;
    }
    QCOMPARE(objectLabels, m_client->get(path(m_copyId)).object().value("n_objects").toInt());

    // Selective export of one image, without images.
    const QString mediaId =
        metadata.value("media_items").toArray().first().toObject().value("media_id").toString();
    const QByteArray selection =
        QJsonDocument(QJsonObject{{"media_selection",
                                   QJsonArray{QJsonObject{
                                       {"type", "media"},
                                       {"payload", QJsonObject{{"media_ids", QJsonArray{mediaId}}}}}}}})
            .toJson();
    r = m_client->post(path(m_copyId, "/export_entities_async"), {}, selection);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("entities_count").toInt(), 1);
    task = waitForExport(m_copyId, r.object().value("id").toString());
    QCOMPARE(task.value("status").toString(), QString("COMPLETED"));
    r = m_client->getUrl(m_engine->url().resolved(QUrl(task.value("download_uri").toString())));
    const auto one = unzip(r.body, m_root.filePath("one.zip"));
    QCOMPARE(one.keys(), QStringList{"metadata.json"});
    const QJsonArray items =
        QJsonDocument::fromJson(one.value("metadata.json")).object().value("media_items").toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().toObject().value("media_id").toString(), mediaId);
    QCOMPARE(items.first().toObject().value("url").toString(), QString()); // no images, no link
    QVERIFY(!one.value("metadata.json").contains("sig="));
}

void TestEngineEnrichment::filteredExportCoversTheMatchingImages() {
    QVERIFY(!m_copyId.isEmpty());
    if (!m_realPhotos)
        QSKIP("python3-skimage photos not installed: the filter needs a real detection");
    QUrlQuery q;
    q.addQueryItem("entity_type", "OBJECTS");
    q.addQueryItem("vql", QUrl::toPercentEncoding(R"([{"text":{"op":"fts","value":"face"}}])"));
    HttpResult r = m_client->get(path(m_copyId, "/export_context_async"), q);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("entities_count").toInt(), 1);
    const QJsonObject task = waitForExport(m_copyId, r.object().value("id").toString());
    QCOMPARE(task.value("status").toString(), QString("COMPLETED"));
    r = m_client->getUrl(m_engine->url().resolved(QUrl(task.value("download_uri").toString())));
    const auto entries = unzip(r.body, m_root.filePath("filtered.zip"));
    const QJsonArray items =
        QJsonDocument::fromJson(entries.value("metadata.json")).object().value("media_items").toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().toObject().value("file_name").toString(), QString("astronaut.png"));
}

void TestEngineEnrichment::exportRejectionsAndErrors() {
    QUrlQuery parquet;
    parquet.addQueryItem("export_format", "parquet");
    HttpResult r = m_client->get(path(m_sourceId, "/export_context_async"), parquet);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("REJECTED"));
    QCOMPARE(r.object().value("result_message").toString(),
             QString("parquet export is not supported by the local engine"));
    QUrlQuery q;
    q.addQueryItem("export_task_id", r.object().value("id").toString());
    QCOMPARE(m_client->get(path(m_sourceId, "/export_status"), q).object().value("status").toString(),
             QString("REJECTED"));
    QCOMPARE(m_client->get(path(m_copyId, "/export_status"), q).status, 404); // another dataset's task

    r = m_client->post(path(m_sourceId, "/export_entities_async"), {},
                       R"({"media_selection":[{"type":"media","payload":{"media_ids":["nope"]}}]})");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("REJECTED"));
    QCOMPARE(r.object().value("entities_count").toInt(), 0);
    QVERIFY(!r.object().value("result_message").toString().isEmpty());
    QCOMPARE(m_client->post(path(m_sourceId, "/export_entities_async"), {}, "{}").status, 422);
    QCOMPARE(m_client
                 ->post(path(m_sourceId, "/export_entities_async"), {},
                        R"({"media_selection":[{"type":"cluster","payload":{"cluster_id":"x"}}]})")
                 .status,
             422);
    QCOMPARE(m_client->get(path(m_sourceId, "/export_status")).status, 422);
    QUrlQuery badVql;
    badVql.addQueryItem("vql", "[{\"nonsense\":1}]");
    QCOMPARE(m_client->get(path(m_sourceId, "/export_context_async"), badVql).status, 422);
    QCOMPARE(m_client->get("/api/v1/dataset/nope/export_context_async").status, 404);
    QCOMPARE(m_client->get("/cdn/" + m_sourceId + "/images/nope/nope.zip").status, 404);

    // A file that vanishes before the export runs: FAILED only when nothing could be written; here the
    // archive is still written with the item listed and the missing image reported.
    QVERIFY(QFile::remove(m_folder + "/scene0.jpg"));
    QUrlQuery images;
    images.addQueryItem("include_images", "true");
    r = m_client->get(path(m_sourceId, "/export_context_async"), images);
    const QJsonObject task = waitForExport(m_sourceId, r.object().value("id").toString());
    QCOMPARE(task.value("status").toString(), QString("COMPLETED"));
    QVERIFY2(task.value("result_message").toString().contains("scene0.jpg"),
             qPrintable(task.value("result_message").toString()));
}

void TestEngineEnrichment::engineStopEndsARunningEnrichment() {
    // Reading text runs Tesseract on every image: still busy when the engine stops. (Object detection
    // reuses what the perception pass stored and may already be done.)
    const HttpResult r = m_client->post(path(m_sourceId, "/enrich_dataset"), {},
                                        enrichBody("TEXT_RECOGNITION", "local_text_reader_v00"));
    QCOMPARE(r.status, 200);
    const QString copyId = r.object().value("dataset_id").toString();
    m_engine->stop();
    m_engine = std::make_unique<LocalEngine>(m_root.filePath("engine-data"));
    QString error;
    QVERIFY2(m_engine->start(0, &error), qPrintable(error));
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    QCOMPARE(m_client->get(path(m_sourceId)).object().value("status_new").toString(), QString("READY"));
    const QJsonObject copy = m_client->get(path(copyId)).object();
    QCOMPARE(copy.value("status_new").toString(), QString("ERROR"));
    QVERIFY(!copy.value("fatal_error_msg").toString().isEmpty());
    // The earlier copy survives the restart with its objects and applied models.
    const QJsonObject earlier = m_client->get(path(m_copyId)).object();
    QCOMPARE(earlier.value("status_new").toString(), QString("READY"));
    QCOMPARE(earlier.value("source_dataset_id").toString(), m_sourceId);
    QVERIFY(earlier.value("n_objects").toInt() >= 0);
    QCOMPARE(m_client->get("/api/v1/enrichment/" + m_copyId + "/context").object().value("status").toString(),
             QString("COMPLETED"));
}

QTEST_MAIN(TestEngineEnrichment)
#include "tst_EngineEnrichment.moc"
