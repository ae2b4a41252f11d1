// The local engine over real HTTP on loopback: auth, dataset lifecycle, explore, search, media, enrichment.
#include "EngineInfo.h"
#include "EngineTestClient.h"
#include "Jwt.h"
#include "LocalEngine.h"
#include "TestImages.h"

#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

using vl::engine::LocalEngine;

namespace {

QString vql(const QByteArray& json) {
    return QString::fromUtf8(json);
}

QUrlQuery exploreQuery(std::initializer_list<QPair<QString, QString>> extra = {}) {
    QUrlQuery q;
    q.addQueryItem("entity_type", "IMAGES");
    q.addQueryItem("threshold", "0");
    for (const auto& [k, v] : extra) {
        q.removeQueryItem(k);
        q.addQueryItem(k, QString(QUrl::toPercentEncoding(v)));
    }
    return q;
}

} // namespace

class TestLocalEngine : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_folder;
    QString m_dataDir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_datasetId;

    // All previews of all pages: file name -> preview object, in rank order.
    QList<QJsonObject> previews(const QUrlQuery& query, QList<QJsonObject>* clustersOut = nullptr) {
        QList<QJsonObject> all;
        for (int page = 0; page < 10; ++page) {
            QUrlQuery q = query;
            q.addQueryItem("page_number", QString::number(page));
            const HttpResult r = m_client->get("/api/v1/explore/" + m_datasetId, q);
            if (r.status != 200) {
                qWarning() << "explore failed" << r.status << r.body;
                return {};
            }
            const QJsonArray clusters = r.object().value("clusters").toArray();
            if (clusters.isEmpty())
                break;
            for (const QJsonValue& c : clusters) {
                if (clustersOut)
                    clustersOut->append(c.toObject());
                for (const QJsonValue& p : c.toObject().value("previews").toArray())
                    all.append(p.toObject());
            }
        }
        return all;
    }
    QStringList fileNames(const QUrlQuery& query) {
        QStringList names;
        for (const QJsonObject& p : previews(query))
            names.append(p.value("file_name").toString());
        return names;
    }
    QString mediaIdOf(const QString& fileName) {
        for (const QJsonObject& p : previews(exploreQuery())) {
            if (p.value("file_name").toString() == fileName)
                return p.value("media_id").toString();
        }
        return {};
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void healthcheckIsPublic();
    void rejectsMissingBadAndExpiredTokens();
    void engineJsonIsPrivateAndCorrect();
    void processValidatesThePath();
    void datasetReachesReadyWithCounts();
    void datasetListAndSkippedFiles();
    void exploreClustersHaveTheDocumentedShape();
    void exploreGranularityIsMonotonic();
    void exploreValidatesParameters();
    void fullTextSearchSyntax();
    void semanticSearchUsesSynonyms();
    void captionParameterRanksAndThresholds();
    void labelAndIssueFilters();
    void duplicatesAndUniquenessFilters();
    void visualSearchWithBoundingBoxFindsTheCrop();
    void visualSearchErrors();
    void mediaAnchorRanksItselfFirst();
    void mediaUrlsAreSignedAndConfined();
    void relatedExploreEndpoints();
    void enrichmentEndpointsAreHonest();
    void errorStatesAndDeletion();
};

void TestLocalEngine::initTestCase() {
    QVERIFY(m_root.isValid());
    m_folder = m_root.filePath("photos");
    m_dataDir = m_root.filePath("engine-data");
    using namespace TestImages;
    QVERIFY(save(scene(1), m_folder + "/cats/cat1.jpg"));
    writeText(m_folder + "/cats/cat1.txt", "A cat sleeping on a sofa");
    const QImage kitten = scene(2);
    QVERIFY(save(kitten, m_folder + "/cats/cat2.jpg"));
    writeText(m_folder + "/cats/cat2.txt", "A kitten playing with yarn");
    QVERIFY(save(brighter(kitten, 6), m_folder + "/cats/cat2_copy.jpg", 80));
    writeText(m_folder + "/cats/cat2_copy.txt", "A kitten playing with yarn");
    QVERIFY(save(scene(3), m_folder + "/dogs/dog1.jpg"));
    writeText(m_folder + "/dogs/dog1.caption", "A puppy running on the beach");
    QVERIFY(save(scene(4), m_folder + "/dogs/dog2.png"));
    writeText(m_folder + "/dogs/dog2.txt", "A dog sleeping near the car");
    QImage dark = scene(5);
    dark.fill(QColor(6, 6, 8));
    QVERIFY(save(dark, m_folder + "/dogs/night.jpg"));
    writeText(m_folder + "/corrupt.jpg", QByteArray("\xFF\xD8\xFF\xE0 this is not really a jpeg", 30));
    writeText(m_folder + "/empty.jpg", QByteArray());
    writeText(m_folder + "/notes.md", "# just some notes\n");
    writeText(m_folder + "/readme.txt", "no image goes with this text file\n");

    m_engine = std::make_unique<LocalEngine>(m_dataDir);
    QString error;
    QVERIFY2(m_engine->start(0, &error), qPrintable(error));
    QVERIFY(m_engine->isRunning());
    QCOMPARE(m_engine->url().host(), QString("127.0.0.1"));
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
}

void TestLocalEngine::cleanupTestCase() {
    m_client.reset();
    if (m_engine)
        m_engine->stop();
    QVERIFY(!m_engine->isRunning());
}

