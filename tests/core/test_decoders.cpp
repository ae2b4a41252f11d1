#include "Anchor.h"
#include "Cluster.h"
#include "Dataset.h"
#include "DatasetStatus.h"
#include "EnrichmentModel.h"
#include "ExportTask.h"
#include "JsonFixture.h"

#include <QTest>

using namespace vl;

Q_DECLARE_METATYPE(vl::DatasetStatus)

// Declared before the JSON fixtures: moc does not parse the raw string literals below.
class TestDecoders : public QObject {
    Q_OBJECT
private slots:
    void statusFromString_data();
    void statusFromString();
    void statusNames();
    void datasetGetDocumented();
    void datasetListCapture();
    void datasetPrefersStatusNewOverLegacy();
    void datasetFallsBackToLegacyStatus();
    void datasetErrorCarriesMessage();
    void datasetWrongTypesNeverCrash();
    void datasetListSkipsNonObjects();
    void exploreRealCapture();
    void exploreSemanticSearchDoc();
    void exploreLabelsAsDictOrArray();
    void exploreWrongTypesNeverCrash();
    void mediaUrlResolution_data();
    void mediaUrlResolution();
    void previewRelativeUrisResolved();
    void previewPixelBoundingBox();
    void previewFractionBoundingBox();
    void previewPixelBoxWithoutSizeKeepsPixels();
    void entityTypes();
    void listModelsDoc();
    void contextNewAndApplied();
    void enrichmentRequestJson();
    void exportTaskCapture();
    void exportTaskCompletedRelativeDownload();
    void exportProgressUnits();
    void anchorDoc();
};

namespace {

const QUrl kCloud(QStringLiteral("https://app.visual-layer.com"));

// Real capture shape (Visual Layer notebooks, Jan 2025, anchor search): labels/user_tags as {}, the
// similarity threshold as a string, -1 for counts that do not apply, absolute CDN URIs.
const char* kRealExploreCapture = R"({
  "clusters": [{
    "cluster_id": "39df7adc-16b7-406e-ac34-e4a24476bbf6", "type": "IMAGES",
    "n_images": 7, "n_objects": -1, "n_videos": 0, "n_frames": -1, "size_display_value": "0B",
    "similarity_threshold": "0", "labels": {}, "user_tags": {},
    "captions": ["A dog running on grass."], "relevance_score": 0.0,
    "relevance_score_type": "cosine_distance", "formed_by": "SIMILARITY",
    "previews": [{
      "type": "IMAGE", "media_id": "300dad2c-1234-11f1-8483-5a879df30de4",
      "media_uri": "https://d2iycffepdu1yp.cloudfront.net/ad48d250-1232-11f1-a2b0-5a879df30de4/1/300dad2c-1234-11f1-8483-5a879df30de4.jpg",
      "media_thumb_uri": "https://d2iycffepdu1yp.cloudfront.net/ad48d250-1232-11f1-a2b0-5a879df30de4/1/thumbs_300dad2c-1234-11f1-8483-5a879df30de4.jpg.webp",
      "caption": "A dog running on grass.", "image_id": "300dad2c-1234-11f1-8483-5a879df30de4",
      "image_uri": "https://d2iycffepdu1yp.cloudfront.net/ad48d250-1232-11f1-a2b0-5a879df30de4/1/300dad2c-1234-11f1-8483-5a879df30de4.jpg",
      "bounding_box": null, "file_name": "00046.jpg", "original_uri": "s3://bucket/images/00046.jpg",
      "video_uri": "", "frame_timestamp": null, "labels": null, "user_tags": null,
      "relevance_score": 0.13, "relevance_score_type": "cosine_distance"
    }]
  }]
})";

// Verbatim from the semantic-search documentation page (seeds/semantic-search.txt).
const char* kSemanticSearchDoc = R"({
  "clusters": [
    {
      "cluster_id": "d0470097-0c77-4a9c-9edf-289680df7f71",
      "type": "IMAGES",
      "n_images": 14,
      "similarity_threshold": "0",
      "relevance_score": 0.63,
      "relevance_score_type": "cosine_distance",
      "captions": [
        "An aerial view of a highway with multiple vehicles traveling at night."
      ],
      "previews": [
        {
          "type": "IMAGE",
          "media_id": "300dad2c-1234-11f1-8483-5a879df30de4",
          "media_uri": "https://cdn.example.com/.../image.jpg",
          "media_thumb_uri": "https://cdn.example.com/.../thumb.webp",
          "caption": "An aerial view of a highway with multiple vehicles traveling at night.",
          "file_name": "highway_night.jpg",
          "relevance_score": 0.63,
          "relevance_score_type": "cosine_distance",
          "width": 1920,
          "height": 1080
        }
      ],
      "labels": null,
      "user_tags": null
    }
  ],
  "metadata": {
    "used_duckdb": true
  }
})";

