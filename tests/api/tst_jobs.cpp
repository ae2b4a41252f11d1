// Every endpoint job against the scripted loopback server: what the client sends (method, path,
// parameter names and encoding, bodies, multipart, auth) and how the documented payloads and the
// documented error codes are decoded.
#include "ApiTestSupport.h"
#include "DatasetJobs.h"
#include "EnrichmentJobs.h"
#include "ExploreJob.h"
#include "ExportJobs.h"
#include "ImageSimilarityJob.h"
#include "Vql.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QPainter>

#include "JobPayloads.h"

using namespace vl;
using namespace vl::test;

namespace {

const QString kDatasetId = QStringLiteral("ad48d250-1232-11f1-8483-5a879df30de4");
const QString kDatasetPath = QStringLiteral("/api/v1/dataset/") + kDatasetId;

QJsonObject jsonObject(const QByteArray& body) {
    return QJsonDocument::fromJson(body).object();
}

QByteArray makePng(int width, int height) {
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setBrush(Qt::red);
    painter.drawEllipse(QRect(width / 4, height / 4, width / 2, height / 2));
    painter.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

} // namespace

class TestJobs : public QObject {
    Q_OBJECT

private slots:
    void listDatasets();
    void getDataset();
    void getDatasetErrors_data();
    void getDatasetErrors();
    void deleteDataset();
    void createDatasetFromFolder();
    void createDatasetFromFolderErrorEnvelope();

    void listModels();
    void enrichmentContext();
    void enrichDataset();
    void enrichDatasetConflictAndServerError();
    void enrichmentStatusAndAbort();

    void exploreQueryEncoding();
    void exploreQueryOmitsUnsetParameters();
    void exploreSendsAndDecodes();
    void exploreValidationErrorNamesParameter();

    void imageSimilarityUpload();
    void imageSimilarityWithoutBoxAndErrors();
    void imageSimilarityRemintsAndResendsBody();

    void startExportAndPoll();
    void exportRejected();
    void downloadStreamsSameOriginWithAuth();
    void downloadElsewhereCarriesNoToken();
    void downloadTruncatedIsBadResponse();
};

// ---- datasets ----------------------------------------------------------------------------------

void TestJobs::listDatasets() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, "[" + kDatasetBody + "]"));
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->datasets().size(), 1);
    const Dataset& dataset = job->datasets().first();
    QCOMPARE(dataset.id, kDatasetId);
    QCOMPARE(dataset.displayName, QStringLiteral("Road scenes"));
    QCOMPARE(dataset.status, DatasetStatus::ReadOnly);
    QCOMPARE(dataset.imageCount, qint64(1200));
    QVERIFY(verifiedToken(server.lastRequest()));
    QCOMPARE(job->httpStatus(), 200);
}

void TestJobs::getDataset() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetPath, ScriptedReply::json(200, kDatasetBody));
    auto client = makeClient(server);
    auto job = runJob(new GetDatasetJob(client.get(), kDatasetId));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->dataset().status, DatasetStatus::ReadOnly);
    QCOMPARE(job->dataset().progress, 42);
    QCOMPARE(job->dataset().createdAt.date(), QDate(2025, 4, 24));
    QCOMPARE(server.lastRequest().method, QByteArray("GET"));
}

void TestJobs::getDatasetErrors_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("detail");
    QTest::newRow("400") << 400 << QByteArray(R"({"detail":"Bad dataset id"})")
                         << int(ApiError::Kind::Validation) << "Bad dataset id";
    QTest::newRow("403") << 403 << QByteArray(R"({"detail":"Feature disabled"})")
                         << int(ApiError::Kind::Forbidden) << "Feature disabled";
    QTest::newRow("404") << 404 << QByteArray(R"({"detail":"Dataset not found"})")
                         << int(ApiError::Kind::NotFound) << "Dataset not found";
    QTest::newRow("409") << 409 << QByteArray(R"({"detail":"Dataset is not READY"})")
                         << int(ApiError::Kind::Conflict) << "Dataset is not READY";
    QTest::newRow("500") << 500 << QByteArray(R"({"detail":"Internal Server Error"})")
                         << int(ApiError::Kind::Server) << "Internal Server Error";
    QTest::newRow("500 html") << 500 << QByteArray("<h1>oops</h1>") << int(ApiError::Kind::Server)
                              << QString();
}

