// Fault matrix: every request type of ApiClient against every documented failure of a server, on real
// loopback sockets (plain HTTP and TLS with certificates made here). Each cell checks that the job ends,
// with a sentence that names the problem, retried only where the policy allows, and that the same
// client then completes a good request. The matrix is printed at the end (README "Reliability").
#include "ApiClient.h"
#include "ApiJob.h"
#include "DatasetJobs.h"
#include "EnrichmentJobs.h"
#include "ExploreJob.h"
#include "ExportJobs.h"
#include "FaultServer.h"
#include "ImageSimilarityJob.h"
#include "JobPayloads.h"

#include <QBuffer>
#include <QDateTime>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>
#include <memory>

using namespace vl;
using namespace vl::test;

namespace {

constexpr int kTimeoutMs = 400; // per attempt, for the stalled replies
// Every other fault ends without the timeout; a loaded machine must not turn them into timeouts.
constexpr int kGenerousTimeoutMs = 10000;
constexpr int kMaxRetries = 1;
constexpr int kWaitMs = 60000;
constexpr qsizetype kHugeBody = 50 * 1024 * 1024;
const QString kDatasetId = QStringLiteral("ad48d250-1232-11f1-8483-5a879df30de4");

// One request type: how to make its job, what a good answer looks like, and how the job treats bodies.
struct RequestType {
    QString name;
    std::function<ApiJob*(ApiClient*, QIODevice*)> make;
    QByteArray goodBody;
    bool idempotent = true; // GET/DELETE: retried on 429, 502-504, network errors and timeouts
    bool needsJson = true;  // false: any 2xx body is accepted (undocumented answers, downloads)
    bool streams = false;   // writes the body out as it arrives (downloads)
};

QVector<RequestType> requestTypes() {
    ExploreQuery text;
    text.caption = QStringLiteral("red car at night");
    ExploreQuery vql;
    vql.vql = QStringLiteral(R"([{"id":"label_filter","labels":["car"]}])");
    ExploreQuery anchor;
    anchor.anchor = Anchor::media(QStringLiteral("300dad2c-1234-11f1-8483-5a879df30de4"));
    EnrichmentRequest enrich;
    enrich.models.insert(QStringLiteral("CAPTION_IMAGES"), QStringLiteral("vl_image_captioner_v00"));
    const QByteArray context = R"({"enrichment_context_id":"c1","status":"NEW",
                                   "dataset_enrichment_models":{"enrichment_models":{}}})";
    const QString id = kDatasetId;
    return {
        {"datasets.list", [](ApiClient* c, QIODevice*) { return new ListDatasetsJob(c); },
         "[" + kDatasetBody + "]"},
        {"datasets.get", [id](ApiClient* c, QIODevice*) { return new GetDatasetJob(c, id); }, kDatasetBody},
        {"datasets.delete", [id](ApiClient* c, QIODevice*) { return new DeleteDatasetJob(c, id); },
         R"({"status":"deleted"})", true, false},
        {"datasets.create",
         [](ApiClient* c, QIODevice*) {
             return new CreateDatasetFromFolderJob(c, QStringLiteral("/data/photos"), QStringLiteral("p"));
         },
         R"({"status":"success","dataset_id":"d1"})", false},
        {"list_models", [id](ApiClient* c, QIODevice*) { return new ListModelsJob(c, id); }, kModelsBody},
        {"context", [id](ApiClient* c, QIODevice*) { return new EnrichmentContextJob(c, id); }, context},
        {"enrich", [id, enrich](ApiClient* c, QIODevice*) { return new EnrichDatasetJob(c, id, enrich); },
         R"({"dataset_id":"d2"})", false},
        {"enrich.status",
         [id](ApiClient* c, QIODevice*) { return new EnrichmentStatusJob(c, id, QStringLiteral("c1")); },
         R"({"status":"RUNNING","progress":5})"},
        {"enrich.abort",
         [id](ApiClient* c, QIODevice*) { return new AbortEnrichmentJob(c, id, QStringLiteral("c1")); },
         R"({"aborted":true})", true, false},
        {"explore.text", [id, text](ApiClient* c, QIODevice*) { return new ExploreJob(c, id, text); },
         kExploreBody},
        {"explore.vql", [id, vql](ApiClient* c, QIODevice*) { return new ExploreJob(c, id, vql); },
         kExploreBody},
        {"explore.anchor", [id, anchor](ApiClient* c, QIODevice*) { return new ExploreJob(c, id, anchor); },
         kExploreBody},
        {"similarity.upload",
         [id](ApiClient* c, QIODevice*) {
             return new ImageSimilarityJob(c, id, QByteArray(2048, '\x7f'), QStringLiteral("q.jpg"),
                                           EntityType::Images, 0, std::nullopt);
         },
         R"({"anchor_media_id":"f9d612d4","anchor_type":"UPLOAD"})", false},
        {"export.start",
         [id](ApiClient* c, QIODevice*) { return new StartExportJob(c, id, ExportOptions{}); },
         kExportTaskBody},
        {"export.status",
         [id](ApiClient* c, QIODevice*) { return new ExportStatusJob(c, id, QStringLiteral("t1")); },
         kExportTaskBody},
        {"export.download",
         [](ApiClient* c, QIODevice* sink) {
             return new DownloadJob(c, QUrl(QStringLiteral("/exports/t1.zip")), sink);
         },
         QByteArray("PK\x03\x04 export archive"), true, false, true},
    };
}

