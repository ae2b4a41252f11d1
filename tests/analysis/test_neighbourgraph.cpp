// The k-NN graph a dataset snapshot builds once, and what is read from it instead of scanning per item:
// each list equals VectorIndex::search, duplicate groups equal the full scan's components at any limit
// (including limits loose enough that lists overflow), nearest-other distances equal a top-2 search, and
// clustering from the graph equals clustering from the vectors.
#include "Clusterer.h"
#include "DisjointSets.h"
#include "DuplicateGroups.h"
#include "NeighbourGraph.h"
#include "VectorIndex.h"

#include <QHash>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>

using namespace vl::engine;

namespace {

// Groups of 1..80 noisy copies around random directions, so some groups are larger than a k-NN list.
std::vector<float> groupedVectors(int count, int dimension, quint32 seed) {
    QRandomGenerator random(seed);
    std::vector<float> data(size_t(count) * size_t(dimension));
    std::vector<float> base(static_cast<size_t>(dimension));
    int left = 0;
    double noise = 0;
    for (int i = 0; i < count; ++i) {
        if (left == 0) {
            for (float& v : base)
                v = float(random.generateDouble() - 0.3);
            left = random.bounded(6) == 0 ? 1 + int(random.bounded(80)) : 1 + int(random.bounded(3));
            noise = 0.02 + 0.2 * random.generateDouble();
        }
        --left;
        float* v = data.data() + size_t(i) * size_t(dimension);
        double squared = 0;
        for (int d = 0; d < dimension; ++d) {
            v[d] = base[size_t(d)] + float((random.generateDouble() * 2 - 1) * noise);
            squared += double(v[d]) * v[d];
        }
        for (int d = 0; d < dimension; ++d)
            v[d] = float(v[d] / std::sqrt(squared));
    }
    return data;
}

VectorIndex indexOf(const std::vector<float>& data, int dimension) {
    VectorIndex index(dimension);
    const int count = int(data.size()) / dimension;
    for (int i = 0; i < count; ++i)
        index.add(i, QVector<float>(data.begin() + std::ptrdiff_t(i) * dimension,
                                    data.begin() + std::ptrdiff_t(i + 1) * dimension));
    return index;
}

} // namespace

class TestNeighbourGraph : public QObject {
    Q_OBJECT

private slots:
    void listsEqualSearch() {
        const int dimension = 40, count = 700;
        const VectorIndex index = indexOf(groupedVectors(count, dimension, 3), dimension);
        const NeighbourGraph graph = NeighbourGraph::build(index);
        QCOMPARE(graph.count(), count);
        for (int i = 0; i < count; ++i) {
            const auto hits = index.search(index.vector(i), NeighbourGraph::kListSize);
            QCOMPARE(graph.listSize(i), int(hits.size()));
            for (int h = 0; h < graph.listSize(i); ++h) {
                QCOMPARE(qint64(graph.list(i)[h].id), hits[size_t(h)].id);
                QCOMPARE(graph.list(i)[h].distance, hits[size_t(h)].distance);
            }
            // Nearest other item: what a top-2 search gives.
            float expected = 2.0f;
            for (const auto& hit : index.search(index.vector(i), 2)) {
                if (hit.id != i) {
                    expected = hit.distance;
                    break;
                }
            }
            QCOMPARE(graph.nearestOtherDistance(i), expected);
        }
    }

    void duplicateGroupsEqualTheFullScan_data() {
        QTest::addColumn<float>("maxDistance");
        QTest::newRow("near-duplicates") << 0.08f;
        QTest::newRow("similarity 0.9") << 0.1f;
        QTest::newRow("loose: lists overflow") << 0.3f;
        QTest::newRow("very loose") << 0.7f;
        QTest::newRow("nothing") << 0.0f;
    }
    void duplicateGroupsEqualTheFullScan() {
        QFETCH(float, maxDistance);
        const int dimension = 32, count = 900;
        const VectorIndex index = indexOf(groupedVectors(count, dimension, 9), dimension);
        const NeighbourGraph graph = NeighbourGraph::build(index);
        int crowded = 0;
        for (int i = 0; i < count; ++i)
            crowded += graph.mayMissBelow(i, maxDistance) ? 1 : 0;
        if (maxDistance >= 0.3f)
            QVERIFY2(crowded > 0, "the fallback scan is exercised");
        QCOMPARE(DuplicateGroups::find(index, graph, maxDistance),
                 DuplicateGroups::byScan(index, maxDistance));
    }

    void smallCollectionsAreComplete() {
        // Fewer items than a list: every list holds everything, nothing needs a scan.
        const int dimension = 16, count = 20;
        const VectorIndex index = indexOf(groupedVectors(count, dimension, 4), dimension);
        const NeighbourGraph graph = NeighbourGraph::build(index);
        for (int i = 0; i < count; ++i) {
            QCOMPARE(graph.listSize(i), count);
            QVERIFY(!graph.mayMissBelow(i, 2.0f));
        }
        QCOMPARE(NeighbourGraph::build(VectorIndex(8)).count(), 0);
    }

    void clusteringLevelZeroIsTheCappedSearch() {
        // Level 0 before the graph: components of each vector's 32 nearest closer than the level-0 distance
        // (VectorIndex::searchMany with k = 32 and that cap), numbered by first appearance.
        const int dimension = 48, count = 1200;
        const std::vector<float> data = groupedVectors(count, dimension, 21);
        const VectorIndex index = indexOf(data, dimension);
        const auto hits = index.searchMany(data.data(), count, 32, Clusterer::distanceForLevel(0));
        DisjointSets sets(count);
        for (int i = 0; i < count; ++i)
            for (const auto& hit : hits[size_t(i)])
                sets.join(i, int(hit.id));
        std::vector<int> expected(static_cast<size_t>(count));
        QHash<int, int> numberOfRoot;
        for (int i = 0; i < count; ++i) {
            const int root = sets.find(i);
            if (!numberOfRoot.contains(root))
                numberOfRoot.insert(root, numberOfRoot.size());
            expected[size_t(i)] = numberOfRoot.value(root);
        }
        const auto fromGraph =
            Clusterer::clusterAllLevels(data.data(), dimension, NeighbourGraph::build(index));
        QCOMPARE(fromGraph[0], expected);
        QVERIFY(numberOfRoot.size() < count); // the data has groups
        const auto fromVectors = Clusterer::clusterAllLevels(data.data(), count, dimension);
        for (int level = 0; level < Clusterer::kLevels; ++level)
            QCOMPARE(fromGraph[size_t(level)], fromVectors[size_t(level)]);
    }

    void distancesEqualSearch() {
        const int dimension = 24, count = 300;
        const VectorIndex index = indexOf(groupedVectors(count, dimension, 5), dimension);
        const std::vector<float> distances = index.distances(index.vector(7));
        QCOMPARE(int(distances.size()), count);
        for (const auto& hit : index.search(index.vector(7), 0))
            QCOMPARE(distances[size_t(hit.id)], hit.distance);
    }
};

QTEST_MAIN(TestNeighbourGraph)
#include "test_neighbourgraph.moc"