void TestLocalEngine::healthcheckIsPublic() {
    const QByteArray none;
    const HttpResult r = m_client->get("/api/v1/healthcheck", {}, &none);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("Green"));
    QVERIFY(r.object().contains("version"));
    QCOMPARE(r.object().value("service-health-message").toString(), QString("none"));
    QCOMPARE(m_client->get("/api/v1/version", {}, &none).status, 200);
}

void TestLocalEngine::rejectsMissingBadAndExpiredTokens() {
    const QByteArray none;
    HttpResult r = m_client->get("/api/v1/datasets", {}, &none);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.detail(), QString("Not authenticated"));

    const QByteArray forged =
        "Bearer " + vl::Jwt::mint(m_engine->apiKey(), "wrong-secret", QDateTime::currentDateTimeUtc(), 600);
    r = m_client->get("/api/v1/datasets", {}, &forged);
    QCOMPARE(r.status, 401);
    QVERIFY(r.detail().startsWith("Invalid token"));

    const QByteArray expired = "Bearer " + m_client->token(600, -3600);
    r = m_client->get("/api/v1/datasets", {}, &expired);
    QCOMPARE(r.status, 401);
    QVERIFY2(r.detail().contains("expired"), qPrintable(r.detail()));

    const QByteArray otherKey = "Bearer " + vl::Jwt::mint("someone-else", m_engine->apiSecret(),
                                                          QDateTime::currentDateTimeUtc(), 600);
    r = m_client->get("/api/v1/datasets", {}, &otherKey);
    QCOMPARE(r.status, 401);

    const QByteArray garbage = "Bearer not.a.jwt";
    QCOMPARE(m_client->get("/api/v1/datasets", {}, &garbage).status, 401);
    const QByteArray basic = "Basic dXNlcjpwYXNz";
    QCOMPARE(m_client->get("/api/v1/datasets", {}, &basic).status, 401);

    r = m_client->get("/api/v1/datasets");
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.isArray());
    // Unknown routes still answer in the API's error shape.
    r = m_client->get("/api/v1/no-such-route");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.detail(), QString("Not Found"));
    r = m_client->remove("/api/v1/datasets");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.detail(), QString("Method Not Allowed"));
}

void TestLocalEngine::engineJsonIsPrivateAndCorrect() {
    const QString path = vl::EngineInfo::filePath(m_dataDir);
    QVERIFY(QFileInfo::exists(path));
    const QFile::Permissions perms = QFile::permissions(path);
    QVERIFY(perms.testFlag(QFile::ReadOwner) && perms.testFlag(QFile::WriteOwner));
    QVERIFY(!perms.testFlag(QFile::ReadGroup) && !perms.testFlag(QFile::ReadOther));
    QVERIFY(!perms.testFlag(QFile::WriteGroup) && !perms.testFlag(QFile::WriteOther));
    QString error;
    const auto info = vl::EngineInfo::load(m_dataDir, &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(info->url, m_engine->url());
    QCOMPARE(info->apiKey, m_engine->apiKey());
    QCOMPARE(info->apiSecret, m_engine->apiSecret());
    QVERIFY(info->apiSecret.size() >= 32);
}

void TestLocalEngine::processValidatesThePath() {
    HttpResult r = m_client->post("/api/v1/process");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value("status").toString(), QString("error"));
    QVERIFY(r.object().value("message").toString().contains("path"));

    QUrlQuery missing;
    missing.addQueryItem("path", m_root.filePath("does-not-exist"));
    r = m_client->post("/api/v1/process", missing);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.object().value("status").toString(), QString("error"));
    QVERIFY(r.object().value("message").toString().contains("does not exist"));

    QUrlQuery relative;
    relative.addQueryItem("path", "photos");
    QCOMPARE(m_client->post("/api/v1/process", relative).status, 400);
}

void TestLocalEngine::datasetReachesReadyWithCounts() {
    QUrlQuery q;
    q.addQueryItem("path", m_folder);
    q.addQueryItem("name", "Pets");
    const HttpResult r = m_client->post("/api/v1/process", q);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("success"));
    QCOMPARE(r.object().value("message").toString(), QString("Dataset processing started"));
    QCOMPARE(r.object().value("name").toString(), QString("Pets"));
    m_datasetId = r.object().value("dataset_id").toString();
    QVERIFY(!QUuid::fromString(m_datasetId).isNull());

    const QJsonObject first = m_client->get("/api/v1/dataset/" + m_datasetId).object();
    QVERIFY(QStringList({"DRAFT", "INDEXING", "READY"}).contains(first.value("status_new").toString()));
    const QJsonObject ready = m_client->waitForStatus(m_datasetId, {"READY", "ERROR"});
    QCOMPARE(ready.value("status_new").toString(), QString("READY"));
    QCOMPARE(ready.value("status").toString(), QString("READY"));
    QCOMPARE(ready.value("progress").toInt(), 100);
    QCOMPARE(ready.value("n_images").toInt(), 6);
    QCOMPARE(ready.value("n_skipped").toInt(), 4);
    QCOMPARE(ready.value("n_objects").toInt(), -1);
    QCOMPARE(ready.value("n_videos").toInt(), 0);
    QCOMPARE(ready.value("source_type").toString(), QString("LOCAL"));
    QCOMPARE(ready.value("owned_by").toString(), QString("local"));
    QCOMPARE(ready.value("display_name").toString(), QString("Pets"));
    QCOMPARE(QFileInfo(ready.value("source_uri").toString()).canonicalFilePath(),
             QFileInfo(m_folder).canonicalFilePath());
    QVERIFY(ready.value("fatal_error_msg").isNull());
    QVERIFY(ready.value("source_dataset_id").isNull());
    QVERIFY(ready.value("preview_uri").toString().startsWith(m_engine->url().toString()));
    const QRegularExpression iso("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}$");
    QVERIFY2(iso.match(ready.value("created_at").toString()).hasMatch(),
             qPrintable(ready.value("created_at").toString()));
    QVERIFY(iso.match(ready.value("updated_at").toString()).hasMatch());
}

