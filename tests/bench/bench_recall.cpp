// Near-duplicate recall of the visual descriptor: generated photo-like originals plus seven edited
// copies each, all analysed through ImageAnalyzer; every copy queries the whole collection and we count
// how often its original is among the 5 nearest other images. Also prints the distance distributions
// that Clusterer's level distances are chosen from, and how the clusterer groups the collection.
#include "Clusterer.h"
#include "ImageAnalyzer.h"
#include "SceneGenerator.h"
#include "VectorIndex.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QMap>
#include <QtConcurrent>

#include <algorithm>
#include <cstdio>

using vl::engine::Clusterer;
using vl::engine::ImageAnalyzer;
using vl::engine::VectorIndex;

namespace {

struct Item {
    int group;   // index of the original
    int variant; // -1 for the original, else index into SceneGenerator::allVariants()
    QVector<float> embedding;
};

double percentile(std::vector<float> values, double fraction) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(fraction * double(values.size() - 1))];
}

std::vector<Item> analyseCollection(int originals, bool grey) {
    const QVector<SceneGenerator::Variant> variants = SceneGenerator::allVariants();
    std::vector<Item> items;
    for (int group = 0; group < originals; ++group)
        for (int variant = -1; variant < variants.size(); ++variant)
            items.push_back({group, variant, {}});
    QtConcurrent::blockingMap(items, [&variants, grey](Item& item) {
        QImage original = SceneGenerator::scene(item.group);
        if (grey) // colour carries no information then: a harder test of layout and gradients
            original =
                original.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGB32);
        const QImage image =
            item.variant < 0 ? original : SceneGenerator::variant(original, variants[item.variant]);
        item.embedding = ImageAnalyzer::analyzeData(SceneGenerator::encode(image, "JPEG", 90)).embedding;
    });
    return items;
}

double printRecall(const std::vector<Item>& items, const VectorIndex& index) {
    const QVector<SceneGenerator::Variant> variants = SceneGenerator::allVariants();
    QMap<int, int> found, total;
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].variant < 0)
            continue;
        bool hit = false;
        int rank = 0;
        for (const VectorIndex::Hit& result : index.search(items[i].embedding, 6)) {
            if (result.id == qint64(i))
                continue; // the query itself
            if (++rank > 5)
                break;
            const Item& other = items[size_t(result.id)];
            hit = hit || (other.group == items[i].group && other.variant < 0);
        }
        found[items[i].variant] += hit ? 1 : 0;
        total[items[i].variant] += 1;
    }
    int allFound = 0, allTotal = 0;
    for (int v = 0; v < variants.size(); ++v) {
        std::printf("recall@5 %s: %.3f (n=%d)\n", qPrintable(SceneGenerator::variantName(variants[v])),
                    double(found[v]) / total[v], total[v]);
        allFound += found[v];
        allTotal += total[v];
    }
    std::printf("recall@5: %.3f (n=%d)\n", double(allFound) / allTotal, allTotal);
    return double(allFound) / allTotal;
}

void printDistances(const std::vector<Item>& items) {
    const int dimension = ImageAnalyzer::embeddingDimension();
    const QVector<SceneGenerator::Variant> variants = SceneGenerator::allVariants();
    std::vector<std::vector<float>> toOriginal(size_t(variants.size()));
    std::vector<float> unrelated;
    float closest = 2.0f;
    size_t closestA = 0, closestB = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        for (size_t j = i + 1; j < items.size(); ++j) {
            const float distance = ImageAnalyzer::cosineDistance(items[i].embedding.data(),
                                                                 items[j].embedding.data(), dimension);
            if (items[i].group != items[j].group) {
                unrelated.push_back(distance);
                if (distance < closest) {
                    closest = distance;
                    closestA = i;
                    closestB = j;
                }
            } else if (items[i].variant < 0)
                toOriginal[size_t(items[j].variant)].push_back(distance);
        }
    }
    for (int v = 0; v < variants.size(); ++v)
        std::printf("distance to original %s: median %.3f p95 %.3f max %.3f\n",
                    qPrintable(SceneGenerator::variantName(variants[v])),
                    percentile(toOriginal[size_t(v)], 0.5), percentile(toOriginal[size_t(v)], 0.95),
                    percentile(toOriginal[size_t(v)], 1.0));
    std::printf("distance between unrelated images: min %.3f p0.1 %.3f p1 %.3f p10 %.3f median %.3f\n",
                percentile(unrelated, 0), percentile(unrelated, 0.001), percentile(unrelated, 0.01),
                percentile(unrelated, 0.1), percentile(unrelated, 0.5));
    const auto describe = [&](size_t i) {
        const Item& item = items[i];
        return QStringLiteral("scene %1 %2")
            .arg(item.group)
            .arg(item.variant < 0 ? QStringLiteral("original")
                                  : SceneGenerator::variantName(variants[item.variant]));
    };
    std::printf("closest unrelated pair: %s / %s\n", qPrintable(describe(closestA)),
                qPrintable(describe(closestB)));
}

// Level 0 should reproduce the generated groups: count groups kept whole and clusters mixing groups.
void printClusters(const std::vector<Item>& items) {
    const int dimension = ImageAnalyzer::embeddingDimension();
    std::vector<float> packed;
    for (const Item& item : items)
        packed.insert(packed.end(), item.embedding.begin(), item.embedding.end());
    const auto levels = Clusterer::clusterAllLevels(packed.data(), int(items.size()), dimension);
    for (int level = 0; level < Clusterer::kLevels; ++level) {
        const std::vector<int>& labels = levels[size_t(level)];
        QMap<int, QSet<int>> groupsOfCluster, clustersOfGroup;
        for (size_t i = 0; i < items.size(); ++i) {
            groupsOfCluster[labels[i]].insert(items[i].group);
            clustersOfGroup[items[i].group].insert(labels[i]);
        }
        int whole = 0, mixed = 0;
        for (const QSet<int>& clusters : clustersOfGroup)
            whole += clusters.size() == 1 ? 1 : 0;
        for (const QSet<int>& groups : groupsOfCluster)
            mixed += groups.size() > 1 ? 1 : 0;
        std::printf(
            "level %d (distance %.2f): %d clusters, groups kept whole %d/%d, clusters mixing groups %d\n",
            level, double(Clusterer::distanceForLevel(level)), int(groupsOfCluster.size()), whole,
            int(clustersOfGroup.size()), mixed);
    }
}

} // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv); // fonts for the generated text need a GUI application
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"originals", "number of generated originals", "n", "80"});
    parser.addOption({"min-recall", "exit with status 1 below this overall recall", "r", "0"});
    parser.addOption({"grey", "convert the generated scenes to grey levels first"});
    parser.process(app);
    const int originals = std::max(2, parser.value("originals").toInt());

    const bool grey = parser.isSet("grey");
    std::printf("originals: %d (%s), variants per original: %d\n", originals, grey ? "grey levels" : "colour",
                int(SceneGenerator::allVariants().size()));
    const std::vector<Item> items = analyseCollection(originals, grey);
    VectorIndex index(ImageAnalyzer::embeddingDimension());
    for (size_t i = 0; i < items.size(); ++i)
        index.add(qint64(i), items[i].embedding);
    const double recall = printRecall(items, index);
    printDistances(items);
    printClusters(items);
    return recall >= parser.value("min-recall").toDouble() ? 0 : 1;
}
