// Text search building blocks: words from file and folder names, WordNet morphology / synonyms /
// hypernyms over detector labels and free-text tags, and the order of match kinds.
#include "CocoDetector.h"
#include "FileNameWords.h"
#include "SemanticMatcher.h"
#include "WordNet.h"

#include <QtTest>

using namespace vl::engine;

namespace {

// The 80 COCO classes as the detector writes them: what semantic search has to find things in.
const QStringList& kCocoLabels = vl::engine::CocoDetector::labels();

void requireWordNet() {
    if (WordNet::instance().isAvailable())
        return;
    if (qEnvironmentVariable("CI") == QLatin1String("true"))
        QFAIL("WordNet database not installed (wordnet-base)");
    QSKIP("WordNet database not installed (wordnet-base)");
}

// Labels the query finds among the COCO classes read as detector labels, best first.
QStringList found(const QString& query) {
    const SemanticMatcher matcher(query, WordNet::instance());
    QList<QPair<double, QString>> hits;
    for (const QString& label : kCocoLabels) {
        const double s = matcher.similarity(QString(), {label});
        if (s > 0)
            hits.append({s, label});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    QStringList out;
    for (const auto& hit : hits)
        out.append(hit.second);
    return out;
}

} // namespace

class TestTextSearch : public QObject {
    Q_OBJECT

private slots:
    void fileNameWords_data();
    void fileNameWords();
    void morphologyUsesExceptionLists_data();
    void morphologyUsesExceptionLists();
    void queriesFindTheirClasses_data();
    void queriesFindTheirClasses();
    void exactBeatsSynonymBeatsHypernym();
    void freeTextTagsUseEverySenseButRareOnesWeakly();
};

void TestTextSearch::fileNameWords_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("underscores") << "golden_retriever_beach.jpg"
                                 << QStringList{"golden", "retriever", "beach"};
    QTest::newRow("camera prefix and number") << "IMG_1234.JPG" << QStringList{};
    QTest::newRow("folder with year, camelCase file")
        << "Holidays2023/sunsetOverSea.png" << QStringList{"holidays", "sunset", "over", "sea"};
    QTest::newRow("hyphens, dots and spaces")
        << "red-car.on the road.jpeg" << QStringList{"red", "car", "the", "road"};
    QTest::newRow("date and time") << "2023-08-14 18.22.05.jpg" << QStringList{};
    QTest::newRow("phone names") << "PXL_20230814_182205123.MP.jpg" << QStringList{};
    QTest::newRow("gopro and dscn") << "trip/GOPR0042.JPG" << QStringList{"trip"};
    QTest::newRow("dsc with words") << "DSC_0042_kittenOnSofa.jpg" << QStringList{"kitten", "sofa"};
    QTest::newRow("acronym then word") << "NYCSkyline.png" << QStringList{"nyc", "skyline"};
    QTest::newRow("short tokens dropped") << "a_b_ox_zebra.png" << QStringList{"zebra"};
    QTest::newRow("repeated words once") << "dogs/dog_dogs.jpg" << QStringList{"dogs", "dog"};
    QTest::newRow("letters and digits") << "cat2dog3.webp" << QStringList{"cat", "dog"};
    QTest::newRow("generic words") << "photos/Photo 12 (copy).jpg" << QStringList{};
    QTest::newRow("non-ascii letters")
        << "Ferien/Strandkörbe_Nordsee.jpg" << QStringList{"ferien", "strandkörbe", "nordsee"};
    QTest::newRow("no extension") << "notes/whiteboard" << QStringList{"notes", "whiteboard"};
}

void TestTextSearch::fileNameWords() {
    QFETCH(QString, path);
    QFETCH(QStringList, words);
    QCOMPARE(FileNameWords::fromPath(path), words);
}

void TestTextSearch::morphologyUsesExceptionLists_data() {
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("lemma");
    QTest::newRow("mice") << "mice"
                          << "mouse";
    QTest::newRow("geese") << "geese"
                           << "goose";
    QTest::newRow("women") << "women"
                           << "woman";
    QTest::newRow("persons") << "persons"
                             << "person";
    QTest::newRow("buses") << "buses"
                           << "bus";
    QTest::newRow("puppies") << "puppies"
                             << "puppy";
    QTest::newRow("knives") << "knives"
                            << "knife";
    QTest::newRow("ran (verb.exc)") << "ran"
                                    << "run";
}

