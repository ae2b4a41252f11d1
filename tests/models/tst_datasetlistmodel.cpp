#include "DatasetListModel.h"
#include "ModelTestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace vl;
using namespace vl::test;

class DatasetListModelTest : public QObject {
    Q_OBJECT
private slots:
    void mergeKeepsRowsAndSelection();
    void followsStatusChangesUntilReadyThenStopsPolling();
    void followsTheLocalPerceptionOfAReadyDataset();
    void serverErrorIsReportedWithDetail();
    void displaysStatusProgressAndCounts();
};

void DatasetListModelTest::mergeKeepsRowsAndSelection() {
    DatasetListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.mergeDatasets({Dataset::fromJson(datasetJson("a", "Alpha", "READY")),
                         Dataset::fromJson(datasetJson("b", "Beta", "READY")),
                         Dataset::fromJson(datasetJson("c", "Gamma", "READY"))});
    QCOMPARE(model.rowCount(), 3);
    const QPersistentModelIndex gamma = model.index(2, 0);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // "b" vanished, "d" is new, "c" was renamed.
    model.mergeDatasets({Dataset::fromJson(datasetJson("a", "Alpha", "READY")),
                         Dataset::fromJson(datasetJson("c", "Gamma 2", "READY")),
                         Dataset::fromJson(datasetJson("d", "Delta", "DRAFT"))});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QVERIFY(gamma.isValid());
    QCOMPARE(gamma.data(DatasetListModel::DatasetIdRole).toString(), QStringLiteral("c"));
    QCOMPARE(gamma.data().toString(), QStringLiteral("Gamma 2"));
    QCOMPARE(model.rowOf("d"), 2);
    QVERIFY(model.hasBusyDataset());
}

void DatasetListModelTest::followsStatusChangesUntilReadyThenStopsPolling() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QVector<QPair<QString, int>> lifecycle = {
        {"DRAFT", 0}, {"INDEXING", 40}, {"INDEXING", 80}, {"READY", 100}};
    int served = 0;
    server.setHandler([&](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path != QLatin1String("/api/v1/datasets"))
            return std::nullopt;
        const auto& step = lifecycle.at(qMin(served++, lifecycle.size() - 1));
        const QJsonArray list{datasetJson("ready-1", "Ready one", "READY"),
                              datasetJson("new-1", "Holiday photos", step.first, step.second)};
        return ScriptedReply::json(200, toJson(list));
    });
    auto client = clientFor(server);
    DatasetListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(30);
    model.setClient(client.get());

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QStringList statusesSeen;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex& topLeft) {
        const QModelIndex row = model.index(topLeft.row(), DatasetListModel::StatusColumn);
        if (row.data(DatasetListModel::DatasetIdRole) == QStringLiteral("new-1"))
            statusesSeen << row.data().toString();
    });
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 10000);
    const QPersistentModelIndex selected = model.index(model.rowOf("new-1"), 0);
    QVERIFY(model.isPolling() || model.isLoading());

    QTRY_COMPARE_WITH_TIMEOUT(selected.data(DatasetListModel::StatusRole).toInt(), int(DatasetStatus::Ready),
                              15000);
    QVERIFY(selected.isValid()); // the row was updated in place, so a selection on it survives
    QCOMPARE(resets.count(), 0);
    QVERIFY(changed.count() >= 3);
    QVERIFY(statusesSeen.contains(QStringLiteral("Indexing")));
    QCOMPARE(statusesSeen.last(), QStringLiteral("Ready"));
    QCOMPARE(selected.sibling(selected.row(), DatasetListModel::ProgressColumn).data().toString(),
             QStringLiteral("100%"));

    // Nothing is busy any more: no further requests.
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(!model.isPolling());
    const int requestsAfterReady = server.requestCount("GET", "/api/v1/datasets");
    QTest::qWait(200);
    QCOMPARE(server.requestCount("GET", "/api/v1/datasets"), requestsAfterReady);
}

void DatasetListModelTest::followsTheLocalPerceptionOfAReadyDataset() {
    ScriptedServer server;
    QVERIFY(server.listen());
    const QVector<int> perception{10, 60, -1};
    int served = 0;
    server.setHandler([&](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path != QLatin1String("/api/v1/datasets"))
            return std::nullopt;
        QJsonObject dataset = datasetJson("local-1", "Photos", "READY", 100);
        const int step = perception.at(qMin(served++, perception.size() - 1));
        if (step >= 0)
            dataset.insert("perception_progress", step);
        return ScriptedReply::json(200, toJson(QJsonArray{dataset}));
    });
    auto client = clientFor(server);
    DatasetListModel model;
    model.setPollInterval(30);
    model.setClient(client.get());
    QStringList statusesSeen;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex& topLeft) {
        statusesSeen << model.index(topLeft.row(), DatasetListModel::StatusColumn).data().toString();
    });
    model.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 10000);
    QCOMPARE(model.index(0, DatasetListModel::StatusColumn).data().toString(),
             QStringLiteral("Ready · finding objects 10%"));
    // A READY dataset is searchable while its objects are found, and followed until the field is gone.
    QVERIFY(model.index(0, 0).data(DatasetListModel::SearchableRole).toBool());
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0, DatasetListModel::StatusColumn).data().toString(),
                              QStringLiteral("Ready"), 10000);
    QVERIFY(statusesSeen.contains(QStringLiteral("Ready · finding objects 60%")));
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(!model.isPolling());
}

void DatasetListModelTest::serverErrorIsReportedWithDetail() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/datasets",
              ScriptedReply::json(403, R"({"detail":"Feature disabled for workspace"})"));
    auto client = clientFor(server);
    DatasetListModel model;
    model.setClient(client.get());
    QSignalSpy failed(&model, &DatasetListModel::refreshFailed);
    model.refresh();
    QVERIFY(failed.wait(10000));
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.kind, ApiError::Kind::Forbidden);
    QVERIFY(error.detail.contains(QStringLiteral("Feature disabled")));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isPolling());
}

void DatasetListModelTest::displaysStatusProgressAndCounts() {
    DatasetListModel model;
    model.mergeDatasets({Dataset::fromJson(datasetJson("e", "Broken", "ERROR", -1, "decoder crashed")),
                         Dataset::fromJson(datasetJson("r", "Being updated", "READ ONLY", 55))});
    const int broken = model.rowOf("e");
    QCOMPARE(model.index(broken, DatasetListModel::StatusColumn).data().toString(), QStringLiteral("Error"));
    QCOMPARE(model.index(broken, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("decoder crashed"));
    QCOMPARE(model.index(broken, DatasetListModel::ImagesColumn).data().toString(), QLocale().toString(12));
    QCOMPARE(model.index(broken, DatasetListModel::ObjectsColumn).data().toString(), QStringLiteral("–"));
    const int updating = model.rowOf("r");
    QCOMPARE(model.index(updating, DatasetListModel::ProgressColumn).data().toString(),
             QStringLiteral("55%"));
    QVERIFY(model.index(updating, 0).data(DatasetListModel::BusyRole).toBool());
    QVERIFY(!model.index(updating, 0).data(DatasetListModel::SearchableRole).toBool());
    QVERIFY(model.headerData(DatasetListModel::CreatedColumn, Qt::Horizontal).toString().contains("Created"));
}

QTEST_MAIN(DatasetListModelTest)
#include "tst_datasetlistmodel.moc"
