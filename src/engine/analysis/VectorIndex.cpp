#include "VectorIndex.h"

#include <QtConcurrent>

#include <algorithm>
#include <cstring>

namespace vl::engine {

namespace {

constexpr int kLanes = 8;
constexpr int kBlockRows = 256; // distances are computed a block at a time, then filtered

int paddedStride(int dimension) {
    return (std::max(1, dimension) + kLanes - 1) / kLanes * kLanes;
}

// Eight independent partial sums: without -ffast-math the compiler may not reorder a single float
// accumulator, but it turns these lanes into SIMD multiply-adds.
inline float dot(const float* a, const float* b, int stride) {
    float lanes[kLanes] = {};
    for (int i = 0; i < stride; i += kLanes)
        for (int lane = 0; lane < kLanes; ++lane)
            lanes[lane] += a[i + lane] * b[i + lane];
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

constexpr int kTileQueries = 32; // queries sharing one pass over a cached block of rows
constexpr int kTileRows = 64;    // 64 rows x 288 floats = 72 KB: stays in L2 while the tile uses it

// Ordering of hits: by distance, ties by id, so results are deterministic and comparable.
inline bool closer(const VectorIndex::Hit& a, const VectorIndex::Hit& b) {
    return a.distance < b.distance || (a.distance == b.distance && a.id < b.id);
}

inline void offer(std::vector<VectorIndex::Hit>& heap, const VectorIndex::Hit& hit, int k,
                  float maxDistance) {
    if (!(hit.distance < maxDistance))
        return;
    if (k > 0 && int(heap.size()) == k) {
        if (!closer(hit, heap.front())) // the common case once the heap is full: one comparison
            return;
        std::pop_heap(heap.begin(), heap.end(), closer);
        heap.back() = hit;
    } else {
        heap.push_back(hit);
    }
    std::push_heap(heap.begin(), heap.end(), closer); // max-heap: the worst kept hit on top
}

} // namespace

VectorIndex::VectorIndex(int dimension)
    : m_dimension(dimension)
    , m_stride(paddedStride(dimension)) {}

int VectorIndex::size() const {
    return int(m_ids.size());
}

void VectorIndex::add(qint64 id, const QVector<float>& vector) {
    const auto existing = m_rows.find(id);
    int index;
    if (existing != m_rows.end()) {
        index = existing->second;
    } else {
        index = int(m_ids.size());
        m_ids.push_back(id);
        m_data.resize(m_data.size() + size_t(m_stride), 0.0f);
        m_rows.emplace(id, index);
    }
    float* destination = m_data.data() + size_t(index) * size_t(m_stride);
    std::fill(destination, destination + m_stride, 0.0f);
    std::copy_n(vector.constData(), std::min<int>(m_dimension, int(vector.size())), destination);
}

void VectorIndex::remove(qint64 id) {
    const auto found = m_rows.find(id);
    if (found == m_rows.end())
        return;
    const int index = found->second;
    const int last = int(m_ids.size()) - 1;
    if (index != last) { // move the last row into the hole: O(dimension), keeps storage contiguous
        std::memcpy(m_data.data() + size_t(index) * size_t(m_stride), row(last),
                    sizeof(float) * size_t(m_stride));
        m_ids[size_t(index)] = m_ids[size_t(last)];
        m_rows[m_ids[size_t(index)]] = index;
    }
    m_ids.pop_back();
    m_data.resize(size_t(last) * size_t(m_stride));
    m_rows.erase(id);
}

void VectorIndex::clear() {
    m_data.clear();
    m_ids.clear();
    m_rows.clear();
}

const float* VectorIndex::vector(qint64 id) const {
    const auto found = m_rows.find(id);
    return found == m_rows.end() ? nullptr : row(found->second);
}

void VectorIndex::scan(const float* paddedQuery, int begin, int end, int k, float maxDistance,
                       std::vector<Hit>& heap) const {
    float distances[kBlockRows];
    for (int blockStart = begin; blockStart < end; blockStart += kBlockRows) {
        const int blockEnd = std::min(end, blockStart + kBlockRows);
        for (int index = blockStart; index < blockEnd; ++index)
            distances[index - blockStart] = 1.0f - dot(paddedQuery, row(index), m_stride);
        for (int index = blockStart; index < blockEnd; ++index)
            offer(heap, Hit{m_ids[size_t(index)], distances[index - blockStart]}, k, maxDistance);
    }
}

std::vector<VectorIndex::Hit> VectorIndex::search(const float* query, int k, float maxDistance) const {
    std::vector<Hit> heap;
    if (m_ids.empty() || query == nullptr)
        return heap;
    std::vector<float> paddedQuery(size_t(m_stride), 0.0f);
    std::copy_n(query, m_dimension, paddedQuery.begin());
    heap.reserve(size_t(k > 0 ? std::min<int>(k, size()) : size()));
    scan(paddedQuery.data(), 0, size(), k, maxDistance, heap);
    std::sort_heap(heap.begin(), heap.end(), closer);
    return heap;
}

std::vector<float> VectorIndex::distances(const float* query) const {
    std::vector<float> out(size_t(size()), 2.0f);
    if (query == nullptr)
        return out;
    std::vector<float> paddedQuery(size_t(m_stride), 0.0f);
    std::copy_n(query, m_dimension, paddedQuery.begin());
    for (int index = 0; index < size(); ++index)
        out[size_t(index)] = 1.0f - dot(paddedQuery.data(), row(index), m_stride);
    return out;
}

void VectorIndex::scanTile(const float* paddedQueries, int queryCount, int k, float maxDistance,
                           std::vector<Hit>* heaps) const {
    // The same dot product as search(), so results are bit for bit identical; only the loop order
    // changes: each block of rows is read from memory once and reused from cache by every query.
    const int rows = size();
    for (int blockStart = 0; blockStart < rows; blockStart += kTileRows) {
        const int blockEnd = std::min(rows, blockStart + kTileRows);
        for (int q = 0; q < queryCount; ++q) {
            const float* query = paddedQueries + size_t(q) * size_t(m_stride);
            for (int index = blockStart; index < blockEnd; ++index)
                offer(heaps[q], Hit{m_ids[size_t(index)], 1.0f - dot(query, row(index), m_stride)}, k,
                      maxDistance);
        }
    }
}

std::vector<std::vector<VectorIndex::Hit>> VectorIndex::searchMany(const float* queries, int queryCount,
                                                                   int k, float maxDistance) const {
    std::vector<std::vector<Hit>> results(size_t(std::max(0, queryCount)));
    if (m_ids.empty() || queries == nullptr || queryCount <= 0)
        return results;
    std::vector<int> tiles;
    for (int first = 0; first < queryCount; first += kTileQueries)
        tiles.push_back(first);
    QtConcurrent::blockingMap(tiles, [&](int first) {
        const int count = std::min(kTileQueries, queryCount - first);
        std::vector<float> padded(size_t(count) * size_t(m_stride), 0.0f);
        for (int q = 0; q < count; ++q)
            std::copy_n(queries + size_t(first + q) * size_t(m_dimension), m_dimension,
                        padded.begin() + std::ptrdiff_t(q) * m_stride);
        scanTile(padded.data(), count, k, maxDistance, results.data() + first);
        for (int q = 0; q < count; ++q)
            std::sort_heap(results[size_t(first + q)].begin(), results[size_t(first + q)].end(), closer);
    });
    return results;
}

std::vector<VectorIndex::Hit> VectorIndex::search(const QVector<float>& query, int k,
                                                  float maxDistance) const {
    if (query.size() < m_dimension)
        return {};
    return search(query.constData(), k, maxDistance);
}

} // namespace vl::engine
