#include "EngineInfo.h"
#include "Jwt.h"
#include "ScriptedServer.h"
#include "Version.h"
#include "VlxRunner.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using vl::test::RecordedRequest;
using vl::test::ScriptedReply;
using vl::test::ScriptedServer;

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void versionAndUsage();
    void usageErrors_data();
    void usageErrors();
    void datasetsTableWithSignedToken();
    void jsonPrintsBodyExactly();
    void noAuthSendsNoAuthorization();
    void missingCredentialsIsAuthError();
    void halfSetCredentialsIsAuthError();
    void unauthorizedIsExitThree();
    void notFoundShowsServerDetail();
    void validationNamesParameter();
    void connectionRefusedIsNetworkError();
    void timeoutIsNetworkError();
    void malformedBodyIsApiError();
    void datasetShowsFields();
    void datasetWaitPollsUntilReady();
    void datasetWaitFailsOnError();
    void modelsAndContext();
    void enrichPostsSelectionAndWaits();
    void searchBuildsDocumentedQuery();
    void searchCaptionAndPaging();
    void searchAllPagesUntilEmpty();
    void similarUploadsImageWithPixelBox();
    void similarByMedia();
    void exportPollsAndDownloads();
    void exportRejectedIsApiError();
    void addFolderAndDelete();
    void addFolderErrorEnvelope();
    void engineDirReadsEngineJson();
    void engineDirMissingIsUsageError();
    void defaultEngineIsUsed();
    void noServerAndNoEngineIsUsageError();
    void serveRunsUntilTerminated();

private:
    VlxResult run(const QStringList& arguments);
    VlxResult runWithCredentials(const QStringList& arguments);
    QStringList server() const;
    void writeEngineJson(const QString& dir, const QString& key, const QByteArray& secret);

    ScriptedServer* m_server = nullptr;
    VlxRunner* m_runner = nullptr;
};

namespace {

const QString kKey = QStringLiteral("cli-key-7");
const QByteArray kSecret = "cli-secret-VALUE-42";
const QString kDataset = QStringLiteral("ad48d250-1232-11f1-a2b0-5a879df30de4");

const QByteArray kDatasetsBody = R"([
 {"id":"ad48d250-1232-11f1-a2b0-5a879df30de4","display_name":"Highway cameras","status_new":"READY",
  "n_images":4203,"created_at":"2025-04-24T07:44:46.136915"},
 {"id":"b66848f6-56a1-11f0-9b7d-0a58a9feac02","display_name":"Dataset 11","status":"INITIALIZING",
  "created_at":"2025-07-01T23:18:35.728673","updated_at":null}
])";

QByteArray datasetBody(const QString& id, const QString& status, int progress, const QString& error = {}) {
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("display_name"), QStringLiteral("Highway cameras")},
                     {QStringLiteral("status_new"), status},
                     {QStringLiteral("progress"), progress},
                     {QStringLiteral("n_images"), 4203},
                     {QStringLiteral("n_objects"), -1},
                     {QStringLiteral("fatal_error_msg"), error.isEmpty() ? QJsonValue() : QJsonValue(error)}};
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QByteArray exploreBody(const QString& clusterId, const QString& fileName) {
    return QStringLiteral(R"({"clusters":[{"cluster_id":"%1","type":"IMAGES","n_images":7,"n_objects":-1,
        "similarity_threshold":"0","labels":{},"user_tags":{},"captions":["A dog on grass"],"relevance_score":0.13,
        "relevance_score_type":"cosine_distance","previews":[{"type":"IMAGE","media_id":"m-%1",
        "media_uri":"/image/%2","file_name":"%2","bounding_box":null,"labels":null}]}],"metadata":{"used_duckdb":true}})")
        .arg(clusterId, fileName)
        .simplified() // one line, so --json output can be split into bodies by line
        .toUtf8();
}

QJsonArray parseArray(const QString& text) {
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

} // namespace

void TestCli::init() {
    m_server = new ScriptedServer(this);
    QVERIFY(m_server->listen());
    m_runner = new VlxRunner();
}

void TestCli::cleanup() {
    delete m_runner;
    m_runner = nullptr;
    delete m_server;
    m_server = nullptr;
}

VlxResult TestCli::run(const QStringList& arguments) {
    const VlxResult result = m_runner->run(arguments);
    // Whatever happened, the secret never shows up in anything vlx prints.
    if (result.out.contains(kSecret) || result.err.contains(kSecret))
        qFatal("vlx printed the API secret: %s", qPrintable(result.describe()));
    return result;
}