void TestJobs::getDatasetErrors() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, detail);
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetPath, ScriptedReply::json(status, body));
    auto client = makeClient(server);
    auto job = runJob(new GetDatasetJob(client.get(), kDatasetId));
    QCOMPARE(int(job->error().kind), kind);
    QCOMPARE(job->error().httpStatus, status);
    if (!detail.isEmpty())
        QCOMPARE(job->error().detail, detail);
    QVERIFY(job->error().message.contains(QLatin1String("get the dataset")));
    QCOMPARE(server.requests().size(), 1); // none of these is retried
}

void TestJobs::deleteDataset() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("DELETE", kDatasetPath, ScriptedReply::raw(200, "", ""));
    auto client = makeClient(server);
    auto job = runJob(new DeleteDatasetJob(client.get(), kDatasetId));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(server.lastRequest().method, QByteArray("DELETE"));
    QVERIFY(verifiedToken(server.lastRequest()));

    server.on("DELETE", kDatasetPath, ScriptedReply::json(200, R"({"status":"deleted"})"));
    QVERIFY(runJob(new DeleteDatasetJob(client.get(), kDatasetId))->isSuccess());

    // DELETE is idempotent: a 503 is retried.
    server.onSequence("DELETE", kDatasetPath,
                      {ScriptedReply::json(503, "{}"), ScriptedReply::json(200, "null")});
    server.clearRequests();
    QVERIFY(runJob(new DeleteDatasetJob(client.get(), kDatasetId))->isSuccess());
    QCOMPARE(server.requests().size(), 2);

    server.on("DELETE", kDatasetPath, ScriptedReply::json(409, R"({"detail":"Dataset is being indexed"})"));
    auto conflict = runJob(new DeleteDatasetJob(client.get(), kDatasetId));
    QCOMPARE(conflict->error().kind, ApiError::Kind::Conflict);
    QCOMPARE(conflict->error().detail, QStringLiteral("Dataset is being indexed"));
}

void TestJobs::createDatasetFromFolder() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("POST", QStringLiteral("/api/v1/process"),
              ScriptedReply::json(200, R"({"status":"success","message":"Dataset processing started",
                                           "dataset_id":"11111111-2222-3333-4444-555555555555","name":"Cats"})"));
    auto client = makeClient(server, false); // on-prem: no authentication
    const QString folder = QStringLiteral("/data/my images+1 & more");
    auto job = runJob(new CreateDatasetFromFolderJob(client.get(), folder, QStringLiteral("Cats & dogs")));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->datasetId(), QStringLiteral("11111111-2222-3333-4444-555555555555"));
    const RecordedRequest request = server.lastRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.queryValue(QStringLiteral("path")), folder);
    QCOMPARE(request.queryValue(QStringLiteral("name")), QStringLiteral("Cats & dogs"));
    QVERIFY(request.rawQuery.contains("path=%2Fdata%2Fmy%20images%2B1%20%26%20more"));
    QVERIFY(!request.headers.contains("authorization"));
}

void TestJobs::createDatasetFromFolderErrorEnvelope() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on(
        "POST", QStringLiteral("/api/v1/process"),
        ScriptedReply::json(200, R"({"status":"error","message":"Another dataset is being processed"})"));
    auto client = makeClient(server, false);
    auto job =
        runJob(new CreateDatasetFromFolderJob(client.get(), QStringLiteral("/data"), QStringLiteral("x")));
    QVERIFY(job->error().isError());
    QCOMPARE(job->error().detail, QStringLiteral("Another dataset is being processed"));
    QVERIFY(job->error().message.contains(QLatin1String("Another dataset is being processed")));

    server.on("POST", QStringLiteral("/api/v1/process"), ScriptedReply::json(503, "{}"));
    server.clearRequests();
    auto unavailable =
        runJob(new CreateDatasetFromFolderJob(client.get(), QStringLiteral("/d"), QStringLiteral("x")));
    QCOMPARE(unavailable->error().httpStatus, 503);
    QCOMPARE(server.requests().size(), 1); // POST: never retried

    server.on("POST", QStringLiteral("/api/v1/process"), ScriptedReply::reset());
    server.clearRequests();
    auto reset =
        runJob(new CreateDatasetFromFolderJob(client.get(), QStringLiteral("/d"), QStringLiteral("x")));
    QCOMPARE(reset->error().kind, ApiError::Kind::Network);
    QCOMPARE(reset->attempts(), 1); // our layer never repeats a POST...
    // ...but Qt's HTTP transport itself resends once when a connection dies before any answer byte.
    QVERIFY(server.requests().size() <= 2);
}

// ---- enrichment --------------------------------------------------------------------------------

