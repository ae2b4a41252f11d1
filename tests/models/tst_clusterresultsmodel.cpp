#include "ClusterJson.h"
#include "ClusterResultsModel.h"
#include "ModelTestSupport.h"
#include "PreviewListModel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace vl;
using namespace vl::test;

class ClusterResultsModelTest : public QObject {
    Q_OBJECT
private slots:
    void pagesUntilAnEmptyPage();
    void newSearchDropsTheOldAnswer();
    void invalidVqlIsReported();
    void imageSearchUploadsThenExploresAroundTheAnchor();
    void relevanceTextSaysWhichDirectionIsBetter();
    void previewListExposesMembers();
};

static std::optional<ScriptedReply> pagedExplore(const RecordedRequest& request,
                                                 const QVector<int>& pageSizes) {
    if (!request.path.startsWith(QLatin1String("/api/v1/explore/")))
        return std::nullopt;
    const int page = request.queryValue("page_number").toInt();
    const int size = page < pageSizes.size() ? pageSizes.at(page) : 0;
    return ScriptedReply::json(200, toJson(explorePage(size, page * 100)));
}

void ClusterResultsModelTest::pagesUntilAnEmptyPage() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RecordedRequest& request) { return pagedExplore(request, {100, 100, 7}); });
    auto client = clientFor(server);
    // No QAbstractItemModelTester here: it calls fetchMore() itself, and this test pages by hand.
    ClusterResultsModel model;
    model.setClient(client.get());

    ExploreQuery query;
    query.entityType = EntityType::Objects;
    query.granularity = 2;
    QVERIFY(!model.canFetchMore({}));
    model.search("ds-1", query);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 100, 10000);
    QTRY_VERIFY(!model.isLoading());
    const RecordedRequest first = server.requestsTo("/api/v1/explore/ds-1").first();
    QCOMPARE(first.queryValue("entity_type"), QStringLiteral("OBJECTS"));
    QCOMPARE(first.queryValue("threshold"), QStringLiteral("2"));
    QCOMPARE(first.queryValue("page_number"), QStringLiteral("0"));

    int expected[] = {200, 207, 207};
    for (int step = 0; step < 3; ++step) {
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one page at a time
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QCOMPARE(model.rowCount(), expected[step]);
    }
    QVERIFY(model.isExhausted());
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(server.requestsTo("/api/v1/explore/ds-1").size(), 4);
    QCOMPARE(server.requestsTo("/api/v1/explore/ds-1").last().queryValue("page_number"), QStringLiteral("3"));
    QCOMPARE(model.index(206).data(ClusterResultsModel::ClusterIdRole).toString(), QStringLiteral("c206"));
}

void ClusterResultsModelTest::newSearchDropsTheOldAnswer() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        const bool slow = request.queryValue("caption") == QLatin1String("slow");
        const bool firstPage = request.queryValue("page_number") == QLatin1String("0");
        ScriptedReply reply =
            ScriptedReply::json(200, toJson(explorePage(firstPage ? (slow ? 5 : 2) : 0, slow ? 500 : 0)));
        if (slow)
            reply.delayed(300);
        return reply;
    });
    auto client = clientFor(server);
    ClusterResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    ExploreQuery slow;
    slow.caption = "slow";
    model.search("ds", slow);
    model.search("ds", ExploreQuery{});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 10000);
    QTest::qWait(500);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data(ClusterResultsModel::ClusterIdRole).toString(), QStringLiteral("c0"));
}

void ClusterResultsModelTest::invalidVqlIsReported() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/explore/ds",
              ScriptedReply::json(
                  422, R"({"detail":[{"loc":["query","vql"],"msg":"Invalid VQL","type":"value_error"}]})"));
    auto client = clientFor(server);
    ClusterResultsModel model;
    model.setClient(client.get());
    QSignalSpy failed(&model, &ClusterResultsModel::searchFailed);
    ExploreQuery query;
    query.vql = "[{\"bogus\":1}]";
    model.search("ds", query);
    QVERIFY(failed.wait(10000));
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.httpStatus, 422);
    QVERIFY(error.detail.contains(QStringLiteral("Invalid VQL")));
    QVERIFY(!model.canFetchMore({}));
}

