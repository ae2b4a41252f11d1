// Clustering time for a large collection: Clusterer::clusterAllLevels on synthetic descriptor-like
// vectors (groups of near-duplicates around shared directions), against the exact VectorIndex scan of
// every vector (the k-NN pass level 0 is built on) measured in the same run, one search() per vector
// and batched with searchMany().
#include "Clusterer.h"
#include "ImageAnalyzer.h"
#include "VectorIndex.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>

#include <cmath>
#include <cstdio>

using vl::engine::Clusterer;
using vl::engine::ImageAnalyzer;
using vl::engine::VectorIndex;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"vectors", "number of vectors", "n", "10000"});
    parser.process(app);
    const int count = parser.value("vectors").toInt();
    const int dimension = ImageAnalyzer::embeddingDimension();

    // Descriptor-like data in three tiers: families of related scenes, scenes within a family, and
    // edited copies of a scene (about one in four vectors starts a new scene, one in five scenes a new
    // family).
    QRandomGenerator random(5);
    const auto centred = [&random](float amplitude) {
        return float((random.generateDouble() - 0.3) * amplitude);
    };
    std::vector<float> data(size_t(count) * size_t(dimension));
    std::vector<float> family(static_cast<size_t>(dimension)), scene(static_cast<size_t>(dimension));
    for (int i = 0; i < count; ++i) {
        if (i == 0 || random.bounded(20) == 0)
            for (float& value : family)
                value = centred(1.0f);
        if (i == 0 || random.bounded(4) == 0)
            for (size_t d = 0; d < scene.size(); ++d)
                scene[d] = family[d] + centred(0.8f);
        float* vector = data.data() + size_t(i) * size_t(dimension);
        double squared = 0;
        for (int d = 0; d < dimension; ++d) {
            vector[d] = scene[size_t(d)] + centred(0.3f);
            squared += double(vector[d]) * vector[d];
        }
        for (int d = 0; d < dimension; ++d)
            vector[d] = float(vector[d] / std::sqrt(squared));
    }

    QElapsedTimer timer;
    timer.start();
    VectorIndex index(dimension);
    QVector<float> row(dimension);
    for (int i = 0; i < count; ++i) {
        std::copy_n(data.data() + size_t(i) * size_t(dimension), dimension, row.begin());
        index.add(i, row);
    }
    for (int i = 0; i < count; ++i)
        index.search(index.vector(i), 32, Clusterer::distanceForLevel(0));
    const double scanSeconds = double(timer.nsecsElapsed()) / 1e9;

    timer.restart();
    const auto batched = index.searchMany(data.data(), count, 32, Clusterer::distanceForLevel(0));
    const double batchedSeconds = double(timer.nsecsElapsed()) / 1e9;

    timer.restart();
    const auto levels = Clusterer::clusterAllLevels(data.data(), count, dimension);
    const double clusterSeconds = double(timer.nsecsElapsed()) / 1e9;

    std::printf("vectors: %d dimension: %d\n", count, dimension);
    for (int level = 0; level < Clusterer::kLevels; ++level) {
        const auto& labels = levels[size_t(level)];
        std::printf("level %d: %d clusters\n", level, int(QSet<int>(labels.begin(), labels.end()).size()));
    }
    std::printf("all-pairs scan (one VectorIndex search per vector): %.2f s\n", scanSeconds);
    std::printf("all-pairs scan (VectorIndex::searchMany, tiled, all cores): %.2f s (%d result lists)\n",
                batchedSeconds, int(batched.size()));
    std::printf("clusterAllLevels: %.2f s\n", clusterSeconds);
    std::printf("ratio: %.2f (clustering / scan)\n", clusterSeconds / scanSeconds);
    return 0;
}
