// Explore's duplicates and uniqueness filters per request on a large collection, once the snapshot's k-NN
// graph is built (NeighbourGraph + DuplicateGroups, what ExploreFilters runs), against the per-request scan
// they replace (one full VectorIndex search per item), measured in the same run. Synthetic 286-d
// descriptor-like vectors with planted duplicate groups (pairs to sixes, plus one group of 60 that is larger
// than a k-NN list); the groups must be recovered exactly.
//
// The old scan takes minutes at 100k (n x one full scan), so it is timed on --sample items and
// extrapolated to n (printed as such). Exits non-zero when a filter takes --target seconds or more per
// request, or when the planted groups are not found.
#include "DuplicateGroups.h"
#include "ImageAnalyzer.h"
#include "NeighbourGraph.h"
#include "VectorIndex.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>

using vl::engine::DuplicateGroups;
using vl::engine::ImageAnalyzer;
using vl::engine::NeighbourGraph;
using vl::engine::VectorIndex;

namespace {

// Unrelated vectors sit at cosine distance ~0.65 from each other; a noisy copy at ~0.01-0.03 from its base.
struct Collection {
    std::vector<float> data;
    std::vector<int> planted; // item -> planted group (its base item), -1 for items without copies
};

void normalise(float* vector, int dimension) {
    double squared = 0;
    for (int d = 0; d < dimension; ++d)
        squared += double(vector[d]) * vector[d];
    for (int d = 0; d < dimension; ++d)
        vector[d] = float(vector[d] / std::sqrt(squared));
}

Collection makeCollection(int count, int dimension) {
    QRandomGenerator random(11);
    Collection c;
    c.data.resize(size_t(count) * size_t(dimension));
    c.planted.assign(size_t(count), -1);
    std::vector<float> base(static_cast<size_t>(dimension));
    int i = 0;
    while (i < count) {
        for (float& v : base)
            v = float(random.generateDouble() - 0.3);
        // One group of 60 early on, then about one base in eight gets 1-5 noisy copies.
        const int copies = i == 100 ? 59 : (random.bounded(8) == 0 ? 1 + int(random.bounded(5)) : 0);
        const int groupSize = std::min(count - i, 1 + copies);
        for (int k = 0; k < groupSize; ++k, ++i) {
            float* vector = c.data.data() + size_t(i) * size_t(dimension);
            const float noise = k == 0 ? 0.0f : float(0.05 + 0.1 * random.generateDouble());
            for (int d = 0; d < dimension; ++d)
                vector[d] = base[size_t(d)] + float((random.generateDouble() * 2 - 1) * noise);
            normalise(vector, dimension);
            if (groupSize > 1)
                c.planted[size_t(i)] = i - k;
        }
    }
    return c;
}

// The filter's own work per request after the grouping: sizes, survivors (groups of two or more).
int survivors(const std::vector<int>& groups) {
    std::vector<int> size(groups.size(), 0);
    for (int root : groups)
        ++size[size_t(root)];
    int alive = 0;
    for (int root : groups)
        alive += size[size_t(root)] >= 2 ? 1 : 0;
    return alive;
}

bool matchesPlanted(const std::vector<int>& groups, const std::vector<int>& planted) {
    QHash<int, int> rootOfPlanted; // planted group -> the root found for it
    for (size_t i = 0; i < groups.size(); ++i) {
        if (planted[i] < 0) {
            if (groups[i] != int(i) && planted[size_t(groups[i])] >= 0)
                return false; // an unrelated item joined a group
            continue;
        }
        const auto it = rootOfPlanted.constFind(planted[i]);
        if (it == rootOfPlanted.constEnd())
            rootOfPlanted.insert(planted[i], groups[i]);
        else if (it.value() != groups[i])
            return false; // a planted group split
    }
    QHash<int, int> plantedOfRoot; // and no two planted groups merged
    for (auto it = rootOfPlanted.cbegin(); it != rootOfPlanted.cend(); ++it) {
        if (plantedOfRoot.contains(it.value()))
            return false;
        plantedOfRoot.insert(it.value(), it.key());
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"vectors", "number of vectors", "n", "100000"});
    parser.addOption({"sample", "items the old per-item scan is timed on", "n", "200"});
    parser.addOption({"requests", "requests timed per filter", "n", "5"});
    parser.addOption({"similarity", "duplicates filter value (distance = 1 - value)", "s", "0.9"});
    parser.addOption({"target", "maximum seconds per request", "s", "1.0"});
    parser.process(app);
    const int count = parser.value("vectors").toInt();
    const int sample = std::min(count, parser.value("sample").toInt());
    const int requests = std::max(1, parser.value("requests").toInt());
    const float maxDistance = float(1.0 - parser.value("similarity").toDouble());
    const double target = parser.value("target").toDouble();
    const int dimension = ImageAnalyzer::embeddingDimension();

