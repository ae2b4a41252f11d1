// Explore's vector path over an in-memory snapshot: the duplicates and uniqueness filters read the
// snapshot's k-NN graph and give what a full scan per item gives; anchors rank through the vector index;
// with a learned embedding on every item, visual search ranks by the weighted combination.
#include "Catalogue.h"
#include "Clusterer.h"
#include "DatasetSnapshot.h"
#include "DuplicateGroups.h"
#include "ExploreEngine.h"
#include "ExploreRequest.h"
#include "ImageAnalyzer.h"
#include "MediaSigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>
#include <QtTest>

#include <cmath>

using namespace vl::engine;

namespace {

QVector<float> unit(QVector<float> v) {
    double squared = 0;
    for (float x : v)
        squared += double(x) * x;
    for (float& x : v)
        x = float(x / std::sqrt(squared));
    return v;
}

QVector<float> noisyCopy(const QVector<float>& base, double noise, QRandomGenerator& random) {
    QVector<float> v = base;
    for (float& x : v)
        x += float((random.generateDouble() * 2 - 1) * noise);
    return unit(v);
}

QVector<float> randomVector(int dimension, QRandomGenerator& random) {
    QVector<float> v(dimension);
    for (float& x : v)
        x = float(random.generateDouble() - 0.3);
    return unit(v);
}

double cosineDistance(const QVector<float>& a, const QVector<float>& b) {
    double dot = 0;
    for (int i = 0; i < a.size(); ++i)
        dot += double(a[i]) * b[i];
    return 1.0 - dot;
}

MediaRecord media(int i, const QVector<float>& embedding) {
    MediaRecord m;
    m.row = i + 1;
    m.mediaId = QUuid::createUuidV5(QUuid(), QString::number(i)).toString(QUuid::WithoutBraces);
    m.relativePath = QStringLiteral("img%1.jpg").arg(i, 5, 10, QLatin1Char('0'));
    m.width = 640;
    m.height = 480;
    m.embedding = embedding;
    return m;
}

// Groups of noisy copies (some larger than a k-NN list) among unrelated vectors.
QVector<MediaRecord> groupedMedia(int count, quint32 seed) {
    QRandomGenerator random(seed);
    const int dimension = ImageAnalyzer::embeddingDimension();
    QVector<MediaRecord> items;
    QVector<float> base;
    int left = 0;
    double noise = 0;
    bool bigDone = false;
    for (int i = 0; i < count; ++i) {
        if (left == 0) {
            base = randomVector(dimension, random);
            // Unit vectors: a copy with noise a lies at cosine distance ~95 a^2 (0.002 .. 0.29 here); the
            // group of 45 is tight and larger than a k-NN list.
            const bool big = i >= 10 && !bigDone;
            bigDone |= big;
            left = big ? 45 : 1 + int(random.bounded(4));
            noise = big ? 0.01 : 0.005 + 0.05 * random.generateDouble();
        }
        --left;
        items.append(media(i, noisyCopy(base, noise, random)));
    }
    return items;
}

ExploreRequest vqlRequest(const QString& vql) {
    ExploreRequest request;
    QString error;
    request.filters = *ExploreRequest::parseVql(vql, &error);
    return request;
}

} // namespace

class TestExploreVectors : public QObject {
    Q_OBJECT

    Catalogue m_catalogue; // never opened: these filters do not read it
    MediaSigner m_signer{"secret"};
    DatasetRecord m_dataset;

    QList<QJsonObject> previews(const DatasetSnapshot& snapshot, const ExploreRequest& request) {
        const ApiResponse r =
            ExploreEngine(m_catalogue, m_signer, QUrl("http://127.0.0.1:1")).explore(snapshot, request);
        QList<QJsonObject> out;
        for (const QJsonValue& c : QJsonDocument::fromJson(r.body).object().value("clusters").toArray())
            for (const QJsonValue& p : c.toObject().value("previews").toArray())
                out.append(p.toObject());
        return out;
    }

private slots:
    void initTestCase() {
        m_dataset.id = QStringLiteral("5f0c1a52-0000-4000-8000-000000000001");
        m_dataset.folder = QDir::tempPath();
    }