void TestLocalEngine::datasetListAndSkippedFiles() {
    const HttpResult list = m_client->get("/api/v1/datasets");
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array().size(), 1);
    QCOMPARE(list.array().first().toObject().value("id").toString(), m_datasetId);

    const HttpResult skipped = m_client->get("/api/v1/dataset/" + m_datasetId + "/skipped");
    QCOMPARE(skipped.status, 200);
    QHash<QString, QString> reasons;
    for (const QJsonValue& v : skipped.array())
        reasons.insert(v.toObject().value("file").toString(), v.toObject().value("reason").toString());
    QCOMPARE(QSet<QString>(reasons.keyBegin(), reasons.keyEnd()),
             QSet<QString>({"corrupt.jpg", "empty.jpg", "notes.md", "readme.txt"}));
    for (const QString& reason : reasons)
        QVERIFY(!reason.isEmpty());
    QCOMPARE(m_client->get("/api/v1/dataset/00000000-0000-0000-0000-000000000000/skipped").status, 404);
}

void TestLocalEngine::exploreClustersHaveTheDocumentedShape() {
    const HttpResult r = m_client->get("/api/v1/explore/" + m_datasetId, exploreQuery());
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().value("metadata").isObject());
    const QJsonArray clusters = r.object().value("clusters").toArray();
    QVERIFY(!clusters.isEmpty());
    const QStringList clusterKeys = {"cluster_id",
                                     "type",
                                     "n_images",
                                     "n_objects",
                                     "n_videos",
                                     "n_frames",
                                     "size_display_value",
                                     "similarity_threshold",
                                     "labels",
                                     "user_tags",
                                     "captions",
                                     "relevance_score",
                                     "relevance_score_type",
                                     "formed_by",
                                     "previews"};
    const QStringList previewKeys = {"type",      "media_id",     "media_uri",       "media_thumb_uri",
                                     "caption",   "image_id",     "image_uri",       "bounding_box",
                                     "file_name", "original_uri", "video_uri",       "frame_timestamp",
                                     "labels",    "user_tags",    "relevance_score", "relevance_score_type",
                                     "width",     "height"};
    int images = 0;
    QSet<QString> ids;
    for (const QJsonValue& v : clusters) {
        const QJsonObject c = v.toObject();
        for (const QString& key : clusterKeys)
            QVERIFY2(c.contains(key), qPrintable(key));
        QCOMPARE(c.value("type").toString(), QString("IMAGES"));
        QVERIFY(c.value("similarity_threshold").isString());
        QCOMPARE(c.value("n_frames").toInt(), -1);
        QCOMPARE(c.value("relevance_score_type").toString(), QString("cosine_distance"));
        QVERIFY(c.value("labels").isObject());
        images += c.value("n_images").toInt();
        ids.insert(c.value("cluster_id").toString());
        const QJsonArray previews = c.value("previews").toArray();
        QVERIFY(!previews.isEmpty() && previews.size() <= 9);
        for (const QJsonValue& pv : previews) {
            const QJsonObject p = pv.toObject();
            for (const QString& key : previewKeys)
                QVERIFY2(p.contains(key), qPrintable(key));
            QCOMPARE(p.value("type").toString(), QString("IMAGE"));
            QVERIFY(p.value("bounding_box").isNull());
            QCOMPARE(p.value("video_uri").toString(), QString(""));
            QVERIFY(p.value("media_uri").toString().startsWith("http://127.0.0.1:"));
            QVERIFY(p.value("width").toInt() > 0 && p.value("height").toInt() > 0);
        }
    }
    QCOMPARE(images, 6);
    QCOMPARE(ids.size(), clusters.size());
    // Cluster ids are stable between calls.
    const HttpResult again = m_client->get("/api/v1/explore/" + m_datasetId, exploreQuery());
    QCOMPARE(again.object().value("clusters").toArray().first().toObject().value("cluster_id"),
             clusters.first().toObject().value("cluster_id"));
    // Page 1 of a dataset with fewer than 100 clusters is empty.
    const HttpResult page1 =
        m_client->get("/api/v1/explore/" + m_datasetId, exploreQuery({{"page_number", "1"}}));
    QCOMPARE(page1.status, 200);
    QVERIFY(page1.object().value("clusters").toArray().isEmpty());
    // OBJECTS: no objects exist locally.
    const HttpResult objects =
        m_client->get("/api/v1/explore/" + m_datasetId, exploreQuery({{"entity_type", "OBJECTS"}}));
    QCOMPARE(objects.status, 200);
    QVERIFY(objects.object().value("clusters").toArray().isEmpty());
}

void TestLocalEngine::exploreGranularityIsMonotonic() {
    int previous = INT_MAX;
    for (int level = 0; level <= 4; ++level) {
        QList<QJsonObject> clusters;
        const QList<QJsonObject> all =
            previews(exploreQuery({{"threshold", QString::number(level)}}), &clusters);
        QCOMPARE(all.size(), 6);
        QVERIFY2(clusters.size() <= previous,
                 qPrintable(QString("level %1: %2 > %3").arg(level).arg(clusters.size()).arg(previous)));
        previous = clusters.size();
        for (const QJsonObject& c : clusters)
            QCOMPARE(c.value("similarity_threshold").toString(), QString::number(level));
    }
}

