#pragma once

#include "VectorIndex.h"

#include <cstdint>
#include <vector>

namespace vl::engine {

// The exact k-nearest-neighbour lists of every vector of a VectorIndex whose ids are 0..n-1 (as a dataset
// snapshot numbers its items), built once with VectorIndex::searchMany and then read by everything that
// needs "the items near each item": clustering, duplicate groups, uniqueness, label disagreement. Each list
// is sorted by distance (ties by id), uncapped in distance, and usually holds the item itself (distance ~0);
// it is VectorIndex::search(vector(i), kListSize) exactly.
class NeighbourGraph {
public:
    // 32 neighbours plus the item itself: the clusterer's level-0 width, one more so that a list that does
    // not hold the item still has 32 others.
    static constexpr int kListSize = 33;

    struct Neighbour {
        std::int32_t id;
        float distance; // cosine distance
    };

    NeighbourGraph() = default;
    // `index` must hold ids 0..index.size()-1 in that storage order.
    static NeighbourGraph build(const VectorIndex& index);

    int count() const { return m_count; }
    int listSize(int item) const { return int(m_sizes[size_t(item)]); }
    const Neighbour* list(int item) const { return m_neighbours.data() + size_t(item) * size_t(kListSize); }
    // Distance to the nearest other item (2 when there is none): the first entry of the list's first two
    // that is not the item, exactly what search(vector(item), 2) gives.
    float nearestOtherDistance(int item) const;
    // True when the list may miss items closer than `maxDistance` (it is full and its last entry is still
    // closer): callers needing every such item scan the index for this one.
    bool mayMissBelow(int item, float maxDistance) const;

private:
    int m_count = 0;
    std::vector<Neighbour> m_neighbours; // count * kListSize, list i at i * kListSize
    std::vector<std::uint8_t> m_sizes;
};

} // namespace vl::engine