VlxResult TestCli::runWithCredentials(const QStringList& arguments) {
    m_runner->environment.insert(QStringLiteral("VL_API_KEY"), kKey);
    m_runner->environment.insert(QStringLiteral("VL_API_SECRET"), QString::fromUtf8(kSecret));
    return run(arguments);
}

QStringList TestCli::server() const {
    return {QStringLiteral("--server"), m_server->baseUrl().toString()};
}

void TestCli::writeEngineJson(const QString& dir, const QString& key, const QByteArray& secret) {
    vl::EngineInfo info;
    info.url = m_server->baseUrl();
    info.apiKey = key;
    info.apiSecret = secret;
    QString error;
    QVERIFY2(info.save(dir, &error), qPrintable(error));
}

void TestCli::versionAndUsage() {
    const VlxResult version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QByteArray("vlx " VL_VERSION));
    const VlxResult help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char* command : {"datasets", "dataset", "models", "context", "enrich", "search", "similar",
                                "export", "add-folder", "delete", "serve", "login", "logout"})
        QVERIFY2(help.out.contains(QByteArray("  ") + command + ' '), command);
    const VlxResult commandHelp = run({QStringLiteral("search"), QStringLiteral("--help")});
    QCOMPARE(commandHelp.exitCode, 0);
    QVERIFY(commandHelp.out.contains("--semantic"));
    QVERIFY(m_server->requests().isEmpty());
}

void TestCli::usageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("no command") << QStringList() << QByteArray("no command");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << QByteArray("unknown command");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("datasets"), QStringLiteral("--bogus")}
                                    << QByteArray("bogus");
    QTest::newRow("missing id") << QStringList{QStringLiteral("dataset")} << QByteArray("usage: vlx dataset");
    QTest::newRow("extra argument") << QStringList{QStringLiteral("delete"), QStringLiteral("a"),
                                                   QStringLiteral("b")}
                                    << QByteArray("unexpected");
    QTest::newRow("two text modes") << QStringList{QStringLiteral("search"),     QStringLiteral("x"),
                                                   QStringLiteral("--fts"),      QStringLiteral("a"),
                                                   QStringLiteral("--semantic"), QStringLiteral("b")}
                                    << QByteArray("only one of");
    QTest::newRow("granularity out of range")
        << QStringList{QStringLiteral("search"), QStringLiteral("x"), QStringLiteral("--granularity"),
                       QStringLiteral("7")}
        << QByteArray("--granularity");
    QTest::newRow("unknown issue") << QStringList{QStringLiteral("search"), QStringLiteral("x"),
                                                  QStringLiteral("--issue"), QStringLiteral("fuzzy")}
                                   << QByteArray("unknown issue");
    QTest::newRow("min-similarity without semantic")
        << QStringList{QStringLiteral("search"), QStringLiteral("x"), QStringLiteral("--min-similarity"),
                       QStringLiteral("0.5")}
        << QByteArray("--semantic");
    QTest::newRow("page and all") << QStringList{QStringLiteral("search"), QStringLiteral("x"),
                                                 QStringLiteral("--page"), QStringLiteral("1"),
                                                 QStringLiteral("--all")}
                                  << QByteArray("--page or --all");
    QTest::newRow("enrich without model")
        << QStringList{QStringLiteral("enrich"), QStringLiteral("x"), QStringLiteral("CAPTION_IMAGES")}
        << QByteArray("TYPE=MODEL_ID");
    QTest::newRow("similar without image or media")
        << QStringList{QStringLiteral("similar"), QStringLiteral("x")} << QByteArray("either an IMAGE");
    QTest::newRow("bbox with media") << QStringList{QStringLiteral("similar"), QStringLiteral("x"),
                                                    QStringLiteral("--media"), QStringLiteral("m"),
                                                    QStringLiteral("--bbox"),  QStringLiteral("0,0,1,1")}
                                     << QByteArray("--bbox needs");
    QTest::newRow("export format") << QStringList{QStringLiteral("export"), QStringLiteral("x"),
                                                  QStringLiteral("--format"), QStringLiteral("csv")}
                                   << QByteArray("json or parquet");
    QTest::newRow("server and engine")
        << QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
                       QStringLiteral("--engine"), QStringLiteral("/tmp"), QStringLiteral("datasets")}
        << QByteArray("not both");
    QTest::newRow("server not a URL")
        << QStringList{QStringLiteral("--server"), QStringLiteral("localhost"), QStringLiteral("datasets")}
        << QByteArray("http://");
    QTest::newRow("login without server") << QStringList{QStringLiteral("login")} << QByteArray("--server");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("soon"),
                                                QStringLiteral("datasets")}
                                 << QByteArray("--timeout");
}