void TestJobs::listModels() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", QStringLiteral("/api/v1/enrichment/%1/list_models").arg(kDatasetId),
              ScriptedReply::json(200, kModelsBody));
    auto client = makeClient(server);
    auto job = runJob(new ListModelsJob(client.get(), kDatasetId));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->models().size(), 3);
    QCOMPARE(job->models().at(0).type, QStringLiteral("CAPTION_IMAGES"));
    QVERIFY(job->models().at(0).isActive());
    QVERIFY(job->models().at(0).dependencies.isEmpty());
    QVERIFY(!job->models().at(2).isActive());
    QCOMPARE(job->models().at(2).dependencies, QStringList{QStringLiteral("OBJECT_DETECTION")});
}

void TestJobs::enrichmentContext() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QString path = QStringLiteral("/api/v1/enrichment/%1/context").arg(kDatasetId);
    server.on("GET", path,
              ScriptedReply::json(200, R"({"enrichment_context_id":"c0ffee00-0000-0000-0000-000000000001",
                                           "status":"NEW","dataset_enrichment_models":{"enrichment_models":{}}})"));
    auto client = makeClient(server);
    auto job = runJob(new EnrichmentContextJob(client.get(), kDatasetId));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->context().contextId, QStringLiteral("c0ffee00-0000-0000-0000-000000000001"));
    QVERIFY(job->context().isNew());

    server.on("GET", path, ScriptedReply::json(200, R"({"enrichment_context_id":"c2","status":"COMPLETED",
        "dataset_enrichment_models":{"enrichment_models":{"CAPTION_IMAGES":"vl_image_captioner_v00"}}})"));
    auto applied = runJob(new EnrichmentContextJob(client.get(), kDatasetId));
    QVERIFY(applied->isSuccess());
    QCOMPARE(applied->context().appliedModels.value(QStringLiteral("CAPTION_IMAGES")),
             QStringLiteral("vl_image_captioner_v00"));
}

void TestJobs::enrichDataset() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QString path = kDatasetPath + QStringLiteral("/enrich_dataset");
    server.on("POST", path,
              ScriptedReply::json(200, R"({"dataset_id":"99999999-0000-0000-0000-000000000009"})"));
    auto client = makeClient(server);
    EnrichmentRequest request;
    request.models.insert(QStringLiteral("CAPTION_IMAGES"), QStringLiteral("vl_image_captioner_v00"));
    request.models.insert(QStringLiteral("OBJECT_DETECTION"), QStringLiteral("vl_object_detector_v00"));
    auto job = runJob(new EnrichDatasetJob(client.get(), kDatasetId, request));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->newDatasetId(), QStringLiteral("99999999-0000-0000-0000-000000000009"));
    const RecordedRequest sent = server.lastRequest();
    QCOMPARE(sent.method, QByteArray("POST"));
    QVERIFY(sent.header("content-type").startsWith("application/json"));
    const QJsonObject models = jsonObject(sent.body).value("enrichment_models").toObject();
    QCOMPARE(models.size(), 2);
    QCOMPARE(models.value("CAPTION_IMAGES").toString(), QStringLiteral("vl_image_captioner_v00"));
    QCOMPARE(models.value("OBJECT_DETECTION").toString(), QStringLiteral("vl_object_detector_v00"));
    QVERIFY(verifiedToken(sent));

    server.on("POST", path, ScriptedReply::json(200, R"({"unexpected":true})"));
    auto malformed = runJob(new EnrichDatasetJob(client.get(), kDatasetId, request));
    QCOMPARE(malformed->error().kind, ApiError::Kind::BadResponse);
}

void TestJobs::enrichDatasetConflictAndServerError() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QString path = kDatasetPath + QStringLiteral("/enrich_dataset");
    auto client = makeClient(server);
    EnrichmentRequest request;
    request.models.insert(QStringLiteral("CAPTION_IMAGES"), QStringLiteral("vl_image_captioner_v00"));

    server.on("POST", path, ScriptedReply::json(409, R"({"detail":"Dataset is not in READY state"})"));
    auto conflict = runJob(new EnrichDatasetJob(client.get(), kDatasetId, request));
    QCOMPARE(conflict->error().kind, ApiError::Kind::Conflict);
    QVERIFY(conflict->error().message.contains(QLatin1String("READY")));

    server.on("POST", path, ScriptedReply::json(404, R"({"detail":"Dataset not found"})"));
    QCOMPARE(runJob(new EnrichDatasetJob(client.get(), kDatasetId, request))->error().kind,
             ApiError::Kind::NotFound);

    server.on("POST", path, ScriptedReply::json(500, R"({"detail":"Internal Server Error"})"));
    server.clearRequests();
    auto failed = runJob(new EnrichDatasetJob(client.get(), kDatasetId, request));
    QCOMPARE(failed->error().kind, ApiError::Kind::Server);
    QCOMPARE(server.requests().size(), 1);
}

