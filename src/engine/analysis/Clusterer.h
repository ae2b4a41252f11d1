#pragma once

#include <QVector>

#include <array>
#include <vector>

namespace vl::engine {

class NeighbourGraph;

// Groups descriptors into similarity clusters at one of five granularities (0 finest .. 4 coarsest).
// Level 0 joins near-duplicates only; each coarser level joins at a larger cosine distance.
class Clusterer {
public:
    static float distanceForLevel(int level); // the join distance for a granularity level

    // Returns, for each input vector, the index of its cluster; clusters are numbered 0..n-1 in order
    // of first appearance. `vectors` holds count * dimension floats.
    static std::vector<int> cluster(const float* vectors, int count, int dimension, int level);

    static constexpr int kLevels = 5;
    // All five levels at once (each level refines the next coarser one); cheaper than five cluster() calls.
    static std::array<std::vector<int>, kLevels> clusterAllLevels(const float* vectors, int count,
                                                                  int dimension);
    // The same from a k-NN graph of these vectors already built (a dataset snapshot's), without a new pass.
    static std::array<std::vector<int>, kLevels> clusterAllLevels(const float* vectors, int dimension,
                                                                  const NeighbourGraph& graph);
};

} // namespace vl::engine