void TestCli::usageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, expected);
    const VlxResult result = runWithCredentials(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(expected), qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QVERIFY(m_server->requests().isEmpty());
}

void TestCli::datasetsTableWithSignedToken() {
    m_server->on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, kDatasetsBody));
    const VlxResult result = runWithCredentials(server() << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("ID"));
    QVERIFY(lines[1].contains("Highway cameras") && lines[1].contains("READY") && lines[1].contains("4203"));
    QVERIFY(lines[2].contains("Dataset 11") && lines[2].contains("INITIALIZING"));
    // Aligned: the NAME column starts at the same offset in every row.
    QCOMPARE(lines[1].indexOf("Highway"), lines[0].indexOf("NAME"));
    QCOMPARE(lines[2].indexOf("Dataset 11"), lines[0].indexOf("NAME"));

    const RecordedRequest request = m_server->lastRequest();
    const QByteArray token = request.bearerToken();
    QVERIFY(!token.isEmpty());
    QString why;
    const auto verified = vl::Jwt::verify(token, kSecret, QDateTime::currentDateTimeUtc(), 60, &why);
    QVERIFY2(verified, qPrintable(why));
    QCOMPARE(verified->header.value(QStringLiteral("kid")).toString(), kKey);
    QCOMPARE(verified->claims.value(QStringLiteral("sub")).toString(), kKey);
    QCOMPARE(verified->claims.value(QStringLiteral("iss")).toString(), QStringLiteral("sdk"));
}

void TestCli::jsonPrintsBodyExactly() {
    // Odd spacing and key order prove the body is passed through, not re-serialised.
    const QByteArray body = "[ {\"id\" : \"x\",   \"display_name\":\"Caf\xc3\xa9\", \"z\":1, \"a\":2} ]";
    m_server->on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, body));
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("--json") << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, body + '\n');
    // --json is accepted after the command too.
    const VlxResult after =
        runWithCredentials(server() << QStringLiteral("datasets") << QStringLiteral("--json"));
    QCOMPARE(after.out, body + '\n');
}

void TestCli::noAuthSendsNoAuthorization() {
    m_server->on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, "[]"));
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("--no-auth") << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains("No datasets"));
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(m_server->lastRequest().header("authorization").isEmpty());
}

void TestCli::missingCredentialsIsAuthError() {
    const VlxResult result = run(server() << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY(result.err.contains("VL_API_KEY"));
    QVERIFY(result.err.contains("login"));
    QVERIFY(result.err.contains("--no-auth"));
    QVERIFY(m_server->requests().isEmpty());
}

void TestCli::halfSetCredentialsIsAuthError() {
    m_runner->environment.insert(QStringLiteral("VL_API_KEY"), kKey);
    const VlxResult result = run(server() << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY(result.err.contains("VL_API_SECRET"));
}

void TestCli::unauthorizedIsExitThree() {
    m_server->on("GET", QStringLiteral("/api/v1/datasets"),
                 ScriptedReply::json(401, R"({"detail":"Invalid token"})"));
    const VlxResult result = runWithCredentials(server() << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY(result.err.contains("API key"));
    QVERIFY(result.err.contains("Invalid token"));
    QVERIFY(result.out.isEmpty());
}

void TestCli::notFoundShowsServerDetail() {
    m_server->on("GET", QStringLiteral("/api/v1/dataset/nope"),
                 ScriptedReply::json(404, R"({"detail":"Dataset nope does not exist"})"));
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("dataset") << QStringLiteral("nope"));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY(result.err.contains("Dataset nope does not exist"));
    QVERIFY(result.err.contains("no access"));
}

void TestCli::validationNamesParameter() {
    m_server->on(
        "GET", QStringLiteral("/api/v1/explore/") + kDataset,
        ScriptedReply::json(
            422, R"({"detail":[{"loc":["query","vql"],"msg":"Invalid VQL","type":"value_error"}]})"));
    const VlxResult result = runWithCredentials(server() << QStringLiteral("search") << kDataset
                                                         << QStringLiteral("--fts") << QStringLiteral("dog"));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY(result.err.contains("vql"));
    QVERIFY(result.err.contains("Invalid VQL"));
}

void TestCli::connectionRefusedIsNetworkError() {
    const QString deadUrl = m_server->baseUrl().toString();
    delete m_server; // nothing listens on that port any more
    m_server = nullptr;
    const VlxResult result =
        runWithCredentials({QStringLiteral("--server"), deadUrl, QStringLiteral("datasets")});
    QVERIFY2(result.exitCode == 4, qPrintable(result.describe()));
    QVERIFY(result.err.contains("reach the server"));
}

void TestCli::timeoutIsNetworkError() {
    m_server->on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::hang());
    const VlxResult result = runWithCredentials(server() << QStringLiteral("--timeout") << QStringLiteral("1")
                                                         << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 4, qPrintable(result.describe()));
    QVERIFY(result.err.contains("in time"));
}

void TestCli::malformedBodyIsApiError() {
    m_server->on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, "[{\"id\": "));
    const VlxResult result = runWithCredentials(server() << QStringLiteral("datasets"));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY(!result.err.isEmpty());
}

