#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "MemorySecretStore.h"
#include "ModelTestSupport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace vl;
using namespace vl::test;

class ConnectionsModelTest : public QObject {
    Q_OBJECT
private slots:
    void localIsAlwaysFirst();
    void settingsNeverHoldSecrets();
    void keychainRefusalAddsNothing();
    void removingForgetsCredentials();
    void connectsToSelfHostedServer();
    void wrongKeyIsExplained();
    void offlineIsExplained();
    void localEngineUnavailableIsExplained();
    void testConnectionReportsDatasetCount();
};

static bool addCloud(ConnectionsModel& model, const QString& name, const ApiCredentials& credentials,
                     QString* id) {
    bool done = false;
    bool ok = false;
    model.addCloud(name, QUrl("https://app.visual-layer.com"), credentials,
                   [&](const SecretStore::Result& result) {
                       done = true;
                       ok = result.status == SecretStore::Status::Ok;
                       *id = QString::fromUtf8(result.data);
                   });
    for (int i = 0; i < 500 && !done; ++i)
        QTest::qWait(10);
    return done && ok;
}

void ConnectionsModelTest::localIsAlwaysFirst() {
    MemorySecretStore secrets;
    ConnectionsModel model(&secrets);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.connection(0).kind, Connection::Kind::Local);
    QCOMPARE(model.lastConnectionId(), Connection::localId());
    model.remove(Connection::localId());
    QCOMPARE(model.rowCount(), 1);
}

void ConnectionsModelTest::settingsNeverHoldSecrets() {
    QTemporaryDir dir;
    const QString path = dir.filePath("settings.ini");
    MemorySecretStore secrets;
    QString cloudId;
    {
        ConnectionsModel model(&secrets);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(addCloud(model, "Work cloud", {"key-ABC123", "secret-XYZ789"}, &cloudId));
        const QString serverId = model.addSelfHosted("Lab", QUrl("http://lab.example:2080"));
        QCOMPARE(model.rowCount(), 3);
        model.setLastConnectionId(cloudId);
        QSettings settings(path, QSettings::IniFormat);
        model.save(settings);
        Q_UNUSED(serverId);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("Work cloud"));
    QVERIFY(!text.contains("key-ABC123"));
    QVERIFY(!text.contains("secret-XYZ789"));
    QVERIFY(secrets.contains(CredentialStore::keyFor(cloudId)));

    ConnectionsModel reloaded(&secrets);
    QSettings settings(path, QSettings::IniFormat);
    reloaded.load(settings);
    QCOMPARE(reloaded.rowCount(), 3);
    QCOMPARE(reloaded.lastConnectionId(), cloudId); // the last one is reopened
    QCOMPARE(reloaded.find(cloudId)->name, QStringLiteral("Work cloud"));
    bool read = false;
    reloaded.readCredentials(cloudId,
                             [&](const SecretStore::Result& result, const ApiCredentials& credentials) {
                                 read = true;
                                 QCOMPARE(result.status, SecretStore::Status::Ok);
                                 QCOMPARE(credentials.apiKey, QStringLiteral("key-ABC123"));
                                 QCOMPARE(credentials.apiSecret, QByteArray("secret-XYZ789"));
                             });
    QTRY_VERIFY_WITH_TIMEOUT(read, 5000);
}

void ConnectionsModelTest::keychainRefusalAddsNothing() {
    MemorySecretStore secrets;
    secrets.setUnavailable(true);
    ConnectionsModel model(&secrets);
    QString id;
    QVERIFY(!addCloud(model, "Cloud", {"k", "s"}, &id));
    QCOMPARE(model.rowCount(), 1);
}

void ConnectionsModelTest::removingForgetsCredentials() {
    MemorySecretStore secrets;
    ConnectionsModel model(&secrets);
    QString id;
    QVERIFY(addCloud(model, "Cloud", {"k", "s"}, &id));
    model.setLastConnectionId(id);
    model.remove(id);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.lastConnectionId(), Connection::localId());
    QTRY_VERIFY_WITH_TIMEOUT(!secrets.contains(CredentialStore::keyFor(id)), 5000);
}

void ConnectionsModelTest::connectsToSelfHostedServer() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/datasets", ScriptedReply::json(200, "[]"));
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    const QString id = connections.addSelfHosted("On-prem", server.baseUrl());
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    QSignalSpy connected(&manager, &ConnectionManager::connected);
    manager.connectTo(id);
    QCOMPARE(manager.state(), ConnectionManager::State::Connecting);
    QVERIFY(connected.wait(10000));
    QCOMPARE(manager.state(), ConnectionManager::State::Connected);
    QCOMPARE(connections.lastConnectionId(), id);
    QVERIFY(server.lastRequest().header("authorization").isEmpty()); // on-prem: no auth header
}

void ConnectionsModelTest::wrongKeyIsExplained() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/datasets", ScriptedReply::json(401, R"({"detail":"Invalid token"})"));
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    QString id;
    bool done = false;
    connections.addCloud("Cloud", server.baseUrl(), {"bad-key", "bad-secret"},
                         [&](const SecretStore::Result& r) {
                             id = QString::fromUtf8(r.data);
                             done = true;
                         });
    QTRY_VERIFY(done);
    ApiClient client;
    client.setMaxRetries(0);
    ConnectionManager manager(&client, &connections);
    QSignalSpy failed(&manager, &ConnectionManager::failed);
    manager.connectTo(id);
    QVERIFY(failed.wait(10000));
    QCOMPARE(manager.state(), ConnectionManager::State::Failed);
    QVERIFY(manager.failureReason().contains(QStringLiteral("API key or secret")));
    QVERIFY(server.lastRequest().bearerToken().size() > 20); // it did sign a token with the stored key

    // Retry asks again (and fails the same way here).
    failed.clear();
    manager.retry();
    QVERIFY(failed.wait(10000));
}

void ConnectionsModelTest::offlineIsExplained() {
    QTcpServer placeholder; // reserve a port, then close it so nothing listens there
    QVERIFY(placeholder.listen(QHostAddress::LocalHost));
    const quint16 port = placeholder.serverPort();
    placeholder.close();
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    const QString id =
        connections.addSelfHosted("Gone", QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    ApiClient client;
    client.setMaxRetries(0);
    ConnectionManager manager(&client, &connections);
    QSignalSpy failed(&manager, &ConnectionManager::failed);
    manager.connectTo(id);
    QVERIFY(failed.wait(10000));
    QVERIFY2(manager.failureReason().contains(QStringLiteral("Cannot reach")),
             qPrintable(manager.failureReason()));
}

void ConnectionsModelTest::localEngineUnavailableIsExplained() {
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    manager.setLocalUnavailable("port in use");
    QSignalSpy failed(&manager, &ConnectionManager::failed);
    manager.connectTo(Connection::localId());
    QCOMPARE(failed.count(), 1);
    QVERIFY(manager.failureReason().contains(QStringLiteral("port in use")));
}

void ConnectionsModelTest::testConnectionReportsDatasetCount() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/datasets",
              ScriptedReply::json(
                  200, toJson(QJsonArray{datasetJson("a", "A", "READY"), datasetJson("b", "B", "READY")})));
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    bool done = false;
    manager.testConnection(server.baseUrl(), "key", "secret", [&](bool ok, const QString& message) {
        done = true;
        QVERIFY(ok);
        QVERIFY(message.contains(QStringLiteral("2 dataset")));
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY(!server.lastRequest().bearerToken().isEmpty());
    QVERIFY(client.baseUrl().isEmpty()); // the main client was not touched
}

QTEST_MAIN(ConnectionsModelTest)
#include "tst_connectionsmodel.moc"
