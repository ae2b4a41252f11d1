#include "NeighbourGraph.h"

#include <algorithm>

namespace vl::engine {

namespace {
// Queries per searchMany call: bounds the memory held by pending results (4096 x 33 hits).
constexpr int kQueryChunk = 4096;
} // namespace

NeighbourGraph NeighbourGraph::build(const VectorIndex& index) {
    NeighbourGraph graph;
    graph.m_count = index.size();
    graph.m_neighbours.resize(size_t(graph.m_count) * size_t(kListSize));
    graph.m_sizes.assign(size_t(graph.m_count), 0);
    const int dimension = index.dimension();
    std::vector<float> queries;
    for (int first = 0; first < graph.m_count; first += kQueryChunk) {
        const int chunk = std::min(kQueryChunk, graph.m_count - first);
        queries.resize(size_t(chunk) * size_t(dimension));
        for (int q = 0; q < chunk; ++q)
            std::copy_n(index.vector(first + q), dimension, queries.begin() + std::ptrdiff_t(q) * dimension);
        const auto results = index.searchMany(queries.data(), chunk, kListSize);
        for (int q = 0; q < chunk; ++q) {
            const std::vector<VectorIndex::Hit>& hits = results[size_t(q)];
            Neighbour* out = graph.m_neighbours.data() + size_t(first + q) * size_t(kListSize);
            for (size_t h = 0; h < hits.size(); ++h)
                out[h] = Neighbour{std::int32_t(hits[h].id), hits[h].distance};
            graph.m_sizes[size_t(first + q)] = std::uint8_t(hits.size());
        }
    }
    return graph;
}

float NeighbourGraph::nearestOtherDistance(int item) const {
    const Neighbour* entries = list(item);
    for (int h = 0; h < std::min(2, listSize(item)); ++h) {
        if (entries[h].id != item)
            return entries[h].distance;
    }
    return 2.0f;
}

bool NeighbourGraph::mayMissBelow(int item, float maxDistance) const {
    const int size = listSize(item);
    return size == kListSize && size < m_count && list(item)[size - 1].distance < maxDistance;
}

} // namespace vl::engine
