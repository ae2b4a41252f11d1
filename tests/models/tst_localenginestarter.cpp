#include "ApiClient.h"
#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "LocalEngine.h"
#include "LocalEngineStarter.h"
#include "MemorySecretStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace vl;

// The app starts the embedded engine on a worker thread and connects once it is up; a failure is
// explained and Retry starts the engine again.
class LocalEngineStarterTest : public QObject {
    Q_OBJECT
private slots:
    void startsOffTheGuiThreadThenConnects();
    void failureIsExplainedAndRetryStartsAgain();
    void destructionWaitsForAStartInProgress();
};

namespace {

// The start function main.cpp uses, recording the thread it ran on.
LocalEngineStarter::StartFunction startOn(engine::LocalEngine* engine, std::atomic<QThread*>* ranOn) {
    return [engine, ranOn] {
        if (ranOn)
            ranOn->store(QThread::currentThread());
        LocalEngineStarter::Endpoint endpoint;
        endpoint.ok = engine->start(0, &endpoint.error);
        if (endpoint.ok) {
            endpoint.url = engine->url();
            endpoint.apiKey = engine->apiKey();
            endpoint.apiSecret = engine->apiSecret();
        }
        return endpoint;
    };
}

} // namespace

void LocalEngineStarterTest::startsOffTheGuiThreadThenConnects() {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    engine::LocalEngine engine(root.filePath("data"));
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    std::atomic<QThread*> ranOn{nullptr};
    LocalEngineStarter starter(&manager, startOn(&engine, &ranOn));
    QSignalSpy states(&manager, &ConnectionManager::stateChanged);
    QSignalSpy connected(&manager, &ConnectionManager::connected);

    starter.start();
    QVERIFY(manager.isLocalStarting());
    manager.connectTo(Connection::localId());
    // The connection waits for the engine instead of failing at once.
    QCOMPARE(manager.state(), ConnectionManager::State::Connecting);
    QVERIFY(connected.wait(30000));
    QCOMPARE(manager.state(), ConnectionManager::State::Connected);
    QVERIFY(!manager.isLocalStarting());
    QVERIFY(ranOn.load() != nullptr);
    QVERIFY(ranOn.load() != QThread::currentThread());
    QCOMPARE(client.baseUrl(), engine.url());
    QVERIFY(!states.isEmpty());
    for (const QList<QVariant>& change : states)
        QVERIFY(change.first().value<ConnectionManager::State>() != ConnectionManager::State::Failed);
}

void LocalEngineStarterTest::failureIsExplainedAndRetryStartsAgain() {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    // A first engine holds the data directory, so the app's engine cannot start on it.
    auto holder = std::make_unique<engine::LocalEngine>(root.filePath("data"));
    QString error;
    QVERIFY2(holder->start(0, &error), qPrintable(error));

    engine::LocalEngine engine(root.filePath("data"));
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    LocalEngineStarter starter(&manager, startOn(&engine, nullptr));
    QSignalSpy failed(&manager, &ConnectionManager::failed);
    QSignalSpy connected(&manager, &ConnectionManager::connected);
    QSignalSpy startFinished(&starter, &LocalEngineStarter::finished);

    starter.start();
    manager.connectTo(Connection::localId());
    QVERIFY(failed.wait(30000));
    QCOMPARE(startFinished.count(), 1);
    QCOMPARE(startFinished.first().at(0).toBool(), false);
    QVERIFY2(manager.failureReason().contains(QStringLiteral("Another engine")),
             qPrintable(manager.failureReason()));
    QCOMPARE(manager.state(), ConnectionManager::State::Failed);

    // The other engine goes away; Retry starts ours again and connects.
    holder.reset();
    manager.retry();
    QVERIFY(starter.isStarting() || startFinished.count() == 2);
    QCOMPARE(manager.state(), ConnectionManager::State::Connecting);
    QVERIFY(connected.wait(30000));
    QCOMPARE(startFinished.count(), 2);
    QVERIFY(engine.isRunning());
    QCOMPARE(client.baseUrl(), engine.url());
    QCOMPARE(failed.count(), 1);
}

void LocalEngineStarterTest::destructionWaitsForAStartInProgress() {
    QTemporaryDir root;
    QVERIFY(root.isValid());
    engine::LocalEngine engine(root.filePath("data"));
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    {
        LocalEngineStarter starter(&manager, startOn(&engine, nullptr));
        starter.start();
        manager.connectTo(Connection::localId());
    } // quitting during the start: the starter waits, so the engine is not destroyed under it
    QVERIFY(engine.isRunning());
    engine.stop();
    QVERIFY(!engine.isRunning());
}

QTEST_MAIN(LocalEngineStarterTest)
#include "tst_localenginestarter.moc"