void TestLocalEngine::exploreValidatesParameters() {
    const QString path = "/api/v1/explore/" + m_datasetId;
    // The first validation issue of a 422 answer (status in "status").
    auto firstIssue = [&](const QUrlQuery& q) {
        const HttpResult r = m_client->get(path, q);
        QJsonObject issue = r.object().value("detail").toArray().first().toObject();
        issue.insert("status", r.status);
        issue.insert("field", issue.value("loc").toArray().at(1));
        return issue;
    };
#define EXPECT_422(query, fieldName)                                                                         \
    do {                                                                                                     \
        const QJsonObject issue = firstIssue(query);                                                         \
        QCOMPARE(issue.value("status").toInt(), 422);                                                        \
        QCOMPARE(issue.value("field").toString(), QString(fieldName));                                       \
        QVERIFY(!issue.value("msg").toString().isEmpty());                                                   \
        QVERIFY(!issue.value("type").toString().isEmpty());                                                  \
    } while (false)
    EXPECT_422(exploreQuery({{"threshold", "7"}}), "threshold");
    EXPECT_422(exploreQuery({{"threshold", "abc"}}), "threshold");
    EXPECT_422(exploreQuery({{"entity_type", "VIDEOS"}}), "entity_type");
    QUrlQuery noEntity;
    noEntity.addQueryItem("threshold", "0");
    EXPECT_422(noEntity, "entity_type");
    EXPECT_422(exploreQuery({{"page_number", "-1"}}), "page_number");
    EXPECT_422(exploreQuery({{"vql", "[{\"text\":"}}), "vql");
    const QUrlQuery colour = exploreQuery({{"vql", "[{\"colour\":{\"op\":\"is\",\"value\":\"red\"}}]"}});
    EXPECT_422(colour, "vql");
    QVERIFY(firstIssue(colour).value("msg").toString().contains("colour"));
    const QUrlQuery fuzzy = exploreQuery({{"vql", "[{\"issues\":{\"op\":\"issue\",\"value\":\"fuzzy\"}}]"}});
    EXPECT_422(fuzzy, "vql");
    QVERIFY(firstIssue(fuzzy).value("msg").toString().contains("fuzzy"));
    EXPECT_422(exploreQuery({{"textual_similarity_threshold", "3"}}), "textual_similarity_threshold");
    EXPECT_422(exploreQuery({{"anchor_media_id", m_datasetId}, {"anchor_type", "OTHER"}}), "anchor_type");
#undef EXPECT_422
    QCOMPARE(m_client->get("/api/v1/explore/00000000-0000-0000-0000-000000000000", exploreQuery()).status,
             404);
    // An anchor that does not exist.
    const HttpResult missing =
        m_client->get(path, exploreQuery({{"anchor_media_id", "1b7e8a1e-0000-4000-8000-000000000000"},
                                          {"anchor_type", "UPLOAD"}}));
    QCOMPARE(missing.status, 404);
}

void TestLocalEngine::fullTextSearchSyntax() {
    auto fts = [&](const QString& text) {
        QJsonArray filter{QJsonObject{{"text", QJsonObject{{"op", "fts"}, {"value", text}}}}};
        QStringList names = fileNames(
            exploreQuery({{"vql", QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact))}}));
        names.sort();
        return names;
    };
    QCOMPARE(fts("sleeping"), QStringList({"cat1.jpg", "dog2.png"}));
    QCOMPARE(fts("sleep"), QStringList({"cat1.jpg", "dog2.png"})); // porter stemming
    QCOMPARE(fts("sleeping AND sofa"), QStringList({"cat1.jpg"}));
    QCOMPARE(fts("sleeping sofa"), QStringList({"cat1.jpg"}));
    QCOMPARE(fts("puppy OR sofa"), QStringList({"cat1.jpg", "dog1.jpg"}));
    QCOMPARE(fts("sleeping -car"), QStringList({"cat1.jpg"}));
    QCOMPARE(fts("-kitten -sleeping"), QStringList({"dog1.jpg", "night.jpg"}));
    QCOMPARE(fts("\"running on the beach\""), QStringList({"dog1.jpg"}));
    QCOMPARE(fts("\"beach running\""), QStringList());
    QCOMPARE(fts("(puppy OR kitten) AND yarn"), QStringList({"cat2.jpg", "cat2_copy.jpg"}));
    QCOMPARE(fts("cats"),
             QStringList({"cat1.jpg", "cat2.jpg", "cat2_copy.jpg"})); // the folder label is indexed
    QCOMPARE(fts("kitt*"), QStringList({"cat2.jpg", "cat2_copy.jpg"}));

    for (const QString& bad :
         {QString("\"unbalanced"), QString("(sofa"), QString("sofa AND"), QString("OR")}) {
        QJsonArray filter{QJsonObject{{"text", QJsonObject{{"op", "fts"}, {"value", bad}}}}};
        const HttpResult r =
            m_client->get("/api/v1/explore/" + m_datasetId,
                          exploreQuery({{"vql", QString::fromUtf8(QJsonDocument(filter).toJson())}}));
        QVERIFY2(r.status == 422, qPrintable(bad));
    }
}