void TestJobs::enrichmentStatusAndAbort() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QString base = QStringLiteral("/api/v1/enrichment/%1/ctx-1").arg(kDatasetId);
    server.on(
        "GET", base + QStringLiteral("/status"),
        ScriptedReply::json(200, R"({"status":"RUNNING","progress":"37.5","models":["CAPTION_IMAGES"]})"));
    server.on("DELETE", base + QStringLiteral("/abort"), ScriptedReply::raw(200, "", ""));
    auto client = makeClient(server);

    auto status = runJob(new EnrichmentStatusJob(client.get(), kDatasetId, QStringLiteral("ctx-1")));
    QVERIFY2(status->isSuccess(), qPrintable(status->error().message));
    QCOMPARE(status->status(), QStringLiteral("RUNNING"));
    QVERIFY(status->progress());
    QCOMPARE(*status->progress(), 37.5);
    QCOMPARE(status->json().value("models").toArray().size(), 1);

    auto abort = runJob(new AbortEnrichmentJob(client.get(), kDatasetId, QStringLiteral("ctx-1")));
    QVERIFY2(abort->isSuccess(), qPrintable(abort->error().message));
    QVERIFY(abort->json().isNull());
    QCOMPARE(server.lastRequest().method, QByteArray("DELETE"));

    server.on("DELETE", base + QStringLiteral("/abort"), ScriptedReply::json(200, R"({"aborted":true})"));
    auto aborted = runJob(new AbortEnrichmentJob(client.get(), kDatasetId, QStringLiteral("ctx-1")));
    QVERIFY(aborted->json().object().value("aborted").toBool());

    server.on("GET", base + QStringLiteral("/status"),
              ScriptedReply::json(404, R"({"detail":"No such context"})"));
    QCOMPARE(runJob(new EnrichmentStatusJob(client.get(), kDatasetId, QStringLiteral("ctx-1")))->error().kind,
             ApiError::Kind::NotFound);
}

// ---- explore -----------------------------------------------------------------------------------

void TestJobs::exploreQueryEncoding() {
    ExploreQuery query;
    query.entityType = EntityType::Objects;
    query.granularity = 2;
    query.pageNumber = 3;
    query.caption = QStringLiteral("cars + trucks & more=fun");
    query.vql = Vql().fullText(QStringLiteral("highway night")).toJsonString();
    query.textualSimilarityThreshold = 0.5;
    query.labels = {QStringLiteral("cat"), QStringLiteral("dog")};
    query.tags = {QStringLiteral("untagged")};
    query.anchor = Anchor::media(QStringLiteral("300dad2c-1234"));

    QUrl url(QStringLiteral("http://127.0.0.1/api/v1/explore/x"));
    url.setQuery(query.toUrlQuery());
    const QString encoded = url.query(QUrl::FullyEncoded);
    QVERIFY2(encoded.contains(QLatin1String("caption=cars%20%2B%20trucks%20%26%20more%3Dfun")),
             qPrintable(encoded));
    QVERIFY(encoded.contains(QLatin1String("entity_type=OBJECTS")));
    QVERIFY(encoded.contains(QLatin1String("threshold=2")));
    QVERIFY(encoded.contains(QLatin1String("page_number=3")));
    QVERIFY(encoded.contains(QLatin1String("textual_similarity_threshold=0.5")));
    QVERIFY(encoded.contains(QLatin1String("labels=%5B%22cat%22%2C%22dog%22%5D")));
    QVERIFY(encoded.contains(QLatin1String("anchor_media_id=300dad2c-1234")));
    QVERIFY(encoded.contains(QLatin1String("anchor_type=MEDIA")));
    QVERIFY(!encoded.contains(QLatin1Char('+'))); // a literal '+' would reach the server as a space
    QVERIFY(!encoded.contains(QLatin1Char(' ')));

    const QUrlQuery decoded(url);
    QCOMPARE(decoded.queryItemValue(QStringLiteral("caption"), QUrl::FullyDecoded), query.caption);
    QCOMPARE(decoded.queryItemValue(QStringLiteral("vql"), QUrl::FullyDecoded), query.vql);
    QCOMPARE(decoded.queryItemValue(QStringLiteral("tags"), QUrl::FullyDecoded),
             QStringLiteral("[\"untagged\"]"));
}