// Documented GET /api/v1/dataset/{id} response (retrieve-dataset-status).
const char* kDatasetGetDoc = R"({
  "id": "ad48d250-1232-11f1-a2b0-5a879df30de4", "display_name": "Highway cameras", "description": "Traffic",
  "source_type": "BUCKET", "owned_by": "VL", "created_at": "2025-04-24T07:44:46.136915",
  "status_new": "READY", "progress": 100, "n_images": 4203, "n_videos": 0, "n_objects": -1,
  "fatal_error_msg": null, "source_dataset_id": null
})";

// Real list item printed by the unofficial SDK's sample notebook.
const char* kDatasetsListCapture = R"([
  {"id":"b66848f6-56a1-11f0-9b7d-0a58a9feac02","created_by":"d92cf865-0c14-4bb4-a7a1-94d1d3a4bb59",
   "source_dataset_id":null,"owned_by":"VL","display_name":"Dataset 11","description":"","preview_uri":"",
   "source_type":"VL","source_uri":"","created_at":"2025-07-01T23:18:35.728673","updated_at":null,
   "filename":null,"sample":null,"status":"INITIALIZING"},
  {"id":"c0ffee00-56a1-11f0-9b7d-0a58a9feac02","display_name":"Enriched","status":"UPDATING",
   "status_new":"READ ONLY","source_dataset_id":"b66848f6-56a1-11f0-9b7d-0a58a9feac02"}
])";

const char* kListModelsDoc = R"([
  {"id":"vl_image_captioner_v00","name":"VL-Image-Captioner","type":"CAPTION_IMAGES","status":"Active",
   "vendor":"VL","description":"Generates a caption for every image.","dependencies":null},
  {"id":"vl_object_detector_v00","name":"VL-Object-Detector","type":"OBJECT_DETECTION","status":"Active",
   "vendor":"VL","description":"Detects objects.","dependencies":null},
  {"id":"vl_object_captioner_v00","name":"VL-Object-Captioner","type":"CAPTION_OBJECTS","status":"Coming Soon",
   "vendor":"VL","description":"Captions objects.","dependencies":["OBJECT_DETECTION"]}
])";

const char* kContextNewDoc =
    R"({"enrichment_context_id":"5b7c1f8e-2b1a-4d7e-9c3f-0d9e8f7a6b5c","status":"NEW",
  "dataset_enrichment_models":{"enrichment_models":{}}})";

const char* kExportTaskCapture = R"({"id":"2f1c0a7e-3d4b-4c5a-8e9f-0a1b2c3d4e5f",
  "dataset_id":"ad48d250-1232-11f1-a2b0-5a879df30de4","created_at":"2025-01-20T10:11:12.131415",
  "download_uri":null,"progress":0.0,"status":"INIT","entities_count":4203,"result_message":null})";

const char* kAnchorDoc =
    R"({"anchor_media_id" : "f9d612d4-1234-11f1-bfca-fa39f6ed1f22", "anchor_type" : "UPLOAD"})";

} // namespace

void TestDecoders::statusFromString_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<DatasetStatus>("expected");
    QTest::newRow("READY") << QStringLiteral("READY") << DatasetStatus::Ready;
    QTest::newRow("READ ONLY with space") << QStringLiteral("READ ONLY") << DatasetStatus::ReadOnly;
    QTest::newRow("READ_ONLY underscore") << QStringLiteral("READ_ONLY") << DatasetStatus::ReadOnly;
    QTest::newRow("read-only lower") << QStringLiteral(" read-only ") << DatasetStatus::ReadOnly;
    QTest::newRow("PARTIAL INDEX") << QStringLiteral("PARTIAL INDEX") << DatasetStatus::PartialIndex;
    QTest::newRow("PARTIAL_INDEX") << QStringLiteral("PARTIAL_INDEX") << DatasetStatus::PartialIndex;
    QTest::newRow("DRAFT") << QStringLiteral("DRAFT") << DatasetStatus::Draft;
    QTest::newRow("INDEXING") << QStringLiteral("INDEXING") << DatasetStatus::Indexing;
    QTest::newRow("ERROR") << QStringLiteral("ERROR") << DatasetStatus::Error;
    QTest::newRow("legacy NEW") << QStringLiteral("NEW") << DatasetStatus::Draft;
    QTest::newRow("legacy INITIALIZING") << QStringLiteral("INITIALIZING") << DatasetStatus::Indexing;
    QTest::newRow("legacy PRE_PROCESSING") << QStringLiteral("PRE_PROCESSING") << DatasetStatus::Indexing;
    QTest::newRow("legacy SAVING") << QStringLiteral("SAVING") << DatasetStatus::Indexing;
    QTest::newRow("legacy UPDATING") << QStringLiteral("UPDATING") << DatasetStatus::ReadOnly;
    QTest::newRow("legacy ENRICHING") << QStringLiteral("ENRICHING") << DatasetStatus::ReadOnly;
    QTest::newRow("legacy FATAL_ERROR") << QStringLiteral("FATAL_ERROR") << DatasetStatus::Error;
    QTest::newRow("unknown") << QStringLiteral("SOMETHING_NEW") << DatasetStatus::Unknown;
    QTest::newRow("empty") << QString() << DatasetStatus::Unknown;
}