// The faults, in table order. `server` picks where the request goes: plain, trusted TLS, untrusted TLS.
enum class ServerKind { Plain, TrustedTls, UntrustedTls };
struct Fault {
    QString name;
    FaultReply reply;
    ServerKind server = ServerKind::Plain;
};

FaultReply status(int code, const QByteArray& body, const QByteArray& type = "application/json") {
    FaultReply reply;
    reply.status = code;
    reply.body = body;
    reply.contentType = type;
    return reply;
}

FaultReply withHeader(FaultReply reply, const QByteArray& name, const QByteArray& value) {
    reply.headers.append({name, value});
    return reply;
}

FaultReply withMode(FaultReply reply, FaultReply::Mode mode) {
    reply.mode = mode;
    return reply;
}

QVector<Fault> faults(quint16 plainPort) {
    const QByteArray validation =
        R"({"detail":[{"loc":["query","vql"],"msg":"value is not a valid list","type":"type_error.list"}]})";
    const QByteArray httpDate =
        QDateTime::currentDateTimeUtc().addSecs(2).toString(Qt::RFC2822Date).toLatin1();
    const QByteArray gatewayPage =
        "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";
    const QByteArray exploreJson = R"({"clusters":[{"cluster_id":"d0470097","type":"IMAGES","previews":[)";
    const QByteArray downgrade = "http://127.0.0.1:" + QByteArray::number(plainPort) + "/api/v1/datasets";
    return {
        {"400", status(400, R"({"detail":"page_number must be >= 0"})")},
        {"401", status(401, R"({"detail":"Invalid token"})")},
        {"403", status(403, R"({"detail":"Feature disabled for this account"})")},
        {"404", status(404, R"({"detail":"Dataset not found"})")},
        {"409", status(409, R"({"detail":"Dataset is being indexed"})")},
        {"422 string", status(422, R"({"detail":"threshold out of range"})")},
        {"422 array", status(422, validation)},
        {"429", status(429, R"({"detail":"Rate limit exceeded"})")},
        {"429 Retry-After s", withHeader(status(429, R"({"detail":"slow down"})"), "Retry-After", "1")},
        {"429 Retry-After date",
         withHeader(status(429, R"({"detail":"slow down"})"), "Retry-After", httpDate)},
        {"500", status(500, R"({"detail":"Internal Server Error"})")},
        {"502 HTML", status(502, gatewayPage, "text/html")},
        {"stall", withMode(status(200, "{}"), FaultReply::Mode::Stall)},
        {"close mid-body",
         withMode(status(200, QByteArray(64 * 1024, ' ') + kExploreBody), FaultReply::Mode::CloseMidBody)},
        {"reset mid-body",
         withMode(status(200, QByteArray(64 * 1024, ' ') + kExploreBody), FaultReply::Mode::ResetMidBody)},
        {"truncated JSON", status(200, exploreJson)},
        {"wrong type", status(200, "<html><head><title>Sign in to Wi-Fi</title></head></html>", "text/html")},
        {"50 MB body", status(200, QByteArray(kHugeBody, 'x'))},
        {"https->http", withHeader(status(302, ""), "Location", downgrade), ServerKind::TrustedTls},
        {"TLS cert", status(200, "{}"), ServerKind::UntrustedTls},
    };
}

