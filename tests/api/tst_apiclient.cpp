// ApiClient / ApiJob central handling against a real loopback HTTP server: base URLs, JWT auth,
// re-mint on 401, retries and backoff, timeouts, broken bodies, connection resets, aborts, TLS.
#include "ApiTestSupport.h"
#include "DatasetJobs.h"
#include "EnrichmentJobs.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>

using namespace vl;
using namespace vl::test;

namespace {

const QString kDatasetsPath = QStringLiteral("/api/v1/datasets");
const QByteArray kOneDataset = R"([{"id":"b66848f6-0000-0000-0000-000000000001","display_name":"Dataset 11",
    "status":"INITIALIZING","created_at":"2025-07-01T23:18:35.728673"}])";

} // namespace

class TestApiClient : public QObject {
    Q_OBJECT

private slots:
    void baseUrlVariants_data();
    void baseUrlVariants();
    void resolvesRelativeUrlsAndOrigins();
    void serverUrlFromUserInput();
    void redirectsKeepTokenOnItsOrigin();

    void sendsVerifiedJwtWithDocumentedClaims();
    void cachesTokenAndRemintsNearExpiry();
    void noCredentialsMeansNoAuthorizationHeader();
    void remintsOnceOn401ThenSucceeds();
    void secondConsecutive401FailsWithAuthentication();
    void no401RetryWithoutCredentials();

    void retriesGatewayErrorsForGet_data();
    void retriesGatewayErrorsForGet();
    void retriesGetOnConnectionReset();
    void honoursRetryAfterSeconds();
    void capsRetryAfter();
    void givesUpAfterMaxRetries();
    void neverRetriesPost();
    void doesNotRetry500();

    void slowReplyTimesOut();
    void hangingServerTimesOutOnEveryAttempt();
    void truncatedBodyIsBadResponse();
    void nonJsonBodyIsBadResponse();
    void emptyBodyIsBadResponse();
    void connectionResetIsNetworkError();
    void connectionRefusedIsNetworkError();
    void tlsHandshakeFailureIsTlsError();

    void abortInFlightIsCancelledExactlyOnce();
    void abortBeforeStartSendsNothing();
    void abortDuringBackoffStopsRetrying();
    void missingBaseUrlIsAClearError();
    void jobStartsOnNextEventLoopTurn();
    void activityCountFollowsJobs();
    void waitForFinishedKeepsJobReadable();
    void deletingClientWithJobsInFlightIsSafe();
};

void TestApiClient::baseUrlVariants_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    const QString cloud = QStringLiteral("https://app.visual-layer.com/api/v1/datasets");
    QTest::newRow("cloud") << "https://app.visual-layer.com" << cloud;
    QTest::newRow("cloud slash") << "https://app.visual-layer.com/" << cloud;
    QTest::newRow("cloud api") << "https://app.visual-layer.com/api/v1" << cloud;
    QTest::newRow("cloud api slash") << "https://app.visual-layer.com/api/v1/" << cloud;
    QTest::newRow("self-hosted") << "http://vl.example.lan:2080"
                                 << "http://vl.example.lan:2080/api/v1/datasets";
    QTest::newRow("prefix") << "https://example.org/vl/api/v1"
                            << "https://example.org/vl/api/v1/datasets";
    QTest::newRow("local engine") << "http://127.0.0.1:8765/"
                                  << "http://127.0.0.1:8765/api/v1/datasets";
}

void TestApiClient::baseUrlVariants() {
    QFETCH(QString, base);
    QFETCH(QString, expected);
    ApiClient client;
    client.setBaseUrl(QUrl(base));
    QCOMPARE(client.apiUrl(QStringLiteral("/datasets")).toString(), expected);
    QVERIFY(!client.baseUrl().path().endsWith(QLatin1String("/api/v1")));
}