void TestJobs::exploreQueryOmitsUnsetParameters() {
    const QUrlQuery query = ExploreQuery().toUrlQuery();
    QCOMPARE(query.queryItemValue(QStringLiteral("entity_type")), QStringLiteral("IMAGES"));
    QCOMPARE(query.queryItemValue(QStringLiteral("threshold")), QStringLiteral("0"));
    QCOMPARE(query.queryItemValue(QStringLiteral("page_number")), QStringLiteral("0"));
    for (const char* absent : {"caption", "vql", "labels", "tags", "anchor_media_id", "anchor_type",
                               "textual_similarity_threshold"})
        QVERIFY2(!query.hasQueryItem(QLatin1String(absent)), absent);
}

void TestJobs::exploreSendsAndDecodes() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", QStringLiteral("/api/v1/explore/") + kDatasetId, ScriptedReply::json(200, kExploreBody));
    auto client = makeClient(server);
    ExploreQuery query;
    query.caption = QStringLiteral("car+bike on highway");
    query.vql = Vql()
                    .semantic(QStringLiteral("cars on highway"), 0.7)
                    .labels({QStringLiteral("vehicle"), QStringLiteral("car")})
                    .toJsonString();
    query.anchor = Anchor::fromJson(QJsonObject{{"anchor_media_id", "f9d612d4"}, {"anchor_type", "UPLOAD"}});
    auto job = runJob(new ExploreJob(client.get(), kDatasetId, query));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));

    const RecordedRequest sent = server.lastRequest();
    QCOMPARE(sent.queryValue(QStringLiteral("caption")), QStringLiteral("car+bike on highway"));
    QVERIFY(sent.rawQuery.contains("caption=car%2Bbike%20on%20highway"));
    const QJsonArray vql = QJsonDocument::fromJson(sent.queryValue(QStringLiteral("vql")).toUtf8()).array();
    QCOMPARE(vql.size(), 2);
    QCOMPARE(vql.at(0).toObject().value("text").toObject().value("value").toString(),
             QStringLiteral("cars on highway"));
    QCOMPARE(sent.queryValue(QStringLiteral("anchor_type")), QStringLiteral("UPLOAD"));
    QCOMPARE(sent.queryValue(QStringLiteral("anchor_media_id")), QStringLiteral("f9d612d4"));
    QCOMPARE(sent.queryValue(QStringLiteral("entity_type")), QStringLiteral("IMAGES"));

    const ExploreResult& result = job->result();
    QCOMPARE(result.clusters.size(), 1);
    const Cluster& cluster = result.clusters.first();
    QCOMPARE(cluster.imageCount, qint64(14));
    QCOMPARE(cluster.similarityThreshold, 0.0);
    QVERIFY(cluster.relevanceScore);
    QCOMPARE(cluster.previews.size(), 1);
    const Preview& preview = cluster.previews.first();
    QCOMPARE(preview.fileName, QStringLiteral("highway_night.jpg"));
    QCOMPARE(preview.mediaUrl, server.baseUrl().resolved(QUrl(QStringLiteral("/image/300dad2c.jpg"))));
    QCOMPARE(preview.thumbUrl, QUrl(QStringLiteral("https://cdn.example.com/t/thumb.webp")));
    QCOMPARE(preview.width, 1920);
    QVERIFY(result.metadata.value("used_duckdb").toBool());
}

void TestJobs::exploreValidationErrorNamesParameter() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", QStringLiteral("/api/v1/explore/") + kDatasetId,
              ScriptedReply::json(422, R"({"detail":[{"type":"value_error","loc":["query","vql"],
                                           "msg":"Invalid VQL syntax","input":"[{"}]})"));
    auto client = makeClient(server);
    ExploreQuery query;
    query.vql = QStringLiteral("[{");
    auto job = runJob(new ExploreJob(client.get(), kDatasetId, query));
    QCOMPARE(job->error().kind, ApiError::Kind::Validation);
    QCOMPARE(job->error().httpStatus, 422);
    QVERIFY(!job->error().fields.isEmpty());
    QVERIFY(job->error().fields.first().contains(QLatin1String("vql")));
    QVERIFY(job->error().message.contains(QLatin1String("vql")));
    QVERIFY(job->error().detail.contains(QLatin1String("Invalid VQL syntax")));

    server.on("GET", QStringLiteral("/api/v1/explore/") + kDatasetId,
              ScriptedReply::json(200, R"({"clusters":7})"));
    QCOMPARE(runJob(new ExploreJob(client.get(), kDatasetId, ExploreQuery()))->error().kind,
             ApiError::Kind::BadResponse);
}