void TestCli::datasetShowsFields() {
    m_server->on("GET", QStringLiteral("/api/v1/dataset/") + kDataset,
                 ScriptedReply::json(200, datasetBody(kDataset, QStringLiteral("READ ONLY"), 40)));
    const VlxResult result = runWithCredentials(server() << QStringLiteral("dataset") << kDataset);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains("status:"));
    QVERIFY(result.out.contains("READ ONLY"));
    QVERIFY(result.out.contains("40%"));
    QVERIFY(result.out.contains("4203"));
    QVERIFY(result.out.contains(kDataset.toUtf8()));
}

void TestCli::datasetWaitPollsUntilReady() {
    const QString path = QStringLiteral("/api/v1/dataset/") + kDataset;
    m_server->onSequence("GET", path,
                         {ScriptedReply::json(200, datasetBody(kDataset, QStringLiteral("INDEXING"), 10)),
                          ScriptedReply::json(200, datasetBody(kDataset, QStringLiteral("READ_ONLY"), 60)),
                          ScriptedReply::json(200, datasetBody(kDataset, QStringLiteral("READY"), 100))});
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("dataset") << kDataset << QStringLiteral("--wait"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(m_server->requestCount("GET", path), 3);
    QVERIFY(result.out.contains("READY"));
}

void TestCli::datasetWaitFailsOnError() {
    const QString path = QStringLiteral("/api/v1/dataset/") + kDataset;
    m_server->onSequence(
        "GET", path,
        {ScriptedReply::json(200, datasetBody(kDataset, QStringLiteral("INDEXING"), 10)),
         ScriptedReply::json(200, datasetBody(kDataset, QStringLiteral("ERROR"), 10,
                                              QStringLiteral("No images found in bucket")))});
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("dataset") << kDataset << QStringLiteral("--wait"));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY(result.err.contains("No images found in bucket"));
    QCOMPARE(m_server->requestCount("GET", path), 2);
}

void TestCli::modelsAndContext() {
    m_server->on("GET", QStringLiteral("/api/v1/enrichment/%1/list_models").arg(kDataset),
                 ScriptedReply::json(200, R"([
      {"id":"vl_image_captioner_v00","name":"VL-Image-Captioner","type":"CAPTION_IMAGES","status":"Active",
       "vendor":"VL","description":"Captions","dependencies":null},
      {"id":"vl_object_captioner_v00","name":"VL-Object-Captioner","type":"CAPTION_OBJECTS","status":"Coming Soon",
       "vendor":"VL","description":"Captions objects","dependencies":["OBJECT_DETECTION"]}])"));
    const VlxResult models = runWithCredentials(server() << QStringLiteral("models") << kDataset);
    QVERIFY2(models.exitCode == 0, qPrintable(models.describe()));
    QVERIFY(models.out.contains("vl_image_captioner_v00"));
    QVERIFY(models.out.contains("Coming Soon"));
    QVERIFY(models.out.contains("OBJECT_DETECTION"));

    m_server->on("GET", QStringLiteral("/api/v1/enrichment/%1/context").arg(kDataset),
                 ScriptedReply::json(200, R"({"enrichment_context_id":"ctx-1","status":"DONE",
        "dataset_enrichment_models":{"enrichment_models":{"CAPTION_IMAGES":"vl_image_captioner_v00"}}})"));
    const VlxResult context = runWithCredentials(server() << QStringLiteral("context") << kDataset);
    QVERIFY2(context.exitCode == 0, qPrintable(context.describe()));
    QVERIFY(context.out.contains("ctx-1"));
    QVERIFY(context.out.contains("CAPTION_IMAGES"));
    QVERIFY(context.out.contains("vl_image_captioner_v00"));
}

