// The engine when things go wrong underneath it: the catalogue failing under a running engine (a table
// dropped by a test-only second connection), concurrent requests racing for the same dataset or file.
// Every case must end in a clear answer (HTTP 500 with a message, a dataset in ERROR), never in acting on an
// empty result as if the catalogue had no rows.
#include "Catalogue.h"
#include "DatasetClaims.h"
#include "EngineTestClient.h"
#include "Enricher.h"
#include "HttpServer.h"
#include "LocalEngine.h"
#include "ModelRegistry.h"
#include "TestImages.h"

#include <QDir>
#include <QImage>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sqlite3.h>

#include <atomic>
#include <functional>
#include <thread>

using namespace vl::engine;

namespace {

// Changes the engine's catalogue behind its back, as a damaged or foreign-edited file would.
bool execOnCatalogue(const QString& dataDir, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(QDir(dataDir).filePath("catalogue.sqlite").toUtf8().constData(), &db);
    const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

// Runs the requests at the same moment, each on a thread of its own with its own client.
QList<HttpResult> concurrently(const QUrl& base, const QString& key, const QByteArray& secret,
                               const QList<std::function<HttpResult(EngineTestClient&)>>& requests) {
    std::vector<HttpResult> results(size_t(requests.size())); // one slot per thread, never reallocated
    std::atomic<int> ready{0};
    QList<QThread*> threads;
    for (int i = 0; i < requests.size(); ++i) {
        threads.append(QThread::create([&, i] {
            EngineTestClient client(base, key, secret);
            ++ready;
            while (ready.load() < requests.size())
                std::this_thread::yield();
            results[size_t(i)] = requests[i](client);
        }));
        threads.last()->start();
    }
    for (QThread* t : threads) {
        t->wait();
        delete t;
    }
    return QList<HttpResult>(results.begin(), results.end());
}

QByteArray enrichBody() {
    return R"({"enrichment_models": {"OBJECT_DETECTION": "local_object_detector_v00"}})";
}

} // namespace

class TestEngineFaults : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_folder;
    QString m_dataDir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_datasetId;

private slots:
    void init();
    void cleanup();
    void catalogueReadErrorAnswers500();
    void indexerReadErrorPutsDatasetInError();
    void deleteAndEnrichEndConsistent();
    void reindexAndEnrichEndConsistent();
    void enricherStartToleratesNullOutParameters();
    void handlersSeeStateSetBeforeServing();
    void concurrentThumbnailRebuildsServeWholeFiles();

private:
    QString newDataset(); // another READY dataset over the same folder
    void checkEnrichmentRace(const QString& otherPath, const QByteArray& otherVerb);
};

QString TestEngineFaults::newDataset() {
    QUrlQuery q;
    q.addQueryItem("path", m_folder);
    const QString id = m_client->post("/api/v1/process", q).object().value("dataset_id").toString();
    if (m_client->waitForStatus(id, {"READY", "ERROR"}).value("status_new").toString() != "READY")
        return {};
    return id;
}