void ClusterResultsModelTest::imageSearchUploadsThenExploresAroundTheAnchor() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("POST", "/api/v1/dataset/ds/search-image-similarity",
              ScriptedReply::json(200, R"({"anchor_media_id":"anchor-9","anchor_type":"UPLOAD"})"));
    server.setHandler([](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        if (request.path != QLatin1String("/api/v1/explore/ds"))
            return std::nullopt;
        const bool firstPage = request.queryValue("page_number") == QLatin1String("0");
        return ScriptedReply::json(200, toJson(explorePage(firstPage ? 3 : 0, 0, 0.08)));
    });
    auto client = clientFor(server);
    ClusterResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    QSignalSpy anchors(&model, &ClusterResultsModel::anchorReady);

    ExploreQuery query;
    query.granularity = 1;
    model.searchByImage("ds", query, QByteArray("not-really-png"), "query.png",
                        BoundingBox{0.25, 0.5, 0.5, 0.25});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, 10000);
    QTRY_VERIFY(model.isExhausted()); // the tester fetched the (empty) next page
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(anchors.count(), 1);
    const RecordedRequest upload = server.requestsTo("/api/v1/dataset/ds/search-image-similarity").first();
    QCOMPARE(upload.queryValue("threshold"), QStringLiteral("1"));
    const auto box = BoundingBox::parse(upload.queryValue("bounding_box"));
    QVERIFY(box.has_value());
    QCOMPARE(*box, (BoundingBox{0.25, 0.5, 0.5, 0.25}));
    const RecordedRequest explore = server.requestsTo("/api/v1/explore/ds").first();
    QCOMPARE(explore.queryValue("anchor_media_id"), QStringLiteral("anchor-9"));
    QCOMPARE(explore.queryValue("anchor_type"), QStringLiteral("UPLOAD"));
    QCOMPARE(model.index(0).data(ClusterResultsModel::RelevanceTextRole).toString(),
             QStringLiteral("distance 0.08 (lower = more similar)"));
    std::unique_ptr<QMimeData> mime(model.mimeData({model.index(1)}));
    QVERIFY(mime);
    QCOMPARE(mime->data(ClusterResultsModel::mediaMimeType), QByteArray("c1-m0"));
}

void ClusterResultsModelTest::relevanceTextSaysWhichDirectionIsBetter() {
    QCOMPARE(ClusterResultsModel::relevanceText(0.1234, "cosine_distance"),
             QStringLiteral("distance 0.12 (lower = more similar)"));
    QCOMPARE(ClusterResultsModel::relevanceText(0.9, "similarity"),
             QStringLiteral("similarity 0.90 (higher = more similar)"));
    QVERIFY(ClusterResultsModel::relevanceText(std::nullopt, "cosine_distance").isEmpty());
}

void ClusterResultsModelTest::previewListExposesMembers() {
    const Cluster cluster =
        Cluster::fromJson(clusterJson("k", 4, 0.3, "http://127.0.0.1:1"), QUrl("http://127.0.0.1:1"));
    PreviewListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPreviews(cluster.previews);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(2).data(PreviewListModel::MediaIdRole).toString(), QStringLiteral("k-m2"));
    QCOMPARE(model.index(2).data(PreviewListModel::ThumbnailUrlRole).toUrl().path(),
             QStringLiteral("/thumb/k-m2.png"));
    QCOMPARE(model.index(2).data().toString(), QStringLiteral("k-2.png"));
}

QTEST_MAIN(ClusterResultsModelTest)
#include "tst_clusterresultsmodel.moc"
