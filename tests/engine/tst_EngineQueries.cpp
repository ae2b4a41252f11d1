// Query building blocks of the engine: the caption search syntax, WordNet expansion, semantic scores
// and explore parameter validation.
#include "ApiMessage.h"
#include "ExploreRequest.h"
#include "FullTextQuery.h"
#include "SemanticMatcher.h"
#include "WordNet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace vl::engine;

class TestEngineQueries : public QObject {
    Q_OBJECT

private slots:
    void fullTextStructure_data();
    void fullTextStructure();
    void fullTextRejectsMalformedQueries();
    void fullTextEvaluatesOverRowSets();
    void wordNetLemmasSynonymsAndHypernyms();
    void semanticScoresRankCloserMeaningsHigher();
    void semanticFallsBackToStemsWithoutWordNet();
    void exploreParametersAreValidated();
    void vqlFiltersParse();
};

void TestEngineQueries::fullTextStructure_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("structure");
    QTest::newRow("word") << "dog"
                          << "\"dog\"";
    QTest::newRow("implicit and") << "dog beach"
                                  << "AND(\"dog\", \"beach\")";
    QTest::newRow("explicit and") << "dog AND beach"
                                  << "AND(\"dog\", \"beach\")";
    QTest::newRow("or binds looser") << "dog beach OR cat"
                                     << "OR(AND(\"dog\", \"beach\"), \"cat\")";
    QTest::newRow("exclusion") << "dog -cat"
                               << "AND(\"dog\", NOT(\"cat\"))";
    QTest::newRow("phrase") << "\"red car\" night"
                            << "AND(\"red car\", \"night\")";
    QTest::newRow("parentheses") << "(dog OR cat) -\"on grass\""
                                 << "AND(OR(\"dog\", \"cat\"), NOT(\"on grass\"))";
    QTest::newRow("prefix") << "kitt*"
                            << "\"kitt\"*";
    QTest::newRow("hyphenated word is a term") << "t-shirt"
                                               << "\"t-shirt\"";
    QTest::newRow("quotes escaped") << "it's"
                                    << "\"it's\"";
}

void TestEngineQueries::fullTextStructure() {
    QFETCH(QString, query);
    QFETCH(QString, structure);
    QString error;
    const auto parsed = FullTextQuery::parse(query, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->describe(), structure);
}

void TestEngineQueries::fullTextRejectsMalformedQueries() {
    for (const QString& bad : {QString("\"open"), QString("(dog"), QString("dog)"), QString("AND dog"),
                               QString("dog OR"), QString(""), QString("-"), QString("()")}) {
        QString error;
        QVERIFY2(!FullTextQuery::parse(bad, &error), qPrintable(bad));
        QVERIFY(!error.isEmpty());
    }
    QString error;
    FullTextQuery::parse("\"open", &error);
    QVERIFY(error.contains("quotes"));
}

void TestEngineQueries::fullTextEvaluatesOverRowSets() {
    // Rows 1..5; each leaf matches a fixed set.
    const QHash<QString, QSet<qint64>> leaves = {
        {"\"dog\"", {1, 2}}, {"\"cat\"", {3}}, {"\"beach\"", {2, 3, 4}}};
    auto match = [&](const QString& leaf) { return leaves.value(leaf); };
    const QSet<qint64> universe = {1, 2, 3, 4, 5};
    QString error;
    QCOMPARE(FullTextQuery::parse("dog beach", &error)->evaluate(match, universe), QSet<qint64>({2}));
    QCOMPARE(FullTextQuery::parse("dog OR cat", &error)->evaluate(match, universe), QSet<qint64>({1, 2, 3}));
    QCOMPARE(FullTextQuery::parse("beach -dog", &error)->evaluate(match, universe), QSet<qint64>({3, 4}));
    QCOMPARE(FullTextQuery::parse("-beach", &error)->evaluate(match, universe), QSet<qint64>({1, 5}));
    QCOMPARE(FullTextQuery::parse("(dog OR cat) beach", &error)->evaluate(match, universe),
             QSet<qint64>({2, 3}));
}

void TestEngineQueries::wordNetLemmasSynonymsAndHypernyms() {
    const WordNet& wn = WordNet::instance();
    if (!wn.isAvailable())
        QSKIP("WordNet database not installed (wordnet-base)");
    QCOMPARE(wn.lemma("puppies"), QString("puppy"));
    QCOMPARE(wn.lemma("geese"), QString("goose"));
    QCOMPARE(wn.lemma("running"), QString("running")); // a noun itself
    QCOMPARE(wn.lemma("Cars"), QString("car"));
    QVERIFY(wn.synonyms("car").contains("automobile"));
    QVERIFY(!wn.synonyms("car").contains("car"));
    const QHash<QString, WordNet::Relation> dog = wn.hypernyms("dog", 10);
    QVERIFY(dog.contains("canine"));
    QVERIFY(dog.contains("animal"));
    QVERIFY(dog.value("canine").depth < dog.value("mammal").depth);
    QVERIFY(!wn.hypernyms("zzzxq", 5).size());
}