QString kindCode(ApiError::Kind kind) {
    switch (kind) {
    case ApiError::Kind::None:
        return QStringLiteral("ok");
    case ApiError::Kind::Network:
        return QStringLiteral("Net");
    case ApiError::Kind::Timeout:
        return QStringLiteral("Time");
    case ApiError::Kind::Tls:
        return QStringLiteral("TLS");
    case ApiError::Kind::Cancelled:
        return QStringLiteral("Canc");
    case ApiError::Kind::Authentication:
        return QStringLiteral("Auth");
    case ApiError::Kind::Forbidden:
        return QStringLiteral("Forb");
    case ApiError::Kind::NotFound:
        return QStringLiteral("NotF");
    case ApiError::Kind::Conflict:
        return QStringLiteral("Conf");
    case ApiError::Kind::Validation:
        return QStringLiteral("Val");
    case ApiError::Kind::RateLimited:
        return QStringLiteral("Rate");
    case ApiError::Kind::Server:
        return QStringLiteral("Srv");
    case ApiError::Kind::BadResponse:
        return QStringLiteral("Bad");
    case ApiError::Kind::Http:
        return QStringLiteral("Http");
    }
    return QStringLiteral("?");
}

// What the policy says a cell must end in. Bodies that are not JSON only fail requests that need JSON.
ApiError::Kind expectedKind(const QString& fault, const RequestType& request) {
    static const std::map<QString, ApiError::Kind> byStatus = {
        {"400", ApiError::Kind::Validation},
        {"401", ApiError::Kind::Authentication},
        {"403", ApiError::Kind::Forbidden},
        {"404", ApiError::Kind::NotFound},
        {"409", ApiError::Kind::Conflict},
        {"422 string", ApiError::Kind::Validation},
        {"422 array", ApiError::Kind::Validation},
        {"429", ApiError::Kind::RateLimited},
        {"429 Retry-After s", ApiError::Kind::RateLimited},
        {"429 Retry-After date", ApiError::Kind::RateLimited},
        {"500", ApiError::Kind::Server},
        {"502 HTML", ApiError::Kind::Server},
        {"stall", ApiError::Kind::Timeout},
        {"reset mid-body", ApiError::Kind::BadResponse},
        {"close mid-body", ApiError::Kind::BadResponse},
        {"https->http", ApiError::Kind::Http},
        {"TLS cert", ApiError::Kind::Tls}};
    const auto found = byStatus.find(fault);
    if (found != byStatus.end())
        return found->second;
    return request.needsJson ? ApiError::Kind::BadResponse : ApiError::Kind::None;
}

// Requests the server must read: retries only for idempotent requests on 429 / 502 / timeouts;
// a 401 is re-sent once with a fresh token; a refused certificate means no request at all.
int expectedRequests(const QString& fault, const RequestType& request) {
    if (fault == QLatin1String("TLS cert"))
        return 0;
    if (fault == QLatin1String("401"))
        return 2;
    const bool retryable = fault.startsWith(QLatin1String("429")) || fault == QLatin1String("502 HTML") ||
                           fault == QLatin1String("stall") || fault.endsWith(QLatin1String("mid-body"));
    // A download that already wrote part of the file is never repeated (the file would be corrupt).
    const bool streamed = fault.endsWith(QLatin1String("mid-body")) && request.streams;
    return retryable && request.idempotent && !streamed ? 1 + kMaxRetries : 1;
}

// Words the sentence must contain so a person knows what happened.
QStringList expectedWords(const QString& fault) {
    static const std::map<QString, QStringList> words = {{"400", {"400", "page_number"}},
                                                         {"401", {"401", "API key"}},
                                                         {"403", {"403", "Feature disabled"}},
                                                         {"404", {"404", "Dataset not found"}},
                                                         {"409", {"409", "being indexed"}},
                                                         {"422 string", {"422", "threshold out of range"}},
                                                         {"422 array", {"422", "vql", "not a valid list"}},
                                                         {"429", {"429", "too many requests"}},
                                                         {"429 Retry-After s", {"429"}},
                                                         {"429 Retry-After date", {"429"}},
                                                         {"500", {"500", "Internal Server Error"}},
                                                         {"502 HTML", {"502", "502 Bad Gateway"}},
                                                         {"stall", {"did not answer in time"}},
                                                         {"reset mid-body", {"could not be read", "byte"}},
                                                         {"close mid-body", {"could not be read", "byte"}},
                                                         {"truncated JSON", {"not valid JSON"}},
                                                         {"wrong type", {"not valid JSON"}},
                                                         {"50 MB body", {"not valid JSON"}},
                                                         {"https->http", {"302"}},
                                                         {"TLS cert", {"TLS", "certificate"}}};
    return words.at(fault);
}

} // namespace

