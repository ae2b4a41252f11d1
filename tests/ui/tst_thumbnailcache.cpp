#include "ModelTestSupport.h"
#include "ThumbnailCache.h"
#include "ThumbnailProvider.h"

#include <QBuffer>
#include <QImageWriter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace vl;
using namespace vl::test;

class ThumbnailCacheTest : public QObject {
    Q_OBJECT
private slots:
    void decodesPngAndWebpScaledDown();
    void servesRepeatsFromMemoryAndDisk();
    void memoryIsBounded();
    void keepOnlyCancelsFarAwayLoads();
    void corruptImageFailsWithAReason();
    void tokenOnlyForTheServer();
    void redirectToAnotherOriginDropsTheToken();
    void redirectRefusals();
    void transientFailuresAreRetried();
    void timeoutsAreRetried();
    void missingImageIsNotRetried();
    void reSignedLinksHitTheCache();
};

static QByteArray encoded(const QSize& size, const char* format, QColor color = Qt::green) {
    QImage image(size, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

void ThumbnailCacheTest::decodesPngAndWebpScaledDown() {
    QVERIFY2(QImageWriter::supportedImageFormats().contains("webp"), "qt6-image-formats-plugins missing");
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/a.png", ScriptedReply::raw(200, encoded(QSize(1200, 600), "PNG"), "image/png"));
    server.on("GET", "/b.webp", ScriptedReply::raw(200, encoded(QSize(300, 900), "WEBP"), "image/webp"));
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    const QUrl png = server.baseUrl().resolved(QUrl("/a.png"));
    const QUrl webp = server.baseUrl().resolved(QUrl("/b.webp"));
    QVERIFY(cache.thumbnail(png, QSize(256, 256)).isNull()); // queued, never blocks
    QVERIFY(cache.thumbnail(webp, QSize(256, 256)).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 10000);
    QCOMPARE(cache.thumbnail(png, QSize(256, 256)).size(), QSize(256, 128));
    QCOMPARE(cache.thumbnail(webp, QSize(256, 256)).size(), QSize(85, 256));
}

void ThumbnailCacheTest::servesRepeatsFromMemoryAndDisk() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/t.png",
              ScriptedReply::raw(200, encoded(QSize(200, 200), "PNG"), "image/png")
                  .withHeader("Cache-Control", "max-age=3600"));
    QTemporaryDir dir;
    const QUrl url = server.baseUrl().resolved(QUrl("/t.png"));
    {
        ApiClient client;
        ThumbnailProvider provider(&client);
        ThumbnailCache cache(&provider);
        provider.setDiskCacheDirectory(dir.path());
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        cache.thumbnail(url, QSize(64, 64));
        QVERIFY(ready.wait(10000));
        QVERIFY(!cache.thumbnail(url, QSize(64, 64)).isNull());
        QCOMPARE(server.requestCount("GET", "/t.png"), 1);
    }
    ApiClient secondClient;
    ThumbnailProvider secondProvider(&secondClient);
    ThumbnailCache second(&secondProvider); // a new run: memory is empty, the disk cache answers
    secondProvider.setDiskCacheDirectory(dir.path());
    QSignalSpy ready(&second, &ThumbnailCache::thumbnailReady);
    second.thumbnail(url, QSize(64, 64));
    QVERIFY(ready.wait(10000));
    QCOMPARE(server.requestCount("GET", "/t.png"), 1);
    // ...also for a re-signed link to the same image.
    ApiClient thirdClient;
    ThumbnailProvider thirdProvider(&thirdClient);
    ThumbnailCache third(&thirdProvider);
    thirdProvider.setDiskCacheDirectory(dir.path());
    QSignalSpy thirdReady(&third, &ThumbnailCache::thumbnailReady);
    QUrl resigned = url;
    resigned.setQuery("expires=4102444800&sig=fresh");
    third.thumbnail(resigned, QSize(64, 64));
    QVERIFY(thirdReady.wait(10000));
    QCOMPARE(server.requestCount("GET", "/t.png"), 1);
}

