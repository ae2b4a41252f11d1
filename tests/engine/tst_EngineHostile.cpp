// Hostile requests to a running engine over every route, on raw sockets so targets stay unnormalised:
// junk and deeply nested VQL, unbalanced quotes, a 1 MB query string, malformed and oversized multipart,
// bounding boxes outside or degenerate, unknown ids, wrong methods and traversal attempts. Every answer
// must be 4xx (or, for inputs that are merely odd, any non-5xx), no body may leak a secret or a file from
// outside the dataset, the engine stays alive, and the catalogue is unchanged and intact afterwards.
#include "EngineTestClient.h"
#include "LocalEngine.h"
#include "TestImages.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include <memory>

using vl::engine::LocalEngine;

namespace {

enum class Expect { ClientError, NotServerError };

struct RawResponse {
    int status = 0;
    QByteArray body;
};

QByteArray nested(int depth, const QByteArray& open, const QByteArray& close, const QByteArray& core) {
    return open.repeated(depth) + core + close.repeated(depth);
}

QByteArray encoded(const QByteArray& text) {
    return QUrl::toPercentEncoding(QString::fromUtf8(text));
}

} // namespace

Q_DECLARE_METATYPE(Expect)

class TestEngineHostile : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void hostileRequest_data();
    void hostileRequest();
    void catalogueUnchangedAndIntact();

private:
    RawResponse send(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
                     const QByteArray& contentType = {});
    QByteArray expand(QByteArray text) const;
    QJsonArray datasetSnapshot();

    QTemporaryDir m_root;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_datasetId;
    QString m_mediaId;
    QByteArray m_image;
    QJsonArray m_before;
};

void TestEngineHostile::initTestCase() {
    QVERIFY(m_root.isValid());
    const QString folder = m_root.filePath("photos");
    for (int seed = 1; seed <= 4; ++seed)
        QVERIFY(TestImages::save(TestImages::scene(seed), folder + QStringLiteral("/scene%1.jpg").arg(seed)));
    // A link inside the dataset folder to the engine's own secrets: never indexed, never served.
    const QString dataDir = m_root.filePath("engine-data");
    QFile::link(dataDir + "/engine.json", folder + "/evil.jpg");
    m_image = TestImages::encode(TestImages::scene(3));

    m_engine = std::make_unique<LocalEngine>(dataDir);
    QString error;
    QVERIFY2(m_engine->start(0, &error), qPrintable(error));
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", folder);
    q.addQueryItem("name", "Hostile");
    const HttpResult created = m_client->post("/api/v1/process", q);
    QCOMPARE(created.status, 200);
    m_datasetId = created.object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    QUrlQuery explore;
    explore.addQueryItem("entity_type", "IMAGES");
    const HttpResult page = m_client->get("/api/v1/explore/" + m_datasetId, explore);
    QCOMPARE(page.status, 200);
    const QJsonArray clusters = page.object().value("clusters").toArray();
    QVERIFY(!clusters.isEmpty());
    m_mediaId = clusters.first()
                    .toObject()
                    .value("previews")
                    .toArray()
                    .first()
                    .toObject()
                    .value("media_id")
                    .toString();
    QVERIFY(!m_mediaId.isEmpty());
    m_before = datasetSnapshot();
    QCOMPARE(m_before.size(), 1);
    QCOMPARE(m_before.first().toObject().value("n_images").toInt(), 4); // the link was not indexed
}

void TestEngineHostile::cleanupTestCase() {
    m_client.reset();
    if (m_engine)
        m_engine->stop();
}

QJsonArray TestEngineHostile::datasetSnapshot() {
    // Everything that must not move: ids, names, states and counts of every dataset.
    QJsonArray snapshot;
    for (const QJsonValue& value : m_client->get("/api/v1/datasets").array()) {
        const QJsonObject d = value.toObject();
        snapshot.append(QJsonObject{{"id", d.value("id")},
                                    {"display_name", d.value("display_name")},
                                    {"status_new", d.value("status_new")},
                                    {"n_images", d.value("n_images")},
                                    {"n_objects", d.value("n_objects")}});
    }
    return snapshot;
}