class TestFaultMatrix : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void matrix_data();
    void matrix();
    void cleanupTestCase();

private:
    bool makeCertificate(const QString& name, QSslCertificate* certificate, QSslKey* key);
    FaultServer* serverFor(ServerKind kind);

    QTemporaryDir m_dir;
    FaultServer m_plain;
    FaultServer m_trusted;
    FaultServer m_untrusted;
    QVector<RequestType> m_requests;
    QVector<Fault> m_faults;
    bool m_previousCut = false;
    std::map<QString, std::map<QString, QString>> m_table; // fault -> request -> cell
};

bool TestFaultMatrix::makeCertificate(const QString& name, QSslCertificate* certificate, QSslKey* key) {
    const QString keyPath = m_dir.filePath(name + QStringLiteral(".key"));
    const QString certPath = m_dir.filePath(name + QStringLiteral(".pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                   "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", keyPath, "-out", certPath});
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit ||
        openssl.exitCode() != 0)
        return false;
    QFile keyFile(keyPath);
    QFile certFile(certPath);
    if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly))
        return false;
    *key = QSslKey(keyFile.readAll(), QSsl::Rsa);
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(certFile.readAll());
    if (key->isNull() || certificates.isEmpty())
        return false;
    *certificate = certificates.first();
    return true;
}

void TestFaultMatrix::initTestCase() {
    const bool ci = qEnvironmentVariable("CI") == QLatin1String("true");
    QVERIFY(m_dir.isValid());
    QSslCertificate trustedCertificate, untrustedCertificate;
    QSslKey trustedKey, untrustedKey;
    const bool haveTls = QSslSocket::supportsSsl() &&
                         makeCertificate(QStringLiteral("trusted"), &trustedCertificate, &trustedKey) &&
                         makeCertificate(QStringLiteral("untrusted"), &untrustedCertificate, &untrustedKey);
    if (!haveTls && ci)
        QFAIL("TLS support or the openssl command is missing (packaging/bootstrap.sh installs openssl)");
    if (!haveTls)
        QSKIP("TLS support or the openssl command is missing");
    // Only the first certificate is trusted (as a company CA would be); the second one never is.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificate(trustedCertificate);
    QSslConfiguration::setDefaultConfiguration(configuration);
    m_trusted.useTls(trustedCertificate, trustedKey);
    m_untrusted.useTls(untrustedCertificate, untrustedKey);
    QVERIFY(m_plain.start());
    QVERIFY(m_trusted.start());
    QVERIFY(m_untrusted.start());
    m_requests = requestTypes();
    m_faults = faults(m_plain.serverPort());
}

void TestFaultMatrix::matrix_data() {
    QTest::addColumn<int>("requestIndex");
    QTest::addColumn<int>("faultIndex");
    for (int f = 0; f < m_faults.size(); ++f)
        for (int r = 0; r < m_requests.size(); ++r)
            QTest::addRow("%s | %s", qPrintable(m_requests[r].name), qPrintable(m_faults[f].name)) << r << f;
}

FaultServer* TestFaultMatrix::serverFor(ServerKind kind) {
    switch (kind) {
    case ServerKind::Plain:
        return &m_plain;
    case ServerKind::TrustedTls:
        return &m_trusted;
    case ServerKind::UntrustedTls:
        return &m_untrusted;
    }
    return &m_plain;
}