void TestLocalEngine::semanticSearchUsesSynonyms() {
    auto semantic = [&](const QString& text, double threshold) {
        QJsonArray filter{QJsonObject{
            {"text", QJsonObject{{"op", "semantic"}, {"value", text}, {"threshold", threshold}}}}};
        return previews(
            exploreQuery({{"vql", QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact))}}));
    };
    // "automobile" is a WordNet synonym of "car" (dog2's caption says car).
    QList<QJsonObject> hits = semantic("automobile", 0.5);
    QVERIFY(!hits.isEmpty());
    QCOMPARE(hits.first().value("file_name").toString(), QString("dog2.png"));
    const double score = hits.first().value("relevance_score").toDouble();
    QVERIFY(score >= 0 && score <= 0.5);
    // "animal" is a hypernym of cat, kitten, puppy and dog.
    QStringList animals;
    for (const QJsonObject& p : semantic("animal", 0.3))
        animals.append(p.value("file_name").toString());
    animals.sort();
    QCOMPARE(animals,
             QStringList({"cat1.jpg", "cat2.jpg", "cat2_copy.jpg", "dog1.jpg", "dog2.png", "night.jpg"}));
    // Stricter threshold keeps only exact-ish matches.
    for (const QJsonObject& p : semantic("sleeping cat", 0.9))
        QCOMPARE(p.value("file_name").toString(), QString("cat1.jpg"));
    QVERIFY(semantic("submarine volcano", 0.3).isEmpty());
}

void TestLocalEngine::captionParameterRanksAndThresholds() {
    const QList<QJsonObject> hits =
        previews(exploreQuery({{"caption", "puppy beach"}, {"textual_similarity_threshold", "0.5"}}));
    QVERIFY(!hits.isEmpty());
    QCOMPARE(hits.first().value("file_name").toString(), QString("dog1.jpg"));
    for (const QJsonObject& p : hits)
        QVERIFY(p.value("relevance_score").toDouble() < 0.5);
    // The legacy parameter name works the same.
    const QList<QJsonObject> legacy =
        previews(exploreQuery({{"image_caption", "puppy beach"}, {"textual_similarity_threshold", "0.5"}}));
    QCOMPARE(legacy.size(), hits.size());
}

void TestLocalEngine::labelAndIssueFilters() {
    QStringList cats = fileNames(exploreQuery({{"labels", "[\"cats\"]"}}));
    cats.sort();
    QCOMPARE(cats, QStringList({"cat1.jpg", "cat2.jpg", "cat2_copy.jpg"}));
    QStringList legacy = fileNames(exploreQuery({{"labels", "[cats]"}}));
    QCOMPARE(legacy.size(), 3);
    QStringList notCats =
        fileNames(exploreQuery({{"vql", vql(R"([{"labels":{"op":"not_one_of","value":["cats"]}}])")}}));
    notCats.sort();
    QCOMPARE(notCats, QStringList({"dog1.jpg", "dog2.png", "night.jpg"}));
    QCOMPARE(fileNames(exploreQuery({{"vql", vql(R"([{"labels":{"op":"is","value":["dogs"]}}])")}})).size(),
             3);
    // Cluster label counts are an object of label -> count.
    QList<QJsonObject> clusters;
    previews(exploreQuery({{"labels", "[\"cats\"]"}}), &clusters);
    int counted = 0;
    for (const QJsonObject& c : clusters)
        counted += c.value("labels").toObject().value("cats").toInt();
    QCOMPARE(counted, 3);

    const QStringList darkOnes = fileNames(exploreQuery(
        {{"vql",
          vql(R"([{"issues":{"op":"issue","value":"dark","confidence_min":0.5,"confidence_max":1.0,"mode":"in"}}])")}}));
    QCOMPARE(darkOnes, QStringList({"night.jpg"}));
    const QStringList notDark =
        fileNames(exploreQuery({{"vql", vql(R"([{"issues":{"op":"issue","value":"dark","mode":"out"}}])")}}));
    QCOMPARE(notDark.size(), 5);
    QVERIFY(!notDark.contains("night.jpg"));
    // Filters AND together: dark AND labelled cats = nothing.
    QVERIFY(
        fileNames(
            exploreQuery(
                {{"vql",
                  vql(R"([{"issues":{"op":"issue","value":"dark","mode":"in"}},{"labels":{"op":"one_of","value":["cats"]}}])")}}))
            .isEmpty());
    // No user tags locally: "untagged" keeps everything, a tag id matches nothing.
    QCOMPARE(fileNames(exploreQuery({{"tags", "untagged"}})).size(), 6);
    QCOMPARE(fileNames(exploreQuery({{"tags", "[\"untagged\"]"}})).size(), 6);
    QVERIFY(fileNames(exploreQuery({{"tags", "[\"7d2f0c1e-1111-4222-8333-944455556666\"]"}})).isEmpty());
}

void TestLocalEngine::duplicatesAndUniquenessFilters() {
    QList<QJsonObject> clusters;
    const QList<QJsonObject> dups = previews(
        exploreQuery({{"vql", vql(R"([{"duplicates":{"op":"duplicates","value":0.9}}])")}}), &clusters);
    QStringList names;
    for (const QJsonObject& p : dups)
        names.append(p.value("file_name").toString());
    names.sort();
    QCOMPARE(names, QStringList({"cat2.jpg", "cat2_copy.jpg"}));
    QCOMPARE(clusters.size(), 1);
    QCOMPARE(clusters.first().value("formed_by").toString(), QString("DUPLICATES"));

    const QStringList unique =
        fileNames(exploreQuery({{"vql", vql(R"([{"uniqueness":{"op":"uniqueness","value":0.5}}])")}}));
    QVERIFY(!unique.isEmpty());
    QVERIFY(!unique.contains("cat2.jpg") && !unique.contains("cat2_copy.jpg"));
    QCOMPARE(
        fileNames(exploreQuery({{"vql", vql(R"([{"uniqueness":{"op":"uniqueness","value":0}}])")}})).size(),
        6);
}