void ThumbnailCacheTest::memoryIsBounded() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QByteArray image = encoded(QSize(256, 256), "PNG");
    server.setHandler([&](const RecordedRequest&) { return ScriptedReply::raw(200, image, "image/png"); });
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    cache.setMemoryLimit(1024); // 1 MB: four 256x256 RGBA thumbnails
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    for (int i = 0; i < 10; ++i)
        cache.thumbnail(server.baseUrl().resolved(QUrl(QStringLiteral("/%1.png").arg(i))), QSize(256, 256));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 10, 15000);
    QVERIFY(cache.memoryUsedKb() <= 1024);
    QVERIFY(cache.memoryUsedKb() >= 256);
    // The most recent entries stay; the oldest were evicted.
    int present = 0;
    for (int i = 0; i < 10; ++i)
        present += cache.contains(server.baseUrl().resolved(QUrl(QStringLiteral("/%1.png").arg(i))),
                                  QSize(256, 256));
    QCOMPARE(present, 4);
}

void ThumbnailCacheTest::keepOnlyCancelsFarAwayLoads() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QByteArray image = encoded(QSize(32, 32), "PNG");
    server.setHandler([&](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path.startsWith(QLatin1String("/slow")))
            return ScriptedReply::hang();
        return ScriptedReply::raw(200, image, "image/png");
    });
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    provider.setMaxConcurrentDownloads(2);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
    for (int i = 0; i < 6; ++i)
        cache.thumbnail(server.baseUrl().resolved(QUrl(QStringLiteral("/slow%1.png").arg(i))), QSize(32, 32));
    QTRY_COMPARE_WITH_TIMEOUT(provider.downloadingCount(), 2, 5000);
    QCOMPARE(provider.queuedCount(), 4);
    const QUrl wanted = server.baseUrl().resolved(QUrl("/fast.png"));
    cache.thumbnail(wanted, QSize(32, 32));
    cache.keepOnly({wanted}); // everything else scrolled away
    // The aborted downloads free their slots at once, so the wanted one may already be running.
    QCOMPARE(provider.queuedCount() + provider.downloadingCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 10000);
    QCOMPARE(ready.first().first().toUrl(), wanted);
    QCOMPARE(provider.downloadingCount(), 0);
    QCOMPARE(failed.count(), 0); // cancelled loads are not failures
    QVERIFY(server.requestsTo("/slow5.png").size() + server.requestsTo("/slow4.png").size() <= 2);
}

void ThumbnailCacheTest::corruptImageFailsWithAReason() {
    ScriptedServer server;
    QVERIFY(server.listen());
    QByteArray truncated = encoded(QSize(300, 300), "PNG").left(60);
    server.on("GET", "/bad.png", ScriptedReply::raw(200, truncated, "image/png"));
    server.on("GET", "/missing.png", ScriptedReply::json(404, R"({"detail":"Not Found"})"));
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
    const QUrl bad = server.baseUrl().resolved(QUrl("/bad.png"));
    const QUrl missing = server.baseUrl().resolved(QUrl("/missing.png"));
    cache.thumbnail(bad, QSize(64, 64));
    cache.thumbnail(missing, QSize(64, 64));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10000);
    QVERIFY(!cache.failure(bad).isEmpty());
    QVERIFY(!cache.failure(missing).isEmpty());
    // A failed URL is not fetched again on every repaint.
    cache.thumbnail(bad, QSize(64, 64));
    QTest::qWait(100);
    QCOMPARE(server.requestCount("GET", "/bad.png"), 1);
}

