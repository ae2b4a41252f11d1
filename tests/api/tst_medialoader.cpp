// MediaLoader: thumbnails and originals through the connection's ApiClient, with its auth, retry and
// timeout rules; and the retry signal and vl.api log lines every job shares.
#include "ApiTestSupport.h"
#include "DatasetJobs.h"
#include "MediaLoader.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>

using namespace vl;
using namespace vl::test;

class MediaLoaderTest : public QObject {
    Q_OBJECT
private slots:
    void decodesScaledDown();
    void tokenOnlyToTheOwnOriginAcrossRedirects();
    void redirectToALocalFileIsRefused();
    void retriesOn503ThenLoads();
    void timeoutEndsWithAClearError();
    void jobAnnouncesItsRetries();
    void logLinesNameTheRequestButNeverTheToken();
};

static QByteArray png(const QSize& size) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Waits for the load's single finished() and hands back what it carried.
struct LoadResult {
    bool finished = false;
    bool success = false;
    bool permanent = false;
    QSize size;
    QString error;
    int retries = 0;
};

static LoadResult waitFor(MediaLoad* load) {
    LoadResult result;
    QObject::connect(load, &MediaLoad::retryScheduled, load, [&result](int, int) { ++result.retries; });
    QObject::connect(load, &MediaLoad::finished, load, [&result](MediaLoad* done) {
        result.finished = true;
        result.success = done->isSuccess();
        result.permanent = done->isPermanentFailure();
        result.size = done->image().size();
        result.error = done->errorString();
    });
    if (!QTest::qWaitFor([&result] { return result.finished; }, kJobWaitMs))
        qWarning("the media load did not finish in time");
    return result; // a load that never finished fails the caller's checks (success stays false)
}

void MediaLoaderTest::decodesScaledDown() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/m/big.png", ScriptedReply::raw(200, png(QSize(800, 400)), "image/png"));
    auto client = makeClient(server);
    MediaLoader loader(client.get());
    const LoadResult result =
        waitFor(loader.load(server.baseUrl().resolved(QUrl("/m/big.png")), QSize(200, 200)));
    QVERIFY2(result.success, qPrintable(result.error));
    QCOMPARE(result.size, QSize(200, 100));
}

// The token goes to the server's own origin on every hop, and never to another one, whichever way the
// redirects run (server -> CDN, server -> server).
void MediaLoaderTest::tokenOnlyToTheOwnOriginAcrossRedirects() {
    ScriptedServer api;
    ScriptedServer cdn;
    QVERIFY(api.listen());
    QVERIFY(cdn.listen());
    const QByteArray image = png(QSize(16, 16));
    api.on("GET", "/media/a/thumb",
           ScriptedReply::raw(302, {}, "text/plain")
               .withHeader("Location", cdn.baseUrl().resolved(QUrl("/cdn/hop")).toEncoded()));
    cdn.on("GET", "/cdn/hop",
           ScriptedReply::raw(307, {}, "text/plain")
               .withHeader("Location", cdn.baseUrl().resolved(QUrl("/cdn/a.png")).toEncoded()));
    cdn.on("GET", "/cdn/a.png", ScriptedReply::raw(200, image, "image/png"));
    api.on("GET", "/media/b/thumb",
           ScriptedReply::raw(301, {}, "text/plain").withHeader("Location", "/media/b/moved"));
    api.on("GET", "/media/b/moved", ScriptedReply::raw(200, image, "image/png"));
    auto client = makeClient(api);
    MediaLoader loader(client.get());

    LoadResult a = waitFor(loader.load(api.baseUrl().resolved(QUrl("/media/a/thumb")), QSize(16, 16)));
    QVERIFY2(a.success, qPrintable(a.error));
    QVERIFY(!api.requestsTo("/media/a/thumb").first().bearerToken().isEmpty());
    QCOMPARE(cdn.requests().size(), 2);
    for (const RecordedRequest& request : cdn.requests())
        QVERIFY2(request.header("authorization").isEmpty(), qPrintable(request.path));

    LoadResult b = waitFor(loader.load(api.baseUrl().resolved(QUrl("/media/b/thumb")), QSize(16, 16)));
    QVERIFY2(b.success, qPrintable(b.error));
    QVERIFY(!api.requestsTo("/media/b/moved").first().bearerToken().isEmpty()); // same origin: kept
}

// A server must not make the client read this computer's files: a redirect to a file: URL (here a
// perfectly decodable image) is refused, not followed.
void MediaLoaderTest::redirectToALocalFileIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("local.png"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png(QSize(16, 16)));
    }
    ScriptedServer api;
    QVERIFY(api.listen());
    api.on("GET", "/media/x",
           ScriptedReply::raw(302, {}, "text/plain")
               .withHeader("Location", QUrl::fromLocalFile(path).toEncoded()));
    auto client = makeClient(api);
    MediaLoader loader(client.get());
    const LoadResult result = waitFor(loader.load(api.baseUrl().resolved(QUrl("/media/x")), QSize(16, 16)));
    QVERIFY(result.finished);
    QVERIFY(!result.success);
    QVERIFY(result.permanent); // asking again would be refused again
    QVERIFY(!result.error.isEmpty());
}