void TestApiClient::resolvesRelativeUrlsAndOrigins() {
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:2080/api/v1")));
    QCOMPARE(client.resolveUrl(QUrl(QStringLiteral("/cdn/d/images/t/t.zip"))).toString(),
             QStringLiteral("http://127.0.0.1:2080/cdn/d/images/t/t.zip"));
    const QUrl presigned(QStringLiteral("https://bucket.s3.amazonaws.com/x.zip?X-Amz-Signature=abc"));
    QCOMPARE(client.resolveUrl(presigned), presigned);
    QVERIFY(client.isSameOrigin(QUrl(QStringLiteral("http://127.0.0.1:2080/cdn/x"))));
    QVERIFY(!client.isSameOrigin(QUrl(QStringLiteral("http://127.0.0.1:2081/cdn/x"))));
    QVERIFY(!client.isSameOrigin(presigned));
    // Dataset ids are percent-encoded into the path, never able to escape it.
    QCOMPARE(
        client.apiUrl(QStringLiteral("/dataset/") + QString::fromLatin1(QUrl::toPercentEncoding("a/../b")))
            .toString(QUrl::FullyEncoded),
        QStringLiteral("http://127.0.0.1:2080/api/v1/dataset/a%2F..%2Fb"));
}

void TestApiClient::serverUrlFromUserInput() {
    QCOMPARE(ApiClient::serverUrlFromUserInput(QStringLiteral(" app.visual-layer.com ")),
             QUrl(QStringLiteral("https://app.visual-layer.com")));
    QCOMPARE(ApiClient::serverUrlFromUserInput(QStringLiteral("localhost:2080")),
             QUrl(QStringLiteral("http://localhost:2080")));
    QCOMPARE(ApiClient::serverUrlFromUserInput(QStringLiteral("127.0.0.1:8765/api/v1")),
             QUrl(QStringLiteral("http://127.0.0.1:8765/api/v1")));
    QCOMPARE(ApiClient::serverUrlFromUserInput(QStringLiteral("http://vl.lan:2080")),
             QUrl(QStringLiteral("http://vl.lan:2080")));
    QVERIFY(ApiClient::serverUrlFromUserInput(QString()).isEmpty());
}

void TestApiClient::redirectsKeepTokenOnItsOrigin() {
    ScriptedServer api;
    ScriptedServer elsewhere;
    QVERIFY(api.listen());
    QVERIFY(elsewhere.listen());
    QUrl target = elsewhere.baseUrl();
    target.setPath(QStringLiteral("/mirror/datasets"));
    api.on("GET", kDatasetsPath, ScriptedReply::json(302, "").withHeader("Location", target.toEncoded()));
    elsewhere.on("GET", QStringLiteral("/mirror/datasets"), ScriptedReply::json(200, kOneDataset));
    auto client = makeClient(api);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->datasets().size(), 1);
    QCOMPARE(job->attempts(), 1);
    QVERIFY(verifiedToken(api.lastRequest()));
    QCOMPARE(elsewhere.requests().size(), 1);
    QVERIFY(!elsewhere.lastRequest().headers.contains("authorization")); // the token stayed home

    // A redirect loop ends with a clear error instead of spinning.
    api.on("GET", kDatasetsPath, ScriptedReply::json(302, "").withHeader("Location", "/api/v1/datasets"));
    auto loop = runJob(new ListDatasetsJob(client.get()));
    QVERIFY(loop->error().isError());
    QCOMPARE(loop->error().httpStatus, 302);
}

void TestApiClient::sendsVerifiedJwtWithDocumentedClaims() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset));
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->datasets().size(), 1);

    const RecordedRequest request = server.lastRequest();
    QCOMPARE(request.method, QByteArray("GET"));
    QString whyNot;
    const auto token = verifiedToken(request, &whyNot);
    QVERIFY2(token, qPrintable(whyNot));
    QCOMPARE(token->header.value("alg").toString(), QStringLiteral("HS256"));
    QCOMPARE(token->header.value("kid").toString(), kApiKey);
    QCOMPARE(token->claims.value("sub").toString(), kApiKey);
    QCOMPARE(token->claims.value("iss").toString(), QStringLiteral("sdk"));
    QVERIFY(isWholeNumber(token->claims.value("iat")));
    QVERIFY(isWholeNumber(token->claims.value("exp")));
    QCOMPARE(qint64(token->claims.value("exp").toDouble() - token->claims.value("iat").toDouble()),
             qint64(600));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(qAbs(qint64(token->claims.value("iat").toDouble()) - now) <= 5);
    QVERIFY(request.header("accept").contains("application/json"));
    // The secret itself never travels.
    QVERIFY(!request.rawTarget.contains(kApiSecret));
    for (const QByteArray& value : request.headers)
        QVERIFY(!value.contains(kApiSecret));
}

