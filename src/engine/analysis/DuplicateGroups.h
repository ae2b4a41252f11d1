#pragma once

#include <vector>

namespace vl::engine {

class NeighbourGraph;
class VectorIndex;

// Groups of near-duplicates: the connected components of "cosine distance below maxDistance" over the
// vectors of an index whose ids are 0..n-1 (a dataset snapshot's). What explore's duplicates filter shows.
class DuplicateGroups {
public:
    // From the index's k-NN graph: each item's list gives its close pairs, and only items whose whole list
    // is closer than the limit (it may miss some) are scanned, in batches. Equal to byScan().
    static std::vector<int> find(const VectorIndex& index, const NeighbourGraph& graph, float maxDistance);
    // One full index scan per item: the reference, and what explore did per request before the graph.
    static std::vector<int> byScan(const VectorIndex& index, float maxDistance);
    // Result: for each item the smallest item of its group (itself when alone).
};

} // namespace vl::engine
