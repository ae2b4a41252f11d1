// Text search on a plain folder over real HTTP: words of file and folder names and attribute tags are
// searchable right after indexing (full text, caption, semantic); tags written by source (as a detector
// would) are searchable like captions and shown in previews.
#include "Catalogue.h"
#include "EngineTestClient.h"
#include "LocalEngine.h"
#include "TestImages.h"
#include "WordNet.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace vl::engine;

namespace {

QUrlQuery exploreQuery(const QString& key, const QString& value) {
    QUrlQuery q;
    q.addQueryItem("entity_type", "IMAGES");
    q.addQueryItem("threshold", "0");
    q.addQueryItem(key, QString(QUrl::toPercentEncoding(value)));
    return q;
}

QString vqlText(const QString& op, const QString& value) {
    const QJsonArray filter{QJsonObject{{"text", QJsonObject{{"op", op}, {"value", value}}}}};
    return QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact));
}

QImage solid(const QColor& colour) {
    QImage image(320, 240, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

} // namespace

class TestEngineTextSearch : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_folder;
    QString m_dataDir;
    std::unique_ptr<LocalEngine> m_engine;
    std::unique_ptr<EngineTestClient> m_client;
    QString m_datasetId;

    void startEngine() {
        m_engine = std::make_unique<LocalEngine>(m_dataDir);
        QString error;
        QVERIFY2(m_engine->start(0, &error), qPrintable(error));
        m_client =
            std::make_unique<EngineTestClient>(m_engine->url(), m_engine->apiKey(), m_engine->apiSecret());
    }
    void stopEngine() {
        m_client.reset();
        if (m_engine)
            m_engine->stop();
        m_engine.reset();
    }
    // Previews of the first page in rank order.
    QList<QJsonObject> previews(const QUrlQuery& query) {
        const HttpResult r = m_client->get("/api/v1/explore/" + m_datasetId, query);
        if (r.status != 200) {
            qWarning() << "explore failed" << r.status << r.body;
            return {};
        }
        QList<QJsonObject> all;
        for (const QJsonValue& c : r.object().value("clusters").toArray()) {
            for (const QJsonValue& p : c.toObject().value("previews").toArray())
                all.append(p.toObject());
        }
        std::stable_sort(all.begin(), all.end(), [](const QJsonObject& a, const QJsonObject& b) {
            return a.value("relevance_score").toDouble(2) < b.value("relevance_score").toDouble(2);
        });
        return all;
    }
    QStringList files(const QUrlQuery& query) {
        QStringList names;
        for (const QJsonObject& p : previews(query))
            names.append(p.value("file_name").toString());
        return names;
    }
    QStringList fts(const QString& text) { return files(exploreQuery("vql", vqlText("fts", text))); }
    QStringList semantic(const QString& text) {
        return files(exploreQuery("vql", vqlText("semantic", text)));
    }
    QStringList caption(const QString& text) { return files(exploreQuery("caption", text)); }
    static void requireWordNet() {
        if (WordNet::instance().isAvailable())
            return;
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            QFAIL("WordNet database not installed (wordnet-base)");
        QSKIP("WordNet database not installed (wordnet-base)");
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void fileNameWordsAreSearchableAfterIndexing();
    void attributeTagsAreSearchable();
    void sourceTagsAreSearchableAndShownInPreviews();
};

void TestEngineTextSearch::initTestCase() {
    QVERIFY(m_root.isValid());
    m_folder = m_root.filePath("photos");
    m_dataDir = m_root.filePath("engine-data");
    using namespace TestImages;
    QVERIFY(save(scene(11), m_folder + "/golden_retriever_beach.jpg"));
    QVERIFY(save(scene(12), m_folder + "/IMG_1234.JPG"));
    QVERIFY(save(scene(13), m_folder + "/Holidays2023/sunsetOverSea.png"));
    QVERIFY(save(solid(QColor(205, 25, 30)), m_folder + "/x1.png"));
    QVERIFY(save(scene(14).convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGB32),
                 m_folder + "/x2.jpg"));
    startEngine();
    QUrlQuery q;
    q.addQueryItem("path", m_folder);
    q.addQueryItem("name", "Names");
    const HttpResult r = m_client->post("/api/v1/process", q);
    QCOMPARE(r.status, 200);
    m_datasetId = r.object().value("dataset_id").toString();
    QCOMPARE(m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
}

void TestEngineTextSearch::cleanupTestCase() {
    stopEngine();
}

void TestEngineTextSearch::fileNameWordsAreSearchableAfterIndexing() {
    requireWordNet();
    // Full text (porter-stemmed FTS5 over the tags).
    QCOMPARE(fts("retriever"), QStringList{"golden_retriever_beach.jpg"});
    QCOMPARE(fts("sunset"), QStringList{"sunsetOverSea.png"});
    QCOMPARE(fts("holidays"), QStringList{"sunsetOverSea.png"});
    QCOMPARE(fts("holiday"), QStringList{"sunsetOverSea.png"});
    // Camera prefixes and numbers are not words of the picture.
    QCOMPARE(fts("img"), QStringList{});
    QCOMPARE(fts("1234"), QStringList{});
    QCOMPARE(fts("jpg"), QStringList{});
    // Semantic search and the caption parameter read them too, by meaning.
    QCOMPARE(semantic("retriever"), QStringList{"golden_retriever_beach.jpg"});
    QCOMPARE(semantic("holidays"), QStringList{"sunsetOverSea.png"});
    QCOMPARE(caption("sunset"), QStringList{"sunsetOverSea.png"});
    QCOMPARE(semantic("img"), QStringList{});
    QCOMPARE(semantic("1234"), QStringList{});
    const QStringList dogs = semantic("dog");
    QCOMPARE(dogs, QStringList{"golden_retriever_beach.jpg"}); // a golden retriever is a dog
    const QStringList animals = semantic("animal");
    QCOMPARE(animals, QStringList{"golden_retriever_beach.jpg"});
}

void TestEngineTextSearch::attributeTagsAreSearchable() {
    requireWordNet();
    QVERIFY(fts("red").contains("x1.png"));
    QVERIFY(semantic("red").contains("x1.png"));
    QVERIFY(!semantic("red").contains("x2.jpg"));
    QCOMPARE(fts("grayscale"), QStringList{"x2.jpg"});
    QCOMPARE(fts("\"black and white\""), QStringList{"x2.jpg"});
    QVERIFY(semantic("grayscale").contains("x2.jpg"));
}

void TestEngineTextSearch::sourceTagsAreSearchableAndShownInPreviews() {
    requireWordNet();
    // Tags as a detector and OCR would write them, through the catalogue, while the engine is down.
    stopEngine();
    {
        Catalogue catalogue;
        QString error;
        QVERIFY2(catalogue.open(QDir(m_dataDir).filePath("catalogue.sqlite"), &error), qPrintable(error));
        QHash<QString, qint64> rows;
        for (const MediaRecord& m : catalogue.media(m_datasetId, false))
            rows.insert(QFileInfo(m.relativePath).fileName(), m.row);
        QVERIFY(catalogue.setTags(
            m_datasetId, TagSource::Object,
            {{rows.value("IMG_1234.JPG"), {"horse", "person"}}, {rows.value("x1.png"), {"car"}}}));
        QVERIFY(catalogue.setTags(m_datasetId, TagSource::Ocr, {{rows.value("x1.png"), {"stop"}}}));
        // As in a catalogue from before tags: this file's name words are missing.
        QVERIFY(catalogue.setTags(m_datasetId, TagSource::Name,
                                  {{rows.value("golden_retriever_beach.jpg"), {}}}));
    }
    startEngine();
    QCOMPARE(fts("horse"), QStringList{"IMG_1234.JPG"});
    QCOMPARE(fts("stop"), QStringList{"x1.png"});
    // Semantic: exact names first, then kinds of the query word.
    QCOMPARE(semantic("people"), QStringList{"IMG_1234.JPG"});
    QCOMPARE(semantic("vehicle"), QStringList{"x1.png"});
    const QList<QJsonObject> animals = previews(exploreQuery("vql", vqlText("semantic", "animal")));
    QCOMPARE(animals.size(), 1); // the horse (the retriever's name words are gone for now)
    for (const QJsonObject& p : animals) {
        const double distance = p.value("relevance_score").toDouble();
        QVERIFY2(distance > 0.1 && distance < 0.6,
                 qPrintable(QString::number(distance))); // kind of: not exact
    }
    const QList<QJsonObject> horse = previews(exploreQuery("vql", vqlText("semantic", "horse")));
    QCOMPARE(horse.size(), 1);
    QCOMPARE(horse.first().value("relevance_score").toDouble(), 0.0); // exact word: distance 0
    // Previews show detected classes among the labels and every tag by source.
    const QJsonObject preview = horse.first();
    QCOMPARE(preview.value("labels").toArray(), QJsonArray({"horse", "person"}));
    QCOMPARE(preview.value("tags").toObject().value("object").toArray(), QJsonArray({"horse", "person"}));
    const QJsonObject red = previews(exploreQuery("vql", vqlText("fts", "stop"))).first();
    QCOMPARE(red.value("tags").toObject().value("ocr").toArray(), QJsonArray({"stop"}));
    QVERIFY(red.value("tags").toObject().value("attribute").toArray().contains("red"));
    QCOMPARE(fts("retriever"), QStringList{});
    // A reindex keeps the detector's tags (the file did not change) and writes missing name words.
    QCOMPARE(m_client->post("/api/v1/dataset/" + m_datasetId + "/reindex").status, 202);
    QCOMPARE(m_client->waitForStatus(m_datasetId, {"READY", "ERROR"}).value("status_new").toString(),
             QString("READY"));
    QCOMPARE(fts("horse"), QStringList{"IMG_1234.JPG"});
    QCOMPARE(fts("retriever"), QStringList{"golden_retriever_beach.jpg"});
    QCOMPARE(semantic("animal").size(), 2); // the horse and the golden retriever
}

QTEST_MAIN(TestEngineTextSearch)
#include "tst_EngineTextSearch.moc"