void TestCli::enrichPostsSelectionAndWaits() {
    const QString newId = QStringLiteral("c0ffee00-0000-11f1-a2b0-5a879df30de4");
    m_server->on("POST", QStringLiteral("/api/v1/dataset/%1/enrich_dataset").arg(kDataset),
                 ScriptedReply::json(200, QStringLiteral(R"({"dataset_id":"%1"})").arg(newId).toUtf8()));
    m_server->onSequence("GET", QStringLiteral("/api/v1/dataset/") + newId,
                         {ScriptedReply::json(200, datasetBody(newId, QStringLiteral("INDEXING"), 5)),
                          ScriptedReply::json(200, datasetBody(newId, QStringLiteral("READY"), 100))});
    const VlxResult result = runWithCredentials(
        server() << QStringLiteral("enrich") << kDataset
                 << QStringLiteral("CAPTION_IMAGES=vl_image_captioner_v00")
                 << QStringLiteral("OBJECT_DETECTION=vl_object_detector_v00") << QStringLiteral("--wait"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out.trimmed(), newId.toUtf8()); // just the id: usable as $(vlx enrich ...)
    const RecordedRequest post =
        m_server->requestsTo(QStringLiteral("/api/v1/dataset/%1/enrich_dataset").arg(kDataset)).first();
    QCOMPARE(QJsonDocument::fromJson(post.body).object(),
             QJsonDocument::fromJson(R"({"enrichment_models":{"CAPTION_IMAGES":"vl_image_captioner_v00",
                                         "OBJECT_DETECTION":"vl_object_detector_v00"}})")
                 .object());
    QCOMPARE(m_server->requestCount("GET", QStringLiteral("/api/v1/dataset/") + newId), 2);
}

