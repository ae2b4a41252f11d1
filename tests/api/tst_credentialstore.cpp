// CredentialStore over the in-memory SecretStore: entry layout, round trips, missing and damaged
// entries, and the "no keychain" path that lets callers keep credentials for this run only.
#include "CredentialStore.h"
#include "MemorySecretStore.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace vl;

namespace {

constexpr int kWaitMs = 10000;

// Waits for a store callback without blocking forever.
bool waitFor(int& calls) {
    QElapsedTimer clock;
    clock.start();
    while (calls == 0 && clock.elapsed() < kWaitMs)
        QTest::qWait(5);
    return calls > 0;
}

} // namespace

class TestCredentialStore : public QObject {
    Q_OBJECT

private slots:
    void keyAndEncoding();
    void roundTrip();
    void overwriteAndRemove();
    void missingEntryIsNotFound();
    void damagedEntryIsReported();
    void unavailableStoreAsksForThisRunOnly();
    void rejectsIncompleteCredentials();
    void answersAsynchronously();
};

void TestCredentialStore::keyAndEncoding() {
    QCOMPARE(CredentialStore::keyFor(QStringLiteral("abc-123")), QStringLiteral("cloud:abc-123"));
    const QByteArray entry = CredentialStore::encode({QStringLiteral("key-1"), QByteArray("sec\"ret+/=")});
    QVERIFY(!entry.contains('\n')); // compact JSON
    const QJsonObject object = QJsonDocument::fromJson(entry).object();
    QCOMPARE(object.value("api_key").toString(), QStringLiteral("key-1"));
    QCOMPARE(object.value("api_secret").toString(), QStringLiteral("sec\"ret+/="));
    const auto decoded = CredentialStore::decode(entry);
    QVERIFY(decoded);
    QCOMPARE(decoded->apiSecret, QByteArray("sec\"ret+/="));
    QVERIFY(!CredentialStore::decode("not json"));
    QVERIFY(!CredentialStore::decode(R"({"api_key":"only-key"})"));
}

void TestCredentialStore::roundTrip() {
    MemorySecretStore secrets;
    CredentialStore store(&secrets);
    int saved = 0;
    SecretStore::Result saveResult;
    store.save(QStringLiteral("conn-1"), {QStringLiteral("key-1"), "secret-1"},
               [&](const SecretStore::Result& r) {
                   ++saved;
                   saveResult = r;
               });
    QVERIFY(waitFor(saved));
    QCOMPARE(saveResult.status, SecretStore::Status::Ok);
    QVERIFY(secrets.contains(QStringLiteral("cloud:conn-1")));
    QCOMPARE(secrets.size(), 1);

    int loaded = 0;
    CredentialStore::LoadResult loadResult;
    store.load(QStringLiteral("conn-1"), [&](const CredentialStore::LoadResult& r) {
        ++loaded;
        loadResult = r;
    });
    QVERIFY(waitFor(loaded));
    QCOMPARE(loaded, 1);
    QCOMPARE(loadResult.status, SecretStore::Status::Ok);
    QCOMPARE(loadResult.credentials.apiKey, QStringLiteral("key-1"));
    QCOMPARE(loadResult.credentials.apiSecret, QByteArray("secret-1"));
}