void TestApiClient::cachesTokenAndRemintsNearExpiry() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset));
    auto client = makeClient(server);
    QVERIFY(runJob(new ListDatasetsJob(client.get()))->isSuccess());
    QVERIFY(runJob(new ListDatasetsJob(client.get()))->isSuccess());
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).bearerToken(), server.requests().at(1).bearerToken());

    // A 61 s token is inside the 60 s refresh margin one second later: the next request gets a new one.
    client->setTokenLifetime(61);
    QVERIFY(runJob(new ListDatasetsJob(client.get()))->isSuccess());
    QTest::qWait(1200);
    QVERIFY(runJob(new ListDatasetsJob(client.get()))->isSuccess());
    const auto first = verifiedToken(server.requests().at(2));
    const auto second = verifiedToken(server.requests().at(3));
    QVERIFY(first && second);
    QVERIFY(second->claims.value("iat").toDouble() > first->claims.value("iat").toDouble());
    QCOMPARE(qint64(second->claims.value("exp").toDouble() - second->claims.value("iat").toDouble()),
             qint64(61));
}

void TestApiClient::noCredentialsMeansNoAuthorizationHeader() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset));
    auto client = makeClient(server, false);
    QVERIFY(!client->hasCredentials());
    QVERIFY(runJob(new ListDatasetsJob(client.get()))->isSuccess());
    QVERIFY(!server.lastRequest().headers.contains("authorization"));

    client->setCredentials(kApiKey, kApiSecret);
    client->clearCredentials();
    QVERIFY(runJob(new ListDatasetsJob(client.get()))->isSuccess());
    QVERIFY(!server.lastRequest().headers.contains("authorization"));
}

void TestApiClient::remintsOnceOn401ThenSucceeds() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence(
        "GET", kDatasetsPath,
        {ScriptedReply::json(401, R"({"detail":"Token expired"})"), ScriptedReply::json(200, kOneDataset)});
    auto client = makeClient(server);
    QSignalSpy authFailed(client.get(), &ApiClient::authenticationFailed);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(verifiedToken(server.requests().at(1)));
    QCOMPARE(authFailed.count(), 0);
}

void TestApiClient::secondConsecutive401FailsWithAuthentication() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(401, R"({"detail":"Invalid token"})"));
    auto client = makeClient(server);
    QSignalSpy authFailed(client.get(), &ApiClient::authenticationFailed);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::Authentication);
    QCOMPARE(job->error().httpStatus, 401);
    QCOMPARE(job->error().detail, QStringLiteral("Invalid token"));
    QVERIFY(job->error().message.contains(QLatin1String("list datasets")));
    QCOMPARE(server.requests().size(), 2); // the original and exactly one re-minted repeat
    QCOMPARE(authFailed.count(), 1);
}

void TestApiClient::no401RetryWithoutCredentials() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(401, R"({"detail":"Not authenticated"})"));
    auto client = makeClient(server, false);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::Authentication);
    QCOMPARE(server.requests().size(), 1);
}

void TestApiClient::retriesGatewayErrorsForGet_data() {
    QTest::addColumn<int>("status");
    QTest::newRow("502") << 502;
    QTest::newRow("503") << 503;
    QTest::newRow("504") << 504;
    QTest::newRow("429") << 429;
}

void TestApiClient::retriesGatewayErrorsForGet() {
    QFETCH(int, status);
    ScriptedServer server;
    QVERIFY(server.listen());
    const ScriptedReply failure = ScriptedReply::json(status, R"({"detail":"try later"})");
    server.onSequence("GET", kDatasetsPath, {failure, failure, ScriptedReply::json(200, kOneDataset)});
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(job->attempts(), 3);
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(job->datasets().size(), 1);
}

void TestApiClient::retriesGetOnConnectionReset() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence("GET", kDatasetsPath, {ScriptedReply::reset(), ScriptedReply::json(200, kOneDataset)});
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    // Qt itself may resend once on a fresh connection; either way the server saw the retry.
    QVERIFY(server.requests().size() >= 2);
}

void TestApiClient::honoursRetryAfterSeconds() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence("GET", kDatasetsPath,
                      {ScriptedReply::json(429, R"({"detail":"slow down"})").withHeader("Retry-After", "1"),
                       ScriptedReply::json(200, kOneDataset)});
    auto client = makeClient(server);
    QElapsedTimer clock;
    clock.start();
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY(job->isSuccess());
    // Lower bound only: the base delay is 5 ms, so waiting ~1 s can only come from Retry-After.
    QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
}

