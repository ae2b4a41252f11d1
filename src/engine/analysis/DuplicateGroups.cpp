#include "DuplicateGroups.h"

#include "DisjointSets.h"
#include "NeighbourGraph.h"
#include "VectorIndex.h"

#include <algorithm>

namespace vl::engine {

namespace {

// Joins every item closer than maxDistance to one of `items`, found by scanning the index. Batched so
// that searchMany shares each pass over the rows; the batch size bounds the hits held at once, which at a
// loose limit can be most of the dataset per query.
void joinByScan(const VectorIndex& index, const std::vector<int>& items, float maxDistance,
                DisjointSets& sets) {
    constexpr int kBatch = 64;
    const int dimension = index.dimension();
    std::vector<float> queries;
    for (size_t first = 0; first < items.size(); first += kBatch) {
        const int count = int(std::min<size_t>(kBatch, items.size() - first));
        queries.resize(size_t(count) * size_t(dimension));
        for (int q = 0; q < count; ++q)
            std::copy_n(index.vector(items[first + size_t(q)]), dimension,
                        queries.begin() + std::ptrdiff_t(q) * dimension);
        const auto hits = index.searchMany(queries.data(), count, 0, maxDistance);
        for (int q = 0; q < count; ++q)
            for (const VectorIndex::Hit& hit : hits[size_t(q)])
                sets.join(items[first + size_t(q)], int(hit.id));
    }
}

std::vector<int> roots(DisjointSets& sets, int count) {
    std::vector<int> out(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        out[size_t(i)] = sets.find(i);
    return out;
}

} // namespace

std::vector<int> DuplicateGroups::find(const VectorIndex& index, const NeighbourGraph& graph,
                                       float maxDistance) {
    const int n = graph.count();
    DisjointSets sets(n);
    std::vector<int> crowded; // items with more close neighbours than their list holds
    for (int i = 0; i < n; ++i) {
        if (graph.mayMissBelow(i, maxDistance)) {
            crowded.push_back(i);
            continue;
        }
        const NeighbourGraph::Neighbour* list = graph.list(i);
        for (int h = 0; h < graph.listSize(i) && list[h].distance < maxDistance; ++h)
            sets.join(i, list[h].id);
    }
    joinByScan(index, crowded, maxDistance, sets);
    return roots(sets, n);
}

std::vector<int> DuplicateGroups::byScan(const VectorIndex& index, float maxDistance) {
    const int n = index.size();
    DisjointSets sets(n);
    for (int i = 0; i < n; ++i)
        for (const VectorIndex::Hit& hit : index.search(index.vector(i), 0, maxDistance))
            sets.join(i, int(hit.id));
    return roots(sets, n);
}

} // namespace vl::engine
