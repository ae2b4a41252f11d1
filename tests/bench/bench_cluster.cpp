// Clustering time for a large collection: Clusterer::clusterAllLevels on synthetic descriptor-like
// vectors (groups of near-duplicates around shared directions), against the exact VectorIndex scan of
// every vector (the k-NN pass level 0 is built on) measured in the same run.
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

    QRandomGenerator random(5);
    std::vector<float> data(size_t(count) * size_t(dimension));
    std::vector<float> centre(static_cast<size_t>(dimension));
    for (int i = 0; i < count; ++i) {
        if (random.bounded(4) == 0 || i == 0) // a new scene; otherwise an edited copy of the last one
            for (float& value : centre)
                value = float(random.generateDouble());
        float* vector = data.data() + size_t(i) * size_t(dimension);
        double squared = 0;
        for (int d = 0; d < dimension; ++d) {
            vector[d] = centre[size_t(d)] + float(0.15 * random.generateDouble());
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
    const auto levels = Clusterer::clusterAllLevels(data.data(), count, dimension);
    const double clusterSeconds = double(timer.nsecsElapsed()) / 1e9;

    std::printf("vectors: %d dimension: %d\n", count, dimension);
    for (int level = 0; level < Clusterer::kLevels; ++level) {
        const auto& labels = levels[size_t(level)];
        std::printf("level %d: %d clusters\n", level, int(QSet<int>(labels.begin(), labels.end()).size()));
    }
    std::printf("all-pairs scan (one VectorIndex search per vector): %.2f s\n", scanSeconds);
    std::printf("clusterAllLevels: %.2f s\n", clusterSeconds);
    std::printf("ratio: %.2f (clustering / scan)\n", clusterSeconds / scanSeconds);
    return 0;
}