void TestCredentialStore::overwriteAndRemove() {
    MemorySecretStore secrets;
    CredentialStore store(&secrets);
    int calls = 0;
    store.save(QStringLiteral("c"), {QStringLiteral("k1"), "s1"},
               [&](const SecretStore::Result&) { ++calls; });
    store.save(QStringLiteral("c"), {QStringLiteral("k2"), "s2"},
               [&](const SecretStore::Result&) { ++calls; });
    QTRY_COMPARE_WITH_TIMEOUT(calls, 2, kWaitMs);
    CredentialStore::LoadResult loadResult;
    int loaded = 0;
    store.load(QStringLiteral("c"), [&](const CredentialStore::LoadResult& r) {
        ++loaded;
        loadResult = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(loaded, 1, kWaitMs);
    QCOMPARE(loadResult.credentials.apiKey, QStringLiteral("k2"));

    SecretStore::Result removeResult;
    int removed = 0;
    store.remove(QStringLiteral("c"), [&](const SecretStore::Result& r) {
        ++removed;
        removeResult = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(removed, 1, kWaitMs);
    QCOMPARE(removeResult.status, SecretStore::Status::Ok);
    QCOMPARE(secrets.size(), 0);
}

void TestCredentialStore::missingEntryIsNotFound() {
    MemorySecretStore secrets;
    CredentialStore store(&secrets);
    CredentialStore::LoadResult loadResult;
    int loaded = 0;
    store.load(QStringLiteral("never-saved"), [&](const CredentialStore::LoadResult& r) {
        ++loaded;
        loadResult = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(loaded, 1, kWaitMs);
    QCOMPARE(loadResult.status, SecretStore::Status::NotFound);
    QVERIFY(!loadResult.credentials.isValid());
    QVERIFY(!loadResult.message.isEmpty());
}

void TestCredentialStore::damagedEntryIsReported() {
    MemorySecretStore secrets;
    int written = 0;
    secrets.write(QStringLiteral("cloud:bad"), "{broken", [&](const SecretStore::Result&) { ++written; });
    QTRY_COMPARE_WITH_TIMEOUT(written, 1, kWaitMs);
    CredentialStore store(&secrets);
    CredentialStore::LoadResult loadResult;
    int loaded = 0;
    store.load(QStringLiteral("bad"), [&](const CredentialStore::LoadResult& r) {
        ++loaded;
        loadResult = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(loaded, 1, kWaitMs);
    QCOMPARE(loadResult.status, SecretStore::Status::OtherError);
    QVERIFY(loadResult.message.contains(QLatin1String("damaged")));
    QVERIFY(!loadResult.message.contains(QLatin1String("broken"))); // the stored bytes are never echoed
}

void TestCredentialStore::unavailableStoreAsksForThisRunOnly() {
    MemorySecretStore secrets;
    secrets.setUnavailable(true);
    CredentialStore store(&secrets);
    SecretStore::Result saveResult;
    int saved = 0;
    store.save(QStringLiteral("c"), {QStringLiteral("k"), "s"}, [&](const SecretStore::Result& r) {
        ++saved;
        saveResult = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(saved, 1, kWaitMs);
    QCOMPARE(saveResult.status, SecretStore::Status::Unavailable);
    QVERIFY(saveResult.message.contains(QLatin1String("this run only")));
    QCOMPARE(secrets.size(), 0);

    CredentialStore::LoadResult loadResult;
    int loaded = 0;
    store.load(QStringLiteral("c"), [&](const CredentialStore::LoadResult& r) {
        ++loaded;
        loadResult = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(loaded, 1, kWaitMs);
    QCOMPARE(loadResult.status, SecretStore::Status::Unavailable);

    // No store at all behaves the same way.
    CredentialStore detached(nullptr);
    int detachedCalls = 0;
    SecretStore::Result detachedResult;
    detached.save(QStringLiteral("c"), {QStringLiteral("k"), "s"}, [&](const SecretStore::Result& r) {
        ++detachedCalls;
        detachedResult = r;
    });
    QTRY_COMPARE_WITH_TIMEOUT(detachedCalls, 1, kWaitMs);
    QCOMPARE(detachedResult.status, SecretStore::Status::Unavailable);
}

void TestCredentialStore::rejectsIncompleteCredentials() {
    MemorySecretStore secrets;
    CredentialStore store(&secrets);
    SecretStore::Result result;
    int calls = 0;
    store.save(QStringLiteral("c"), {QStringLiteral("key-only"), QByteArray()},
               [&](const SecretStore::Result& r) {
                   ++calls;
                   result = r;
               });
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, kWaitMs);
    QCOMPARE(result.status, SecretStore::Status::OtherError);
    QCOMPARE(secrets.size(), 0);
}

void TestCredentialStore::answersAsynchronously() {
    MemorySecretStore secrets;
    CredentialStore store(&secrets);
    int calls = 0;
    store.load(QStringLiteral("x"), [&](const CredentialStore::LoadResult&) { ++calls; });
    QCOMPARE(calls, 0); // never re-entrantly inside the call
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, kWaitMs);
    QTest::qWait(50);
    QCOMPARE(calls, 1); // exactly once
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