    const Collection collection = makeCollection(count, dimension);
    VectorIndex index(dimension);
    QVector<float> row(dimension);
    for (int i = 0; i < count; ++i) {
        std::copy_n(collection.data.data() + size_t(i) * size_t(dimension), dimension, row.begin());
        index.add(i, row);
    }

    QElapsedTimer timer;
    timer.start();
    const NeighbourGraph graph = NeighbourGraph::build(index);
    const double graphSeconds = double(timer.nsecsElapsed()) / 1e9;

    double duplicatesWorst = 0;
    int duplicateItems = 0;
    std::vector<int> groups;
    for (int r = 0; r < requests; ++r) {
        timer.restart();
        groups = DuplicateGroups::find(index, graph, maxDistance);
        duplicateItems = survivors(groups);
        duplicatesWorst = std::max(duplicatesWorst, double(timer.nsecsElapsed()) / 1e9);
    }
    double uniquenessWorst = 0;
    int unique = 0;
    for (int r = 0; r < requests; ++r) {
        timer.restart();
        // Per request: the nearest-other distance of every item, scaled by the largest, kept above 0.5.
        std::vector<float> nearest(static_cast<size_t>(count));
        for (int i = 0; i < count; ++i)
            nearest[size_t(i)] = graph.nearestOtherDistance(i);
        const float largest = *std::max_element(nearest.begin(), nearest.end());
        unique =
            int(std::count_if(nearest.begin(), nearest.end(), [&](float d) { return d / largest >= 0.5f; }));
        uniquenessWorst = std::max(uniquenessWorst, double(timer.nsecsElapsed()) / 1e9);
    }

    // The old per-request duplicates filter: one full scan per item (timed on a sample, extrapolated).
    timer.restart();
    size_t hits = 0;
    for (int i = 0; i < sample; ++i)
        hits += index.search(index.vector(i), 0, maxDistance).size();
    const double oldDuplicates = double(timer.nsecsElapsed()) / 1e9 * double(count) / double(sample);
    // The old nearest-neighbour pass behind uniqueness (once per snapshot, then cached): one top-2 scan per
    // item.
    timer.restart();
    for (int i = 0; i < sample; ++i)
        hits += index.search(index.vector(i), 2).size();
    const double oldNearest = double(timer.nsecsElapsed()) / 1e9 * double(count) / double(sample);

    const bool correct = matchesPlanted(groups, collection.planted);
    int plantedItems = 0;
    for (int p : collection.planted)
        plantedItems += p >= 0 ? 1 : 0;

    std::printf("vectors: %d x %d, planted duplicate items: %d, duplicates filter at distance < %.2f\n",
                count, dimension, plantedItems, double(maxDistance));
    std::printf("k-NN graph build (once per snapshot, %d per list, VectorIndex::searchMany): %.2f s\n",
                NeighbourGraph::kListSize, graphSeconds);
    std::printf(
        "duplicates filter per request (graph): worst of %d: %.4f s, %d items in groups, planted groups "
        "%s\n",
        requests, duplicatesWorst, duplicateItems, correct ? "recovered exactly" : "NOT recovered");
    std::printf("duplicates filter per request (old full scan per item): %.1f s (timed on %d items, "
                "extrapolated to %d)\n",
                oldDuplicates, sample, count);
    std::printf("ratio: %.0fx faster per request\n", oldDuplicates / std::max(duplicatesWorst, 1e-9));
    std::printf("uniqueness filter per request (graph): worst of %d: %.4f s (%d items >= 0.5)\n", requests,
                uniquenessWorst, unique);
    std::printf("old nearest-distance pass behind uniqueness (once per snapshot, scan per item): %.1f s "
                "(extrapolated from %d items); now part of the graph build (ratio %.1fx)\n",
                oldNearest, sample, oldNearest / std::max(graphSeconds, 1e-9));
    const bool fast = duplicatesWorst < target && uniquenessWorst < target;
    std::printf("target < %.2f s per request: %s\n", target, fast ? "met" : "MISSED");
    return fast && correct && hits > 0 ? 0 : 1;
}