// ---- visual search upload ----------------------------------------------------------------------

void TestJobs::imageSimilarityUpload() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QString path = kDatasetPath + QStringLiteral("/search-image-similarity");
    server.on("POST", path,
              ScriptedReply::json(200, R"({"anchor_media_id":"f9d612d4-1234-11f1-bfca-fa39f6ed1f22",
                                           "anchor_type":"UPLOAD"})"));
    auto client = makeClient(server);
    const QByteArray png = makePng(400, 300);
    const BoundingBox box{0.1, 0.2, 0.5, 0.6};
    auto* job = new ImageSimilarityJob(client.get(), kDatasetId, png, QStringLiteral("query image.png"),
                                       EntityType::Objects, 1, box);
    QSignalSpy progress(job, &ApiJob::uploadProgress);
    auto done = runJob(job);
    QVERIFY2(done->isSuccess(), qPrintable(done->error().message));
    QCOMPARE(done->anchor().mediaId, QStringLiteral("f9d612d4-1234-11f1-bfca-fa39f6ed1f22"));
    QCOMPARE(done->anchor().type, Anchor::Type::Upload);

    const RecordedRequest sent = server.lastRequest();
    QCOMPARE(sent.method, QByteArray("POST"));
    QVERIFY(verifiedToken(sent));
    QCOMPARE(sent.queryValue(QStringLiteral("entity_type")), QStringLiteral("OBJECTS"));
    QCOMPARE(sent.queryValue(QStringLiteral("threshold")), QStringLiteral("1"));
    const QJsonObject sentBox = jsonObject(sent.queryValue(QStringLiteral("bounding_box")).toUtf8());
    QCOMPARE(sentBox.value("x").toDouble(), 0.1);
    QCOMPARE(sentBox.value("y").toDouble(), 0.2);
    QCOMPARE(sentBox.value("width").toDouble(), 0.5);
    QCOMPARE(sentBox.value("height").toDouble(), 0.6);
    QVERIFY(sent.rawQuery.contains("bounding_box=%7B%22x%22%3A0.1"));

    QVERIFY(sent.header("content-type").startsWith("multipart/form-data; boundary="));
    const QVector<MultipartPart> parts = sent.multipartParts();
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts.first().name, QByteArray("file"));
    QCOMPARE(parts.first().fileName, QByteArray("query image.png"));
    QCOMPARE(parts.first().contentType, QByteArray("image/png"));
    QCOMPARE(parts.first().data, png);

    // The whole body is reported as sent at some point (Qt may add a final (0, 0) notification).
    bool reportedComplete = false;
    for (const QList<QVariant>& report : progress)
        reportedComplete |=
            report.at(0).toLongLong() == sent.body.size() && report.at(1).toLongLong() == sent.body.size();
    QVERIFY(reportedComplete);
}

void TestJobs::imageSimilarityWithoutBoxAndErrors() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QString path = kDatasetPath + QStringLiteral("/search-image-similarity");
    auto client = makeClient(server);
    const QByteArray png = makePng(64, 64);

    server.on("POST", path, ScriptedReply::json(409, R"({"detail":"Dataset status is not READY"})"));
    auto conflict = runJob(new ImageSimilarityJob(client.get(), kDatasetId, png, QStringLiteral("q.png"),
                                                  EntityType::Images, 0, std::nullopt));
    QCOMPARE(conflict->error().kind, ApiError::Kind::Conflict);
    QVERIFY(!server.lastRequest().hasQueryItem(QStringLiteral("bounding_box")));
    QCOMPARE(server.lastRequest().queryValue(QStringLiteral("entity_type")), QStringLiteral("IMAGES"));

    server.on("POST", path, ScriptedReply::json(400, R"({"detail":"No file provided"})"));
    auto bad = runJob(new ImageSimilarityJob(client.get(), kDatasetId, png, QStringLiteral("q.png"),
                                             EntityType::Images, 0, std::nullopt));
    QCOMPARE(bad->error().kind, ApiError::Kind::Validation);
    QCOMPARE(bad->error().detail, QStringLiteral("No file provided"));

    for (int status : {502, 503, 504}) {
        server.on("POST", path, ScriptedReply::json(status, "{}"));
        server.clearRequests();
        auto failed = runJob(new ImageSimilarityJob(client.get(), kDatasetId, png, QStringLiteral("q.png"),
                                                    EntityType::Images, 0, std::nullopt));
        QCOMPARE(failed->error().httpStatus, status);
        QCOMPARE(server.requests().size(), 1); // uploads are never retried
    }

    server.on("POST", path, ScriptedReply::json(200, R"({"anchor_type":"UPLOAD"})"));
    QCOMPARE(runJob(new ImageSimilarityJob(client.get(), kDatasetId, png, QStringLiteral("q.png"),
                                           EntityType::Images, 0, std::nullopt))
                 ->error()
                 .kind,
             ApiError::Kind::BadResponse);
}

