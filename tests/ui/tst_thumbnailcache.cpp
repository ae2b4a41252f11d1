#include "ModelTestSupport.h"
#include "ThumbnailCache.h"

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
    ThumbnailCache cache;
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
        ThumbnailCache cache;
        cache.setDiskCacheDirectory(dir.path());
        QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
        cache.thumbnail(url, QSize(64, 64));
        QVERIFY(ready.wait(10000));
        QVERIFY(!cache.thumbnail(url, QSize(64, 64)).isNull());
        QCOMPARE(server.requestCount("GET", "/t.png"), 1);
    }
    ThumbnailCache second; // a new run: memory is empty, the disk cache answers
    second.setDiskCacheDirectory(dir.path());
    QSignalSpy ready(&second, &ThumbnailCache::thumbnailReady);
    second.thumbnail(url, QSize(64, 64));
    QVERIFY(ready.wait(10000));
    QCOMPARE(server.requestCount("GET", "/t.png"), 1);
}

void ThumbnailCacheTest::memoryIsBounded() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QByteArray image = encoded(QSize(256, 256), "PNG");
    server.setHandler([&](const RecordedRequest&) { return ScriptedReply::raw(200, image, "image/png"); });
    ThumbnailCache cache;
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
    ThumbnailCache cache;
    cache.setMaxConcurrentDownloads(2);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    QSignalSpy failed(&cache, &ThumbnailCache::thumbnailFailed);
    for (int i = 0; i < 6; ++i)
        cache.thumbnail(server.baseUrl().resolved(QUrl(QStringLiteral("/slow%1.png").arg(i))), QSize(32, 32));
    QTRY_COMPARE_WITH_TIMEOUT(cache.downloadingCount(), 2, 5000);
    QCOMPARE(cache.queuedCount(), 4);
    const QUrl wanted = server.baseUrl().resolved(QUrl("/fast.png"));
    cache.thumbnail(wanted, QSize(32, 32));
    cache.keepOnly({wanted}); // everything else scrolled away
    // The aborted downloads free their slots at once, so the wanted one may already be running.
    QCOMPARE(cache.queuedCount() + cache.downloadingCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1, 10000);
    QCOMPARE(ready.first().first().toUrl(), wanted);
    QCOMPARE(cache.downloadingCount(), 0);
    QCOMPARE(failed.count(), 0); // cancelled loads are not failures
    QVERIFY(server.requestsTo("/slow5.png").size() + server.requestsTo("/slow4.png").size() <= 2);
}

void ThumbnailCacheTest::corruptImageFailsWithAReason() {
    ScriptedServer server;
    QVERIFY(server.listen());
    QByteArray truncated = encoded(QSize(300, 300), "PNG").left(60);
    server.on("GET", "/bad.png", ScriptedReply::raw(200, truncated, "image/png"));
    server.on("GET", "/missing.png", ScriptedReply::json(404, R"({"detail":"Not Found"})"));
    ThumbnailCache cache;
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
    ThumbnailCache cache;
    cache.setClient(&client);
    QSignalSpy ready(&cache, &ThumbnailCache::thumbnailReady);
    cache.thumbnail(api.baseUrl().resolved(QUrl("/image/x.png")), QSize(16, 16));
    cache.thumbnail(cdn.baseUrl().resolved(QUrl("/thumbs/x.png")), QSize(16, 16));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 10000);
    QVERIFY(!api.lastRequest().bearerToken().isEmpty());
    QVERIFY(cdn.lastRequest().header("authorization").isEmpty()); // never leak the token to a CDN
}

QTEST_MAIN(ThumbnailCacheTest)
#include "tst_thumbnailcache.moc"