    void duplicatesFilterEqualsTheFullScan_data() {
        QTest::addColumn<double>("similarity");
        QTest::newRow("0.95") << 0.95;
        QTest::newRow("0.9") << 0.9;
        QTest::newRow("0.7: lists overflow") << 0.7;
        QTest::newRow("0.3") << 0.3;
    }
    void duplicatesFilterEqualsTheFullScan() {
        QFETCH(double, similarity);
        const auto snapshot = DatasetSnapshot::fromMedia(m_dataset, groupedMedia(400, 17));
        const auto request =
            vqlRequest(QStringLiteral(R"([{"duplicates":{"op":"duplicates","value":%1}}])").arg(similarity));
        ApiResponse error;
        const auto selected = ExploreEngine(m_catalogue, m_signer, QUrl()).select(*snapshot, request, &error);
        QVERIFY(selected);
        // Expected: the groups of the scan explore ran per request before the graph, singletons left out.
        const std::vector<int> groups = DuplicateGroups::byScan(snapshot->index(), float(1.0 - similarity));
        std::vector<int> size(groups.size(), 0);
        for (int root : groups)
            ++size[size_t(root)];
        QVector<int> expected;
        for (int i = 0; i < snapshot->size(); ++i) {
            if (size[size_t(groups[size_t(i)])] >= 2)
                expected.append(i);
        }
        QVERIFY(!expected.isEmpty());
        bool crowded = false; // the big group overflows its members' lists: the scan fallback runs
        for (int i = 0; i < snapshot->size(); ++i)
            crowded |= snapshot->neighbours().mayMissBelow(i, float(1.0 - similarity));
        QVERIFY(crowded);
        QCOMPARE(*selected, expected);
    }

    void issueFilterListsTheWorstFirst() {
        // Three dark images whose file names sort the other way round from their darkness, one bright one.
        QVector<MediaRecord> items = groupedMedia(4, 3);
        const double darkness[] = {0.3, 0.9, 0.6, 0.0};
        QRandomGenerator random(11);
        for (int i = 0; i < items.size(); ++i) {
            items[i].embedding =
                randomVector(ImageAnalyzer::embeddingDimension(), random); // unrelated images
            items[i].relativePath = QStringLiteral("img%1.jpg").arg(i);
            items[i].dark = darkness[i];
        }
        const auto snapshot = DatasetSnapshot::fromMedia(m_dataset, items);
        ExploreRequest request =
            vqlRequest(R"([{"issues":{"op":"issue","value":"dark","confidence_min":0.1,"mode":"in"}}])");
        QStringList order;
        QVector<double> relevance;
        for (const QJsonObject& p : previews(*snapshot, request)) {
            order.append(p.value("file_name").toString());
            relevance.append(p.value("relevance_score").toDouble());
        }
        QCOMPARE(order, (QStringList{"img1.jpg", "img2.jpg", "img0.jpg"}));
        QVERIFY(std::abs(relevance.first() - (1.0 - 0.9)) < 1e-6); // relevance = 1 - confidence
    }

    void uniquenessAndNearestDistancesEqualASearch() {
        const auto snapshot = DatasetSnapshot::fromMedia(m_dataset, groupedMedia(300, 5));
        float largest = 0;
        std::vector<float> nearest;
        for (int i = 0; i < snapshot->size(); ++i) {
            float d = 2.0f;
            for (const auto& hit : snapshot->index().search(snapshot->vector(i), 2)) {
                if (hit.id != i) {
                    d = hit.distance;
                    break;
                }
            }
            nearest.push_back(d);
            largest = std::max(largest, d);
        }
        QCOMPARE(snapshot->nearestDistances(), nearest);
        for (int i = 0; i < snapshot->size(); ++i)
            QCOMPARE(snapshot->uniqueness(i), std::clamp(nearest[size_t(i)] / largest, 0.0f, 1.0f));
        // Clusters come from the same graph: level 0 joins exactly the pairs closer than its distance.
        const std::vector<int>& level0 = snapshot->clusters(0);
        const std::vector<int> groups =
            DuplicateGroups::byScan(snapshot->index(), Clusterer::distanceForLevel(0));
        for (int i = 0; i < snapshot->size(); ++i)
            for (int j = i + 1; j < snapshot->size(); ++j)
                QCOMPARE(level0[size_t(i)] == level0[size_t(j)], groups[size_t(i)] == groups[size_t(j)]);
    }