void TestApiClient::capsRetryAfter() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence("GET", kDatasetsPath,
                      {ScriptedReply::json(503, "{}").withHeader("Retry-After", "3600"),
                       ScriptedReply::json(200, kOneDataset)});
    auto client = makeClient(server);
    client->setMaxRetryAfter(50);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QVERIFY2(job->isSuccess(), qPrintable(job->error().message));
    QCOMPARE(server.requests().size(), 2);
}

void TestApiClient::givesUpAfterMaxRetries() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(503, R"({"detail":"maintenance"})"));
    auto client = makeClient(server);
    client->setMaxRetries(2);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::Server);
    QCOMPARE(job->error().httpStatus, 503);
    QCOMPARE(job->error().detail, QStringLiteral("maintenance"));
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(job->attempts(), 3);
}

void TestApiClient::neverRetriesPost() {
    for (int status : {429, 502, 503, 504}) {
        ScriptedServer server;
        QVERIFY(server.listen());
        server.on("POST", QStringLiteral("/api/v1/dataset/d1/enrich_dataset"),
                  ScriptedReply::json(status, "{}"));
        auto client = makeClient(server);
        EnrichmentRequest request;
        request.models.insert(QStringLiteral("CAPTION_IMAGES"), QStringLiteral("vl_image_captioner_v00"));
        auto job = runJob(new EnrichDatasetJob(client.get(), QStringLiteral("d1"), request));
        QVERIFY(job->error().isError());
        QCOMPARE(job->error().httpStatus, status);
        QCOMPARE(server.requests().size(), 1);
    }
}

void TestApiClient::doesNotRetry500() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(500, R"({"detail":"boom"})"));
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::Server);
    QCOMPARE(job->error().httpStatus, 500);
    QCOMPARE(server.requests().size(), 1);
}

void TestApiClient::slowReplyTimesOut() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset).delayed(5000));
    auto client = makeClient(server);
    client->setTimeout(300);
    client->setMaxRetries(0);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::Timeout);
    QVERIFY(!job->error().message.isEmpty());
}

void TestApiClient::hangingServerTimesOutOnEveryAttempt() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::hang());
    auto client = makeClient(server);
    client->setTimeout(250);
    client->setMaxRetries(1);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::Timeout);
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(server.requests().size(), 2);
}

void TestApiClient::truncatedBodyIsBadResponse() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::truncated(200, kOneDataset, 20));
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::BadResponse);
    QVERIFY(job->error().message.contains(QLatin1String("list datasets")));
}

void TestApiClient::nonJsonBodyIsBadResponse() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::raw(200, "<html>proxy login</html>", "text/html"));
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::BadResponse);
    QVERIFY(job->error().detail.contains(QLatin1String("JSON")));
    QCOMPARE(job->rawBody(), QByteArray("<html>proxy login</html>"));

    server.on("GET", kDatasetsPath, ScriptedReply::json(200, R"({"id": "not a list"})"));
    auto wrongShape = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(wrongShape->error().kind, ApiError::Kind::BadResponse);
}

void TestApiClient::emptyBodyIsBadResponse() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, ""));
    auto client = makeClient(server);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::BadResponse);
    QVERIFY(job->error().detail.contains(QLatin1String("empty")));
}

void TestApiClient::connectionResetIsNetworkError() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::reset());
    auto client = makeClient(server);
    client->setMaxRetries(1);
    auto job = runJob(new ListDatasetsJob(client.get()));
    QCOMPARE(job->error().kind, ApiError::Kind::Network);
    QVERIFY(!job->error().message.isEmpty());
}

void TestApiClient::connectionRefusedIsNetworkError() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    client.setRetryBaseDelay(5);
    client.setMaxRetries(1);
    auto job = runJob(new ListDatasetsJob(&client));
    QCOMPARE(job->error().kind, ApiError::Kind::Network);
    QCOMPARE(job->attempts(), 2);
    job.reset();
}

void TestApiClient::tlsHandshakeFailureIsTlsError() {
    // A plain-text peer on an https URL: the TLS handshake fails and must be reported, never ignored.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
    connect(&plain, &QTcpServer::newConnection, &plain, [&plain] {
        while (QTcpSocket* socket = plain.nextPendingConnection()) {
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        }
    });
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(plain.serverPort())));
    client.setCredentials(kApiKey, kApiSecret);
    client.setMaxRetries(0);
    client.setTimeout(5000);
    auto job = runJob(new ListDatasetsJob(&client));
    QVERIFY(job->error().isError());
    QCOMPARE(job->error().kind, ApiError::Kind::Tls);
    job.reset();
}

