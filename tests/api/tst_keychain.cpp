// Round trip through the real OS keychain (gnome-keyring over the Secret Service D-Bus API).
// Runs only inside packaging/test-session.sh (dbus-run-session + unlocked throw-away keyring), which
// exports VL_KEYCHAIN_AVAILABLE=1. Never falls back to insecure storage.
#include "CredentialStore.h"
#include "KeychainSecretStore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QUuid>

using namespace vl;

namespace {

constexpr int kWaitMs = 20000; // a keyring prompt would never be answered: fail instead of hanging

bool waitFor(const int& calls) {
    QElapsedTimer clock;
    clock.start();
    while (calls == 0 && clock.elapsed() < kWaitMs)
        QTest::qWait(10);
    return calls > 0;
}

SecretStore::Result call(const std::function<void(SecretStore::Callback)>& operation) {
    int calls = 0;
    SecretStore::Result result{
        SecretStore::Status::OtherError, {}, QStringLiteral("no answer within the time limit")};
    operation([&](const SecretStore::Result& answer) {
        ++calls;
        result = answer;
    });
    waitFor(calls);
    return result;
}

// True when `needle` appears in any file below `root` (bounded to small files).
bool anyFileContains(const QString& root, const QByteArray& needle) {
    if (root.isEmpty())
        return false;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.size() < 4 * 1024 * 1024 && file.open(QIODevice::ReadOnly) &&
            file.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void writeReadOverwriteDelete();
    void missingEntryIsNotFound();
    void credentialStoreRoundTrip();
    void secretNeverLandsInPlainFiles();

private:
    QString uniqueKey() const {
        return QStringLiteral("vl-explorer-test:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
};

void TestKeychain::initTestCase() {
    if (qEnvironmentVariableIsEmpty("VL_KEYCHAIN_AVAILABLE"))
        QSKIP("No test keyring: run inside packaging/test-session.sh (dbus-run-session + unlocked "
              "gnome-keyring), "
              "which sets VL_KEYCHAIN_AVAILABLE=1. Insecure storage is never used as a substitute.");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset): the keychain would be unreachable or "
              "prompt.");
}

void TestKeychain::writeReadOverwriteDelete() {
    KeychainSecretStore store;
    QCOMPARE(store.serviceName(), QStringLiteral("VL Explorer"));
    const QString key = uniqueKey();

    SecretStore::Result result = call([&](auto done) { store.write(key, "first-secret", done); });
    QVERIFY2(result.status == SecretStore::Status::Ok, qPrintable(result.message));
    result = call([&](auto done) { store.read(key, done); });
    QVERIFY2(result.status == SecretStore::Status::Ok, qPrintable(result.message));
    QCOMPARE(result.data, QByteArray("first-secret"));

    result = call([&](auto done) { store.write(key, QByteArray("second\0secret", 13), done); });
    QVERIFY2(result.status == SecretStore::Status::Ok, qPrintable(result.message));
    result = call([&](auto done) { store.read(key, done); });
    QCOMPARE(result.status, SecretStore::Status::Ok);
    QCOMPARE(result.data, QByteArray("second\0secret", 13)); // binary-safe

    result = call([&](auto done) { store.remove(key, done); });
    QVERIFY2(result.status == SecretStore::Status::Ok, qPrintable(result.message));
    result = call([&](auto done) { store.read(key, done); });
    QCOMPARE(result.status, SecretStore::Status::NotFound);
    QVERIFY(!result.message.isEmpty());
}

void TestKeychain::missingEntryIsNotFound() {
    KeychainSecretStore store;
    const SecretStore::Result result = call([&](auto done) { store.read(uniqueKey(), done); });
    QCOMPARE(result.status, SecretStore::Status::NotFound);
    QVERIFY(result.data.isEmpty());
}

void TestKeychain::credentialStoreRoundTrip() {
    KeychainSecretStore secrets;
    CredentialStore store(&secrets);
    const QString connection = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const SecretStore::Result saved = call([&](auto done) {
        store.save(connection, {QStringLiteral("key-abc"), "secret-xyz"}, done);
    });
    QVERIFY2(saved.status == SecretStore::Status::Ok, qPrintable(saved.message));

    int loadedCalls = 0;
    CredentialStore::LoadResult loaded;
    store.load(connection, [&](const CredentialStore::LoadResult& r) {
        ++loadedCalls;
        loaded = r;
    });
    QVERIFY(waitFor(loadedCalls));
    QVERIFY2(loaded.status == SecretStore::Status::Ok, qPrintable(loaded.message));
    QCOMPARE(loaded.credentials.apiKey, QStringLiteral("key-abc"));
    QCOMPARE(loaded.credentials.apiSecret, QByteArray("secret-xyz"));

    const SecretStore::Result removed = call([&](auto done) { store.remove(connection, done); });
    QVERIFY2(removed.status == SecretStore::Status::Ok, qPrintable(removed.message));
}

void TestKeychain::secretNeverLandsInPlainFiles() {
    // Only meaningful with the throw-away XDG directories test-session.sh sets up; never scan a real home.
    const QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    const QString data = qEnvironmentVariable("XDG_DATA_HOME");
    if (config.isEmpty() || data.isEmpty() || config.startsWith(QDir::homePath()) ||
        data.startsWith(QDir::homePath()))
        QSKIP("XDG_CONFIG_HOME / XDG_DATA_HOME are not throw-away directories");
    KeychainSecretStore store;
    const QString key = uniqueKey();
    const QByteArray secret = "plain-text-canary-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const SecretStore::Result written = call([&](auto done) { store.write(key, secret, done); });
    QVERIFY2(written.status == SecretStore::Status::Ok, qPrintable(written.message));
    QVERIFY(!anyFileContains(config, secret));
    QVERIFY(!anyFileContains(data, secret));
    call([&](auto done) { store.remove(key, done); });
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
