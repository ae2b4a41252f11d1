#include "ModelTestSupport.h"
#include "TasksModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace vl;
using namespace vl::test;

class TasksModelTest : public QObject {
    Q_OBJECT
private slots:
    void followsACopyUntilReady();
    void reportsErrorWithServerMessage();
    void formatsElapsedTime();
    void finishedTaskStartsOverWhenFollowedAgain();
};

void TasksModelTest::followsACopyUntilReady() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence(
        "GET", "/api/v1/dataset/copy-1",
        {ScriptedReply::json(404, R"({"detail":"Not Found"})"),
         ScriptedReply::json(200, toJson(datasetJson("copy-1", "Photos (enriched)", "INDEXING", 30))),
         ScriptedReply::json(200, toJson(datasetJson("copy-1", "Photos (enriched)", "INDEXING", 70))),
         ScriptedReply::json(200, toJson(datasetJson("copy-1", "Photos (enriched)", "READY", 100)))});
    auto client = clientFor(server);
    TasksModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    model.setPollInterval(30);
    QSignalSpy finished(&model, &TasksModel::taskFinished);
    model.follow("copy-1", "Enriching Photos");
    model.follow("copy-1", "twice"); // already followed
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.runningCount(), 1);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("copy-1"));
    QVERIFY(finished.first().at(2).toBool());
    const QModelIndex row = model.index(0, 0);
    QCOMPARE(row.data().toString(), QStringLiteral("Photos (enriched)"));
    QVERIFY(row.data(TasksModel::FinishedRole).toBool());
    QCOMPARE(model.index(0, TasksModel::StatusColumn).data().toString(), QStringLiteral("Ready"));
    QCOMPARE(model.index(0, TasksModel::ProgressColumn).data().toString(), QStringLiteral("100%"));
    const qint64 elapsed = row.data(TasksModel::ElapsedMsRole).toLongLong();
    QTest::qWait(60);
    QCOMPARE(row.data(TasksModel::ElapsedMsRole).toLongLong(), elapsed); // frozen once final
    QCOMPARE(model.runningCount(), 0);
    const int requests = server.requestCount("GET", "/api/v1/dataset/copy-1");
    QTest::qWait(150);
    QCOMPARE(server.requestCount("GET", "/api/v1/dataset/copy-1"), requests);
    model.removeFinished();
    QCOMPARE(model.rowCount(), 0);
}

void TasksModelTest::reportsErrorWithServerMessage() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/dataset/copy-2",
              ScriptedReply::json(
                  200, toJson(datasetJson("copy-2", "Broken", "ERROR", -1, "captioner ran out of memory"))));
    auto client = clientFor(server);
    TasksModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    QSignalSpy finished(&model, &TasksModel::taskFinished);
    model.follow("copy-2", "Enriching");
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.first().at(2).toBool());
    QCOMPARE(finished.first().at(3).toString(), QStringLiteral("captioner ran out of memory"));
    QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(),
             QStringLiteral("captioner ran out of memory"));
}

void TasksModelTest::formatsElapsedTime() {
    QCOMPARE(TasksModel::formatElapsed(0), QStringLiteral("0:00"));
    QCOMPARE(TasksModel::formatElapsed(65'000), QStringLiteral("1:05"));
    QCOMPARE(TasksModel::formatElapsed(3'723'000), QStringLiteral("1:02:03"));
}

// A rescan of an indexed dataset is followed again: the finished row gives way to a running one.
void TasksModelTest::finishedTaskStartsOverWhenFollowedAgain() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.onSequence("GET", "/api/v1/dataset/set-1",
                      {ScriptedReply::json(200, toJson(datasetJson("set-1", "Photos", "READY", 100))),
                       ScriptedReply::json(200, toJson(datasetJson("set-1", "Photos", "INDEXING", 20))),
                       ScriptedReply::json(200, toJson(datasetJson("set-1", "Photos", "READY", 100)))});
    auto client = clientFor(server);
    TasksModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    model.setPollInterval(30);
    QSignalSpy finished(&model, &TasksModel::taskFinished);
    model.follow("set-1", "Indexing Photos");
    QVERIFY(finished.wait(10000));
    model.follow("set-1", "Rescanning Photos");
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.runningCount(), 1);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 2);
    QCOMPARE(server.requestCount("GET", "/api/v1/dataset/set-1"), 3); // it polled through INDEXING again
}

QTEST_MAIN(TasksModelTest)
#include "tst_tasksmodel.moc"
