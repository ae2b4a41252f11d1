// Every numeric parameter of explore and the search routes, out of range or not a number, over real HTTP:
// each answer is a FastAPI-style 422 naming the parameter, the engine stays up and the next request works.
// Regression for page_number=21474837, whose page * 100 overflowed int and crashed the engine (SIGSEGV).
#include "EngineTestClient.h"
#include "LocalEngine.h"
#include "TestImages.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using vl::engine::LocalEngine;

namespace {

enum class Route { Explore, Metadata, SearchImage };

QString encoded(const QString& value) {
    return QString(QUrl::toPercentEncoding(value));
}

QString vqlFilter(const QString& key, const QString& body) {
    return QStringLiteral("[{\"%1\":{%2}}]").arg(key, body);
}

} // namespace

Q_DECLARE_METATYPE(Route)

class TestEngineParameterRanges : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_datasetId;
    QByteArray m_upload;

    QUrlQuery baseQuery() const {
        QUrlQuery q;
        q.addQueryItem("entity_type", "IMAGES");
        q.addQueryItem("threshold", "0");
        return q;
    }
    HttpResult send(Route route, const QUrlQuery& query) {
        switch (route) {
        case Route::Explore:
            return m_client->get("/api/v1/explore/" + m_datasetId, query);
        case Route::Metadata:
            return m_client->get("/api/v1/explore/" + m_datasetId + "/exploration_metadata", query);
        case Route::SearchImage:
            return m_client->postFile("/api/v1/dataset/" + m_datasetId + "/search-image-similarity", query,
                                      m_upload);
        }
        return {};
    }
    // The engine still answers, and an ordinary explore still lists the whole dataset.
    void verifyEngineAlive() {
        QVERIFY(m_engine->isRunning());
        const QByteArray none;
        QCOMPARE(m_client->get("/api/v1/healthcheck", {}, &none).status, 200);
        const HttpResult r = m_client->get("/api/v1/explore/" + m_datasetId, baseQuery());
        QCOMPARE(r.status, 200);
        int images = 0;
        for (const QJsonValue& c : r.object().value("clusters").toArray())
            images += c.toObject().value("n_images").toInt();
        QCOMPARE(images, 5);
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void rejectsOutOfRangeNumbers_data();
    void rejectsOutOfRangeNumbers();
    void acceptsTheBoundaries();
    void duplicateThresholdFiltersLikeVql();
};

void TestEngineParameterRanges::initTestCase() {
    QVERIFY(m_root.isValid());
    const QString folder = m_root.filePath("photos");
    for (int seed = 1; seed <= 4; ++seed)
        QVERIFY(TestImages::save(TestImages::scene(seed), folder + QStringLiteral("/scene%1.jpg").arg(seed)));
    QVERIFY(TestImages::save(TestImages::brighter(TestImages::scene(2), 6), folder + "/scene2_copy.jpg", 80));
    m_upload = TestImages::encode(TestImages::scene(3));

    m_engine = std::make_unique<LocalEngine>(m_root.filePath("engine-data"));
    QString error;
    QVERIFY2(m_engine->start(0, &error), qPrintable(error));
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", folder);
    q.addQueryItem("name", "Ranges");
    const HttpResult r = m_client->post("/api/v1/process", q);
    QCOMPARE(r.status, 200);
    m_datasetId = r.object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
}

void TestEngineParameterRanges::cleanupTestCase() {
    m_client.reset();
    if (m_engine)
        m_engine->stop();
}