void MediaLoaderTest::retriesOn503ThenLoads() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence("GET", "/m/flaky.png",
                      {ScriptedReply::json(503, R"({"detail":"busy"})"),
                       ScriptedReply::json(503, R"({"detail":"busy"})"),
                       ScriptedReply::raw(200, png(QSize(20, 20)), "image/png")});
    auto client = makeClient(server);
    client->setMaxRetries(3);
    MediaLoader loader(client.get());
    const LoadResult result =
        waitFor(loader.load(server.baseUrl().resolved(QUrl("/m/flaky.png")), QSize(20, 20)));
    QVERIFY2(result.success, qPrintable(result.error));
    QCOMPARE(server.requestCount("GET", "/m/flaky.png"), 3);
    QCOMPARE(result.retries, 2);
}

void MediaLoaderTest::timeoutEndsWithAClearError() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/m/slow.png", ScriptedReply::hang());
    auto client = makeClient(server);
    client->setMaxRetries(1);
    MediaLoader loader(client.get());
    loader.setTransferTimeout(1000);
    const LoadResult result =
        waitFor(loader.load(server.baseUrl().resolved(QUrl("/m/slow.png")), QSize(20, 20)));
    QVERIFY(result.finished);
    QVERIFY(!result.success);
    QVERIFY(!result.permanent); // a timeout may pass: the provider asks again later
    QVERIFY2(result.error.contains(QStringLiteral("no data for 1 second")), qPrintable(result.error));
    QCOMPARE(server.requestCount("GET", "/m/slow.png"), 2); // the retry table covers timeouts too
    QCOMPARE(result.retries, 1);
}

// Every job says when it will try again (the window shows "retrying in 4 s"); the client relays it.
void MediaLoaderTest::jobAnnouncesItsRetries() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence("GET", "/api/v1/datasets",
                      {ScriptedReply::json(503, R"({"detail":"busy"})").withHeader("Retry-After", "0"),
                       ScriptedReply::json(502, R"({"detail":"gateway"})"), ScriptedReply::json(200, "[]")});
    auto client = makeClient(server);
    client->setMaxRetries(3);
    client->setRetryBaseDelay(40);
    QSignalSpy relayed(client.get(), &ApiClient::retryScheduled);
    auto* job = new ListDatasetsJob(client.get());
    QSignalSpy retries(job, &ApiJob::retryScheduled);
    auto finished = runJob(job);
    QVERIFY2(finished->isSuccess(), qPrintable(finished->error().message));
    QCOMPARE(retries.count(), 2);
    QCOMPARE(retries.at(0).at(0).toInt(), 1);
    QCOMPARE(retries.at(0).at(1).toInt(), 0); // Retry-After: 0 wins over the back-off
    QCOMPARE(retries.at(1).at(0).toInt(), 2);
    QCOMPARE(retries.at(1).at(1).toInt(), 80); // 40 ms doubled for the second retry
    QCOMPARE(relayed.count(), 2);
    QCOMPARE(relayed.at(1).at(0).toString(), finished->operation());
}

namespace {
QMutex logMutex;
QStringList logLines;
void captureLog(QtMsgType, const QMessageLogContext& context, const QString& message) {
    if (QLatin1String(context.category) == QLatin1String("vl.api")) {
        QMutexLocker lock(&logMutex);
        logLines.append(message);
    }
}
} // namespace

void MediaLoaderTest::logLinesNameTheRequestButNeverTheToken() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence(
        "GET", "/api/v1/datasets",
        {ScriptedReply::json(503, R"({"detail":"busy"})"), ScriptedReply::json(404, R"({"detail":"no"})")});
    auto client = makeClient(server);
    client->setMaxRetries(2);
    QLoggingCategory::setFilterRules(QStringLiteral("vl.api*=true"));
    logLines.clear();
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    auto finished = runJob(new ListDatasetsJob(client.get()));
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(!finished->isSuccess());
    const QString token = QString::fromLatin1(server.lastRequest().bearerToken());
    QVERIFY(!token.isEmpty());
    QStringList sends, retries, failures;
    for (const QString& line : logLines) {
        QVERIFY2(!line.contains(token) && !line.contains(kApiKey) &&
                     !line.contains(QLatin1String(kApiSecret)),
                 qPrintable(line));
        if (line.startsWith(QLatin1String("send")))
            sends << line;
        else if (line.startsWith(QLatin1String("retry")))
            retries << line;
        else if (line.startsWith(QLatin1String("failed")))
            failures << line;
    }
    QCOMPARE(sends.size(), 2);
    QVERIFY2(sends.first().contains(QLatin1String("GET /api/v1/datasets attempt 1")),
             qPrintable(sends.first()));
    QCOMPARE(retries.size(), 1);
    QVERIFY2(retries.first().contains(QLatin1String("status 503 attempt 1")), qPrintable(retries.first()));
    QCOMPARE(failures.size(), 1);
    QVERIFY2(failures.first().contains(QLatin1String("GET /api/v1/datasets status 404 attempt 2")),
             qPrintable(failures.first()));
}

QTEST_MAIN(MediaLoaderTest)
#include "tst_medialoader.moc"