void TestApiClient::abortInFlightIsCancelledExactlyOnce() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::hang());
    auto client = makeClient(server);
    auto* job = new ListDatasetsJob(client.get());
    job->setAutoDelete(false);
    QSignalSpy finished(job, &ApiJob::finished);
    QSignalSpy received(&server, &ScriptedServer::requestReceived);
    QVERIFY(received.wait(kJobWaitMs));
    job->abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
    job->abort(); // a second abort is harmless
    QTest::qWait(100);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(client->activeRequests(), 0);
    delete job;
}

void TestApiClient::abortBeforeStartSendsNothing() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset));
    auto client = makeClient(server);
    auto* job = new ListDatasetsJob(client.get());
    job->setAutoDelete(false);
    QSignalSpy finished(job, &ApiJob::finished);
    job->abort();
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
    QCOMPARE(server.requests().size(), 0);
    delete job;
}

void TestApiClient::abortDuringBackoffStopsRetrying() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(503, "{}"));
    auto client = makeClient(server);
    client->setRetryBaseDelay(3000);
    auto* job = new ListDatasetsJob(client.get());
    job->setAutoDelete(false);
    QSignalSpy finished(job, &ApiJob::finished);
    QSignalSpy received(&server, &ScriptedServer::requestReceived);
    QVERIFY(received.wait(kJobWaitMs));
    QTest::qWait(100); // the 503 has arrived; the job now waits out its backoff
    QCOMPARE(finished.count(), 0);
    job->abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(job->error().kind, ApiError::Kind::Cancelled);
    QTest::qWait(3500);
    QCOMPARE(server.requests().size(), 1); // the scheduled retry never went out
    QCOMPARE(finished.count(), 1);
    delete job;
}

void TestApiClient::missingBaseUrlIsAClearError() {
    ApiClient client;
    auto job = runJob(new ListDatasetsJob(&client));
    QCOMPARE(job->error().kind, ApiError::Kind::Network);
    QVERIFY(job->error().message.contains(QLatin1String("no server address")));
    QCOMPARE(client.activeRequests(), 0);
    job.reset();
}

void TestApiClient::jobStartsOnNextEventLoopTurn() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset));
    auto client = makeClient(server);
    auto* job = new ListDatasetsJob(client.get());
    QCOMPARE(client->activeRequests(), 0); // nothing sent yet: signals can still be connected
    QPointer<ApiJob> guard(job);
    QSignalSpy finished(job, &ApiJob::finished);
    QVERIFY(finished.wait(kJobWaitMs));
    QCOMPARE(finished.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000); // auto-deleted after finished()
}

void TestApiClient::activityCountFollowsJobs() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset).delayed(200));
    auto client = makeClient(server);
    QSignalSpy activity(client.get(), &ApiClient::activityChanged);
    auto* first = new ListDatasetsJob(client.get());
    auto* second = new ListDatasetsJob(client.get());
    first->setAutoDelete(false);
    second->setAutoDelete(false);
    QTRY_COMPARE_WITH_TIMEOUT(client->activeRequests(), 2, 5000);
    runJob(first);
    runJob(second);
    QCOMPARE(client->activeRequests(), 0);
    QCOMPARE(activity.last().at(0).toInt(), 0);
    QCOMPARE(activity.count(), 4);
}

void TestApiClient::waitForFinishedKeepsJobReadable() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::json(200, kOneDataset));
    auto client = makeClient(server);
    auto* first = new ListDatasetsJob(client.get());
    QVERIFY(first->waitForFinished());
    auto* second = new GetDatasetJob(client.get(), QStringLiteral("missing"));
    QVERIFY(!second->waitForFinished());
    QCOMPARE(second->error().kind, ApiError::Kind::NotFound);
    QCOMPARE(first->datasets().size(), 1); // still alive after another wait
    QCOMPARE(first->datasets().first().displayName, QStringLiteral("Dataset 11"));
}

void TestApiClient::deletingClientWithJobsInFlightIsSafe() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", kDatasetsPath, ScriptedReply::hang());
    auto client = makeClient(server);
    QPointer<ApiJob> job = new ListDatasetsJob(client.get());
    QSignalSpy received(&server, &ScriptedServer::requestReceived);
    QVERIFY(received.wait(kJobWaitMs));
    client.reset();
    QVERIFY(job.isNull());
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