void TestFaultMatrix::matrix() {
    QFETCH(int, requestIndex);
    QFETCH(int, faultIndex);
    const RequestType& request = m_requests[requestIndex];
    const Fault& fault = m_faults[faultIndex];
    FaultServer* server = serverFor(fault.server);
    // Qt may re-send a request of the previous cell after its connection was cut; let it land first.
    if (m_previousCut)
        QTest::qWait(100);
    m_previousCut = fault.name.endsWith(QLatin1String("mid-body"));

    ApiClient client;
    client.setCredentials(QStringLiteral("test-key-1234"), QByteArrayLiteral("s3cr3t-for-tests"));
    client.setTimeout(fault.name == QLatin1String("stall") ? kTimeoutMs : kGenerousTimeoutMs);
    client.setMaxRetries(kMaxRetries);
    client.setRetryBaseDelay(5);
    client.setMaxRetryAfter(50); // Retry-After is honoured up to this cap (tst_apiclient checks the value)

    server->setReply(fault.reply);
    client.setBaseUrl(server->baseUrl());
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    std::unique_ptr<ApiJob> job(request.make(&client, &sink));
    job->setAutoDelete(false);
    QSignalSpy finished(job.get(), &ApiJob::finished);
    server->resetCount();
    m_plain.resetCount();
    QVERIFY2(finished.wait(kWaitMs), "the job never finished");
    QCOMPARE(finished.count(), 1);
    const ApiError error = job->error();
    const int requests = server->requestCount();
    m_table[fault.name][request.name] = kindCode(error.kind) + QString::number(requests);

    const ApiError::Kind expected = expectedKind(fault.name, request);
    QVERIFY2(error.kind == expected,
             qPrintable(QStringLiteral("expected %1, got %2: %3")
                            .arg(kindCode(expected), kindCode(error.kind), error.message)));
    const int expectedCount = expectedRequests(fault.name, request);
    if (fault.name.endsWith(QLatin1String("mid-body"))) {
        // When a connection ends inside the body, Qt's HTTP layer may itself re-send the request once
        // per attempt (its reconnect attempt), beside our own retry. It does so for GET/DELETE and,
        // observed here, for the body-less POST /process too (not for POSTs with a body): a Qt behaviour
        // ApiJob cannot switch off, reported in the README. Our own retries stay within the policy.
        const bool qtMayResend = request.idempotent || request.name == QLatin1String("datasets.create");
        QVERIFY2(requests >= expectedCount && requests <= expectedCount * (qtMayResend ? 2 : 1),
                 server->requestLines().join('\n').constData());
    } else {
        QCOMPARE(requests, expectedCount);
    }
    if (error.isError()) {
        QVERIFY(error.message.startsWith(QLatin1String("Could not ")));
        QVERIFY2(error.message.size() < 600, qPrintable(error.message.left(600)));
        for (const QString& word : expectedWords(fault.name))
            QVERIFY2(error.message.contains(word, Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("'%1' not in: %2").arg(word, error.message)));
    } else if (fault.name == QLatin1String("50 MB body") &&
               request.name == QLatin1String("export.download")) {
        QCOMPARE(sink.data().size(), kHugeBody); // streamed whole, not cut
    }
    if (fault.server == ServerKind::TrustedTls)
        QCOMPARE(m_plain.requestCount(), 0); // the downgrade was never followed
    QCOMPARE(client.activeRequests(), 0);

    // The same client then completes a good request on the plain server.
    m_plain.setReply(status(200, request.goodBody));
    client.setBaseUrl(m_plain.baseUrl());
    QBuffer goodSink;
    goodSink.open(QIODevice::WriteOnly);
    std::unique_ptr<ApiJob> good(request.make(&client, &goodSink));
    good->setAutoDelete(false);
    QSignalSpy goodFinished(good.get(), &ApiJob::finished);
    QVERIFY2(goodFinished.wait(kWaitMs), "the good request never finished");
    QVERIFY2(good->isSuccess(), qPrintable(good->error().message));
    QCOMPARE(client.activeRequests(), 0);
}

void TestFaultMatrix::cleanupTestCase() {
    // request × fault -> outcome: error kind + number of requests the server read (retries included).
    QString header = QStringLiteral("| fault \\ request |");
    QString rule = QStringLiteral("|---|");
    for (const RequestType& request : m_requests) {
        header += QLatin1Char(' ') + request.name + QStringLiteral(" |");
        rule += QStringLiteral("---|");
    }
    qInfo().noquote() << header;
    qInfo().noquote() << rule;
    for (const Fault& fault : m_faults) {
        QString line = QStringLiteral("| ") + fault.name + QStringLiteral(" |");
        for (const RequestType& request : m_requests)
            line += QLatin1Char(' ') + m_table[fault.name][request.name] + QStringLiteral(" |");
        qInfo().noquote() << line;
    }
}

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
