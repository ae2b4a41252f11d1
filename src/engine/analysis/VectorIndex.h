#pragma once

#include <QString>
#include <QVector>

#include <unordered_map>
#include <vector>

namespace vl::engine {

// In-memory nearest-neighbour index over L2-normalised descriptors, keyed by an integer row id.
// Exact search: vectors are packed contiguously and scanned with a bounded top-k heap, which keeps
// 100k x 286 dimensions well under 30 ms on one core (tests/bench/bench_search). Not thread-safe for writes;
// guard externally.
class VectorIndex {
public:
    struct Hit {
        qint64 id;
        float distance; // cosine distance, lower = more similar
    };

    explicit VectorIndex(int dimension);
    int dimension() const { return m_dimension; }
    int size() const;

    void add(qint64 id, const QVector<float>& vector); // replaces an existing id
    void remove(qint64 id);
    void clear();
    const float* vector(qint64 id) const; // nullptr when absent

    // The k nearest (k <= 0: all), sorted by distance, optionally only those below maxDistance.
    std::vector<Hit> search(const float* query, int k, float maxDistance = 2.0f) const;
    std::vector<Hit> search(const QVector<float>& query, int k, float maxDistance = 2.0f) const;

    // search() for many queries at once (`queries` holds queryCount * dimension floats), with exactly
    // the same results. Tiles queries against cached blocks of rows and uses all cores, which makes
    // all-pairs work (clustering, nearest-neighbour distances of a whole dataset) several times faster
    // than one search() per query.
    std::vector<std::vector<Hit>> searchMany(const float* queries, int queryCount, int k,
                                             float maxDistance = 2.0f) const;

    // The distance from `query` to every stored vector, in storage order (ids()): what ranks a whole
    // collection against one anchor. The same arithmetic as search().
    std::vector<float> distances(const float* query) const;

    // All ids in storage order (the order is unspecified but stable between writes).
    const std::vector<qint64>& ids() const { return m_ids; }

private:
    const float* row(int index) const { return m_data.data() + size_t(index) * size_t(m_stride); }
    void scan(const float* paddedQuery, int begin, int end, int k, float maxDistance,
              std::vector<Hit>& heap) const;
    void scanTile(const float* paddedQueries, int queryCount, int k, float maxDistance,
                  std::vector<Hit>* heaps) const;

    int m_dimension;
    int m_stride; // dimension rounded up to a multiple of 8 (zero padded) so the dot loop has no tail
    std::vector<float> m_data;
    std::vector<qint64> m_ids;
    std::unordered_map<qint64, int> m_rows; // id -> row index
};

} // namespace vl::engine
