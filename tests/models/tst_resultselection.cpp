// What a selection of result cards stands for: items in grid order without repeats, export ids
// (objects by their image), the anchor, file paths (local files as paths, else URI or name), the
// folders to open and the pair to compare.
#include "ClusterJson.h"
#include "ClusterResultsModel.h"
#include "ModelTestSupport.h"
#include "ResultSelection.h"

#include <QDir>
#include <QTest>

using namespace vl;
using namespace vl::test;

class ResultSelectionTest : public QObject {
    Q_OBJECT
private slots:
    void itemsInGridOrderWithoutRepeats();
    void pathsAreLocalFilesElseUrisElseNames();
    void comparePairFromTwoCardsOrOneCard();
    void objectsExportTheirImages();
};

// Clusters c0.. with their previews; c1's first item is also in c2, and items carry original URIs.
static QJsonObject page() {
    QJsonObject result = explorePage(3, 0);
    QJsonArray clusters = result.value("clusters").toArray();
    for (int c = 0; c < clusters.size(); ++c) {
        QJsonObject cluster = clusters.at(c).toObject();
        QJsonArray previews = cluster.value("previews").toArray();
        for (int p = 0; p < previews.size(); ++p) {
            QJsonObject preview = previews.at(p).toObject();
            if (c == 0)
                preview.insert("original_uri",
                               QUrl::fromLocalFile(QStringLiteral("/data/set%1/c0-%2.png").arg(p % 2).arg(p))
                                   .toString());
            else if (c == 1)
                preview.insert("original_uri", QStringLiteral("s3://bucket/c1-%1.png").arg(p));
            previews[p] = preview;
        }
        if (c == 2)
            previews.prepend(clusters.at(1).toObject().value("previews").toArray().first());
        cluster.insert("previews", previews);
        clusters[c] = cluster;
    }
    result.insert("clusters", clusters);
    return result;
}

static void load(ScriptedServer& server, ClusterResultsModel& model, std::unique_ptr<ApiClient>& client,
                 const QJsonObject& answer) {
    QVERIFY(server.listen());
    server.setHandler([answer](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        const bool first = request.queryValue("page_number") == QLatin1String("0");
        return ScriptedReply::json(200, toJson(first ? answer : explorePage(0, 0)));
    });
    client = clientFor(server);
    model.setClient(client.get());
    model.search("ds", ExploreQuery{});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(answer.value("clusters").toArray().size()), 10000);
}

void ResultSelectionTest::itemsInGridOrderWithoutRepeats() {
    ScriptedServer server;
    ClusterResultsModel model;
    std::unique_ptr<ApiClient> client;
    load(server, model, client, page());
    const ResultSelection selection(model, {2, 1}); // clicked in reverse order
    QCOMPARE(selection.cardCount(), 2);
    QCOMPARE(selection.exportMediaIds(), (QStringList{"c1-m0", "c1-m1", "c1-m2", "c2-m0", "c2-m1", "c2-m2"}));
    QCOMPARE(selection.anchorMediaId(), QStringLiteral("c1-m0"));
    QVERIFY(ResultSelection(model, {}).isEmpty());
    QVERIFY(ResultSelection(model, {}).anchorMediaId().isEmpty());
}

void ResultSelectionTest::pathsAreLocalFilesElseUrisElseNames() {
    ScriptedServer server;
    ClusterResultsModel model;
    std::unique_ptr<ApiClient> client;
    load(server, model, client, page());
    const ResultSelection local(model, {0});
    const QString base = QDir::toNativeSeparators(QStringLiteral("/data/"));
    QCOMPARE(local.filePaths(), (QStringList{base + "set0" + QDir::separator() + "c0-0.png",
                                             base + "set1" + QDir::separator() + "c0-1.png",
                                             base + "set0" + QDir::separator() + "c0-2.png"}));
    QCOMPARE(local.localFolders(), (QStringList{base + "set0", base + "set1"}));
    const ResultSelection remote(model, {1, 2});
    QCOMPARE(remote.filePaths(), (QStringList{"s3://bucket/c1-0.png", "s3://bucket/c1-1.png",
                                              "s3://bucket/c1-2.png", "c2-0.png", "c2-1.png", "c2-2.png"}));
    QVERIFY(remote.localFolders().isEmpty()); // nothing to open in a file manager
}

void ResultSelectionTest::comparePairFromTwoCardsOrOneCard() {
    ScriptedServer server;
    ClusterResultsModel model;
    std::unique_ptr<ApiClient> client;
    load(server, model, client, page());
    const QVector<Preview> twoCards = ResultSelection(model, {2, 0}).comparePair();
    QCOMPARE(twoCards.size(), 2);
    QCOMPARE(twoCards.at(0).mediaId, QStringLiteral("c0-m0"));
    QCOMPARE(twoCards.at(1).mediaId, QStringLiteral("c1-m0")); // c2 starts with c1's first item
    const QVector<Preview> oneCard = ResultSelection(model, {1}).comparePair();
    QCOMPARE(oneCard.size(), 2);
    QCOMPARE(oneCard.at(1).mediaId, QStringLiteral("c1-m1"));
    QVERIFY(ResultSelection(model, {0, 1, 2}).comparePair().isEmpty());
}

void ResultSelectionTest::objectsExportTheirImages() {
    QJsonObject answer = explorePage(1, 0);
    QJsonArray clusters = answer.value("clusters").toArray();
    QJsonObject cluster = clusters.first().toObject();
    QJsonArray previews;
    for (int i = 0; i < 3; ++i)
        previews.append(QJsonObject{{"type", "OBJECT"},
                                    {"media_id", QStringLiteral("obj-%1").arg(i)},
                                    {"image_id", QStringLiteral("img-%1").arg(i / 2)},
                                    {"file_name", "x.png"}});
    cluster.insert("previews", previews);
    clusters[0] = cluster;
    answer.insert("clusters", clusters);
    ScriptedServer server;
    ClusterResultsModel model;
    std::unique_ptr<ApiClient> client;
    load(server, model, client, answer);
    const ResultSelection selection(model, {0});
    QCOMPARE(selection.exportMediaIds(), (QStringList{"img-0", "img-1"}));
    QCOMPARE(selection.anchorMediaId(), QStringLiteral("obj-0")); // visual search by the object itself
}

QTEST_MAIN(ResultSelectionTest)
#include "tst_resultselection.moc"
