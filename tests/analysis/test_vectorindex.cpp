#include "VectorIndex.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <cmath>

using vl::engine::VectorIndex;

namespace {

QVector<float> randomUnitVector(QRandomGenerator& random, int dimension) {
    QVector<float> vector(dimension);
    double squared = 0;
    for (float& value : vector) {
        value = float(random.generateDouble() * 2.0 - 1.0);
        squared += double(value) * value;
    }
    for (float& value : vector)
        value = float(value / std::sqrt(squared));
    return vector;
}

float cosineDistance(const QVector<float>& a, const QVector<float>& b) {
    double dot = 0;
    for (int i = 0; i < a.size(); ++i)
        dot += double(a[i]) * b[i];
    return float(1.0 - dot);
}

} // namespace

class TestVectorIndex : public QObject {
    Q_OBJECT

private slots:
    void topKEqualsBruteForce_data() {
        QTest::addColumn<int>("dimension");
        QTest::addColumn<int>("k");
        QTest::addColumn<float>("maxDistance");
        QTest::newRow("d245 k10") << 245 << 10 << 2.0f;
        QTest::newRow("d8 k1") << 8 << 1 << 2.0f;
        QTest::newRow("d13 k50") << 13 << 50 << 2.0f;
        QTest::newRow("d64 all") << 64 << 0 << 2.0f;
        QTest::newRow("d64 k100 below 0.9") << 64 << 100 << 0.9f;
        QTest::newRow("d3 k5000 (more than size)") << 3 << 5000 << 2.0f;
    }
    void topKEqualsBruteForce() {
        QFETCH(int, dimension);
        QFETCH(int, k);
        QFETCH(float, maxDistance);
        QRandomGenerator random(42);
        VectorIndex index(dimension);
        QVector<QVector<float>> vectors;
        for (int i = 0; i < 3000; ++i) {
            vectors.append(randomUnitVector(random, dimension));
            index.add(1000 + i * 7, vectors.last());
        }
        QCOMPARE(index.size(), 3000);
        for (int query = 0; query < 20; ++query) {
            const QVector<float> q = randomUnitVector(random, dimension);
            std::vector<VectorIndex::Hit> expected;
            for (int i = 0; i < vectors.size(); ++i) {
                const float distance = cosineDistance(q, vectors[i]);
                if (distance < maxDistance)
                    expected.push_back({1000 + i * 7, distance});
            }
            std::sort(expected.begin(), expected.end(),
                      [](const VectorIndex::Hit& a, const VectorIndex::Hit& b) {
                          return a.distance < b.distance || (a.distance == b.distance && a.id < b.id);
                      });
            if (k > 0 && int(expected.size()) > k)
                expected.resize(size_t(k));
            const std::vector<VectorIndex::Hit> actual = index.search(q, k, maxDistance);
            QCOMPARE(actual.size(), expected.size());
            QSet<qint64> seen;
            for (size_t i = 0; i < actual.size(); ++i) {
                // Float vs double rounding may swap near-ties; then the true distances must agree.
                const float trueDistance = cosineDistance(q, vectors[int(actual[i].id - 1000) / 7]);
                QVERIFY(actual[i].id == expected[i].id ||
                        std::abs(trueDistance - expected[i].distance) < 1e-5f);
                QVERIFY(std::abs(actual[i].distance - expected[i].distance) < 1e-5f);
                QVERIFY(!seen.contains(actual[i].id));
                seen.insert(actual[i].id);
            }
        }
    }