void TestLocalEngine::visualSearchWithBoundingBoxFindsTheCrop() {
    // dog1's scene pasted into the left half of an unrelated picture; the box selects it.
    QImage composite = TestImages::scene(99, 1280, 480);
    {
        QPainter p(&composite);
        p.drawImage(QPoint(0, 0), TestImages::scene(3));
    }
    const QByteArray upload = TestImages::encode(composite);
    QUrlQuery q;
    q.addQueryItem("entity_type", "IMAGES");
    q.addQueryItem("threshold", "0");
    q.addQueryItem("bounding_box",
                   QString(QUrl::toPercentEncoding("{\"x\":0,\"y\":0,\"width\":0.5,\"height\":1}")));
    HttpResult r =
        m_client->postFile("/api/v1/dataset/" + m_datasetId + "/search-image-similarity", q, upload);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("anchor_type").toString(), QString("UPLOAD"));
    const QString anchor = r.object().value("anchor_media_id").toString();
    QVERIFY(!anchor.isEmpty());
    QList<QJsonObject> clusters;
    QList<QJsonObject> ranked =
        previews(exploreQuery({{"anchor_media_id", anchor}, {"anchor_type", "UPLOAD"}}), &clusters);
    QCOMPARE(ranked.size(), 6);
    QCOMPARE(ranked.first().value("file_name").toString(), QString("dog1.jpg"));
    QVERIFY(ranked.first().value("relevance_score").toDouble() < 0.2);
    QCOMPARE(clusters.first().value("relevance_score").toDouble(),
             ranked.first().value("relevance_score").toDouble());
    for (int i = 1; i < clusters.size(); ++i)
        QVERIFY(clusters[i - 1].value("relevance_score").toDouble() <=
                clusters[i].value("relevance_score").toDouble());

    // The same box as CSV pixels, sent as a form field.
    QUrlQuery plain;
    plain.addQueryItem("entity_type", "IMAGES");
    r = m_client->postFile("/api/v1/dataset/" + m_datasetId + "/search-image-similarity", plain, upload,
                           {{"bounding_box", "0,0,640,480"}});
    QCOMPARE(r.status, 200);
    ranked = previews(exploreQuery(
        {{"anchor_media_id", r.object().value("anchor_media_id").toString()}, {"anchor_type", "UPLOAD"}}));
    QCOMPARE(ranked.first().value("file_name").toString(), QString("dog1.jpg"));

    // Without the box the whole composite is searched and dog1 is no longer a near-identical match.
    r = m_client->postFile("/api/v1/dataset/" + m_datasetId + "/search-image-similarity", plain, upload);
    QCOMPARE(r.status, 200);
    const QList<QJsonObject> whole = previews(exploreQuery(
        {{"anchor_media_id", r.object().value("anchor_media_id").toString()}, {"anchor_type", "UPLOAD"}}));
    double wholeDog1 = -1;
    for (const QJsonObject& p : whole) {
        if (p.value("file_name").toString() == "dog1.jpg")
            wholeDog1 = p.value("relevance_score").toDouble();
    }
    QVERIFY(wholeDog1 > ranked.first().value("relevance_score").toDouble());
}

void TestLocalEngine::visualSearchErrors() {
    const QString path = "/api/v1/dataset/" + m_datasetId + "/search-image-similarity";
    QUrlQuery q;
    q.addQueryItem("entity_type", "IMAGES");
    HttpResult r = m_client->postFile(path, q, QByteArray(), {{"note", "no file here"}});
    QCOMPARE(r.status, 400);
    QVERIFY2(r.detail().contains("'file'"), qPrintable(r.detail()));
    r = m_client->postFile(path, q, QByteArray()); // an empty multipart body
    QCOMPARE(r.status, 400);
    QVERIFY(!r.detail().isEmpty());
    r = m_client->postFile(path, q, "this is plain text, not an image");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.object().value("detail").toArray().first().toObject().value("loc").toArray().at(1).toString(),
             QString("file"));
    const QByteArray image = TestImages::encode(TestImages::scene(1));
    QUrlQuery badBox = q;
    badBox.addQueryItem("bounding_box",
                        QString(QUrl::toPercentEncoding("{\"x\":0.2,\"y\":0.2,\"width\":0,\"height\":0.5}")));
    r = m_client->postFile(path, badBox, image);
    QCOMPARE(r.status, 422);
    QUrlQuery junkBox = q;
    junkBox.addQueryItem("bounding_box", "banana");
    QCOMPARE(m_client->postFile(path, junkBox, image).status, 422);
    QUrlQuery badEntity;
    badEntity.addQueryItem("entity_type", "FACES");
    QCOMPARE(m_client->postFile(path, badEntity, image).status, 422);
    QCOMPARE(m_client
                 ->postFile("/api/v1/dataset/00000000-0000-0000-0000-000000000000/search-image-similarity", q,
                            image)
                 .status,
             404);
}