// A fresh engine and a READY three-image dataset for every test.
void TestEngineFaults::init() {
    m_folder = m_root.filePath(QStringLiteral("photos-%1").arg(QDateTime::currentMSecsSinceEpoch()));
    for (int i = 0; i < 3; ++i)
        QVERIFY(TestImages::save(TestImages::scene(300 + i), QString("%1/p%2.jpg").arg(m_folder).arg(i)));
    TestImages::writeText(m_folder + "/notes.txt", "not an image");
    m_dataDir = m_folder + "-data";
    m_engine = std::make_unique<LocalEngine>(m_dataDir);
    QVERIFY(m_engine->start());
    m_client = std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    QUrlQuery q;
    q.addQueryItem("path", m_folder);
    m_datasetId = m_client->post("/api/v1/process", q).object().value("dataset_id").toString();
    QVERIFY(!m_datasetId.isEmpty());
    QCOMPARE(m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
}

void TestEngineFaults::cleanup() {
    m_client.reset();
    m_engine.reset();
}

void TestEngineFaults::catalogueReadErrorAnswers500() {
    QCOMPARE(m_client->get("/api/v1/dataset/" + m_datasetId + "/skipped").array().size(), 1);
    QVERIFY(execOnCatalogue(m_dataDir, "DROP TABLE skipped"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such table: skipped"));
    const HttpResult skipped = m_client->get("/api/v1/dataset/" + m_datasetId + "/skipped");
    QCOMPARE(skipped.status, 500);
    QVERIFY2(skipped.detail().contains("no such table: skipped"), skipped.body.constData());

    // Explore reads media and objects into a snapshot; a failed read must not become an empty page.
    QVERIFY(execOnCatalogue(m_dataDir, "ALTER TABLE objects RENAME TO objects_gone"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such table: objects"));
    QUrlQuery q;
    q.addQueryItem("entity_type", "IMAGES");
    const HttpResult explore = m_client->get("/api/v1/explore/" + m_datasetId, q);
    QCOMPARE(explore.status, 500);
    QVERIFY2(explore.detail().contains("no such table: objects"), explore.body.constData());
    QCOMPARE(m_client->get("/api/v1/healthcheck").status, 200); // the engine lives on
}

// Before: the skipped files' stamps read as "none", the batch write failed and the dataset stayed
// INDEXING for ever. Now the run stops at the read and the dataset says why.
void TestEngineFaults::indexerReadErrorPutsDatasetInError() {
    QVERIFY(execOnCatalogue(m_dataDir, "DROP TABLE skipped"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no such table: skipped"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("indexer: dataset .* failed"));
    QCOMPARE(m_client->post("/api/v1/dataset/" + m_datasetId + "/reindex").status, 202);
    const QJsonObject state = m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}, 30000);
    QCOMPARE(state.value("status_new").toString(), QString("ERROR"));
    QVERIFY2(state.value("fatal_error_msg").toString().contains("no such table: skipped"),
             qPrintable(state.value("fatal_error_msg").toString()));
}

// Before, DELETE and reindex checked "no enrichment runs" and then acted without holding anything: an
// enrichment starting in between copied a dataset that was being deleted or re-analysed. Now a request
// either proceeds or is refused (404/409), and whatever ran ends consistent: an enrichment that was
// accepted completes with every image, whether the other request came after it or was refused.
void TestEngineFaults::checkEnrichmentRace(const QString& otherPath, const QByteArray& otherVerb) {
    for (int round = 0; round < 6; ++round) {
        const QString id = newDataset();
        QVERIFY(!id.isEmpty());
        const auto results =
            concurrently(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret(),
                         {[&](EngineTestClient& c) {
                              return otherVerb == "DELETE" ? c.remove("/api/v1/dataset/" + id + otherPath)
                                                           : c.post("/api/v1/dataset/" + id + otherPath);
                          },
                          [&](EngineTestClient& c) {
                              return c.post("/api/v1/dataset/" + id + "/enrich_dataset", {}, enrichBody());
                          }});
        const HttpResult& other = results[0];
        const HttpResult& enrich = results[1];
        const QString outcome = QString("round %1: %2 %3 %4, enrich %5 %6")
                                    .arg(round)
                                    .arg(QString::fromLatin1(otherVerb))
                                    .arg(other.status)
                                    .arg(QString::fromUtf8(other.body))
                                    .arg(enrich.status)
                                    .arg(QString::fromUtf8(enrich.body));
        QVERIFY2(QList<int>({200, 202, 404, 409}).contains(other.status), qPrintable(outcome));
        QVERIFY2(QList<int>({200, 404, 409}).contains(enrich.status), qPrintable(outcome));
        QVERIFY2(other.status < 300 || enrich.status < 300, qPrintable(outcome)); // one of them proceeds
        QVERIFY(m_engine->waitForIdle(60000));
        if (enrich.status == 200) {
            const QJsonObject copy =
                m_client->get("/api/v1/dataset/" + enrich.object().value("dataset_id").toString()).object();
            QCOMPARE(copy.value("status_new").toString(), QString("READY"));
            QCOMPARE(copy.value("n_images").toInt(), 3);
        }
        const HttpResult source = m_client->get("/api/v1/dataset/" + id);
        if (otherVerb == "DELETE" && other.status == 200)
            QCOMPARE(source.status, 404);
        else
            QCOMPARE(source.object().value("status_new").toString(), QString("READY"));
    }
}

void TestEngineFaults::deleteAndEnrichEndConsistent() {
    checkEnrichmentRace("", "DELETE");
}

void TestEngineFaults::reindexAndEnrichEndConsistent() {
    checkEnrichmentRace("/reindex", "POST");
}

// Enricher::start documents both out parameters as optional; a catalogue that refuses the copy used to
// dereference the null `error`.
void TestEngineFaults::enricherStartToleratesNullOutParameters() {
    const QString path = m_root.filePath("null-error.sqlite");
    Catalogue catalogue;
    QString openError;
    QVERIFY2(catalogue.open(path, &openError), qPrintable(openError));
    DatasetRecord source;
    source.id = "source";
    source.displayName = "source";
    source.folder = m_folder;
    source.status = DatasetState::Ready;
    source.createdAt = QDateTime::currentDateTimeUtc();
    QVERIFY(catalogue.insertDataset(source));
    sqlite3* raw = nullptr;
    sqlite3_open(path.toUtf8().constData(), &raw);
    QCOMPARE(sqlite3_exec(
                 raw,
                 "CREATE TRIGGER refuse BEFORE INSERT ON datasets BEGIN SELECT RAISE(ABORT, 'injected'); END",
                 nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(raw);

    DatasetClaims claims;
    ModelRegistry models;
    Enricher enricher(catalogue, claims, models, m_root.filePath("null-thumbs"), {});
    EnrichmentRequest request;
    request.models.insert("OBJECT_DETECTION", "local_object_detector_v00");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("INSERT INTO datasets.*injected"));
    QVERIFY(enricher.start(source, request, nullptr, nullptr).isEmpty());
    QVERIFY(claims.holder("source").isEmpty()); // a failed start keeps no claim
    QCOMPARE(catalogue.dataset("source")->status, DatasetState::Ready);

    // Held by someone else: refused with the reason, out parameters or not.
    const auto held = claims.tryClaim("source", "deleted", nullptr);
    QString error;
    bool conflict = false;
    QVERIFY(enricher.start(source, request, &error, &conflict).isEmpty());
    QVERIFY(conflict);
    QVERIFY2(error.contains("being deleted"), qPrintable(error));
    QVERIFY(enricher.start(source, request, nullptr, nullptr).isEmpty());
}

// The engine's base URL used to be written after the server had started serving, so the first requests
// could build links on an empty base. A client connected as soon as the port is bound must see the
// state the start-up sets.
void TestEngineFaults::handlersSeeStateSetBeforeServing() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    HttpServer server;
    std::atomic<bool> configured{false};
    server.setAuthorizer([](const ApiRequest&, Access) { return std::optional<ApiResponse>(); });
    server.route("GET", "/probe", Access::Public, [&](const ApiRequest&) {
        return ApiResponse::json(QJsonObject{{"configured", configured.load()}});
    });
    QByteArray answer;
    std::thread client([&] {
        QTcpSocket socket;
        for (int attempt = 0; attempt < 500 && socket.state() != QAbstractSocket::ConnectedState; ++attempt) {
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(20)) {
                socket.abort();
                QThread::msleep(5);
            }
        }
        socket.write("GET /probe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        socket.waitForBytesWritten(1000);
        while (socket.waitForReadyRead(5000))
            answer += socket.readAll();
    });
    QString error;
    const bool started = server.start(port, &error, [&](quint16 bound) {
        QCOMPARE(bound, port);
        QThread::msleep(300); // the client is connected and waiting by now
        configured = true;
    });
    client.join();
    QVERIFY2(started, qPrintable(error));
    server.stop();
    QVERIFY2(answer.contains("\"configured\":true"), answer.constData());
}

// A cleared thumbnail cache and many viewers at once: every answer is a whole, decodable thumbnail (the
// rebuilds used to write the same file concurrently, and a reader could get a truncated one).
void TestEngineFaults::concurrentThumbnailRebuildsServeWholeFiles() {
    // Large originals: decoding takes long enough for the requests to overlap.
    const QString folder = m_root.filePath("large");
    QVERIFY(TestImages::save(TestImages::scene(77, 4000, 3000), folder + "/big.jpg"));
    QUrlQuery q;
    q.addQueryItem("path", folder);
    const QString id = m_client->post("/api/v1/process", q).object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(id, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    QUrlQuery explore;
    explore.addQueryItem("entity_type", "IMAGES");
    const QJsonObject preview = m_client->get("/api/v1/explore/" + id, explore)
                                    .object()
                                    .value("clusters")
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value("previews")
                                    .toArray()
                                    .first()
                                    .toObject();
    const QString mediaId = preview.value("media_id").toString();
    QVERIFY(!mediaId.isEmpty());
    const QString path = "/api/v1/media/" + mediaId + "/thumb/512";
    for (int round = 0; round < 3; ++round) {
        QDir(m_dataDir + "/thumbs/" + id).removeRecursively();
        QList<std::function<HttpResult(EngineTestClient&)>> requests;
        for (int i = 0; i < 8; ++i)
            requests.append([&](EngineTestClient& c) { return c.get(path); });
        const auto results =
            concurrently(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret(), requests);
        for (const HttpResult& r : results) {
            QCOMPARE(r.status, 200);
            const QImage image = QImage::fromData(r.body);
            QVERIFY(!image.isNull());
            QCOMPARE(std::max(image.width(), image.height()), 512);
            QCOMPARE(r.body, results.first().body); // one build: every viewer got the same file
        }
        // No temporary files are left next to the thumbnail.
        QCOMPARE(QDir(m_dataDir + "/thumbs/" + id).entryList(QDir::Files).size(), 1);
    }
}

QTEST_GUILESS_MAIN(TestEngineFaults)
#include "tst_EngineFaults.moc"