    void mediaAnchorRanksByCosineDistance() {
        const auto snapshot = DatasetSnapshot::fromMedia(m_dataset, groupedMedia(60, 8));
        ExploreRequest request;
        request.anchorMediaId = snapshot->items()[3].mediaId;
        request.anchorType = QStringLiteral("MEDIA");
        const QVector<float> anchor(snapshot->vector(3), snapshot->vector(3) + snapshot->dimension());
        const QList<QJsonObject> ranked = previews(*snapshot, request);
        QVERIFY(!ranked.isEmpty());
        for (const QJsonObject& p : ranked) {
            const int i = snapshot->indexOfMedia(p.value("media_id").toString());
            const QVector<float> v(snapshot->vector(i), snapshot->vector(i) + snapshot->dimension());
            QVERIFY(std::fabs(p.value("relevance_score").toDouble() -
                              std::max(0.0, cosineDistance(anchor, v))) < 1e-5);
        }
    }

    void learnedEmbeddingsJoinVisualSearch() {
        // Every item has a learned embedding: a MEDIA anchor ranks by (1 - s) d_classical + s d_learned, with
        // the learned embeddings centred on the dataset's mean and s = EmbeddingBlend::kLearnedShare.
        QRandomGenerator random(31);
        QVector<MediaRecord> items = groupedMedia(40, 12);
        for (MediaRecord& m : items)
            m.learned = randomVector(64, random);
        const QVector<MediaRecord> original = items;
        auto snapshot = DatasetSnapshot::fromMedia(m_dataset, items);
        QVERIFY(snapshot->hasLearnedSpace());
        QVector<float> mean(64, 0.0f);
        for (const MediaRecord& m : original)
            for (int k = 0; k < 64; ++k)
                mean[k] += m.learned[k] / float(original.size());
        const auto centred = [&](const QVector<float>& v) {
            QVector<float> out(v.size());
            for (int k = 0; k < v.size(); ++k)
                out[k] = v[k] - mean[k];
            return unit(out);
        };
        ExploreRequest request;
        request.anchorMediaId = original[5].mediaId;
        request.anchorType = QStringLiteral("MEDIA");
        const auto expected = [&](int i, bool withLearned) {
            const double classical = cosineDistance(original[5].embedding, original[i].embedding);
            if (!withLearned)
                return std::max(0.0, classical);
            const double learned = cosineDistance(centred(original[5].learned), centred(original[i].learned));
            const double share = EmbeddingBlend::kLearnedShare;
            return std::max(0.0, (1.0 - share) * classical + share * learned);
        };
        QList<QJsonObject> ranked = previews(*snapshot, request);
        QVERIFY(ranked.size() >= 10); // up to 9 previews per cluster
        for (const QJsonObject& p : ranked) {
            const int i = snapshot->indexOfMedia(p.value("media_id").toString());
            const double score = p.value("relevance_score").toDouble();
            QVERIFY2(std::fabs(score - expected(i, true)) < 1e-5, qPrintable(QString::number(i)));
            QVERIFY(std::fabs(score - expected(i, false)) > 1e-4 || i == 5); // the learned part counts
        }
        QCOMPARE(ranked.first().value("media_id").toString(), original[5].mediaId); // itself first

        // One item without: learned embeddings stay out, the classical ranking is unchanged.
        items = original;
        items[7].learned.clear();
        snapshot = DatasetSnapshot::fromMedia(m_dataset, items);
        QVERIFY(!snapshot->hasLearnedSpace());
        ranked = previews(*snapshot, request);
        for (const QJsonObject& p : ranked) {
            const int i = snapshot->indexOfMedia(p.value("media_id").toString());
            QVERIFY(std::fabs(p.value("relevance_score").toDouble() - expected(i, false)) < 1e-5);
        }
    }
};

QTEST_MAIN(TestExploreVectors)
#include "tst_ExploreVectors.moc"