void ThumbnailCacheTest::tokenOnlyForTheServer() {
    ScriptedServer api;
    ScriptedServer cdn;
    QVERIFY(api.listen());
    QVERIFY(cdn.listen());
    const QByteArray image = encoded(QSize(16, 16), "PNG");
    api.on("GET", "/image/x.png", ScriptedReply::raw(200, image, "image/png"));
    cdn.on("GET", "/thumbs/x.png", ScriptedReply::raw(200, image, "image/png"));
    ApiClient client;
    client.setBaseUrl(api.baseUrl());
    client.setCredentials("key", "secret");
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    cache.thumbnail(api.baseUrl().resolved(QUrl("/image/x.png")), QSize(16, 16));
    cache.thumbnail(cdn.baseUrl().resolved(QUrl("/thumbs/x.png")), QSize(16, 16));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 10000);
    QVERIFY(!api.lastRequest().bearerToken().isEmpty());
    QVERIFY(cdn.lastRequest().header("authorization").isEmpty()); // never leak the token to a CDN
}

// Qt copies the request's headers onto a redirect it follows; a same-origin thumbnail redirected to a
// CDN used to carry the bearer token there. The CDN must never see it; a same-origin hop keeps it.
void ThumbnailCacheTest::redirectToAnotherOriginDropsTheToken() {
    ScriptedServer api;
    ScriptedServer cdn;
    QVERIFY(api.listen());
    QVERIFY(cdn.listen());
    const QByteArray image = encoded(QSize(16, 16), "PNG");
    api.on("GET", "/media/a/thumb",
           ScriptedReply::raw(302, {}, "text/plain")
               .withHeader("Location", cdn.baseUrl().resolved(QUrl("/cdn/a.png")).toEncoded()));
    api.on("GET", "/media/b/thumb",
           ScriptedReply::raw(307, {}, "text/plain").withHeader("Location", "/media/b/moved"));
    api.on("GET", "/media/b/moved", ScriptedReply::raw(200, image, "image/png"));
    cdn.on("GET", "/cdn/a.png", ScriptedReply::raw(200, image, "image/png"));
    ApiClient client;
    client.setBaseUrl(api.baseUrl());
    client.setCredentials("key", "secret");
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    const QUrl a = api.baseUrl().resolved(QUrl("/media/a/thumb"));
    const QUrl b = api.baseUrl().resolved(QUrl("/media/b/thumb"));
    cache.thumbnail(a, QSize(16, 16));
    cache.thumbnail(b, QSize(16, 16));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 10000);
    QVERIFY(!api.requestsTo("/media/a/thumb").first().bearerToken().isEmpty());
    QCOMPARE(cdn.requestCount("GET", "/cdn/a.png"), 1);
    QVERIFY2(cdn.requestsTo("/cdn/a.png").first().header("authorization").isEmpty(),
             cdn.requestsTo("/cdn/a.png").first().header("authorization").constData());
    QVERIFY(!api.requestsTo("/media/b/moved").first().bearerToken().isEmpty()); // same origin: kept
    QVERIFY(!cache.thumbnail(a, QSize(16, 16)).isNull());
}

void ThumbnailCacheTest::redirectRefusals() {
    const QUrl https("https://example.org/t.png");
    QVERIFY(!ThumbnailCache::redirectRefusal(https, QUrl("http://example.org/t.png")).isEmpty());
    QVERIFY(ThumbnailCache::redirectRefusal(https, QUrl("https://cdn.example.org/t.png")).isEmpty());
    QVERIFY(ThumbnailCache::redirectRefusal(QUrl("http://a/t"), QUrl("https://b/t")).isEmpty());
    QVERIFY(!ThumbnailCache::redirectRefusal(QUrl("http://a/t"), QUrl("file:///etc/passwd")).isEmpty());
}