void TestLocalEngine::mediaAnchorRanksItselfFirst() {
    const QString kitten = mediaIdOf("cat2.jpg");
    QVERIFY(!kitten.isEmpty());
    const QList<QJsonObject> ranked =
        previews(exploreQuery({{"anchor_media_id", kitten}, {"anchor_type", "MEDIA"}}));
    QCOMPARE(ranked.size(), 6);
    QCOMPARE(ranked[0].value("media_id").toString(), kitten);
    QVERIFY(ranked[0].value("relevance_score").toDouble() < 1e-4);
    QCOMPARE(ranked[1].value("file_name").toString(), QString("cat2_copy.jpg"));
    // A MEDIA anchor is a dataset item, not an upload id.
    QCOMPARE(m_client
                 ->get("/api/v1/explore/" + m_datasetId,
                       exploreQuery({{"anchor_media_id", "1b7e8a1e-0000-4000-8000-000000000000"},
                                     {"anchor_type", "MEDIA"}}))
                 .status,
             404);
}

void TestLocalEngine::relatedExploreEndpoints() {
    QUrlQuery level;
    level.addQueryItem("threshold", "0");
    HttpResult r = m_client->get("/api/v1/explore/" + m_datasetId + "/exploration_metadata", level);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("dataset_name").toString(), QString("Pets"));
    QCOMPARE(r.object().value("media_count").toInt(), 6);
    QList<QJsonObject> clusters;
    previews(exploreQuery(), &clusters);
    QCOMPARE(r.object().value("clusters_count").toInt(), clusters.size());
    QCOMPARE(r.object().value("labels").toArray().size(), 2);
    QCOMPARE(r.object().value("labels").toArray().first().toObject().value("name").toString(),
             QString("cats"));
    QCOMPARE(r.object().value("labels").toArray().first().toObject().value("count").toInt(), 3);

    const QString kitten = mediaIdOf("cat2.jpg");
    r = m_client->get("/api/v1/dataset/" + m_datasetId + "/media/" + kitten + "/duplicates");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().size(), 1);
    QCOMPARE(r.array().first().toString(), mediaIdOf("cat2_copy.jpg"));
    QCOMPARE(m_client->get("/api/v1/dataset/" + m_datasetId + "/media/" + m_datasetId + "/duplicates").status,
             404);

    r = m_client->get("/api/v1/image/" + kitten);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("file_name").toString(), QString("cat2.jpg"));
    QCOMPARE(r.object().value("caption").toString(), QString("A kitten playing with yarn"));
    QVERIFY(r.object().value("image_uri").toString().startsWith("http://127.0.0.1:"));
    QCOMPARE(m_client->get("/api/v1/image/5b0f5f4e-0000-4000-8000-000000000000").status, 404);
}

void TestLocalEngine::mediaUrlsAreSignedAndConfined() {
    QJsonObject preview;
    for (const QJsonObject& p : previews(exploreQuery())) {
        if (p.value("file_name").toString() == "dog2.png")
            preview = p;
    }
    QVERIFY(!preview.isEmpty());
    const QByteArray none;
    const QUrl original(preview.value("media_uri").toString());
    HttpResult r = m_client->getUrl(original, &none);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("image/png"));
    QFile source(m_folder + "/dogs/dog2.png");
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(r.body, source.readAll());
    QCOMPARE(QUrl(preview.value("image_uri").toString()), original);

    r = m_client->getUrl(QUrl(preview.value("media_thumb_uri").toString()), &none);
    QCOMPARE(r.status, 200);
    QVERIFY(r.contentType == "image/webp" || r.contentType == "image/jpeg");
    QImage thumb;
    QVERIFY(thumb.loadFromData(r.body));
    QVERIFY(qMax(thumb.width(), thumb.height()) <= 512);

    // A signature is bound to its path: it opens no other file and cannot be forged.
    QUrl tampered = original;
    tampered.setPath(original.path().replace("/original", "/thumb/256"));
    QCOMPARE(m_client->getUrl(tampered, &none).status, 403);
    QUrl forged = original;
    forged.setQuery("sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QCOMPARE(m_client->getUrl(forged, &none).status, 403);
    QUrl unsigned_ = original;
    unsigned_.setQuery(QString());
    QCOMPARE(m_client->getUrl(unsigned_, &none).status, 401);
    QCOMPARE(m_client->getUrl(unsigned_).status, 200); // a bearer token works too

    // Paths never reach the file system: traversal and foreign ids are refused.
    const QString sig = QUrlQuery(original).queryItemValue("sig");
    for (const QByteArray& line :
         {QByteArray("GET /api/v1/media/../../../../etc/passwd HTTP/1.1"),
          QByteArray("GET /api/v1/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd/original HTTP/1.1"),
          QByteArray("GET /api/v1/media/") + original.path().section('/', 4, 4).toLatin1() +
              "/original/../../../../etc/passwd?sig=" + sig.toLatin1() + " HTTP/1.1",
          QByteArray("GET /api/v1/media/..%2f..%2f..%2fetc%2fpasswd/original HTTP/1.1"),
          QByteArray("GET /api/v1/media/00000000-0000-0000-0000-000000000000/original HTTP/1.1")}) {
        const HttpResult t = m_client->raw(line);
        QVERIFY2(t.status == 404 || t.status == 401 || t.status == 400 || t.status == 403, line.constData());
        QVERIFY(!t.body.contains("root:"));
    }
    // A file swapped for a link leaving the folder is not served.
    const QString dogPath = m_folder + "/dogs/dog1.jpg";
    const QString dog1 = mediaIdOf("dog1.jpg");
    QVERIFY(QFile::rename(dogPath, dogPath + ".bak"));
    QVERIFY(QFile::link("/etc/hostname", dogPath));
    QCOMPARE(m_client->get("/api/v1/media/" + dog1 + "/original").status, 404);
    QFile::remove(dogPath);
    QVERIFY(QFile::rename(dogPath + ".bak", dogPath));
    QCOMPARE(m_client->get("/api/v1/media/" + dog1 + "/original").status, 200);
}

