// The embeddings map model against a scripted loopback server: the parallel arrays become points, labels
// get a legend (most frequent first) and colours, a lasso selects the points inside it; malformed JSON
// fails with a sentence, and a server without the extension (404) makes the map Unavailable.
#include "EmbeddingsMapModel.h"
#include "ModelTestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace vl;
using namespace vl::test;

namespace {

// Five points: three "cat" on the left, one "dog" and one "unlabelled" on the right.
QJsonObject mapJson() {
    return QJsonObject{{"entity_type", "IMAGES"},
                       {"method", "pca"},
                       {"scale", 10000},
                       {"labels", QJsonArray{"dog", "cat", "unlabelled"}},
                       {"media_ids", QJsonArray{"m0", "m1", "m2", "m3", "m4"}},
                       {"x", QJsonArray{100, 200, 300, 9000, 9500}},
                       {"y", QJsonArray{100, 150, 120, 9000, 9400}},
                       {"label", QJsonArray{1, 1, 1, 0, 2}}};
}

EmbeddingsMapModel::State loadFrom(EmbeddingsMapModel& model, ApiClient& client) {
    model.setClient(&client);
    model.setDataset("ds");
    const bool done =
        QTest::qWaitFor([&] { return model.state() != EmbeddingsMapModel::State::Loading; }, 15000);
    return done ? model.state() : EmbeddingsMapModel::State::Loading;
}

} // namespace

class EmbeddingsMapModelTest : public QObject {
    Q_OBJECT
private slots:
    void loadsPointsLegendAndColours();
    void lassoSelectsThePointsInside();
    void malformedJsonFails_data();
    void malformedJsonFails();
    void serverWithoutTheExtensionIsUnavailable();
};

void EmbeddingsMapModelTest::loadsPointsLegendAndColours() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RecordedRequest&) { return ScriptedReply::json(200, toJson(mapJson())); });
    auto client = clientFor(server);
    EmbeddingsMapModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(loadFrom(model, *client), EmbeddingsMapModel::State::Ready);
    const auto requests = server.requestsTo("/api/v1/dataset/ds/embeddings_map");
    QCOMPARE(int(requests.size()), 1);
    QCOMPARE(requests.first().queryValue("entity_type"), QString("IMAGES"));
    QCOMPARE(model.map().size(), 5);
    QCOMPARE(model.map().positions[3], QPointF(9000, 9000));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data().toString(), QString("cat")); // most frequent first
    QCOMPARE(model.index(0).data(EmbeddingsMapModel::CountRole).toInt(), 3);
    QCOMPARE(model.colourOf(2), QColor(150, 150, 150)); // unlabelled is grey
    QVERIFY(model.colourOf(0) != model.colourOf(1));
    QVERIFY(model.thumbnailUrl(3).toString().endsWith("/api/v1/media/m3/thumb/256"));
}

void EmbeddingsMapModelTest::lassoSelectsThePointsInside() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RecordedRequest&) { return ScriptedReply::json(200, toJson(mapJson())); });
    auto client = clientFor(server);
    EmbeddingsMapModel model;
    QCOMPARE(loadFrom(model, *client), EmbeddingsMapModel::State::Ready);
    QSignalSpy changed(&model, &EmbeddingsMapModel::selectionChanged);
    // A triangle around the three cats (x + y <= 1000).
    model.select(QPolygonF({{0, 0}, {1000, 0}, {0, 1000}}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.selectedMediaIds(), QStringList({"m0", "m1", "m2"}));
    // A triangle below the line y = x / 2: m2 (300,120) lies above it.
    model.select(QPolygonF({{0, 0}, {400, 200}, {0, 200}}));
    QCOMPARE(model.selectedMediaIds(), QStringList({"m0", "m1"}));
    model.clearSelection();
    QVERIFY(model.selection().isEmpty());
    QVERIFY(model.selectionPolygon().isEmpty());
}

void EmbeddingsMapModelTest::malformedJsonFails_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << QByteArray("{\"scale\": 100, \"x\": [1,");
    QJsonObject shortX = mapJson();
    shortX.insert("x", QJsonArray{1, 2});
    QTest::newRow("arrays of different lengths") << toJson(shortX);
    QJsonObject badLabel = mapJson();
    badLabel.insert("label", QJsonArray{0, 0, 0, 0, 7});
    QTest::newRow("label index out of range") << toJson(badLabel);
    QJsonObject noScale = mapJson();
    noScale.remove("scale");
    QTest::newRow("no scale") << toJson(noScale);
    QJsonObject textX = mapJson();
    textX.insert("x", QJsonArray{"a", 1, 2, 3, 4});
    QTest::newRow("a coordinate that is no number") << toJson(textX);
}

void EmbeddingsMapModelTest::malformedJsonFails() {
    QFETCH(QByteArray, body);
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([body](const RecordedRequest&) { return ScriptedReply::json(200, body); });
    auto client = clientFor(server);
    EmbeddingsMapModel model;
    QCOMPARE(loadFrom(model, *client), EmbeddingsMapModel::State::Failed);
    QVERIFY(!model.errorText().isEmpty());
    QCOMPARE(model.map().size(), 0);
    QCOMPARE(model.rowCount(), 0);
}

void EmbeddingsMapModelTest::serverWithoutTheExtensionIsUnavailable() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler(
        [](const RecordedRequest&) { return ScriptedReply::json(404, R"({"detail":"Not Found"})"); });
    auto client = clientFor(server);
    EmbeddingsMapModel model;
    QSignalSpy states(&model, &EmbeddingsMapModel::stateChanged);
    QCOMPARE(loadFrom(model, *client), EmbeddingsMapModel::State::Unavailable);
    QCOMPARE(int(server.requestsTo("/api/v1/dataset/ds/embeddings_map").size()), 1); // 404 is not retried
    QCOMPARE(model.map().size(), 0);
    model.setClient(client.get()); // another connection starts over
    QCOMPARE(model.state(), EmbeddingsMapModel::State::Empty);
}

QTEST_GUILESS_MAIN(EmbeddingsMapModelTest)
#include "tst_embeddingsmapmodel.moc"
