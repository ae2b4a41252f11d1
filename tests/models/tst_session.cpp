// Session per connection: switching connection replaces the session; the old one's models are
// gone, the new ones are wired, and nothing reaches the old server after the switch.
#include "ClusterResultsModel.h"
#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "DatasetListModel.h"
#include "MemorySecretStore.h"
#include "ModelTestSupport.h"
#include "Session.h"
#include "SessionManager.h"
#include "TasksModel.h"
#include "ThumbnailProvider.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace vl;
using namespace vl::test;

class SessionTest : public QObject {
    Q_OBJECT
private slots:
    void switchingConnectionReplacesTheSession();
    void failedConnectionLeavesAnEmptySession();
};

// A server whose only dataset stays INDEXING, so a live dataset list keeps polling it.
static void serveBusyDataset(ScriptedServer& server, const QString& id) {
    server.setHandler([id](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path == QLatin1String("/api/v1/datasets"))
            return ScriptedReply::json(200, toJson(QJsonArray{datasetJson(id, id, "INDEXING", 10)}));
        if (request.path == QLatin1String("/api/v1/dataset/") + id)
            return ScriptedReply::json(200, toJson(datasetJson(id, id, "INDEXING", 10)));
        return ScriptedReply::json(404, R"({"detail":"Not Found"})");
    });
}

void SessionTest::switchingConnectionReplacesTheSession() {
    ScriptedServer first;
    ScriptedServer second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    serveBusyDataset(first, "first-set");
    serveBusyDataset(second, "second-set");
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    const QString firstId = connections.addSelfHosted("First", first.baseUrl());
    const QString secondId = connections.addSelfHosted("Second", second.baseUrl());
    ApiClient client;
    ConnectionManager manager(&client, &connections);
    SessionManager sessions(&manager);
    QSignalSpy changed(&sessions, &SessionManager::sessionChanged);

    manager.connectTo(firstId);
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Connected, 10000);
    QPointer<Session> old = sessions.current();
    QCOMPARE(old->connectionId(), firstId);
    QTRY_COMPARE_WITH_TIMEOUT(old->datasets()->rowCount(), 1, 10000);
    old->datasets()->setPollInterval(50);
    old->tasks()->follow("first-set", "Indexing first-set");
    QTRY_VERIFY_WITH_TIMEOUT(first.requestCount("GET", "/api/v1/datasets") >= 3, 10000); // it polls
    QPointer<DatasetListModel> oldDatasets = old->datasets();
    QPointer<ClusterResultsModel> oldResults = old->results();
    QPointer<TasksModel> oldTasks = old->tasks();
    QPointer<ThumbnailProvider> oldThumbnails = old->thumbnails();

    manager.connectTo(secondId);
    // Leaving the first server drops its session at once (an empty one stands in while connecting).
    const int firstRequestsAtSwitch = first.requests().size();
    QTRY_VERIFY_WITH_TIMEOUT(old.isNull(), 5000);
    QVERIFY(oldDatasets.isNull() && oldResults.isNull() && oldTasks.isNull() && oldThumbnails.isNull());
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Connected, 10000);
    Session* now = sessions.current();
    QCOMPARE(now->connectionId(), secondId);
    QCOMPARE(changed.last().first().value<Session*>(), now);
    QTRY_COMPARE_WITH_TIMEOUT(now->datasets()->rowCount(), 1, 10000);
    QCOMPARE(now->datasets()->dataset(0).id, QStringLiteral("second-set"));
    QVERIFY(now->tasks()->rowCount() == 0); // the first server's tasks stayed with it

    QTest::qWait(400); // several poll intervals of the old list: none of them may reach the old server
    QCOMPARE(first.requests().size(), firstRequestsAtSwitch);
    QVERIFY(second.requestCount("GET", "/api/v1/datasets") >= 1);
}

void SessionTest::failedConnectionLeavesAnEmptySession() {
    ScriptedServer server;
    QVERIFY(server.listen());
    serveBusyDataset(server, "only");
    MemorySecretStore secrets;
    ConnectionsModel connections(&secrets);
    const QString id = connections.addSelfHosted("Only", server.baseUrl());
    ApiClient client;
    client.setMaxRetries(0);
    ConnectionManager manager(&client, &connections);
    SessionManager sessions(&manager);
    QVERIFY(!sessions.current()->hasServer()); // before any connection: a session without a server
    manager.connectTo(id);
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Connected, 10000);
    QVERIFY(sessions.current()->hasServer());
    server.setHandler(
        [](const RecordedRequest&) { return ScriptedReply::json(500, R"({"detail":"down"})"); });
    manager.retry(); // the server fails now
    QTRY_COMPARE_WITH_TIMEOUT(manager.state(), ConnectionManager::State::Failed, 10000);
    QVERIFY(!sessions.current()->hasServer());
    QCOMPARE(sessions.current()->datasets()->rowCount(), 0);
}

QTEST_MAIN(SessionTest)
#include "tst_session.moc"