RawResponse TestEngineHostile::send(const QByteArray& method, const QByteArray& target,
                                    const QByteArray& body, const QByteArray& contentType) {
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_engine->url().port()));
    RawResponse result;
    if (!socket.waitForConnected(5000))
        return result;
    QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                      "Authorization: " + m_client->bearer() + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    if (!body.isEmpty() || method == "POST")
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    socket.write(head + "\r\n" + body);
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    // The server may answer (413) before it read a huge body: keep reading until it closes.
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 60000) {
        socket.waitForBytesWritten(100);
        if (socket.waitForReadyRead(100))
            response += socket.readAll();
    }
    response += socket.readAll();
    result.status = response.startsWith("HTTP/1.") ? response.mid(9, 3).toInt() : 0;
    const qsizetype split = response.indexOf("\r\n\r\n");
    result.body = split >= 0 ? response.mid(split + 4) : QByteArray();
    return result;
}

QByteArray TestEngineHostile::expand(QByteArray text) const {
    return text.replace("{id}", m_datasetId.toUtf8()).replace("{media}", m_mediaId.toUtf8());
}

void TestEngineHostile::hostileRequest_data() {
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target"); // {id} = the dataset, {media} = one of its images
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<Expect>("expect");
    const auto add = [](const char* name, const QByteArray& method, const QByteArray& target,
                        Expect expect = Expect::ClientError, const QByteArray& body = {},
                        const QByteArray& type = {}) {
        QTest::newRow(name) << method << target << body << type << expect;
    };
    const QByteArray explore = "/api/v1/explore/{id}?entity_type=IMAGES&threshold=0";
    // VQL: junk, deep nesting, unbalanced quotes, wrong shapes.
    add("vql junk", "GET", explore + "&vql=" + encoded("not json at all"));
    add("vql 10k nested arrays", "GET", explore + "&vql=" + encoded(nested(10000, "[", "]", "")));
    add("vql 10k nested objects", "GET", explore + "&vql=" + encoded(nested(10000, "{\"a\":", "}", "1")));
    add("vql unbalanced quote", "GET",
        explore + "&vql=" + encoded(R"([{"text":{"op":"semantic","value":"cat}}])"));
    add("vql unbalanced brackets", "GET", explore + "&vql=" + encoded(R"([{"text":{"op":"semantic")"));
    add("vql object not array", "GET", explore + "&vql=" + encoded(R"({"text":"cat"})"));
    add("vql unknown filter", "GET", explore + "&vql=" + encoded(R"([{"nope":{"op":"x","value":1}}])"));
    add("vql wrong value type", "GET",
        explore + "&vql=" + encoded(R"([{"text":{"op":"semantic","value":[1,2]}}])"));
    add("vql 20k filters", "GET",
        explore + "&vql=" +
            encoded("[" + QByteArray(R"({"text":{"op":"fts","value":"a"}},)").repeated(20000) + "{}]"),
        Expect::NotServerError);
    add("caption unbalanced quote", "GET", explore + "&caption=" + encoded("\"red car"),
        Expect::NotServerError);
    add("caption only operators", "GET", explore + "&caption=" + encoded("\" OR * NEAR( -"),
        Expect::NotServerError);
    add("caption 1 MB", "GET", explore + "&caption=" + QByteArray(1024 * 1024, 'a'));
    add("labels junk", "GET", explore + "&labels=" + encoded("[\"car\""), Expect::NotServerError);
    add("tags junk", "GET", explore + "&tags=" + encoded("{}"), Expect::NotServerError);
    add("anchor unknown", "GET",
        explore + "&anchor_media_id=00000000-0000-0000-0000-000000000000&anchor_type=MEDIA");
    add("anchor type junk", "GET", explore + "&anchor_media_id={media}&anchor_type=EVIL");
    add("entity type junk", "GET", "/api/v1/explore/{id}?entity_type=PEOPLE");
    add("duplicates threshold junk", "GET", "/api/v1/dataset/{id}/media/{media}/duplicates?threshold=x",
        Expect::NotServerError);
    add("export status no task", "GET", "/api/v1/dataset/{id}/export_status");
    add("export status traversal task", "GET",
        "/api/v1/dataset/{id}/export_status?export_task_id=..%2F..%2Fengine");
    add("export format junk", "GET", "/api/v1/dataset/{id}/export_context_async?export_format=exe",
        Expect::NotServerError);
    add("enrich body junk", "POST", "/api/v1/dataset/{id}/enrich_dataset", Expect::ClientError,
        "{\"enrichment_models\":", "application/json");
    add("enrich unknown model", "POST", "/api/v1/dataset/{id}/enrich_dataset", Expect::ClientError,
        R"({"enrichment_models":{"CAPTION_IMAGES":"../../bin/sh"}})", "application/json");
    add("process no path", "POST", "/api/v1/process?name=x");
    add("process missing folder", "POST", "/api/v1/process?path=%2Fnonexistent%2Fhostile&name=x");

    // Multipart uploads to the image search.
    const QByteArray search = "/api/v1/dataset/{id}/search-image-similarity?entity_type=IMAGES&threshold=0";
    const QByteArray boundary = "hostileBoundary42";
    const QByteArray type = "multipart/form-data; boundary=" + boundary;
    const auto part = [&](const QByteArray& data) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.jpg\"\r\n" +
               "Content-Type: image/jpeg\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
    };
    const QByteArray whole = part(TestImages::encode(TestImages::scene(3)));
    add("multipart no boundary", "POST", search, Expect::ClientError, whole, "multipart/form-data");
    add("multipart truncated boundary", "POST", search, Expect::ClientError, whole.left(whole.size() - 40),
        type);
    add("multipart wrong boundary", "POST", search, Expect::ClientError, whole,
        "multipart/form-data; boundary=other");
    add("multipart not multipart", "POST", search, Expect::ClientError, "just bytes", type);
    add("multipart empty file", "POST", search, Expect::ClientError, part({}), type);
    add("multipart not an image", "POST", search, Expect::ClientError, part(QByteArray(4096, '\x01')), type);
    add("multipart 60 MB file", "POST", search, Expect::ClientError,
        part(QByteArray(60 * 1024 * 1024, '\xff')), type);
    add("multipart no file field", "POST", search, Expect::ClientError,
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" + boundary +
            "--\r\n",
        type);
    // Bounding boxes outside the image, degenerate or not numbers.
    for (const char* box :
         {R"({"x":-0.5,"y":0,"width":0.5,"height":0.5})", R"({"x":0.9,"y":0.9,"width":0.5,"height":0.5})",
          R"({"x":0.1,"y":0.1,"width":0,"height":0.5})", R"({"x":0.1,"y":0.1,"width":0.5,"height":-1})",
          R"({"x":"a","y":0,"width":1,"height":1})", R"({"x":1e999,"y":0,"width":1,"height":1})",
          R"([0,0,1,1)", "null"}) {
        // An overhanging box is clamped and "null" means the whole image: tolerated, never a 5xx.
        const bool tolerated = QByteArray(box) == "null" || QByteArray(box).contains("\"x\":0.9");
        QTest::addRow("bbox %s", box)
            << QByteArray("POST") << search + "&bounding_box=" + encoded(box) << whole << type
            << (tolerated ? Expect::NotServerError : Expect::ClientError);
    }

    // Unknown ids on every route.
    const QByteArray unknown = "00000000-0000-0000-0000-00000000dead";
    add("get unknown dataset", "GET", "/api/v1/dataset/" + unknown);
    add("delete unknown dataset", "DELETE", "/api/v1/dataset/" + unknown);
    add("skipped unknown dataset", "GET", "/api/v1/dataset/" + unknown + "/skipped");
    add("reindex unknown dataset", "POST", "/api/v1/dataset/" + unknown + "/reindex");
    add("explore unknown dataset", "GET", "/api/v1/explore/" + unknown + "?entity_type=IMAGES");
    add("metadata unknown dataset", "GET", "/api/v1/explore/" + unknown + "/exploration_metadata");
    add("image unknown", "GET", "/api/v1/image/" + unknown);
    add("duplicates unknown media", "GET", "/api/v1/dataset/{id}/media/" + unknown + "/duplicates");
    add("models unknown dataset", "GET", "/api/v1/enrichment/" + unknown + "/list_models");
    add("context unknown dataset", "GET", "/api/v1/enrichment/" + unknown + "/context");
    add("status unknown context", "GET", "/api/v1/enrichment/{id}/" + unknown + "/status");
    add("abort unknown context", "DELETE", "/api/v1/enrichment/{id}/" + unknown + "/abort");
    add("enrich unknown dataset", "POST", "/api/v1/dataset/" + unknown + "/enrich_dataset",
        Expect::ClientError, R"({"enrichment_models":{}})", "application/json");
    add("export unknown dataset", "GET", "/api/v1/dataset/" + unknown + "/export_context_async");
    add("export status unknown task", "GET", "/api/v1/dataset/{id}/export_status?export_task_id=" + unknown);
    add("cdn unknown zip", "GET", "/cdn/{id}/images/" + unknown + "/x.zip");
    add("search unknown dataset", "POST", "/api/v1/dataset/" + unknown + "/search-image-similarity",
        Expect::ClientError, whole, type);
    add("original unknown media", "GET", "/api/v1/media/" + unknown + "/original");
    add("thumb unknown media", "GET", "/api/v1/media/" + unknown + "/thumb/256");
    add("thumb odd size", "GET", "/api/v1/media/{media}/thumb/9999");

    // Wrong methods.
    add("PUT datasets", "PUT", "/api/v1/datasets", Expect::ClientError, "{}", "application/json");
    add("POST dataset", "POST", "/api/v1/dataset/{id}");
    add("PATCH dataset", "PATCH", "/api/v1/dataset/{id}", Expect::ClientError, "{}", "application/json");
    add("DELETE explore", "DELETE", "/api/v1/explore/{id}");
    add("GET enrich_dataset", "GET", "/api/v1/dataset/{id}/enrich_dataset");
    add("GET search", "GET", "/api/v1/dataset/{id}/search-image-similarity");
    add("DELETE media", "DELETE", "/api/v1/media/{media}/original");
    add("POST healthcheck", "POST", "/api/v1/healthcheck");
    add("TRACE root", "TRACE", "/");

    // Traversal on the media and download routes.
    add("media ../", "GET", "/api/v1/media/../../../../etc/passwd/original");
    add("media %2e%2e", "GET", "/api/v1/media/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd/original");
    add("media encoded slash", "GET", "/api/v1/media/..%2f..%2fengine.json/original");
    add("media double encoded", "GET", "/api/v1/media/%252e%252e%252fengine.json/original");
    add("media absolute", "GET", "/api/v1/media//etc/passwd/original");
    add("media backslash", "GET", "/api/v1/media/..%5c..%5cengine.json/original");
    add("media after id", "GET", "/api/v1/media/{media}/original/../../../../engine.json");
    add("media null byte", "GET", "/api/v1/media/{media}%00.json/original");
    add("thumb traversal", "GET", "/api/v1/media/{media}/thumb/..%2f..%2f..%2fengine.json");
    add("cdn traversal", "GET", "/cdn/{id}/images/..%2f..%2f/engine.zip");
    add("cdn dots", "GET", "/cdn/../../engine.json");
    add("root traversal", "GET", "/%2e%2e/%2e%2e/etc/passwd");
    add("catalogue file", "GET", "/catalogue.sqlite");
    add("engine file", "GET", "/engine.json");
}