void TestDecoders::statusFromString() {
    QFETCH(QString, text);
    QFETCH(DatasetStatus, expected);
    QCOMPARE(datasetStatusFromString(text), expected);
}

void TestDecoders::statusNames() {
    QCOMPARE(datasetStatusToApiString(DatasetStatus::ReadOnly), QStringLiteral("READ ONLY"));
    QCOMPARE(datasetStatusToApiString(DatasetStatus::PartialIndex), QStringLiteral("PARTIAL INDEX"));
    QCOMPARE(datasetStatusDisplayName(DatasetStatus::PartialIndex), QStringLiteral("Partial index"));
    for (DatasetStatus status : {DatasetStatus::Draft, DatasetStatus::Indexing, DatasetStatus::ReadOnly,
                                 DatasetStatus::PartialIndex, DatasetStatus::Ready, DatasetStatus::Error}) {
        QCOMPARE(datasetStatusFromString(datasetStatusToApiString(status)), status);
    }
    QVERIFY(datasetStatusIsBusy(DatasetStatus::Indexing));
    QVERIFY(datasetStatusIsBusy(DatasetStatus::ReadOnly));
    QVERIFY(!datasetStatusIsBusy(DatasetStatus::Ready));
    QVERIFY(!datasetStatusIsBusy(DatasetStatus::Error));
    QVERIFY(datasetStatusIsSearchable(DatasetStatus::PartialIndex));
    QVERIFY(datasetStatusIsSearchable(DatasetStatus::Ready));
    QVERIFY(!datasetStatusIsSearchable(DatasetStatus::ReadOnly));
}

void TestDecoders::datasetGetDocumented() {
    const Dataset dataset = Dataset::fromJson(objectFixture(kDatasetGetDoc));
    QCOMPARE(dataset.id, QStringLiteral("ad48d250-1232-11f1-a2b0-5a879df30de4"));
    QCOMPARE(dataset.displayName, QStringLiteral("Highway cameras"));
    QCOMPARE(dataset.description, QStringLiteral("Traffic"));
    QCOMPARE(dataset.sourceType, QStringLiteral("BUCKET"));
    QCOMPARE(dataset.ownedBy, QStringLiteral("VL"));
    QCOMPARE(dataset.status, DatasetStatus::Ready);
    QCOMPARE(dataset.statusText, QStringLiteral("READY"));
    QCOMPARE(dataset.progress, 100);
    QCOMPARE(dataset.perceptionProgress, -1); // the cloud does not report it
    QCOMPARE(dataset.imageCount, qint64(4203));
    QCOMPARE(dataset.videoCount, qint64(0));
    QCOMPARE(dataset.objectCount, qint64(-1));
    QVERIFY(dataset.fatalErrorMessage.isEmpty());
    QVERIFY(dataset.sourceDatasetId.isEmpty());
    QCOMPARE(dataset.createdAt, QDateTime(QDate(2025, 4, 24), QTime(7, 44, 46, 136), Qt::UTC));
    QVERIFY(!dataset.updatedAt.isValid());
}