void TestTextSearch::morphologyUsesExceptionLists() {
    requireWordNet();
    QFETCH(QString, word);
    QFETCH(QString, lemma);
    QVERIFY2(WordNet::instance().lemmas(word).contains(lemma),
             qPrintable(WordNet::instance().lemmas(word).join(",")));
}

void TestTextSearch::queriesFindTheirClasses_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("excluded");
    QTest::newRow("animal") << "animal" << QStringList{"dog", "horse",    "cat",  "bird",  "sheep",
                                                       "cow", "elephant", "bear", "zebra", "giraffe"}
                            << QStringList{"person", "teddy bear", "hot dog", "mouse", "kite", "car"};
    QTest::newRow("animals") << "animals" << QStringList{"dog", "bird"} << QStringList{"person"};
    QTest::newRow("vehicle") << "vehicle" << QStringList{"car", "bicycle", "boat",  "motorcycle",
                                                         "bus", "truck",   "train", "airplane"}
                             << QStringList{"person", "dog", "bench"};
    QTest::newRow("vehicles") << "vehicles" << QStringList{"car", "bus"} << QStringList{"dog"};
    QTest::newRow("fruit") << "fruit" << QStringList{"banana", "apple", "orange"}
                           << QStringList{"car", "person", "pizza"};
    QTest::newRow("food") << "food" << QStringList{"pizza", "sandwich", "hot dog", "cake", "donut"}
                          << QStringList{"dog", "person"};
    QTest::newRow("furniture") << "furniture" << QStringList{"chair", "couch", "bed", "bench", "dining table"}
                               << QStringList{"dog"};
    QTest::newRow("people") << "people" << QStringList{"person"} << QStringList{"dog", "car"};
    QTest::newRow("persons") << "persons" << QStringList{"person"} << QStringList{"dog"};
    QTest::newRow("man") << "man" << QStringList{"person"} << QStringList{"dog", "car"};
    QTest::newRow("woman") << "woman" << QStringList{"person"} << QStringList{"dog"};
    QTest::newRow("human") << "human" << QStringList{"person"} << QStringList{"dog"};
    QTest::newRow("dog") << "dog" << QStringList{"dog"} << QStringList{"car", "hot dog", "person"};
    QTest::newRow("dogs") << "dogs" << QStringList{"dog"} << QStringList{"car"};
    QTest::newRow("puppy") << "puppy" << QStringList{"dog"} << QStringList{"cat"};
    QTest::newRow("automobile") << "automobile" << QStringList{"car"} << QStringList{"dog", "bus"};
    QTest::newRow("motorbike") << "motorbike" << QStringList{"motorcycle"} << QStringList{"dog"};
    QTest::newRow("computer mouse") << "computer" << QStringList{"laptop"} << QStringList{"dog"};
    QTest::newRow("mice") << "mice" << QStringList{"mouse"} << QStringList{"dog"};
    QTest::newRow("television") << "television" << QStringList{"tv"} << QStringList{"dog"};
    QTest::newRow("sofa") << "sofa" << QStringList{"couch"} << QStringList{"dog"};
    QTest::newRow("phone") << "phone" << QStringList{"cell phone"} << QStringList{"dog"};
    QTest::newRow("wine glass") << "wine glass" << QStringList{"wine glass"} << QStringList{"dog"};
    QTest::newRow("hot dog") << "hot dog" << QStringList{"hot dog"} << QStringList{"dog"};
    QTest::newRow("bird") << "bird" << QStringList{"bird"} << QStringList{"kite", "airplane"};
    QTest::newRow("toy") << "toy" << QStringList{"kite", "teddy bear"} << QStringList{"bear"};
}