void TestEngineHostile::hostileRequest() {
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(Expect, expect);

    const RawResponse response = send(method, expand(target), expand(body), contentType);
    const QByteArray what = QByteArray::number(response.status) + " " + response.body.left(300);
    QVERIFY2(response.status >= 200, "no HTTP answer at all");
    QVERIFY2(response.status < 500, what.constData());
    if (expect == Expect::ClientError)
        QVERIFY2(response.status >= 400, what.constData());
    // Nothing from outside the dataset, and no secret, ever comes back.
    QVERIFY2(!response.body.contains(m_engine->apiSecret()), "the engine secret leaked");
    QVERIFY2(!response.body.contains("\"api_secret\""), "engine.json was served");
    QVERIFY2(!response.body.contains("root:"), "/etc/passwd was served");
    QVERIFY2(!response.body.startsWith("SQLite format"), "the catalogue was served");

    QVERIFY(m_engine->isRunning());
    const QByteArray noToken;
    QCOMPARE(m_client->get("/api/v1/healthcheck", {}, &noToken).status, 200);
}

void TestEngineHostile::catalogueUnchangedAndIntact() {
    QCOMPARE(datasetSnapshot(), m_before);
    QVERIFY(m_engine->waitForIdle(60000));
    m_engine->stop();
    sqlite3* db = nullptr;
    const QString path = QDir(m_engine->dataDirectory()).filePath("catalogue.sqlite");
    QVERIFY(QFile::exists(path));
    QCOMPARE(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(statement), SQLITE_ROW);
    const QString verdict =
        QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    QCOMPARE(verdict, QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestEngineHostile)
#include "tst_EngineHostile.moc"