void TestEngineParameterRanges::rejectsOutOfRangeNumbers_data() {
    QTest::addColumn<Route>("route");
    QTest::addColumn<QString>("name");  // query parameter sent
    QTest::addColumn<QString>("value"); // its value (percent-encoded when sent)
    QTest::addColumn<QString>("field"); // the parameter the 422 must name

    const struct {
        const char* name;
        const char* value;
    } exploreCases[] = {
        {"page_number", "21474837"}, // the crash: 21474837 * 100 overflows int
        {"page_number", "2147483648"},
        {"page_number", "99999999999999999999999"},
        {"page_number", "-1"},
        {"page_number", "-9999999999999999999999"},
        {"page_number", "1.5"},
        {"page_number", "abc"},
        {"page_number", ""},
        {"threshold", "5"},
        {"threshold", "-1"},
        {"threshold", "4294967296"},
        {"threshold", "nan"},
        {"textual_similarity_threshold", "nan"},
        {"textual_similarity_threshold", "inf"},
        {"textual_similarity_threshold", "-0.1"},
        {"textual_similarity_threshold", "1.5"},
        {"textual_similarity_threshold", "1e999"},
        {"textual_similarity_threshold", "one"},
        {"duplicate_threshold", "2"},
        {"duplicate_threshold", "-0.5"},
        {"duplicate_threshold", "NaN"},
        {"duplicate_threshold", "high"},
    };
    for (const auto& c : exploreCases)
        QTest::addRow("explore %s=%s", c.name, c.value) << Route::Explore << c.name << c.value << c.name;

    const struct {
        const char* key;
        const char* body;
    } vqlCases[] = {
        {"text", R"("op":"semantic","value":"cat","threshold":5)"},
        {"text", R"("op":"semantic","value":"cat","threshold":-0.5)"},
        {"text", R"("op":"semantic","value":"cat","threshold":"high")"},
        {"similarity", R"("op":"upload","value":"x","threshold":3)"},
        {"similarity", R"("op":"upload","value":"x","threshold":-1)"},
        {"issues", R"("op":"issue","value":"blur","confidence_min":-1)"},
        {"issues", R"("op":"issue","value":"blur","confidence_max":2)"},
        {"issues", R"("op":"issue","value":"blur","confidence_min":"low")"},
        {"duplicates", R"("op":"duplicates","value":2)"},
        {"duplicates", R"("op":"duplicates","value":1e999)"},
        {"duplicates", R"("op":"duplicates")"},
        {"uniqueness", R"("op":"uniqueness","value":-0.5)"},
        {"uniqueness", R"("op":"uniqueness","value":[1])"},
    };
    for (const auto& c : vqlCases)
        QTest::addRow("vql %s {%s}", c.key, c.body)
            << Route::Explore << "vql" << vqlFilter(c.key, c.body) << "vql";

    QTest::addRow("metadata threshold=9") << Route::Metadata << "threshold"
                                          << "9"
                                          << "threshold";
    QTest::addRow("metadata threshold=x") << Route::Metadata << "threshold"
                                          << "x"
                                          << "threshold";
    QTest::addRow("metadata page_number=21474837") << Route::Metadata << "page_number"
                                                   << "21474837"
                                                   << "page_number";
    QTest::addRow("metadata page_number=-3") << Route::Metadata << "page_number"
                                             << "-3"
                                             << "page_number";

    QTest::addRow("search threshold=99") << Route::SearchImage << "threshold"
                                         << "99"
                                         << "threshold";
    QTest::addRow("search threshold=0x1") << Route::SearchImage << "threshold"
                                          << "0x1"
                                          << "threshold";
    const char* boxes[] = {
        R"({"x":"nan","y":0,"width":1,"height":1})",
        R"({"x":0,"y":0,"width":1e-12,"height":1e-12})",           // degenerate: well under one pixel
        R"({"x":-0.5,"y":0,"width":0.2,"height":0.5})",            // entirely outside the image
        R"({"x":100000,"y":100000,"width":1e308,"height":1e308})", // pixels entirely outside the image
        R"({"x":0,"y":0,"width":0,"height":0})",
        "1,2,3",
        "nan,nan,nan,nan",
        "0,0,inf,inf",
    };
    for (const char* box : boxes)
        QTest::addRow("search bounding_box=%s", box)
            << Route::SearchImage << "bounding_box" << box << "bounding_box";
}

void TestEngineParameterRanges::rejectsOutOfRangeNumbers() {
    QFETCH(Route, route);
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QUrlQuery query = baseQuery();
    query.removeQueryItem(name);
    query.addQueryItem(name, encoded(value));
    const HttpResult r = send(route, query);
    QCOMPARE(r.status, 422);
    const QJsonArray detail = r.object().value("detail").toArray();
    QVERIFY2(!detail.isEmpty(), r.body.constData());
    const QJsonObject issue = detail.first().toObject();
    QCOMPARE(issue.value("loc").toArray(), QJsonArray({"query", field}));
    QVERIFY(!issue.value("msg").toString().isEmpty());
    QVERIFY(!issue.value("type").toString().isEmpty());
    verifyEngineAlive();
}

void TestEngineParameterRanges::acceptsTheBoundaries() {
    // The largest page is valid and, far past the data, empty; the bounds of each range are inclusive.
    QUrlQuery last = baseQuery();
    last.addQueryItem("page_number", "1000000");
    HttpResult r = m_client->get("/api/v1/explore/" + m_datasetId, last);
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().value("clusters").toArray().isEmpty());
    for (const char* threshold : {"0", "4"}) {
        QUrlQuery q = baseQuery();
        q.removeQueryItem("threshold");
        q.addQueryItem("threshold", threshold);
        QCOMPARE(m_client->get("/api/v1/explore/" + m_datasetId, q).status, 200);
    }
    for (const char* t : {"0", "1"}) {
        QUrlQuery q = baseQuery();
        q.addQueryItem("caption", "scene");
        q.addQueryItem("textual_similarity_threshold", t);
        QCOMPARE(m_client->get("/api/v1/explore/" + m_datasetId, q).status, 200);
    }
    QUrlQuery issues = baseQuery();
    issues.addQueryItem(
        "vql",
        encoded(vqlFilter("issues", R"("op":"issue","value":"blur","confidence_min":0,"confidence_max":1)")));
    QCOMPARE(m_client->get("/api/v1/explore/" + m_datasetId, issues).status, 200);
    verifyEngineAlive();
}

void TestEngineParameterRanges::duplicateThresholdFiltersLikeVql() {
    // duplicate_threshold=s answers exactly what the VQL duplicates filter at s does.
    QUrlQuery shortcut = baseQuery();
    shortcut.addQueryItem("duplicate_threshold", "0.9");
    QUrlQuery vql = baseQuery();
    vql.addQueryItem("vql", encoded(vqlFilter("duplicates", R"("op":"duplicates","value":0.9)")));
    const HttpResult a = m_client->get("/api/v1/explore/" + m_datasetId, shortcut);
    const HttpResult b = m_client->get("/api/v1/explore/" + m_datasetId, vql);
    QCOMPARE(a.status, 200);
    QCOMPARE(b.status, 200);
    const QJsonArray clusters = a.object().value("clusters").toArray();
    QCOMPARE(clusters.size(), 1);
    QCOMPARE(clusters.first().toObject().value("formed_by").toString(), QString("DUPLICATES"));
    QCOMPARE(clusters.first().toObject().value("n_images").toInt(), 2);
    QCOMPARE(a.object(), b.object());
}

QTEST_MAIN(TestEngineParameterRanges)
#include "tst_EngineParameterRanges.moc"