void TestLocalEngine::enrichmentEndpointsAreHonest() {
    HttpResult r = m_client->get("/api/v1/enrichment/" + m_datasetId + "/list_models");
    QCOMPARE(r.status, 200);
    QVERIFY(!r.array().isEmpty());
    QString modelId, modelType;
    for (const QJsonValue& v : r.array()) {
        const QJsonObject m = v.toObject();
        for (const char* key : {"id", "name", "type", "status", "vendor", "description", "dependencies"})
            QVERIFY(m.contains(key));
        QCOMPARE(m.value("vendor").toString(), QString("Local"));
        QVERIFY(m.value("description").toString().size() > 20);
        if (m.value("status").toString() == "Coming Soon") {
            modelId = m.value("id").toString();
            modelType = m.value("type").toString();
        }
    }
    QVERIFY(!modelId.isEmpty()); // captioning ships as Coming Soon
    r = m_client->get("/api/v1/enrichment/" + m_datasetId + "/context");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("NEW"));
    QVERIFY(!r.object().value("enrichment_context_id").toString().isEmpty());
    QVERIFY(r.object()
                .value("dataset_enrichment_models")
                .toObject()
                .value("enrichment_models")
                .toObject()
                .isEmpty());

    const QString enrich = "/api/v1/dataset/" + m_datasetId + "/enrich_dataset";
    r = m_client->post(
        enrich, {},
        QJsonDocument(QJsonObject{{"enrichment_models", QJsonObject{{modelType, modelId}}}}).toJson());
    QCOMPARE(r.status, 422);
    QVERIFY(r.object().value("detail").toArray().first().toObject().value("msg").toString().contains(
        "Coming Soon"));
    r = m_client->post(enrich, {}, R"({"enrichment_models":{"TELEPATHY":"x"}})");
    QCOMPARE(r.status, 422);
    r = m_client->post(enrich, {}, R"({"enrichment_models":{"CAPTION_IMAGES":"no_such_model"}})");
    QCOMPARE(r.status, 422);
    QCOMPARE(m_client->get("/api/v1/enrichment/00000000-0000-0000-0000-000000000000/list_models").status,
             404);
    const QString contextId = m_client->get("/api/v1/enrichment/" + m_datasetId + "/context")
                                  .object()
                                  .value("enrichment_context_id")
                                  .toString();
    r = m_client->get("/api/v1/enrichment/" + m_datasetId + "/" + contextId + "/status");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("NEW"));
    QCOMPARE(m_client->get("/api/v1/enrichment/" + m_datasetId + "/" + m_datasetId + "/status").status, 404);
    QCOMPARE(m_client->remove("/api/v1/enrichment/" + m_datasetId + "/" + contextId + "/abort").status, 409);
}

void TestLocalEngine::errorStatesAndDeletion() {
    // A folder that vanishes before a rescan puts the dataset in ERROR; explore then answers 409.
    const QString gone = m_root.filePath("vanishing");
    TestImages::save(TestImages::scene(7), gone + "/a.jpg");
    QUrlQuery q;
    q.addQueryItem("path", gone);
    const QString id = m_client->post("/api/v1/process", q).object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(id, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    QVERIFY(QDir(gone).removeRecursively());
    QCOMPARE(m_client->post("/api/v1/dataset/" + id + "/reindex").status, 202);
    const QJsonObject failed = m_client->waitForStatus(id, {"ERROR"});
    QCOMPARE(failed.value("status_new").toString(), QString("ERROR"));
    QCOMPARE(failed.value("status").toString(), QString("FATAL_ERROR"));
    QVERIFY(failed.value("fatal_error_msg").toString().contains("no longer exists"));
    const HttpResult conflict = m_client->get("/api/v1/explore/" + id, exploreQuery());
    QCOMPARE(conflict.status, 409);
    QVERIFY(!conflict.detail().isEmpty());
    QUrlQuery search;
    search.addQueryItem("entity_type", "IMAGES");
    QCOMPARE(m_client
                 ->postFile("/api/v1/dataset/" + id + "/search-image-similarity", search,
                            TestImages::encode(TestImages::scene(1)))
                 .status,
             409);
    QCOMPARE(
        m_client->post("/api/v1/dataset/" + id + "/enrich_dataset", {}, R"({"enrichment_models":{}})").status,
        409);

    // An empty folder ends READY with no images.
    QDir().mkpath(m_root.filePath("empty-folder"));
    QUrlQuery e;
    e.addQueryItem("path", m_root.filePath("empty-folder"));
    const QString emptyId = m_client->post("/api/v1/process", e).object().value("dataset_id").toString();
    const QJsonObject emptyReady = m_client->waitForStatus(emptyId, {"READY", "ERROR"});
    QCOMPARE(emptyReady.value("status_new").toString(), QString("READY"));
    QCOMPARE(emptyReady.value("n_images").toInt(), 0);

    const HttpResult deleted = m_client->remove("/api/v1/dataset/" + id);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(m_client->get("/api/v1/dataset/" + id).status, 404);
    QCOMPARE(m_client->remove("/api/v1/dataset/" + id).status, 404);
    QVERIFY(!QFileInfo::exists(m_dataDir + "/thumbs/" + id));
    QCOMPARE(m_client->post("/api/v1/dataset/" + id + "/reindex").status, 404);
}

QTEST_GUILESS_MAIN(TestLocalEngine)
#include "tst_LocalEngine.moc"
