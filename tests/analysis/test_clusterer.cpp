#include "Clusterer.h"
#include "ImageAnalyzer.h"
#include "SceneGenerator.h"

#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

#include <cmath>

using vl::engine::Clusterer;
using vl::engine::ImageAnalyzer;

namespace {

int clusterCount(const std::vector<int>& labels) {
    return int(QSet<int>(labels.begin(), labels.end()).size());
}

// Unit vectors scattered around `centres` random directions at several noise levels, in a
// deterministic but shuffled order.
std::vector<float> clusteredVectors(int count, int dimension, int centres, quint32 seed) {
    QRandomGenerator random(seed);
    std::vector<std::vector<float>> directions(static_cast<size_t>(centres),
                                               std::vector<float>(static_cast<size_t>(dimension)));
    for (auto& direction : directions)
        for (float& value : direction)
            value = float(random.generateDouble() * 2 - 1);
    std::vector<float> packed;
    for (int i = 0; i < count; ++i) {
        const auto& centre = directions[size_t(random.bounded(centres))];
        const double noise = 0.05 + 0.5 * random.generateDouble();
        std::vector<float> vector(static_cast<size_t>(dimension));
        double squared = 0;
        for (int d = 0; d < dimension; ++d) {
            vector[size_t(d)] = float(centre[size_t(d)] + noise * (random.generateDouble() * 2 - 1));
            squared += double(vector[size_t(d)]) * vector[size_t(d)];
        }
        for (float value : vector)
            packed.push_back(float(value / std::sqrt(squared)));
    }
    return packed;
}

} // namespace

class TestClusterer : public QObject {
    Q_OBJECT

private slots:
    void levelZeroGroupsNearDuplicatesOnly() {
        // Edits that keep an image a near-duplicate of its original (crop and rotation are merely similar).
        const QVector<SceneGenerator::Variant> edits = {
            SceneGenerator::Variant::HalfSize, SceneGenerator::Variant::Jpeg25,
            SceneGenerator::Variant::Brighter25, SceneGenerator::Variant::Mirror};
        std::vector<float> packed;
        std::vector<int> groups;
        const int originals = 10;
        for (int round = 0; round <= edits.size(); ++round) { // interleaved, so groups are not contiguous
            for (int seed = 0; seed < originals; ++seed) {
                const QImage original = SceneGenerator::scene(seed);
                const QImage image =
                    round == 0 ? original : SceneGenerator::variant(original, edits[round - 1]);
                const QVector<float> embedding =
                    ImageAnalyzer::analyzeData(SceneGenerator::encode(image, "JPEG", 90)).embedding;
                packed.insert(packed.end(), embedding.begin(), embedding.end());
                groups.push_back(seed);
            }
        }
        const std::vector<int> labels =
            Clusterer::cluster(packed.data(), int(groups.size()), ImageAnalyzer::embeddingDimension(), 0);
        QCOMPARE(labels.size(), groups.size());
        for (size_t i = 0; i < labels.size(); ++i) {
            for (size_t j = 0; j < labels.size(); ++j)
                QVERIFY2((labels[i] == labels[j]) == (groups[i] == groups[j]),
                         qPrintable(QStringLiteral("items %1 and %2").arg(i).arg(j)));
        }
        // Numbered by first appearance: the first round holds the originals 0..9 in order.
        for (int seed = 0; seed < originals; ++seed)
            QCOMPARE(labels[size_t(seed)], seed);
    }

    void coarserLevelsNestFinerClusters() {
        const int dimension = 48;
        const int count = 1500;
        const std::vector<float> vectors = clusteredVectors(count, dimension, 40, 7);
        const auto levels = Clusterer::clusterAllLevels(vectors.data(), count, dimension);
        for (int level = 0; level < Clusterer::kLevels; ++level) {
            QCOMPARE(int(levels[size_t(level)].size()), count);
            QCOMPARE(levels[size_t(level)], Clusterer::cluster(vectors.data(), count, dimension, level));
            QVERIFY(Clusterer::distanceForLevel(level) > 0);
            if (level == 0)
                continue;
            const auto& finer = levels[size_t(level - 1)];
            const auto& coarser = levels[size_t(level)];
            QVERIFY(Clusterer::distanceForLevel(level) > Clusterer::distanceForLevel(level - 1));
            QVERIFY(clusterCount(coarser) <= clusterCount(finer));
            // Nesting: items sharing a finer cluster share the coarser one.
            QHash<int, int> coarserOfFiner;
            for (int i = 0; i < count; ++i) {
                const auto existing = coarserOfFiner.constFind(finer[size_t(i)]);
                if (existing == coarserOfFiner.constEnd())
                    coarserOfFiner.insert(finer[size_t(i)], coarser[size_t(i)]);
                else
                    QCOMPARE(existing.value(), coarser[size_t(i)]);
            }
        }
        QVERIFY(clusterCount(levels[0]) > clusterCount(levels[Clusterer::kLevels - 1]));
    }

    void labelsAreDenseAndDeterministic() {
        const int dimension = 32;
        const std::vector<float> vectors = clusteredVectors(400, dimension, 12, 11);
        for (int level = 0; level < Clusterer::kLevels; ++level) {
            const std::vector<int> first = Clusterer::cluster(vectors.data(), 400, dimension, level);
            QCOMPARE(Clusterer::cluster(vectors.data(), 400, dimension, level), first);
            int nextNew = 0;
            for (int label : first) { // 0..n-1 in order of first appearance
                QVERIFY(label <= nextNew);
                if (label == nextNew)
                    ++nextNew;
            }
        }
    }

    void distantVectorsStayApartAtEveryLevel() {
        const int dimension = 16;
        std::vector<float> axes(size_t(dimension * dimension), 0.0f); // orthogonal: distance 1
        for (int i = 0; i < dimension; ++i)
            axes[size_t(i * dimension + i)] = 1.0f;
        for (int level = 0; level < Clusterer::kLevels; ++level)
            QCOMPARE(clusterCount(Clusterer::cluster(axes.data(), dimension, dimension, level)), dimension);
    }

    void handlesEmptyAndSingleInput() {
        QVERIFY(Clusterer::cluster(nullptr, 0, 8, 2).empty());
        const std::vector<float> one(8, 0.5f);
        QCOMPARE(Clusterer::cluster(one.data(), 1, 8, 4), std::vector<int>{0});
        QCOMPARE(Clusterer::cluster(one.data(), 1, 8, 99), std::vector<int>{0}); // level clamped
    }
};

QTEST_MAIN(TestClusterer)
#include "test_clusterer.moc"
