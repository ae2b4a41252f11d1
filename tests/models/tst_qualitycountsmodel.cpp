// Quality counts: one explore query per issue with its filter at the threshold (the VQL the server
// receives), paged to the end and summed by image counts; a new threshold counts that issue again.
#include "ClusterJson.h"
#include "ModelTestSupport.h"
#include "QualityCountsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace vl;
using namespace vl::test;

class QualityCountsModelTest : public QObject {
    Q_OBJECT
private slots:
    void countsEveryIssueThroughAllPages();
    void newThresholdCountsAgain();
};

// blur: 2 pages (100 + 3 clusters of 6 images each); duplicates: 1 cluster; others: nothing.
static std::optional<ScriptedReply> answer(const RecordedRequest& request) {
    const QString vql = request.queryValue("vql");
    const int page = request.queryValue("page_number").toInt();
    int clusters = 0;
    if (vql.contains("\"blur\""))
        clusters = page == 0 ? 100 : page == 1 ? 3 : 0;
    else if (vql.contains("duplicates") && page == 0)
        clusters = 1;
    return ScriptedReply::json(200, toJson(explorePage(clusters, page * 100)));
}

static qint64 countOf(const QualityCountsModel& model, const QString& issue) {
    return model.index(model.rowOf(issue)).data(QualityCountsModel::CountRole).toLongLong();
}

void QualityCountsModelTest::countsEveryIssueThroughAllPages() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler(answer);
    auto client = clientFor(server);
    QualityCountsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(!model.isLoading());
    model.setDataset("ds");
    QVERIFY(model.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 15000);
    QCOMPARE(countOf(model, "blur"), 103 * 6); // clusterJson: 3 previews, n_images 6
    QCOMPARE(countOf(model, "duplicates"), 6);
    QCOMPARE(countOf(model, "dark"), 0);
    QCOMPARE(countOf(model, "outliers"), 0);
    bool sawBlur = false, sawDuplicates = false;
    for (const RecordedRequest& request : server.requestsTo("/api/v1/explore/ds")) {
        const QString vql = request.queryValue("vql");
        sawBlur = sawBlur || (vql.contains("\"blur\"") && vql.contains("\"confidence_min\":0.5"));
        sawDuplicates =
            sawDuplicates || vql.contains("{\"duplicates\":{\"op\":\"duplicates\",\"value\":0.9}}");
    }
    QVERIFY(sawBlur);
    QVERIFY(sawDuplicates);
}

void QualityCountsModelTest::newThresholdCountsAgain() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler(answer);
    auto client = clientFor(server);
    QualityCountsModel model;
    model.setClient(client.get());
    model.setDataset("ds");
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 15000);
    const int before = int(server.requestsTo("/api/v1/explore/ds").size());
    model.setThreshold(model.rowOf("dark"), 0.8);
    QCOMPARE(countOf(model, "dark"), -1); // unknown while counting
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 15000);
    QCOMPARE(countOf(model, "dark"), 0);
    const auto requests = server.requestsTo("/api/v1/explore/ds");
    QCOMPARE(int(requests.size()), before + 1); // only the changed issue
    QVERIFY2(requests.last().queryValue("vql").contains("\"confidence_min\":0.8"),
             qPrintable(requests.last().queryValue("vql")));
}

QTEST_MAIN(QualityCountsModelTest)
#include "tst_qualitycountsmodel.moc"
