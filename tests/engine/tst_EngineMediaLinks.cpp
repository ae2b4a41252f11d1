// Signed media links: they expire like cloud CDN links (403 with a clear detail afterwards), cannot be
// extended by editing the expiry, and die with the engine run that signed them (a new secret per start).
#include "EngineTestClient.h"
#include "LocalEngine.h"
#include "MediaSigner.h"
#include "TestImages.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace vl::engine;

class TestEngineMediaLinks : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_folder;

    // The thumbnail link of the first image of a fresh dataset over m_folder.
    static QUrl thumbnailLink(EngineTestClient& client, const QString& folder) {
        QUrlQuery q;
        q.addQueryItem("path", folder);
        const QString id = client.post("/api/v1/process", q).object().value("dataset_id").toString();
        client.waitForStatus(id, {"READY", "ERROR"});
        QUrlQuery explore;
        explore.addQueryItem("entity_type", "IMAGES");
        const QJsonObject preview = client.get("/api/v1/explore/" + id, explore)
                                        .object()
                                        .value("clusters")
                                        .toArray()
                                        .first()
                                        .toObject()
                                        .value("previews")
                                        .toArray()
                                        .first()
                                        .toObject();
        return QUrl(preview.value("media_thumb_uri").toString());
    }

private slots:
    void initTestCase();
    void signerVerdicts();
    void linksLastAnHourByDefault();
    void expiredLinkIsRefusedWithReason();
    void editedExpiryIsRefused();
    void restartRotatesTheSecret();
};

void TestEngineMediaLinks::initTestCase() {
    m_folder = m_root.filePath("photos");
    QVERIFY(TestImages::save(TestImages::scene(5), m_folder + "/one.jpg"));
}

void TestEngineMediaLinks::signerVerdicts() {
    MediaSigner signer("secret");
    const QString path = MediaSigner::thumbnailPath("m", 256);
    const QString sig = QString::fromLatin1(signer.signature(path, 1000));
    QCOMPARE(signer.check(path, "1000", sig, 999), MediaSigner::Verdict::Valid);
    QCOMPARE(signer.check(path, "1000", sig, 1000), MediaSigner::Verdict::Valid);
    QCOMPARE(signer.check(path, "1000", sig, 1001), MediaSigner::Verdict::Expired);
    QCOMPARE(signer.check(path, "2000", sig, 999), MediaSigner::Verdict::Invalid); // extended by hand
    QCOMPARE(signer.check(MediaSigner::originalPath("m"), "1000", sig, 999), MediaSigner::Verdict::Invalid);
    QCOMPARE(signer.check(path, "", sig, 999), MediaSigner::Verdict::Invalid);
    QCOMPARE(signer.check(path, "1e3", sig, 999), MediaSigner::Verdict::Invalid);
    QCOMPARE(MediaSigner("other").check(path, "1000", sig, 999), MediaSigner::Verdict::Invalid);
    QCOMPARE(MediaSigner().check(path, "1000", sig, 999), MediaSigner::Verdict::Invalid); // no secret yet
}

void TestEngineMediaLinks::linksLastAnHourByDefault() {
    LocalEngine engine(m_root.filePath("data-default"));
    QVERIFY(engine.start());
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    const QUrl link = thumbnailLink(client, m_folder);
    const qint64 expires = QUrlQuery(link).queryItemValue("expires").toLongLong();
    const qint64 lifetime = expires - QDateTime::currentSecsSinceEpoch();
    QVERIFY2(lifetime > 3600 - 60 && lifetime <= 3600, qPrintable(QString::number(lifetime)));
    const QByteArray none;
    QCOMPARE(client.getUrl(link, &none).status, 200);
}

void TestEngineMediaLinks::expiredLinkIsRefusedWithReason() {
    LocalEngine engine(m_root.filePath("data-short"));
    engine.setMediaLinkLifetime(1);
    QVERIFY(engine.start());
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    const QUrl link = thumbnailLink(client, m_folder);
    const qint64 expires = QUrlQuery(link).queryItemValue("expires").toLongLong();
    const QByteArray none;
    // Wall-clock expiry: wait until the link's second has passed (at most two seconds).
    while (QDateTime::currentSecsSinceEpoch() <= expires)
        QThread::msleep(50);
    const HttpResult expired = client.getUrl(link, &none);
    QCOMPARE(expired.status, 403);
    QVERIFY2(expired.detail().contains("expired"), expired.body.constData());
    QCOMPARE(client.getUrl(link).status, 200); // a bearer token still opens the path
}

void TestEngineMediaLinks::editedExpiryIsRefused() {
    LocalEngine engine(m_root.filePath("data-edit"));
    QVERIFY(engine.start());
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    const QUrl link = thumbnailLink(client, m_folder);
    QUrlQuery query(link);
    const qint64 expires = query.queryItemValue("expires").toLongLong();
    query.removeQueryItem("expires");
    query.addQueryItem("expires", QString::number(expires + 86400));
    QUrl extended = link;
    extended.setQuery(query);
    const QByteArray none;
    const HttpResult r = client.getUrl(extended, &none);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.detail(), QString("Invalid media signature"));
}

void TestEngineMediaLinks::restartRotatesTheSecret() {
    const QString dataDir = m_root.filePath("data-restart");
    QUrl link;
    const QByteArray none;
    {
        LocalEngine engine(dataDir);
        QVERIFY(engine.start());
        EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
        link = thumbnailLink(client, m_folder);
        QCOMPARE(client.getUrl(link, &none).status, 200);
    }
    LocalEngine engine(dataDir);
    QVERIFY(engine.start());
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    QUrl sameLinkNewRun = link;
    sameLinkNewRun.setPort(engine.url().port()); // the port may differ; the link must fail on its signature
    const HttpResult r = client.getUrl(sameLinkNewRun, &none);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.detail(), QString("Invalid media signature"));
}

QTEST_GUILESS_MAIN(TestEngineMediaLinks)
#include "tst_EngineMediaLinks.moc"
