// The engine's embeddings map projection (search/EmbeddingsMap) on synthetic descriptors: N vectors of
// 286 floats (the classical descriptor's size) in 40 clusters of different spreads, unit length.
// Timed: EmbeddingsMap::project for N vectors; baseline in the same run: one plain pass computing every
// vector's norm (reading the data once), so the ratio says how many data passes the projection costs.
// Quality: for 200 sampled items, the share of their 10 nearest neighbours (cosine, full space) that are
// among their 10 nearest on the map; baseline: the same for a random 2-D projection.
// Exits 1 when the projection of N takes longer than --max-seconds (default 3) or keeps fewer neighbours
// than 1.5x the random projection.
#include "EmbeddingsMap.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>
#include <vector>

using vl::engine::EmbeddingsMap;

namespace {

constexpr int kDimension = 286;
constexpr int kClusters = 40;
constexpr int kNeighbours = 10;

std::vector<float> clusteredVectors(int count, QRandomGenerator& rng) {
    std::vector<float> centres(static_cast<size_t>(kClusters) * kDimension);
    for (float& c : centres)
        c = float(rng.generateDouble());
    std::vector<float> vectors(static_cast<size_t>(count) * kDimension);
    for (int i = 0; i < count; ++i) {
        const int cluster = int(rng.bounded(kClusters));
        const double spread = 0.05 + 0.1 * (cluster % 4);
        float* row = vectors.data() + size_t(i) * kDimension;
        double norm = 0;
        for (int j = 0; j < kDimension; ++j) {
            row[j] = centres[size_t(cluster) * kDimension + j] + float(spread * (rng.generateDouble() - 0.5));
            norm += double(row[j]) * row[j];
        }
        for (int j = 0; j < kDimension; ++j)
            row[j] = float(row[j] / std::sqrt(norm));
    }
    return vectors;
}

std::vector<int> nearest(int count, int query, const std::function<double(int, int)>& distance) {
    std::vector<double> distances(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        distances[size_t(i)] = i == query ? 1e300 : distance(query, i);
    std::vector<int> order(static_cast<size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + kNeighbours, order.end(),
                      [&](int a, int b) { return distances[size_t(a)] < distances[size_t(b)]; });
    order.resize(kNeighbours);
    return order;
}

// Share of the full-space neighbours kept among the 2-D neighbours, over `queries` sampled items.
double neighboursKept(const std::vector<float>& vectors, int count, const std::vector<double>& xs,
                      const std::vector<double>& ys, int queries) {
    auto full = [&](int a, int b) {
        double dot = 0;
        for (int j = 0; j < kDimension; ++j)
            dot += double(vectors[size_t(a) * kDimension + j]) * vectors[size_t(b) * kDimension + j];
        return 1 - dot;
    };
    auto flat = [&](int a, int b) {
        return std::hypot(xs[size_t(a)] - xs[size_t(b)], ys[size_t(a)] - ys[size_t(b)]);
    };
    int kept = 0;
    for (int q = 0; q < queries; ++q) {
        const int query = int(qint64(q) * count / queries);
        const std::vector<int> a = nearest(count, query, full);
        const std::vector<int> b = nearest(count, query, flat);
        for (int n : a)
            kept += std::count(b.begin(), b.end(), n) > 0 ? 1 : 0;
    }
    return double(kept) / (queries * kNeighbours);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"vectors", "vectors to project", "n", "50000"});
    parser.addOption({"quality-vectors", "vectors for the neighbour measure", "n", "10000"});
    parser.addOption({"max-seconds", "target: projection time for --vectors", "s", "3"});
    parser.process(app);
    const int count = parser.value("vectors").toInt();
    const int qualityCount = parser.value("quality-vectors").toInt();
    QRandomGenerator rng(42);

    const std::vector<float> vectors = clusteredVectors(count, rng);
    QElapsedTimer timer;
    timer.start();
    double sum = 0;
    for (int i = 0; i < count; ++i) {
        double norm = 0;
        for (int j = 0; j < kDimension; ++j)
            norm += double(vectors[size_t(i) * kDimension + j]) * vectors[size_t(i) * kDimension + j];
        sum += std::sqrt(norm);
    }
    const double scanSeconds = timer.nsecsElapsed() / 1e9;
    timer.restart();
    const EmbeddingsMap map = EmbeddingsMap::project(vectors.data(), count, kDimension);
    const double projectSeconds = timer.nsecsElapsed() / 1e9;
    std::printf("projection of %d x %d: %.3f s (explained variance %.3f); one pass over the data: %.3f s "
                "(ratio %.1f; checksum %.0f)\n",
                count, kDimension, projectSeconds, map.explainedVariance(), scanSeconds,
                projectSeconds / std::max(1e-9, scanSeconds), sum);

    const std::vector<float> sample = clusteredVectors(qualityCount, rng);
    const EmbeddingsMap small = EmbeddingsMap::project(sample.data(), qualityCount, kDimension);
    std::vector<double> xs(static_cast<size_t>(qualityCount)), ys(static_cast<size_t>(qualityCount));
    for (int i = 0; i < qualityCount; ++i) {
        xs[size_t(i)] = small.x(i);
        ys[size_t(i)] = small.y(i);
    }
    const double pca = neighboursKept(sample, qualityCount, xs, ys, 200);
    std::vector<double> u(kDimension), v(kDimension);
    for (int j = 0; j < kDimension; ++j) {
        u[size_t(j)] = rng.generateDouble() - 0.5;
        v[size_t(j)] = rng.generateDouble() - 0.5;
    }
    for (int i = 0; i < qualityCount; ++i) {
        xs[size_t(i)] = ys[size_t(i)] = 0;
        for (int j = 0; j < kDimension; ++j) {
            xs[size_t(i)] += sample[size_t(i) * kDimension + j] * u[size_t(j)];
            ys[size_t(i)] += sample[size_t(i) * kDimension + j] * v[size_t(j)];
        }
    }
    const double random = neighboursKept(sample, qualityCount, xs, ys, 200);
    std::printf("10-NN kept on the map (%d vectors, 200 queries): PCA %.3f, random 2-D projection %.3f "
                "(ratio %.2f)\n",
                qualityCount, pca, random, pca / std::max(1e-9, random));

    bool ok = true;
    if (projectSeconds > parser.value("max-seconds").toDouble()) {
        std::printf("FAIL: projection %.2f s > %s s\n", projectSeconds,
                    qPrintable(parser.value("max-seconds")));
        ok = false;
    }
    if (pca < 1.5 * random) {
        std::printf("FAIL: PCA keeps %.3f of the neighbours, < 1.5 x random (%.3f)\n", pca, random);
        ok = false;
    }
    return ok ? 0 : 1;
}
