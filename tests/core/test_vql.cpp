#include "JsonFixture.h"
#include "Vql.h"

#include <QTest>
#include <QUrlQuery>

using namespace vl;

class TestVql : public QObject {
    Q_OBJECT
private slots:
    void fullTextMatchesDocs();
    void semanticWithThresholdMatchesDocs();
    void semanticWithoutThresholdOmitsIt();
    void combinedFiltersMatchDocs();
    void tagsIssuesDuplicatesUniqueness();
    void labelsNotOneOf();
    void compactStringRoundTripsAndEncodes();
    void describeForBanners();
    void emptyBuilder();
    void knownIssues();
};

void TestVql::fullTextMatchesDocs() {
    // seeds/semantic-search.txt, "Decoded VQL" for full-text search.
    QCOMPARE(Vql().fullText(QStringLiteral("highway night")).toJson(),
             arrayFixture(R"([{"text": {"op": "fts", "value": "highway night"}}])"));
}

void TestVql::semanticWithThresholdMatchesDocs() {
    QCOMPARE(Vql().semantic(QStringLiteral("cars on highway"), 0.7).toJson(),
             arrayFixture(R"([{"text": {"op": "semantic", "value": "cars on highway", "threshold": 0.7}}])"));
}

void TestVql::semanticWithoutThresholdOmitsIt() {
    const QJsonArray json = Vql().semantic(QStringLiteral("dog")).toJson();
    QCOMPARE(json, arrayFixture(R"([{"text": {"op": "semantic", "value": "dog"}}])"));
    QVERIFY(!json[0].toObject()[QStringLiteral("text")].toObject().contains(QStringLiteral("threshold")));
}

void TestVql::combinedFiltersMatchDocs() {
    // "Combining Filters with VQL" example from the docs.
    Vql vql;
    vql.semantic(QStringLiteral("car on highway")).labels({QStringLiteral("vehicle"), QStringLiteral("car")});
    QCOMPARE(vql.toJson(), arrayFixture(R"([
      {"text": {"op": "semantic", "value": "car on highway"}},
      {"labels": {"op": "one_of", "value": ["vehicle", "car"]}}
    ])"));
}

void TestVql::tagsIssuesDuplicatesUniqueness() {
    Vql vql;
    vql.tags({QStringLiteral("uuid")})
        .issue(QStringLiteral("blur"))
        .issue(QStringLiteral("dark"), 0.8, 1.0, Vql::IssueMode::Out)
        .duplicates(0.95)
        .uniqueness(0.8);
    QCOMPARE(vql.toJson(), arrayFixture(R"([
      {"tags": {"op": "is", "value": ["uuid"]}},
      {"issues": {"op": "issue", "value": "blur", "mode": "in"}},
      {"issues": {"op": "issue", "value": "dark", "confidence_min": 0.8, "confidence_max": 1.0, "mode": "out"}},
      {"duplicates": {"op": "duplicates", "value": 0.95}},
      {"uniqueness": {"op": "uniqueness", "value": 0.8}}
    ])"));
}

void TestVql::labelsNotOneOf() {
    QCOMPARE(Vql().labels({QStringLiteral("cat")}, Vql::LabelOp::NotOneOf).toJson(),
             arrayFixture(R"([{"labels": {"op": "not_one_of", "value": ["cat"]}}])"));
}

void TestVql::compactStringRoundTripsAndEncodes() {
    Vql vql;
    vql.fullText(QStringLiteral("highway night"));
    const QString text = vql.toJsonString();
    QVERIFY(!text.contains(QLatin1Char('\n')));
    QVERIFY(!text.contains(QLatin1String(": ")));
    QCOMPARE(QJsonDocument::fromJson(text.toUtf8()).array(), vql.toJson());
    // Put in a query the way the client does, the docs' URL-encoded form decodes to the same filter.
    QString documented = QUrl::fromPercentEncoding(
        "%5B%7B%22text%22%3A%7B%22op%22%3A%22fts%22%2C%22value%22%3A%22highway+night%22%7D%7D%5D");
    QCOMPARE(QJsonDocument::fromJson(documented.replace(QLatin1Char('+'), QLatin1Char(' ')).toUtf8()).array(),
             vql.toJson());
}

void TestVql::describeForBanners() {
    Vql vql;
    vql.labels({QStringLiteral("cat"), QStringLiteral("dog")})
        .semantic(QStringLiteral("beach"), 0.6)
        .fullText(QStringLiteral("sunset"))
        .issue(QStringLiteral("blur"), 0.5, 0.9)
        .duplicates(0.95)
        .uniqueness(0.8)
        .tags({QStringLiteral("t1")});
    const QStringList lines = vql.describe();
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QStringLiteral("labels: cat, dog"));
    QCOMPARE(lines[1], QStringLiteral("semantic: \"beach\" (threshold 0.6)"));
    QCOMPARE(lines[2], QStringLiteral("text: \"sunset\""));
    QCOMPARE(lines[3], QStringLiteral("issue: blur (confidence 0.5-0.9)"));
    QCOMPARE(lines[4], QStringLiteral("duplicates: similarity 0.95"));
    QCOMPARE(lines[5], QStringLiteral("uniqueness: at least 0.8"));
    QCOMPARE(lines[6], QStringLiteral("tags: t1"));
}

void TestVql::emptyBuilder() {
    Vql vql;
    QVERIFY(vql.isEmpty());
    QCOMPARE(vql.toJsonString(), QStringLiteral("[]"));
    vql.uniqueness(0.5);
    QVERIFY(!vql.isEmpty());
}

void TestVql::knownIssues() {
    const QStringList& names = Vql::knownIssueNames();
    QCOMPARE(names.size(), 8);
    QVERIFY(names.contains(QStringLiteral("label_outlier")));
    QVERIFY(names.contains(QStringLiteral("blur")));
}

QTEST_GUILESS_MAIN(TestVql)
#include "test_vql.moc"
