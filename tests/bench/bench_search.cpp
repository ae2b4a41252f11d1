// Exact top-k search speed: VectorIndex::search against a plain scan that computes every distance and
// sorts them all, measured in the same run on the same synthetic unit vectors. Exits 1 when the two
// disagree (the index must stay exact).
#include "ImageAnalyzer.h"
#include "VectorIndex.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

using vl::engine::ImageAnalyzer;
using vl::engine::VectorIndex;

namespace {

std::vector<float> randomUnitVectors(int count, int dimension, quint32 seed) {
    QRandomGenerator random(seed);
    std::vector<float> packed(size_t(count) * size_t(dimension));
    for (int i = 0; i < count; ++i) {
        float* vector = packed.data() + size_t(i) * size_t(dimension);
        double squared = 0;
        for (int d = 0; d < dimension; ++d) {
            vector[d] =
                float(random.generateDouble() - 0.3); // skewed like real descriptors (mostly positive)
            squared += double(vector[d]) * vector[d];
        }
        for (int d = 0; d < dimension; ++d)
            vector[d] = float(vector[d] / std::sqrt(squared));
    }
    return packed;
}

// The baseline: every distance into a vector, sort everything, keep k.
std::vector<std::pair<float, qint64>> bruteForce(const std::vector<float>& data, int dimension,
                                                 const float* query, int k) {
    const size_t count = data.size() / size_t(dimension);
    std::vector<std::pair<float, qint64>> all(count);
    for (size_t i = 0; i < count; ++i) {
        const float* row = data.data() + i * size_t(dimension);
        float dot = 0;
        for (int d = 0; d < dimension; ++d)
            dot += query[d] * row[d];
        all[i] = {1.0f - dot, qint64(i)};
    }
    std::sort(all.begin(), all.end());
    all.resize(std::min(all.size(), size_t(k)));
    return all;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"vectors", "indexed vectors", "n", "100000"});
    parser.addOption({"queries", "number of queries", "n", "100"});
    parser.addOption({"k", "results per query", "n", "100"});
    parser.addOption({"dimension", "vector dimension (default: the image descriptor's)", "n",
                      QString::number(ImageAnalyzer::embeddingDimension())});
    parser.process(app);
    const int count = parser.value("vectors").toInt();
    const int queries = parser.value("queries").toInt();
    const int k = parser.value("k").toInt();
    const int dimension = parser.value("dimension").toInt();

    const std::vector<float> data = randomUnitVectors(count, dimension, 1);
    const std::vector<float> queryData = randomUnitVectors(queries, dimension, 2);
    VectorIndex index(dimension);
    QVector<float> row(dimension);
    for (int i = 0; i < count; ++i) {
        std::copy_n(data.data() + size_t(i) * size_t(dimension), dimension, row.begin());
        index.add(i, row);
    }

    QElapsedTimer timer;
    std::vector<std::vector<VectorIndex::Hit>> indexResults;
    timer.start();
    for (int q = 0; q < queries; ++q)
        indexResults.push_back(index.search(queryData.data() + size_t(q) * size_t(dimension), k));
    const double indexMs = double(timer.nsecsElapsed()) / 1e6 / queries;

    std::vector<std::vector<std::pair<float, qint64>>> bruteResults;
    timer.restart();
    for (int q = 0; q < queries; ++q)
        bruteResults.push_back(
            bruteForce(data, dimension, queryData.data() + size_t(q) * size_t(dimension), k));
    const double bruteMs = double(timer.nsecsElapsed()) / 1e6 / queries;

    int mismatches = 0;
    for (int q = 0; q < queries; ++q) {
        if (indexResults[size_t(q)].size() != bruteResults[size_t(q)].size()) {
            ++mismatches;
            continue;
        }
        for (size_t i = 0; i < indexResults[size_t(q)].size(); ++i) {
            const VectorIndex::Hit& hit = indexResults[size_t(q)][i];
            const auto& expected = bruteResults[size_t(q)][i];
            // Summation order differs, so near-ties may swap places; distances must still agree.
            if (hit.id != expected.second && std::abs(hit.distance - expected.first) > 1e-5f)
                ++mismatches;
        }
    }
    std::printf("vectors: %d dimension: %d queries: %d k: %d\n", count, dimension, queries, k);
    std::printf("VectorIndex::search: %.3f ms/query\n", indexMs);
    std::printf("brute force (all distances + std::sort): %.3f ms/query\n", bruteMs);
    std::printf("ratio: %.2f (brute force / index)\n", bruteMs / indexMs);
    std::printf("exact: %s (%d mismatching ranks)\n", mismatches == 0 ? "yes" : "NO", mismatches);
    return mismatches == 0 ? 0 : 1;
}