    void searchManyEqualsSearch_data() {
        QTest::addColumn<int>("dimension");
        QTest::addColumn<int>("queries");
        QTest::addColumn<int>("k");
        QTest::addColumn<float>("maxDistance");
        QTest::newRow("d286 37 queries k10") << 286 << 37 << 10 << 2.0f;
        QTest::newRow("d5 3 queries all") << 5 << 3 << 0 << 2.0f;
        QTest::newRow("d64 100 queries below 0.8") << 64 << 100 << 0 << 0.8f;
        QTest::newRow("d64 1 query k1") << 64 << 1 << 1 << 2.0f;
    }
    void searchManyEqualsSearch() {
        QFETCH(int, dimension);
        QFETCH(int, queries);
        QFETCH(int, k);
        QFETCH(float, maxDistance);
        QRandomGenerator random(9);
        VectorIndex index(dimension);
        for (int i = 0; i < 700; ++i)
            index.add(i * 3, randomUnitVector(random, dimension));
        std::vector<float> packed;
        for (int q = 0; q < queries; ++q) {
            const QVector<float> query = randomUnitVector(random, dimension);
            packed.insert(packed.end(), query.begin(), query.end());
        }
        const auto batched = index.searchMany(packed.data(), queries, k, maxDistance);
        QCOMPARE(int(batched.size()), queries);
        for (int q = 0; q < queries; ++q) {
            const auto single = index.search(packed.data() + size_t(q) * size_t(dimension), k, maxDistance);
            QCOMPARE(batched[size_t(q)].size(), single.size());
            for (size_t i = 0; i < single.size(); ++i) {
                QCOMPARE(batched[size_t(q)][i].id, single[i].id);
                QCOMPARE(batched[size_t(q)][i].distance, single[i].distance);
            }
        }
        QVERIFY(index.searchMany(packed.data(), 0, k).empty());
        QCOMPARE(VectorIndex(dimension).searchMany(packed.data(), queries, k).size(), size_t(queries));
    }

    void identicalVectorIsNearestWithZeroDistance() {
        QRandomGenerator random(1);
        VectorIndex index(100);
        QVector<float> target;
        for (int i = 0; i < 500; ++i) {
            const QVector<float> vector = randomUnitVector(random, 100);
            index.add(i, vector);
            if (i == 321)
                target = vector;
        }
        const auto hits = index.search(target, 3);
        QCOMPARE(hits.size(), size_t(3));
        QCOMPARE(hits.front().id, qint64(321));
        QVERIFY(std::abs(hits.front().distance) < 1e-5f);
        QVERIFY(hits[1].distance >= hits[0].distance && hits[2].distance >= hits[1].distance);
    }

    void addReplacesExistingId() {
        QRandomGenerator random(2);
        VectorIndex index(16);
        const QVector<float> first = randomUnitVector(random, 16);
        const QVector<float> second = randomUnitVector(random, 16);
        index.add(5, first);
        index.add(6, first);
        index.add(5, second);
        QCOMPARE(index.size(), 2);
        QVERIFY(std::equal(second.begin(), second.end(), index.vector(5)));
        QVERIFY(std::equal(first.begin(), first.end(), index.vector(6)));
        QCOMPARE(index.search(second, 1).front().id, qint64(5));
    }

    void removeKeepsOtherRowsIntact() {
        QRandomGenerator random(3);
        VectorIndex index(32);
        QVector<QVector<float>> vectors;
        for (int i = 0; i < 50; ++i) {
            vectors.append(randomUnitVector(random, 32));
            index.add(i, vectors.last());
        }
        for (int id : {0, 49, 17, 17, 999, 30}) // first, last, middle, twice, unknown
            index.remove(id);
        QCOMPARE(index.size(), 46);
        for (int id = 0; id < 50; ++id) {
            const bool removed = id == 0 || id == 49 || id == 17 || id == 30;
            QCOMPARE(index.vector(id) == nullptr, removed);
            if (!removed) {
                QVERIFY(std::equal(vectors[id].begin(), vectors[id].end(), index.vector(id)));
                QCOMPARE(index.search(vectors[id], 1).front().id, qint64(id));
            }
        }
        for (const VectorIndex::Hit& hit : index.search(vectors[17], 0))
            QVERIFY(hit.id != 17 && hit.id != 0 && hit.id != 49 && hit.id != 30);
        index.add(17, vectors[17]); // re-adding after removal works
        QCOMPARE(index.search(vectors[17], 1).front().id, qint64(17));
        index.clear();
        QCOMPARE(index.size(), 0);
        QVERIFY(index.search(vectors[3], 10).empty());
    }

    void rejectsShortQueries() {
        VectorIndex index(8);
        index.add(1, QVector<float>(8, 0.35f));
        QVERIFY(index.search(QVector<float>(4, 0.5f), 5).empty());
        QVERIFY(index.search(nullptr, 5).empty());
    }
};

QTEST_GUILESS_MAIN(TestVectorIndex)
#include "test_vectorindex.moc"