void TestJobs::imageSimilarityRemintsAndResendsBody() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QString path = kDatasetPath + QStringLiteral("/search-image-similarity");
    server.onSequence("POST", path,
                      {ScriptedReply::json(401, R"({"detail":"Token expired"})"),
                       ScriptedReply::json(200, R"({"anchor_media_id":"a1","anchor_type":"UPLOAD"})")});
    auto client = makeClient(server);
    const QByteArray png = makePng(32, 32);
    auto job = runJob(new ImageSimilarityJob(client.get(), kDatasetId, png, QStringLiteral("q.png"),
                                             EntityType::Images, 0, std::nullopt));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(1).multipartParts().value(0).data, png);
}

// ---- export ------------------------------------------------------------------------------------

void TestJobs::startExportAndPoll() {
    ScriptedServer server;
    QVERIFY(server.listen());
    auto client = makeClient(server);
    server.on("GET", kDatasetPath + QStringLiteral("/export_context_async"),
              ScriptedReply::json(200, kExportTaskBody));
    ExportOptions options;
    options.format = QStringLiteral("parquet");
    options.includeImages = true;
    options.fileName = QStringLiteral("road scenes+v2.zip");
    auto start = runJob(new StartExportJob(client.get(), kDatasetId, options));
    QVERIFY2(start->isSuccess(), qPrintable(start->error().message));
    QCOMPARE(start->task().id, QStringLiteral("5f0c1e4e-aaaa-bbbb-cccc-000000000001"));
    QCOMPARE(start->task().status, ExportTask::Status::Init);
    QCOMPARE(start->task().entitiesCount, qint64(4203));
    const RecordedRequest sent = server.lastRequest();
    QCOMPARE(sent.queryValue(QStringLiteral("export_format")), QStringLiteral("parquet"));
    QCOMPARE(sent.queryValue(QStringLiteral("include_images")), QStringLiteral("true"));
    QCOMPARE(sent.queryValue(QStringLiteral("file_name")), QStringLiteral("road scenes+v2.zip"));

    // The documented minimal answer {"id": ...} is enough.
    server.on("GET", kDatasetPath + QStringLiteral("/export_context_async"),
              ScriptedReply::json(200, R"({"id":"t2"})"));
    auto minimal = runJob(new StartExportJob(client.get(), kDatasetId, ExportOptions()));
    QVERIFY(minimal->isSuccess());
    QCOMPARE(minimal->task().id, QStringLiteral("t2"));
    QCOMPARE(minimal->task().datasetId, kDatasetId);
    QCOMPARE(server.lastRequest().queryValue(QStringLiteral("include_images")), QStringLiteral("false"));
    QVERIFY(!server.lastRequest().hasQueryItem(QStringLiteral("file_name")));

    server.on("GET", kDatasetPath + QStringLiteral("/export_status"),
              ScriptedReply::json(200, R"({"id":"t2","dataset_id":"ad48d250-1232-11f1-8483-5a879df30de4",
                  "status":"COMPLETED","progress":100,"entities_count":4203,
                  "download_uri":"/cdn/ad48d250/images/t2/t2.zip","result_message":null})"));
    auto status = runJob(new ExportStatusJob(client.get(), kDatasetId, QStringLiteral("t2")));
    QVERIFY2(status->isSuccess(), qPrintable(status->error().message));
    QCOMPARE(server.lastRequest().queryValue(QStringLiteral("export_task_id")), QStringLiteral("t2"));
    QCOMPARE(status->task().status, ExportTask::Status::Completed);
    QVERIFY(status->task().isFinished());
    QCOMPARE(status->task().downloadUrl,
             server.baseUrl().resolved(QUrl(QStringLiteral("/cdn/ad48d250/images/t2/t2.zip"))));
}