void TestDecoders::datasetListCapture() {
    const QVector<Dataset> datasets = Dataset::listFromJson(arrayFixture(kDatasetsListCapture));
    QCOMPARE(datasets.size(), 2);
    QCOMPARE(datasets[0].displayName, QStringLiteral("Dataset 11"));
    QCOMPARE(datasets[0].createdBy, QStringLiteral("d92cf865-0c14-4bb4-a7a1-94d1d3a4bb59"));
    QCOMPARE(datasets[0].status, DatasetStatus::Indexing);
    QCOMPARE(datasets[0].statusText, QStringLiteral("INITIALIZING"));
    QCOMPARE(datasets[0].imageCount, qint64(-1));
    QCOMPARE(datasets[0].progress, -1);
    QCOMPARE(datasets[0].createdAt.toMSecsSinceEpoch(),
             QDateTime(QDate(2025, 7, 1), QTime(23, 18, 35, 728), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(datasets[1].sourceDatasetId, QStringLiteral("b66848f6-56a1-11f0-9b7d-0a58a9feac02"));
    const Dataset local =
        Dataset::fromJson(QJsonObject{{"id", "l"}, {"status_new", "READY"}, {"perception_progress", 42}});
    QCOMPARE(local.perceptionProgress, 42);
}

void TestDecoders::datasetPrefersStatusNewOverLegacy() {
    // The add-media doc shows both fields at once; status_new wins.
    const Dataset dataset =
        Dataset::fromJson(objectFixture(R"({"id":"x","status":"UPDATING","status_new":"READ ONLY"})"));
    QCOMPARE(dataset.status, DatasetStatus::ReadOnly);
    QCOMPARE(dataset.statusText, QStringLiteral("READ ONLY"));
    QCOMPARE(dataset.legacyStatus, QStringLiteral("UPDATING"));

    const Dataset ready =
        Dataset::fromJson(objectFixture(R"({"id":"x","status":"INDEXING","status_new":"READY"})"));
    QCOMPARE(ready.status, DatasetStatus::Ready);
}

void TestDecoders::datasetFallsBackToLegacyStatus() {
    const Dataset dataset =
        Dataset::fromJson(objectFixture(R"({"id":"x","status":"FATAL_ERROR","status_new":null})"));
    QCOMPARE(dataset.status, DatasetStatus::Error);
    QCOMPARE(dataset.statusText, QStringLiteral("FATAL_ERROR"));
    const Dataset partial = Dataset::fromJson(objectFixture(R"({"id":"x","status_new":"PARTIAL_INDEX"})"));
    QCOMPARE(partial.status, DatasetStatus::PartialIndex);
}

void TestDecoders::datasetErrorCarriesMessage() {
    const Dataset dataset = Dataset::fromJson(objectFixture(
        R"({"id":"x","status_new":"ERROR","fatal_error_msg":"No images found in bucket","progress":"37.6"})"));
    QCOMPARE(dataset.status, DatasetStatus::Error);
    QCOMPARE(dataset.fatalErrorMessage, QStringLiteral("No images found in bucket"));
    QCOMPARE(dataset.progress, 38);
}

void TestDecoders::datasetWrongTypesNeverCrash() {
    const Dataset dataset = Dataset::fromJson(objectFixture(R"({
        "id": ["not", "a", "string"], "display_name": {"a": 1}, "status_new": 5, "status": [],
        "progress": {"value": 3}, "n_images": "many", "n_objects": [1], "created_at": 12.5e99,
        "updated_at": {"x": 1}, "fatal_error_msg": false, "description": null})"));
    QVERIFY(dataset.id.isEmpty());
    QVERIFY(dataset.displayName.isEmpty());
    QCOMPARE(dataset.status, DatasetStatus::Unknown);
    QCOMPARE(dataset.progress, -1);
    QCOMPARE(dataset.imageCount, qint64(-1));
    QCOMPARE(dataset.objectCount, qint64(-1));
    QVERIFY(!dataset.createdAt.isValid());
    QVERIFY(!dataset.updatedAt.isValid());

    const Dataset numericId = Dataset::fromJson(objectFixture(R"({"id": 17, "n_images": "12"})"));
    QCOMPARE(numericId.id, QStringLiteral("17"));
    QCOMPARE(numericId.imageCount, qint64(12));
}

void TestDecoders::datasetListSkipsNonObjects() {
    const QVector<Dataset> datasets =
        Dataset::listFromJson(arrayFixture(R"([1, "x", null, [], {"display_name":"no id"}, {"id":"ok"}])"));
    QCOMPARE(datasets.size(), 1);
    QCOMPARE(datasets[0].id, QStringLiteral("ok"));
}

void TestDecoders::exploreRealCapture() {
    const ExploreResult result = ExploreResult::fromJson(objectFixture(kRealExploreCapture), kCloud);
    QCOMPARE(result.clusters.size(), 1);
    const Cluster& cluster = result.clusters[0];
    QCOMPARE(cluster.clusterId, QStringLiteral("39df7adc-16b7-406e-ac34-e4a24476bbf6"));
    QCOMPARE(cluster.type, QStringLiteral("IMAGES"));
    QCOMPARE(cluster.imageCount, qint64(7));
    QCOMPARE(cluster.objectCount, qint64(-1));
    QCOMPARE(cluster.videoCount, qint64(0));
    QCOMPARE(cluster.frameCount, qint64(-1));
    QCOMPARE(cluster.sizeDisplayValue, QStringLiteral("0B"));
    QCOMPARE(cluster.similarityThreshold, 0.0);
    QVERIFY(cluster.labels.isEmpty());
    QVERIFY(cluster.userTags.isEmpty());
    QCOMPARE(cluster.captions, QStringList{QStringLiteral("A dog running on grass.")});
    QCOMPARE(cluster.relevanceScore, std::optional<double>(0.0));
    QCOMPARE(cluster.relevanceScoreType, QStringLiteral("cosine_distance"));
    QCOMPARE(cluster.formedBy, QStringLiteral("SIMILARITY"));
    QCOMPARE(cluster.previews.size(), 1);
    const Preview& preview = cluster.previews[0];
    QCOMPARE(preview.type, QStringLiteral("IMAGE"));
    QCOMPARE(preview.mediaId, QStringLiteral("300dad2c-1234-11f1-8483-5a879df30de4"));
    QCOMPARE(preview.mediaUrl.host(), QStringLiteral("d2iycffepdu1yp.cloudfront.net"));
    QVERIFY(preview.thumbUrl.path().endsWith(
        QLatin1String("thumbs_300dad2c-1234-11f1-8483-5a879df30de4.jpg.webp")));
    QCOMPARE(preview.imageUrl, preview.mediaUrl);
    QCOMPARE(preview.fileName, QStringLiteral("00046.jpg"));
    QCOMPARE(preview.originalUri, QStringLiteral("s3://bucket/images/00046.jpg"));
    QVERIFY(!preview.boundingBox);
    QVERIFY(preview.boundingBoxPixels.isNull());
    QVERIFY(preview.labels.isEmpty());
    QCOMPARE(preview.relevanceScore, std::optional<double>(0.13));
    QCOMPARE(preview.width, -1);
    QVERIFY(result.metadata.isEmpty());
}

void TestDecoders::exploreSemanticSearchDoc() {
    const ExploreResult result = ExploreResult::fromJson(objectFixture(kSemanticSearchDoc), kCloud);
    QCOMPARE(result.clusters.size(), 1);
    const Cluster& cluster = result.clusters[0];
    QCOMPARE(cluster.imageCount, qint64(14));
    QCOMPARE(cluster.objectCount, qint64(-1)); // absent = not reported
    QCOMPARE(cluster.relevanceScore, std::optional<double>(0.63));
    QVERIFY(cluster.labels.isEmpty());
    QCOMPARE(cluster.previews[0].width, 1920);
    QCOMPARE(cluster.previews[0].height, 1080);
    QCOMPARE(cluster.previews[0].caption,
             QStringLiteral("An aerial view of a highway with multiple vehicles traveling at night."));
    QCOMPARE(result.metadata.value(QStringLiteral("used_duckdb")).toBool(), true);
}

void TestDecoders::exploreLabelsAsDictOrArray() {
    const Cluster fromDict = Cluster::fromJson(
        objectFixture(
            R"({"cluster_id":"a","labels":{"dog":3,"cat":1},"user_tags":["t1"],"relevance_score":null})"),
        kCloud);
    QCOMPARE(fromDict.labels, (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
    QCOMPARE(fromDict.userTags, QStringList{QStringLiteral("t1")});
    QVERIFY(!fromDict.relevanceScore);
    const Cluster fromArray = Cluster::fromJson(
        objectFixture(R"({"cluster_id":"a","labels":[{"name":"dog"}],"similarity_threshold":0.8})"), kCloud);
    QCOMPARE(fromArray.labels, QStringList{QStringLiteral("dog")});
    QCOMPARE(fromArray.similarityThreshold, 0.8);
    const Cluster missing = Cluster::fromJson(objectFixture(R"({"cluster_id":"a"})"), kCloud);
    QCOMPARE(missing.similarityThreshold, -1.0);
}

void TestDecoders::exploreWrongTypesNeverCrash() {
    const ExploreResult notArray =
        ExploreResult::fromJson(objectFixture(R"({"clusters": {"a": 1}, "metadata": []})"), kCloud);
    QVERIFY(notArray.clusters.isEmpty());
    QVERIFY(notArray.metadata.isEmpty());

    const ExploreResult mixed = ExploreResult::fromJson(objectFixture(R"({"clusters": [
        1, null, "x", [],
        {"cluster_id": 5, "n_images": "3", "previews": {"not": "an array"}, "captions": "one caption",
         "labels": 7, "similarity_threshold": "high"},
        {"cluster_id": "b", "previews": [1, "x", null, {"media_id": ["a"], "bounding_box": "garbage",
         "width": "wide", "media_uri": 12, "relevance_score": "0.5"}]}
    ]})"),
                                                        kCloud);
    QCOMPARE(mixed.clusters.size(), 2);
    QCOMPARE(mixed.clusters[0].clusterId, QStringLiteral("5"));
    QCOMPARE(mixed.clusters[0].imageCount, qint64(3));
    QVERIFY(mixed.clusters[0].previews.isEmpty());
    QCOMPARE(mixed.clusters[0].captions, QStringList{QStringLiteral("one caption")});
    QVERIFY(mixed.clusters[0].labels.isEmpty());
    QCOMPARE(mixed.clusters[0].similarityThreshold, -1.0);
    QCOMPARE(mixed.clusters[1].previews.size(), 1);
    const Preview& preview = mixed.clusters[1].previews[0];
    QVERIFY(preview.mediaId.isEmpty());
    QVERIFY(!preview.boundingBox);
    QCOMPARE(preview.width, -1);
    QCOMPARE(preview.relevanceScore, std::optional<double>(0.5));
}

void TestDecoders::mediaUrlResolution_data() {
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("absolute passes through")
        << QStringLiteral("https://cdn.example.com/a/b.jpg") << QStringLiteral("http://127.0.0.1:2080/api/v1")
        << QStringLiteral("https://cdn.example.com/a/b.jpg");
    QTest::newRow("rooted against base with /api/v1")
        << QStringLiteral("/image/x.jpg") << QStringLiteral("http://127.0.0.1:2080/api/v1")
        << QStringLiteral("http://127.0.0.1:2080/image/x.jpg");
    QTest::newRow("rooted against base with /api/v1/")
        << QStringLiteral("/image/x.jpg") << QStringLiteral("http://127.0.0.1:2080/api/v1/")
        << QStringLiteral("http://127.0.0.1:2080/image/x.jpg");
    QTest::newRow("rooted against bare host")
        << QStringLiteral("/image/x.jpg") << QStringLiteral("http://localhost:2080")
        << QStringLiteral("http://localhost:2080/image/x.jpg");
    QTest::newRow("relative without slash")
        << QStringLiteral("image/x.jpg") << QStringLiteral("https://vl.example.org/api/v1")
        << QStringLiteral("https://vl.example.org/image/x.jpg");
    QTest::newRow("relative below a proxy prefix")
        << QStringLiteral("image/x.jpg") << QStringLiteral("https://host/vl/api/v1")
        << QStringLiteral("https://host/vl/image/x.jpg");
    QTest::newRow("on-prem export download")
        << QStringLiteral("/cdn/ds/images/t/t.zip") << QStringLiteral("http://localhost:2080/api/v1")
        << QStringLiteral("http://localhost:2080/cdn/ds/images/t/t.zip");
    QTest::newRow("protocol relative")
        << QStringLiteral("//cdn.example.com/x.jpg") << QStringLiteral("https://app.visual-layer.com")
        << QStringLiteral("https://cdn.example.com/x.jpg");
    QTest::newRow("query kept") << QStringLiteral("/image/x.jpg?sig=1")
                                << QStringLiteral("http://h:1/api/v1?x=2")
                                << QStringLiteral("http://h:1/image/x.jpg?sig=1");
    QTest::newRow("empty") << QString() << QStringLiteral("http://h:1") << QString();
}

void TestDecoders::mediaUrlResolution() {
    QFETCH(QString, uri);
    QFETCH(QString, base);
    QFETCH(QString, expected);
    QCOMPARE(resolveMediaUrl(uri, QUrl(base)).toString(), expected);
}

void TestDecoders::previewRelativeUrisResolved() {
    const Preview preview = Preview::fromJson(objectFixture(R"({"media_uri":"/image/x.jpg",
        "media_thumb_uri":"image/thumbs/x.webp","image_uri":"https://cdn.example.com/x.jpg"})"),
                                              QUrl(QStringLiteral("http://127.0.0.1:2080/api/v1")));
    QCOMPARE(preview.mediaUrl.toString(), QStringLiteral("http://127.0.0.1:2080/image/x.jpg"));
    QCOMPARE(preview.thumbUrl.toString(), QStringLiteral("http://127.0.0.1:2080/image/thumbs/x.webp"));
    QCOMPARE(preview.imageUrl.toString(), QStringLiteral("https://cdn.example.com/x.jpg"));
}

void TestDecoders::previewPixelBoundingBox() {
    // Export-style pixel boxes [x, y, w, h] are converted with the preview's own size.
    const Preview preview = Preview::fromJson(
        objectFixture(R"({"type":"OBJECT","bounding_box":[211,109,144,51],"width":1000,"height":500})"),
        kCloud);
    QVERIFY(preview.boundingBox);
    QCOMPARE(*preview.boundingBox, (BoundingBox{0.211, 0.218, 0.144, 0.102}));
    QCOMPARE(preview.boundingBoxPixels, QRectF(211, 109, 144, 51));
}

void TestDecoders::previewFractionBoundingBox() {
    const Preview preview = Preview::fromJson(
        objectFixture(
            R"({"bounding_box":{"x":0.1,"y":0.2,"width":0.5,"height":0.6},"width":200,"height":100})"),
        kCloud);
    QVERIFY(preview.boundingBox);
    QCOMPARE(*preview.boundingBox, (BoundingBox{0.1, 0.2, 0.5, 0.6}));
    QCOMPARE(preview.boundingBoxPixels, QRectF(20, 20, 100, 60));

    const Preview asString = Preview::fromJson(
        objectFixture(R"({"bounding_box":"{\"x\":0.1,\"y\":0.2,\"width\":0.5,\"height\":0.6}"})"), kCloud);
    QVERIFY(asString.boundingBox);
    QCOMPARE(*asString.boundingBox, (BoundingBox{0.1, 0.2, 0.5, 0.6}));
    QVERIFY(asString.boundingBoxPixels.isNull()); // no size: nothing to derive pixels from
}

void TestDecoders::previewPixelBoxWithoutSizeKeepsPixels() {
    const Preview preview = Preview::fromJson(objectFixture(R"({"bounding_box":"0,0,2048,1536"})"), kCloud);
    QVERIFY(!preview.boundingBox);
    QCOMPARE(preview.boundingBoxPixels, QRectF(0, 0, 2048, 1536));
}

void TestDecoders::entityTypes() {
    QCOMPARE(entityTypeToApiString(EntityType::Images), QStringLiteral("IMAGES"));
    QCOMPARE(entityTypeToApiString(EntityType::Objects), QStringLiteral("OBJECTS"));
    QCOMPARE(entityTypeFromString(QStringLiteral("objects")), std::optional<EntityType>(EntityType::Objects));
    QCOMPARE(entityTypeFromString(QStringLiteral("IMAGE")), std::optional<EntityType>(EntityType::Images));
    QVERIFY(!entityTypeFromString(QStringLiteral("VIDEOS")));
}

void TestDecoders::listModelsDoc() {
    const QVector<EnrichmentModel> models = EnrichmentModel::listFromJson(arrayFixture(kListModelsDoc));
    QCOMPARE(models.size(), 3);
    QCOMPARE(models[0].id, QStringLiteral("vl_image_captioner_v00"));
    QCOMPARE(models[0].name, QStringLiteral("VL-Image-Captioner"));
    QCOMPARE(models[0].type, QStringLiteral("CAPTION_IMAGES"));
    QCOMPARE(models[0].vendor, QStringLiteral("VL"));
    QVERIFY(models[0].isActive());
    QVERIFY(models[0].dependencies.isEmpty());
    QVERIFY(!models[2].isActive());
    QCOMPARE(models[2].status, QStringLiteral("Coming Soon"));
    QCOMPARE(models[2].dependencies, QStringList{QStringLiteral("OBJECT_DETECTION")});
    const EnrichmentModel lower = EnrichmentModel::fromJson(objectFixture(R"({"id":"m","status":"active"})"));
    QVERIFY(lower.isActive());
    QVERIFY(EnrichmentModel::listFromJson(arrayFixture(R"([null, 3, {"name":"no id"}])")).isEmpty());
}

void TestDecoders::contextNewAndApplied() {
    const EnrichmentContext fresh = EnrichmentContext::fromJson(objectFixture(kContextNewDoc));
    QCOMPARE(fresh.contextId, QStringLiteral("5b7c1f8e-2b1a-4d7e-9c3f-0d9e8f7a6b5c"));
    QCOMPARE(fresh.status, QStringLiteral("NEW"));
    QVERIFY(fresh.isNew());

    const EnrichmentContext applied =
        EnrichmentContext::fromJson(objectFixture(R"({"context_id":"c1","status":"DONE",
        "dataset_enrichment_models":{"enrichment_models":{
          "CAPTION_IMAGES":"vl_image_captioner_v00",
          "OBJECT_DETECTION":{"id":"vl_object_detector_v00","metadata":{"prompt":"x"}},
          "BROKEN": [1]}}})"));
    QCOMPARE(applied.contextId, QStringLiteral("c1"));
    QVERIFY(!applied.isNew());
    QCOMPARE(applied.appliedModels.size(), 2);
    QCOMPARE(applied.appliedModels.value(QStringLiteral("CAPTION_IMAGES")),
             QStringLiteral("vl_image_captioner_v00"));
    QCOMPARE(applied.appliedModels.value(QStringLiteral("OBJECT_DETECTION")),
             QStringLiteral("vl_object_detector_v00"));

    const EnrichmentContext wrong =
        EnrichmentContext::fromJson(objectFixture(R"({"dataset_enrichment_models": [1,2], "status": null})"));
    QVERIFY(wrong.isNew());
}

void TestDecoders::enrichmentRequestJson() {
    EnrichmentRequest request;
    request.models.insert(QStringLiteral("CAPTION_IMAGES"), QStringLiteral("vl_image_captioner_v00"));
    request.models.insert(QStringLiteral("OBJECT_DETECTION"), QStringLiteral("vl_object_detector_v00"));
    QCOMPARE(request.toJson(),
             objectFixture(R"({"enrichment_models": {"CAPTION_IMAGES": "vl_image_captioner_v00",
                                                 "OBJECT_DETECTION": "vl_object_detector_v00"}})"));
}

void TestDecoders::exportTaskCapture() {
    const ExportTask task = ExportTask::fromJson(objectFixture(kExportTaskCapture), kCloud);
    QCOMPARE(task.id, QStringLiteral("2f1c0a7e-3d4b-4c5a-8e9f-0a1b2c3d4e5f"));
    QCOMPARE(task.datasetId, QStringLiteral("ad48d250-1232-11f1-a2b0-5a879df30de4"));
    QCOMPARE(task.status, ExportTask::Status::Init);
    QCOMPARE(task.statusText, QStringLiteral("INIT"));
    QCOMPARE(task.entitiesCount, qint64(4203));
    QVERIFY(task.downloadUrl.isEmpty());
    QVERIFY(task.resultMessage.isEmpty());
    QVERIFY(!task.isFinished());
    QCOMPARE(task.progressPercent(), 0);
    QCOMPARE(task.createdAt.date(), QDate(2025, 1, 20));
}

void TestDecoders::exportTaskCompletedRelativeDownload() {
    const ExportTask task =
        ExportTask::fromJson(objectFixture(R"({"id":"t","status":"COMPLETED","progress":1.0,
        "download_uri":"/cdn/ds/images/t/t.zip"})"),
                             QUrl(QStringLiteral("http://localhost:2080/api/v1")));
    QCOMPARE(task.status, ExportTask::Status::Completed);
    QVERIFY(task.isFinished());
    QCOMPARE(task.downloadUrl.toString(), QStringLiteral("http://localhost:2080/cdn/ds/images/t/t.zip"));
    QCOMPARE(task.progressPercent(), 100);

    const ExportTask rejected = ExportTask::fromJson(
        objectFixture(R"({"id":"t","status":"REJECTED","result_message":"entity count exceeds threshold"})"),
        kCloud);
    QCOMPARE(rejected.status, ExportTask::Status::Rejected);
    QVERIFY(rejected.isFinished());
    QCOMPARE(rejected.resultMessage, QStringLiteral("entity count exceeds threshold"));

    const ExportTask presigned = ExportTask::fromJson(
        objectFixture(
            R"({"id":"t","status":"completed","download_uri":"https://s3.amazonaws.com/b/t.zip?X-Amz=1"})"),
        kCloud);
    QCOMPARE(presigned.status, ExportTask::Status::Completed);
    QCOMPARE(presigned.downloadUrl.host(), QStringLiteral("s3.amazonaws.com"));
}

void TestDecoders::exportProgressUnits() {
    ExportTask task;
    task.status = ExportTask::Status::InProgress;
    task.progress = 0.42;
    QCOMPARE(task.progressPercent(), 42);
    task.progress = 42;
    QCOMPARE(task.progressPercent(), 42);
    task.progress = 250;
    QCOMPARE(task.progressPercent(), 100);
    task.progress = -3;
    QCOMPARE(task.progressPercent(), 0);
    const ExportTask inProgress =
        ExportTask::fromJson(objectFixture(R"({"status":"IN_PROGRESS","progress":"0.5"})"), kCloud);
    QCOMPARE(inProgress.status, ExportTask::Status::InProgress);
    QCOMPARE(inProgress.progressPercent(), 50);
    QCOMPARE(ExportTask::fromJson(objectFixture(R"({"status":"WEIRD"})"), kCloud).status,
             ExportTask::Status::Unknown);
    QCOMPARE(ExportTask::fromJson(objectFixture(R"({"status":"FAILED"})"), kCloud).status,
             ExportTask::Status::Failed);
}

void TestDecoders::anchorDoc() {
    const Anchor anchor = Anchor::fromJson(objectFixture(kAnchorDoc));
    QCOMPARE(anchor.mediaId, QStringLiteral("f9d612d4-1234-11f1-bfca-fa39f6ed1f22"));
    QCOMPARE(anchor.type, Anchor::Type::Upload);
    QCOMPARE(anchor.typeString(), QStringLiteral("UPLOAD"));
    QVERIFY(anchor.isValid());
    const Anchor media = Anchor::media(QStringLiteral("m1"));
    QCOMPARE(media.typeString(), QStringLiteral("MEDIA"));
    QCOMPARE(Anchor::fromJson(objectFixture(R"({"anchor_media_id":"m","anchor_type":"media"})")).type,
             Anchor::Type::Media);
    QVERIFY(!Anchor::fromJson(objectFixture(R"({"anchor_media_id":null})")).isValid());
}

QTEST_GUILESS_MAIN(TestDecoders)
#include "test_decoders.moc"