void TestTextSearch::queriesFindTheirClasses() {
    requireWordNet();
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, excluded);
    const QStringList hits = found(query);
    for (const QString& label : expected)
        QVERIFY2(hits.contains(label), qPrintable(query + " misses " + label + "; found " + hits.join(",")));
    for (const QString& label : excluded)
        QVERIFY2(!hits.contains(label), qPrintable(query + " wrongly finds " + label));
}

void TestTextSearch::exactBeatsSynonymBeatsHypernym() {
    requireWordNet();
    const WordNet& wn = WordNet::instance();
    const SemanticMatcher car("car", wn);
    const double exact = car.similarity("car");
    const double synonym = car.similarity("automobile");
    const double kindOf = car.similarity("taxi"); // a taxi is a kind of car
    QCOMPARE(exact, 1.0);
    QVERIFY2(synonym < exact && synonym > kindOf, qPrintable(QString("%1 %2").arg(synonym).arg(kindOf)));
    QVERIFY(kindOf > 0);
    // Closer kinds score higher: a dog is 2 links from animal, a retriever 5.
    const SemanticMatcher animal("animal", wn);
    QVERIFY(animal.similarity("dog") > animal.similarity("golden retriever"));
    QVERIFY(animal.similarity("golden retriever") > 0);
    // An exact word beats a hypernym match anywhere in the text.
    QVERIFY(SemanticMatcher("dog", wn).similarity("dog") > SemanticMatcher("animal", wn).similarity("dog"));
}

void TestTextSearch::freeTextTagsUseEverySenseButRareOnesWeakly() {
    requireWordNet();
    const WordNet& wn = WordNet::instance();
    // Free text (file names, captions) keeps every sense: a caption mouse is an animal...
    QVERIFY(SemanticMatcher("animal", wn).similarity("a mouse in the grass") > 0);
    // ...but a detector's "mouse" is the computer mouse.
    QCOMPARE(SemanticMatcher("animal", wn).similarity(QString(), {"mouse"}), 0.0);
    QVERIFY(SemanticMatcher("device", wn).similarity(QString(), {"mouse"}) > 0);
    // Rare senses (dog = frankfurter, never seen in the tagged corpus) stay below the match floor.
    QCOMPARE(SemanticMatcher("dog", wn).similarity("frankfurter"), 0.0);
    QCOMPARE(SemanticMatcher("person", wn).similarity("dog"), 0.0);
    // Attribute tags are colours: "white" and "black" are no people, "orange" is no fruit.
    for (const char* colour : {"white", "black", "gray", "blue", "orange", "brown"}) {
        QCOMPARE(SemanticMatcher("person", wn).similarity({}, {}, {QString(colour)}), 0.0);
        QCOMPARE(SemanticMatcher("clothing", wn).similarity({}, {}, {QString(colour)}), 0.0);
        QCOMPARE(SemanticMatcher("fruit", wn).similarity({}, {}, {QString(colour)}), 0.0);
        QCOMPARE(SemanticMatcher(colour, wn).similarity({}, {}, {colour}), 1.0);
        QVERIFY(SemanticMatcher("colour", wn).similarity({}, {}, {colour}) > 0);
    }
    QVERIFY(SemanticMatcher("blurred", wn).similarity({}, {}, {"blurry"}) > 0);
    // A several-word attribute keeps the colour sense of each word: grey photos are no people.
    const QStringList grey = {"grayscale", "black and white"};
    QCOMPARE(SemanticMatcher("person", wn).similarity({}, {}, grey), 0.0);
    QCOMPARE(SemanticMatcher("people", wn).similarity({}, {}, grey), 0.0);
    QCOMPARE(SemanticMatcher("white", wn).similarity({}, {}, grey), 1.0);
    QVERIFY(SemanticMatcher("black and white", wn).similarity({}, {}, grey) > 0);
    // Colour and attribute words match themselves and their synonyms.
    QCOMPARE(SemanticMatcher("grey", wn).similarity("gray"), 0.9);
    QVERIFY(SemanticMatcher("blurred", wn).similarity("blurry") > 0);
}

QTEST_GUILESS_MAIN(TestTextSearch)
#include "tst_TextSearch.moc"