void TestCli::searchBuildsDocumentedQuery() {
    const QString path = QStringLiteral("/api/v1/explore/") + kDataset;
    m_server->on("GET", path,
                 ScriptedReply::json(200, exploreBody(QStringLiteral("c1"), QStringLiteral("dog.jpg"))));
    const VlxResult result = runWithCredentials(
        server() << QStringLiteral("search") << kDataset << QStringLiteral("--semantic")
                 << QStringLiteral("cars on highway") << QStringLiteral("--min-similarity")
                 << QStringLiteral("0.7") << QStringLiteral("--labels") << QStringLiteral("vehicle,car")
                 << QStringLiteral("--tags") << QStringLiteral("t-1") << QStringLiteral("--issue")
                 << QStringLiteral("blur:0.8-1") << QStringLiteral("--duplicates") << QStringLiteral("0.95")
                 << QStringLiteral("--uniqueness") << QStringLiteral("0.5") << QStringLiteral("--objects")
                 << QStringLiteral("--granularity") << QStringLiteral("2") << QStringLiteral("--page")
                 << QStringLiteral("3"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const RecordedRequest request = m_server->lastRequest();
    QCOMPARE(request.path, path);
    QCOMPARE(request.queryValue(QStringLiteral("entity_type")), QStringLiteral("OBJECTS"));
    QCOMPARE(request.queryValue(QStringLiteral("threshold")), QStringLiteral("2"));
    QCOMPARE(request.queryValue(QStringLiteral("page_number")), QStringLiteral("3"));
    QCOMPARE(parseArray(request.queryValue(QStringLiteral("labels"))),
             parseArray(QStringLiteral(R"(["vehicle","car"])")));
    QCOMPARE(parseArray(request.queryValue(QStringLiteral("tags"))),
             parseArray(QStringLiteral(R"(["t-1"])")));
    QCOMPARE(parseArray(request.queryValue(QStringLiteral("vql"))), parseArray(QStringLiteral(R"([
        {"text":{"op":"semantic","value":"cars on highway","threshold":0.7}},
        {"issues":{"op":"issue","value":"blur","confidence_min":0.8,"confidence_max":1,"mode":"in"}},
        {"duplicates":{"op":"duplicates","value":0.95}},
        {"uniqueness":{"op":"uniqueness","value":0.5}}])")));
    QVERIFY(!request.hasQueryItem(QStringLiteral("caption")));
    QVERIFY(result.out.contains("c1"));
    QVERIFY(result.out.contains("dog.jpg"));
    QVERIFY(result.out.contains("0.130"));
}

void TestCli::searchCaptionAndPaging() {
    const QString path = QStringLiteral("/api/v1/explore/") + kDataset;
    m_server->on("GET", path, ScriptedReply::json(200, R"({"clusters":[]})"));
    const VlxResult result = runWithCredentials(
        server() << QStringLiteral("search") << kDataset << QStringLiteral("--caption")
                 << QStringLiteral("a+b night") << QStringLiteral("--max-distance") << QStringLiteral("0.5"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const RecordedRequest request = m_server->lastRequest();
    QCOMPARE(request.queryValue(QStringLiteral("caption")), QStringLiteral("a+b night"));
    QCOMPARE(request.queryValue(QStringLiteral("textual_similarity_threshold")), QStringLiteral("0.5"));
    QCOMPARE(request.queryValue(QStringLiteral("entity_type")), QStringLiteral("IMAGES"));
    QCOMPARE(request.queryValue(QStringLiteral("page_number")), QStringLiteral("0"));
    QVERIFY(!request.hasQueryItem(QStringLiteral("vql")));
    QVERIFY(result.out.contains("no clusters"));
}

void TestCli::searchAllPagesUntilEmpty() {
    m_server->setHandler([](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (!request.path.startsWith(QLatin1String("/api/v1/explore/")))
            return std::nullopt;
        const int page = request.queryValue(QStringLiteral("page_number")).toInt();
        if (page >= 2)
            return ScriptedReply::json(200, R"({"clusters":[]})");
        return ScriptedReply::json(
            200, exploreBody(QStringLiteral("cluster-p%1").arg(page), QStringLiteral("f.jpg")));
    });
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("search") << kDataset << QStringLiteral("--all"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(m_server->requests().size(), 3);
    QVERIFY(result.out.contains("cluster-p0"));
    QVERIFY(result.out.contains("cluster-p1"));
    QVERIFY(result.out.contains("2 clusters in total"));

    const VlxResult json =
        runWithCredentials(server() << QStringLiteral("search") << kDataset << QStringLiteral("--all")
                                    << QStringLiteral("--json"));
    QCOMPARE(json.exitCode, 0);
    const QList<QByteArray> bodies = json.out.trimmed().split('\n');
    QCOMPARE(bodies.size(), 2); // one body per non-empty page
    QCOMPARE(bodies[0], exploreBody(QStringLiteral("cluster-p0"), QStringLiteral("f.jpg")));
}

void TestCli::similarUploadsImageWithPixelBox() {
    QImage image(200, 100, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    const QString imagePath = QDir(m_runner->homePath()).filePath(QStringLiteral("query.png"));
    QVERIFY(image.save(imagePath));
    m_server->on("POST", QStringLiteral("/api/v1/dataset/%1/search-image-similarity").arg(kDataset),
                 ScriptedReply::json(200, R"({"anchor_media_id":"anchor-1","anchor_type":"UPLOAD"})"));
    m_server->on("GET", QStringLiteral("/api/v1/explore/") + kDataset,
                 ScriptedReply::json(200, exploreBody(QStringLiteral("c9"), QStringLiteral("match.jpg"))));
    const VlxResult result = runWithCredentials(
        server() << QStringLiteral("similar") << kDataset << imagePath << QStringLiteral("--bbox")
                 << QStringLiteral("20,10,100,50") << QStringLiteral("--granularity") << QStringLiteral("1"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QVector<RecordedRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 2);
    const RecordedRequest& upload = requests[0];
    QCOMPARE(upload.method, QByteArray("POST"));
    const auto box =
        QJsonDocument::fromJson(upload.queryValue(QStringLiteral("bounding_box")).toUtf8()).object();
    QCOMPARE(box.value(QStringLiteral("x")).toDouble(), 0.1);
    QCOMPARE(box.value(QStringLiteral("y")).toDouble(), 0.1);
    QCOMPARE(box.value(QStringLiteral("width")).toDouble(), 0.5);
    QCOMPARE(box.value(QStringLiteral("height")).toDouble(), 0.5);
    QCOMPARE(upload.queryValue(QStringLiteral("threshold")), QStringLiteral("1"));
    const auto parts = upload.multipartParts();
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts[0].name, QByteArray("file"));
    QCOMPARE(parts[0].fileName, QByteArray("query.png"));
    QImage uploaded;
    QVERIFY(uploaded.loadFromData(parts[0].data));
    QCOMPARE(uploaded.size(), QSize(200, 100));
    const RecordedRequest& explore = requests[1];
    QCOMPARE(explore.queryValue(QStringLiteral("anchor_media_id")), QStringLiteral("anchor-1"));
    QCOMPARE(explore.queryValue(QStringLiteral("anchor_type")), QStringLiteral("UPLOAD"));
    QCOMPARE(explore.queryValue(QStringLiteral("threshold")), QStringLiteral("1"));
    QVERIFY(result.out.contains("match.jpg"));

    // A box outside the image is refused before anything is sent.
    m_server->clearRequests();
    const VlxResult outside =
        runWithCredentials(server() << QStringLiteral("similar") << kDataset << imagePath
                                    << QStringLiteral("--bbox") << QStringLiteral("500,10,100,50"));
    QCOMPARE(outside.exitCode, 2);
    QVERIFY(m_server->requests().isEmpty());
}

void TestCli::similarByMedia() {
    m_server->on("GET", QStringLiteral("/api/v1/explore/") + kDataset,
                 ScriptedReply::json(200, exploreBody(QStringLiteral("c2"), QStringLiteral("x.jpg"))));
    const VlxResult result = runWithCredentials(
        server() << QStringLiteral("similar") << kDataset << QStringLiteral("--media")
                 << QStringLiteral("media-5") << QStringLiteral("--objects") << QStringLiteral("--json"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(m_server->requests().size(), 1);
    const RecordedRequest request = m_server->lastRequest();
    QCOMPARE(request.queryValue(QStringLiteral("anchor_media_id")), QStringLiteral("media-5"));
    QCOMPARE(request.queryValue(QStringLiteral("anchor_type")), QStringLiteral("MEDIA"));
    QCOMPARE(request.queryValue(QStringLiteral("entity_type")), QStringLiteral("OBJECTS"));
    QCOMPARE(result.out, exploreBody(QStringLiteral("c2"), QStringLiteral("x.jpg")) + '\n');
}

void TestCli::exportPollsAndDownloads() {
    const QString base = QStringLiteral("/api/v1/dataset/%1/").arg(kDataset);
    m_server->on("GET", base + QStringLiteral("export_context_async"),
                 ScriptedReply::json(200, R"({"id":"task-1",
        "dataset_id":"ad48d250-1232-11f1-a2b0-5a879df30de4","download_uri":null,"progress":0.0,"status":"INIT",
        "entities_count":4203,"result_message":null})"));
    m_server->onSequence(
        "GET", base + QStringLiteral("export_status"),
        {ScriptedReply::json(200, R"({"id":"task-1","status":"IN_PROGRESS","progress":0.5})"),
         ScriptedReply::json(200, R"({"id":"task-1","status":"COMPLETED","progress":1.0,
                              "entities_count":4203,"download_uri":"/cdn/ds/images/task-1/task-1.zip"})")});
    QByteArray archive("PK\x03\x04", 4);
    for (int i = 0; i < 50000; ++i)
        archive.append(char(i * 31));
    m_server->on("GET", QStringLiteral("/cdn/ds/images/task-1/task-1.zip"),
                 ScriptedReply::raw(200, archive, "application/zip"));
    const QString out = QDir(m_runner->homePath()).filePath(QStringLiteral("out.zip"));
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("export") << kDataset << QStringLiteral("--format")
                                    << QStringLiteral("parquet") << QStringLiteral("--images")
                                    << QStringLiteral("--out") << out);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), archive);
    const RecordedRequest start = m_server->requestsTo(base + QStringLiteral("export_context_async")).first();
    QCOMPARE(start.queryValue(QStringLiteral("export_format")), QStringLiteral("parquet"));
    QCOMPARE(start.queryValue(QStringLiteral("include_images")), QStringLiteral("true"));
    const QVector<RecordedRequest> polls = m_server->requestsTo(base + QStringLiteral("export_status"));
    QCOMPARE(polls.size(), 2);
    QCOMPARE(polls[0].queryValue(QStringLiteral("export_task_id")), QStringLiteral("task-1"));
    QVERIFY(result.out.contains("4203 entities"));
}

void TestCli::exportRejectedIsApiError() {
    const QString base = QStringLiteral("/api/v1/dataset/%1/").arg(kDataset);
    m_server->on("GET", base + QStringLiteral("export_context_async"),
                 ScriptedReply::json(200, R"({"id":"task-2","status":"INIT","progress":0})"));
    m_server->on("GET", base + QStringLiteral("export_status"),
                 ScriptedReply::json(200, R"({"id":"task-2","status":"REJECTED",
                     "result_message":"entity count exceeds threshold"})"));
    const QString out = QDir(m_runner->homePath()).filePath(QStringLiteral("never.zip"));
    const VlxResult result = runWithCredentials(server() << QStringLiteral("export") << kDataset
                                                         << QStringLiteral("--out") << out);
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY(result.err.contains("entity count exceeds threshold"));
    QVERIFY(!QFile::exists(out));
}

void TestCli::addFolderAndDelete() {
    const QString folder = QDir(m_runner->homePath()).filePath(QStringLiteral("photos"));
    QVERIFY(QDir().mkpath(folder));
    m_server->on("POST", QStringLiteral("/api/v1/process"), ScriptedReply::json(200, R"({"status":"success",
        "message":"Dataset processing started","dataset_id":"new-ds-1","name":"Holiday"})"));
    const VlxResult added =
        runWithCredentials(server() << QStringLiteral("add-folder") << QStringLiteral("photos")
                                    << QStringLiteral("--name") << QStringLiteral("Holiday"));
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    QCOMPARE(added.out.trimmed(), QByteArray("new-ds-1"));
    const RecordedRequest process = m_server->lastRequest();
    QCOMPARE(process.queryValue(QStringLiteral("path")),
             QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
    QCOMPARE(process.queryValue(QStringLiteral("name")), QStringLiteral("Holiday"));

    m_server->on("DELETE", QStringLiteral("/api/v1/dataset/new-ds-1"), ScriptedReply::json(200, "null"));
    const VlxResult deleted =
        runWithCredentials(server() << QStringLiteral("delete") << QStringLiteral("new-ds-1"));
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.describe()));
    QCOMPARE(m_server->requestCount("DELETE", QStringLiteral("/api/v1/dataset/new-ds-1")), 1);
    QVERIFY(deleted.out.contains("new-ds-1"));
}

void TestCli::addFolderErrorEnvelope() {
    m_server->on(
        "POST", QStringLiteral("/api/v1/process"),
        ScriptedReply::json(200, R"({"status":"error","message":"Another dataset is being processed"})"));
    const VlxResult result =
        runWithCredentials(server() << QStringLiteral("--no-auth") << QStringLiteral("add-folder")
                                    << QStringLiteral("/srv/images"));
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY(result.err.contains("Another dataset is being processed"));
    QCOMPARE(m_server->lastRequest().queryValue(QStringLiteral("name")), QStringLiteral("images"));
}

void TestCli::engineDirReadsEngineJson() {
    const QString engineDir = QDir(m_runner->homePath()).filePath(QStringLiteral("engine-data"));
    const QByteArray engineSecret = "engine-only-secret";
    writeEngineJson(engineDir, QStringLiteral("engine-key"), engineSecret);
    m_server->on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, kDatasetsBody));
    const VlxResult result = run({QStringLiteral("--engine"), engineDir, QStringLiteral("datasets")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(!result.out.contains(engineSecret) && !result.err.contains(engineSecret));
    const auto verified =
        vl::Jwt::verify(m_server->lastRequest().bearerToken(), engineSecret, QDateTime::currentDateTimeUtc());
    QVERIFY(verified);
    QCOMPARE(verified->header.value(QStringLiteral("kid")).toString(), QStringLiteral("engine-key"));
}

void TestCli::engineDirMissingIsUsageError() {
    const VlxResult result =
        run({QStringLiteral("--engine"), m_runner->homePath(), QStringLiteral("datasets")});
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.err.contains("engine.json"));
}

void TestCli::defaultEngineIsUsed() {
    // Where VL Explorer's engine writes engine.json under XDG_DATA_HOME (see app/vlx/DefaultPaths.cpp).
    const QString engineDir =
        QDir(m_runner->xdgDataHome()).filePath(QStringLiteral("VLExplorer/vl-explorer/engine"));
    writeEngineJson(engineDir, QStringLiteral("default-key"), "default-secret");
    m_server->on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, kDatasetsBody));
    const VlxResult result = run({QStringLiteral("datasets")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains("Highway cameras"));
    QVERIFY(vl::Jwt::verify(m_server->lastRequest().bearerToken(), "default-secret",
                            QDateTime::currentDateTimeUtc()));
}

void TestCli::noServerAndNoEngineIsUsageError() {
    const VlxResult result = run({QStringLiteral("datasets")});
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.err.contains("--server"));
    QVERIFY(result.err.contains("vlx serve"));
}

void TestCli::serveRunsUntilTerminated() {
#ifndef VLX_HAVE_ENGINE
    QSKIP("vlx was built without the local engine");
#else
#ifdef Q_OS_WIN
    QSKIP("QProcess::terminate does not send a console signal on Windows");
#endif
    const QString dataDir = QDir(m_runner->homePath()).filePath(QStringLiteral("served"));
    QProcess serve;
    serve.setProcessEnvironment(m_runner->environment);
    serve.start(VlxRunner::binary(), {QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"),
                                      QStringLiteral("--data"), dataDir});
    QVERIFY(serve.waitForStarted(10000));
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += serve.readAllStandardOutput()).contains('\n'), 60000);
    QVERIFY2(output.startsWith("listening on http://127.0.0.1:"), output.constData());
    const VlxResult datasets =
        run({QStringLiteral("--engine"), dataDir, QStringLiteral("--json"), QStringLiteral("datasets")});
    QVERIFY2(datasets.exitCode == 0, qPrintable(datasets.describe()));
    QVERIFY(QJsonDocument::fromJson(datasets.out).isArray());
    serve.terminate(); // SIGTERM
    QTRY_VERIFY_WITH_TIMEOUT(serve.state() == QProcess::NotRunning, 30000);
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
    QVERIFY(serve.readAllStandardError().contains("stopped"));
#endif
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
