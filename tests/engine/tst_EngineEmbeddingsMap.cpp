// The embeddings map extension (GET /dataset/{id}/embeddings_map) and the map_region VQL filter, over real
// HTTP on loopback against a folder of generated scenes: three scenes in three class folders, four
// near-duplicates each. Near-duplicates must land near each other on the map, labels follow the folders,
// and a polygon drawn on the served positions filters explore to exactly the points inside it.
#include "EngineTestClient.h"
#include "LocalEngine.h"
#include "TestImages.h"

#include <QPolygonF>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

using vl::engine::LocalEngine;

namespace {

const QStringList kGroups = {"alpha", "beta", "gamma"};
constexpr int kVariants = 4;

struct MapPoint {
    QString mediaId;
    QPointF position;
    QString label;
};

double distance(const QPointF& a, const QPointF& b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

} // namespace

class TestEngineEmbeddingsMap : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_datasetId;
    QHash<QString, QString> m_groupOfMedia; // media id -> group, from explore's file names

    QString mapPath() const { return "/api/v1/dataset/" + m_datasetId + "/embeddings_map"; }
    QList<MapPoint> readMap(const QJsonObject& map) const {
        QList<MapPoint> points;
        const QJsonArray ids = map.value("media_ids").toArray();
        const QJsonArray labels = map.value("labels").toArray();
        for (int i = 0; i < ids.size(); ++i) {
            points.append(
                {ids.at(i).toString(),
                 QPointF(map.value("x").toArray().at(i).toInt(), map.value("y").toArray().at(i).toInt()),
                 labels.at(map.value("label").toArray().at(i).toInt()).toString()});
        }
        return points;
    }
    QSet<QString> exploreIds(const QString& vql) {
        QSet<QString> ids;
        for (const QJsonObject& preview :
             EngineTestClient::previewsOf(m_client->exploreAll(m_datasetId, "IMAGES", {{"vql", vql}})))
            ids.insert(preview.value("media_id").toString());
        return ids;
    }
    static QString regionVql(const QPolygonF& polygon) {
        QJsonArray vertices;
        for (const QPointF& p : polygon)
            vertices.append(QJsonArray{p.x(), p.y()});
        const QJsonArray vql{QJsonObject{{"map_region", QJsonObject{{"op", "inside"}, {"value", vertices}}}}};
        return QString::fromUtf8(QJsonDocument(vql).toJson(QJsonDocument::Compact));
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void servesEveryImageWithItsFolderLabel();
    void nearDuplicatesLandNearEachOther();
    void isCachedAndDeterministic();
    void regionFilterKeepsThePointsInsideThePolygon();
    void rejectsWhatItCannotServe();
};

void TestEngineEmbeddingsMap::initTestCase() {
    QVERIFY(m_root.isValid());
    const QString folder = m_root.filePath("photos");
    for (int g = 0; g < kGroups.size(); ++g) {
        const QImage base = TestImages::scene(11 + g * 5, 320, 240);
        for (int v = 0; v < kVariants; ++v) {
            const QString path = QStringLiteral("%1/%2/%2_%3.jpg").arg(folder, kGroups[g]).arg(v);
            QVERIFY(TestImages::save(TestImages::brighter(base, v * 8), path));
        }
    }
    m_engine = std::make_unique<LocalEngine>(m_root.filePath("engine-data"));
    QString error;
    QVERIFY2(m_engine->start(0, &error), qPrintable(error));
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", folder);
    q.addQueryItem("name", "Map");
    const HttpResult r = m_client->post("/api/v1/process", q);
    QCOMPARE(r.status, 200);
    m_datasetId = r.object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    for (const QJsonObject& preview :
         EngineTestClient::previewsOf(m_client->exploreAll(m_datasetId, "IMAGES")))
        m_groupOfMedia.insert(preview.value("media_id").toString(),
                              preview.value("file_name").toString().section('_', 0, 0));
    QCOMPARE(m_groupOfMedia.size(), kGroups.size() * kVariants);
}

void TestEngineEmbeddingsMap::cleanupTestCase() {
    m_client.reset();
    if (m_engine)
        m_engine->stop();
}

void TestEngineEmbeddingsMap::servesEveryImageWithItsFolderLabel() {
    const HttpResult r = m_client->get(mapPath());
    QCOMPARE(r.status, 200);
    const QJsonObject map = r.object();
    QCOMPARE(map.value("entity_type").toString(), QString("IMAGES"));
    QCOMPARE(map.value("method").toString(), QString("pca"));
    QCOMPARE(map.value("scale").toInt(), 10000);
    const QList<MapPoint> points = readMap(map);
    QCOMPARE(points.size(), m_groupOfMedia.size());
    for (const char* key : {"x", "y", "label"})
        QCOMPARE(map.value(key).toArray().size(), points.size());
    for (const MapPoint& p : points) {
        QCOMPARE(p.label, m_groupOfMedia.value(p.mediaId));
        QVERIFY(p.position.x() >= 0 && p.position.x() <= 10000);
        QVERIFY(p.position.y() >= 0 && p.position.y() <= 10000);
    }
    const double explained = map.value("explained_variance").toDouble();
    QVERIFY2(explained > 0.5 && explained <= 1.0, qPrintable(QString::number(explained)));
}

// Each image's nearest point on the map is one of its own near-duplicates, and the groups are far
// apart compared with their own spread.
void TestEngineEmbeddingsMap::nearDuplicatesLandNearEachOther() {
    const QList<MapPoint> points = readMap(m_client->get(mapPath()).object());
    double within = 0, between = 0;
    int withinPairs = 0, betweenPairs = 0;
    for (int i = 0; i < points.size(); ++i) {
        int nearest = -1;
        for (int j = 0; j < points.size(); ++j) {
            if (j == i)
                continue;
            const double d = distance(points[i].position, points[j].position);
            if (nearest < 0 || d < distance(points[i].position, points[nearest].position))
                nearest = j;
            const bool same = points[i].label == points[j].label;
            (same ? within : between) += d;
            ++(same ? withinPairs : betweenPairs);
        }
        QCOMPARE(points[nearest].label, points[i].label);
    }
    within /= withinPairs;
    between /= betweenPairs;
    QVERIFY2(within < 0.25 * between,
             qPrintable(QStringLiteral("within %1, between %2").arg(within).arg(between)));
}

void TestEngineEmbeddingsMap::isCachedAndDeterministic() {
    const QByteArray first = m_client->get(mapPath()).body;
    QCOMPARE(m_client->get(mapPath()).body, first);
}

void TestEngineEmbeddingsMap::regionFilterKeepsThePointsInsideThePolygon() {
    const QList<MapPoint> points = readMap(m_client->get(mapPath()).object());
    // A triangle around the first group's points (their bounding box's corner and two far points).
    QRectF box;
    for (const MapPoint& p : points) {
        if (p.label == kGroups[0])
            box = box.isNull() ? QRectF(p.position, QSizeF(0.5, 0.5))
                               : box.united(QRectF(p.position, QSizeF(0.5, 0.5)));
    }
    box.adjust(-5, -5, 5, 5);
    const QPolygonF polygon({box.topLeft(), box.topRight() + QPointF(box.width(), 0),
                             box.bottomLeft() + QPointF(0, box.height())});
    QSet<QString> expected;
    for (const MapPoint& p : points) {
        if (polygon.containsPoint(p.position, Qt::OddEvenFill))
            expected.insert(p.mediaId);
    }
    QVERIFY(expected.size() >= kVariants);
    QVERIFY(expected.size() < points.size());
    QCOMPARE(exploreIds(regionVql(polygon)), expected);
    // A polygon away from every point leaves nothing.
    QCOMPARE(exploreIds(regionVql(QPolygonF({{-30, -30}, {-20, -30}, {-20, -20}}))).size(), 0);
}

void TestEngineEmbeddingsMap::rejectsWhatItCannotServe() {
    QCOMPARE(m_client->get("/api/v1/dataset/no-such-dataset/embeddings_map").status, 404);
    QUrlQuery bad;
    bad.addQueryItem("entity_type", "PIXELS");
    QCOMPARE(m_client->get(mapPath(), bad).status, 422);
    const QByteArray none;
    QCOMPARE(m_client->get(mapPath(), {}, &none).status, 401);
    QUrlQuery twoVertices;
    twoVertices.addQueryItem("entity_type", "IMAGES");
    twoVertices.addQueryItem("threshold", "0");
    twoVertices.addQueryItem(
        "vql", QUrl::toPercentEncoding(R"([{"map_region":{"op":"inside","value":[[0,0],[1,1]]}}])"));
    const HttpResult r = m_client->get("/api/v1/explore/" + m_datasetId, twoVertices);
    QCOMPARE(r.status, 422);
}

QTEST_GUILESS_MAIN(TestEngineEmbeddingsMap)
#include "tst_EngineEmbeddingsMap.moc"