void TestEngineQueries::semanticScoresRankCloserMeaningsHigher() {
    const WordNet& wn = WordNet::instance();
    if (!wn.isAvailable())
        QSKIP("WordNet database not installed (wordnet-base)");
    const SemanticMatcher query("automobile at night", wn);
    QCOMPARE(query.terms(), QStringList({"automobile", "night"}));
    const double exact = query.similarity("an automobile parked at night");
    const double synonym = query.similarity("a car parked at night");
    const double partial = query.similarity("a car in the sun");
    const double unrelated = query.similarity("a bowl of soup");
    QCOMPARE(exact, 1.0);
    QVERIFY(synonym < exact && synonym > 0.8);
    QVERIFY(partial < synonym && partial > 0);
    QCOMPARE(unrelated, 0.0);
    const SemanticMatcher animal("animal", wn);
    QVERIFY(animal.similarity("a dog") > 0.3);
    QVERIFY(animal.similarity("a dog") < 1.0);
    QCOMPARE(SemanticMatcher("the of a", wn).isEmpty(), true);
    // WordNet files buses under "public transport", beside "vehicle"; the matcher bridges the two.
    QVERIFY(SemanticMatcher("vehicle", wn).similarity("a red bus") >= 0.7);
}

void TestEngineQueries::semanticFallsBackToStemsWithoutWordNet() {
    QTemporaryDir empty;
    const WordNet none(empty.path());
    QVERIFY(!none.isAvailable());
    QCOMPARE(none.lemma("Cats"), QString("cat"));
    QVERIFY(none.synonyms("car").isEmpty());
    const SemanticMatcher matcher("cats", none);
    QCOMPARE(matcher.similarity("a cat on a mat"), 1.0);
    QCOMPARE(matcher.similarity("an automobile"), 0.0);
}

void TestEngineQueries::exploreParametersAreValidated() {
    ApiRequest request;
    request.query = {{"entity_type", "IMAGES"},   {"threshold", "3"},
                     {"page_number", "2"},        {"labels", "[a, \"b\"]"},
                     {"image_caption", "sunset"}, {"textual_similarity_threshold", "0.4"}};
    ApiResponse error;
    auto parsed = ExploreRequest::parse(request, &error);
    QVERIFY(parsed);
    QCOMPARE(parsed->granularity, 3);
    QCOMPARE(parsed->page, 2);
    QCOMPARE(parsed->labels, QStringList({"a", "b"}));
    QCOMPARE(parsed->caption, QString("sunset"));
    QCOMPARE(*parsed->textualSimilarityThreshold, 0.4);

    request.query = {{"entity_type", "images"}, {"threshold", "-1"}, {"page_number", "x"}};
    QVERIFY(!ExploreRequest::parse(request, &error));
    QCOMPARE(error.status, 422);
    const QJsonArray detail = QJsonDocument::fromJson(error.body).object().value("detail").toArray();
    QCOMPARE(detail.size(), 3); // every problem is reported at once, like FastAPI
    QStringList fields;
    for (const QJsonValue& v : detail) {
        QCOMPARE(v.toObject().value("loc").toArray().first().toString(), QString("query"));
        fields.append(v.toObject().value("loc").toArray().at(1).toString());
    }
    QCOMPARE(fields, QStringList({"entity_type", "threshold", "page_number"}));
}

void TestEngineQueries::vqlFiltersParse() {
    QString error;
    auto filters = ExploreRequest::parseVql(
        R"([{"text":{"op":"fts","value":"dog"}},{"id":"x","text":{"op":"semantic","value":"a dog","threshold":0.7}},
            {"labels":{"op":"is_not","value":["cat"]}},{"issues":{"op":"issue","value":"blur","confidence_min":0.8,"mode":"out"}},
            {"duplicates":{"op":"duplicates","value":0.95}},{"uniqueness":{"op":"uniqueness","value":0.5}},
            {"tags":{"op":"is","value":["untagged"]}}])",
        &error);
    QVERIFY2(filters, qPrintable(error));
    QCOMPARE(filters->size(), 7);
    QCOMPARE((*filters)[1].kind, VqlFilter::Semantic);
    QCOMPARE(*(*filters)[1].threshold, 0.7);
    QVERIFY((*filters)[2].exclude);
    QCOMPARE((*filters)[3].confidenceMin, 0.8);
    QVERIFY((*filters)[3].exclude);
    QCOMPARE((*filters)[4].value, 0.95);

    for (const char* bad :
         {"{}", "[1]", R"([{"text":{"op":"regex","value":"x"}}])", R"([{"duplicates":{"value":3}}])",
          R"([{"labels":{"op":"in","value":["a"]}}])", R"([{"text":{"op":"fts","value":"\"x"}}])",
          R"([{"labels":{"op":"one_of"},"text":{"op":"fts","value":"x"}}])"}) {
        QString why;
        QVERIFY2(!ExploreRequest::parseVql(QString::fromUtf8(bad), &why), bad);
        QVERIFY(!why.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestEngineQueries)
#include "tst_EngineQueries.moc"