void TestJobs::exportRejected() {
    ScriptedServer server;
    QVERIFY(server.listen());
    auto client = makeClient(server);
    server.on("GET", kDatasetPath + QStringLiteral("/export_status"),
              ScriptedReply::json(200, R"({"id":"t3","status":"REJECTED","progress":0,
                  "result_message":"Entity count exceeds threshold"})"));
    auto status = runJob(new ExportStatusJob(client.get(), kDatasetId, QStringLiteral("t3")));
    QVERIFY(status->isSuccess());
    QCOMPARE(status->task().status, ExportTask::Status::Rejected);
    QCOMPARE(status->task().resultMessage, QStringLiteral("Entity count exceeds threshold"));

    server.on("GET", kDatasetPath + QStringLiteral("/export_status"),
              ScriptedReply::json(404, R"({"detail":"Task not found"})"));
    QCOMPARE(runJob(new ExportStatusJob(client.get(), kDatasetId, QStringLiteral("t3")))->error().kind,
             ApiError::Kind::NotFound);
}

void TestJobs::downloadStreamsSameOriginWithAuth() {
    ScriptedServer server;
    QVERIFY(server.listen());
    QByteArray archive;
    for (int i = 0; i < 300000; ++i)
        archive.append(char(i * 31 % 251));
    server.on("GET", QStringLiteral("/cdn/ad48d250/images/t2/t2.zip"),
              ScriptedReply::raw(200, archive, "application/zip"));
    auto client = makeClient(server);
    QBuffer output;
    output.open(QIODevice::WriteOnly);
    auto* job =
        new DownloadJob(client.get(), QUrl(QStringLiteral("/cdn/ad48d250/images/t2/t2.zip")), &output);
    QSignalSpy progress(job, &ApiJob::downloadProgress);
    auto done = runJob(job);
    QVERIFY2(done->isSuccess(), qPrintable(done->error().message));
    QCOMPARE(done->bytesWritten(), qint64(archive.size()));
    QCOMPARE(output.data(), archive);
    QVERIFY(done->rawBody().isEmpty()); // streamed, not buffered
    QVERIFY(progress.count() >= 1);
    QVERIFY(verifiedToken(server.lastRequest())); // same origin: authorised
}

void TestJobs::downloadElsewhereCarriesNoToken() {
    ScriptedServer api;
    ScriptedServer storage;
    QVERIFY(api.listen());
    QVERIFY(storage.listen());
    storage.on("GET", QStringLiteral("/bucket/t.zip"),
               ScriptedReply::raw(200, "PK\x03\x04zipdata", "application/zip"));
    auto client = makeClient(api);
    QBuffer output;
    output.open(QIODevice::WriteOnly);
    QUrl url = storage.baseUrl();
    url.setPath(QStringLiteral("/bucket/t.zip"));
    url.setQuery(QStringLiteral("X-Amz-Signature=abc%2Bdef"));
    auto job = runJob(new DownloadJob(client.get(), url, &output));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(output.data(), QByteArray("PK\x03\x04zipdata"));
    QVERIFY(!storage.lastRequest().headers.contains("authorization"));
    QCOMPARE(storage.lastRequest().rawQuery,
             QByteArray("X-Amz-Signature=abc%2Bdef")); // presigned query intact
}

void TestJobs::downloadTruncatedIsBadResponse() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", QStringLiteral("/cdn/t.zip"),
              ScriptedReply::truncated(200, QByteArray(50000, 'z'), 1000));
    auto client = makeClient(server);
    QBuffer output;
    output.open(QIODevice::WriteOnly);
    auto job = runJob(new DownloadJob(client.get(), QUrl(QStringLiteral("/cdn/t.zip")), &output));
    QCOMPARE(job->error().kind, ApiError::Kind::BadResponse);
    QCOMPARE(server.requests().size(), 1); // bytes were written: never retried into the same output

    server.on("GET", QStringLiteral("/cdn/t.zip"),
              ScriptedReply::json(404, R"({"detail":"Export expired"})"));
    QBuffer second;
    second.open(QIODevice::WriteOnly);
    auto missing = runJob(new DownloadJob(client.get(), QUrl(QStringLiteral("/cdn/t.zip")), &second));
    QCOMPARE(missing->error().kind, ApiError::Kind::NotFound);
    QVERIFY(second.data().isEmpty()); // an error body never lands in the output
}

QTEST_GUILESS_MAIN(TestJobs)
#include "tst_jobs.moc"