// A 503 is not remembered until the connection changes: after the back-off the image loads.
void ThumbnailCacheTest::transientFailuresAreRetried() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence("GET", "/flaky.png",
                      {ScriptedReply::json(503, R"({"detail":"busy"})"),
                       ScriptedReply::raw(200, encoded(QSize(20, 20), "PNG"), "image/png")});
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    client.setMaxRetries(
        0); // the loader's own retries are tst_medialoader's; here: the back-off between asks
    provider.setRetryDelay(300);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
    const QUrl url = server.baseUrl().resolved(QUrl("/flaky.png"));
    cache.thumbnail(url, QSize(20, 20));
    QVERIFY(failed.wait(10000));
    QVERIFY(!cache.failure(url).isEmpty());
    cache.thumbnail(url, QSize(20, 20)); // within the back-off: no new request
    QTest::qWait(50);
    QCOMPARE(server.requestCount("GET", "/flaky.png"), 1);
    QTest::qWait(300);
    QVERIFY(cache.failure(url).isEmpty()); // the back-off has passed
    QVERIFY(cache.thumbnail(url, QSize(20, 20)).isNull());
    QVERIFY(ready.wait(10000));
    QCOMPARE(server.requestCount("GET", "/flaky.png"), 2);
    QVERIFY(!cache.thumbnail(url, QSize(20, 20)).isNull());
}

void ThumbnailCacheTest::timeoutsAreRetried() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence(
        "GET", "/slow.png",
        {ScriptedReply::hang(), ScriptedReply::raw(200, encoded(QSize(20, 20), "PNG"), "image/png")});
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    client.setMaxRetries(
        0); // the loader's own retries are tst_medialoader's; here: the back-off between asks
    provider.setTransferTimeout(300);
    provider.setRetryDelay(100);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
    const QUrl url = server.baseUrl().resolved(QUrl("/slow.png"));
    cache.thumbnail(url, QSize(20, 20));
    QVERIFY(failed.wait(10000)); // the timeout is a failure (not a silent cancellation)...
    QTest::qWait(150);
    cache.thumbnail(url, QSize(20, 20)); // ...that is tried again
    QVERIFY(ready.wait(10000));
    QCOMPARE(server.requestCount("GET", "/slow.png"), 2);
}

void ThumbnailCacheTest::missingImageIsNotRetried() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/gone.png", ScriptedReply::json(404, R"({"detail":"Media not found"})"));
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    provider.setRetryDelay(10);
    QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
    const QUrl url = server.baseUrl().resolved(QUrl("/gone.png"));
    cache.thumbnail(url, QSize(20, 20));
    QVERIFY(failed.wait(10000));
    QTest::qWait(50);
    cache.thumbnail(url, QSize(20, 20));
    QTest::qWait(100);
    QCOMPARE(server.requestCount("GET", "/gone.png"), 1);
    QVERIFY(!cache.failure(url).isEmpty());
    cache.clear(); // a new connection forgets
    QVERIFY(cache.failure(url).isEmpty());
}

// Explore pages come with freshly signed links; the same image must not be fetched again because its
// signature changed.
void ThumbnailCacheTest::reSignedLinksHitTheCache() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/media/m1/thumb/512",
              ScriptedReply::raw(200, encoded(QSize(20, 20), "PNG"), "image/png"));
    ApiClient client;
    ThumbnailProvider provider(&client);
    ThumbnailCache cache(&provider);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    const QUrl first = server.baseUrl().resolved(QUrl("/api/v1/media/m1/thumb/512?expires=100&sig=abc"));
    const QUrl resigned = server.baseUrl().resolved(QUrl("/api/v1/media/m1/thumb/512?expires=200&sig=def"));
    cache.thumbnail(first, QSize(20, 20));
    QVERIFY(ready.wait(10000));
    QVERIFY(!cache.thumbnail(resigned, QSize(20, 20)).isNull());
    QVERIFY(cache.contains(resigned, QSize(20, 20)));
    QCOMPARE(server.requestCount("GET", "/api/v1/media/m1/thumb/512"), 1);
    QCOMPARE(ThumbnailCache::stableUrl(QUrl("http://h/p?a=1&X-Amz-Signature=s&sig=x")),
             QUrl("http://h/p?a=1"));
}

QTEST_MAIN(ThumbnailCacheTest)
#include "tst_thumbnailcache.moc"
