#include "VectorIndex.h"

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

// Ordering of hits: by distance, ties by id, so results are deterministic and comparable.
inline bool closer(const VectorIndex::Hit& a, const VectorIndex::Hit& b) {
    return a.distance < b.distance || (a.distance == b.distance && a.id < b.id);
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
        for (int index = blockStart; index < blockEnd; ++index) {
            const Hit hit{m_ids[size_t(index)], distances[index - blockStart]};
            if (!(hit.distance < maxDistance))
                continue;
            if (k > 0 && int(heap.size()) == k) {
                if (!closer(hit, heap.front()))
                    continue;
                std::pop_heap(heap.begin(), heap.end(), closer);
                heap.back() = hit;
            } else {
                heap.push_back(hit);
            }
            std::push_heap(heap.begin(), heap.end(), closer); // max-heap: the worst kept hit on top
        }
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

std::vector<VectorIndex::Hit> VectorIndex::search(const QVector<float>& query, int k,
                                                  float maxDistance) const {
    if (query.size() < m_dimension)
        return {};
    return search(query.constData(), k, maxDistance);
}

} // namespace vl::engine
