// Visual-search quality of the engine's search vectors: the classical descriptor alone, the learned
// embedding alone (centred) and their blend (EmbeddingBlend), on
//  - near-duplicates: generated scenes and seven edited copies each, in colour and converted to grey; each
//    copy queries the collection, a hit is its original among the 5 nearest;
//  - region crops: freely licensed photos from Debian packages (darknet's samples, python3-skimage's data)
//    among generated distractors; crops of 35-60 % of a photo's side query the collection, a hit is the
//    photo among the 5 nearest.
// Exits 1 when the blend at EmbeddingBlend::kLearnedShare misses a target (defaults = the goals).
#include "EmbeddingBlend.h"
#include "ImageAnalyzer.h"
#include "ImageDecoder.h"
#include "PerceptionPipeline.h"
#include "SceneGenerator.h"
#include "VectorIndex.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QtConcurrent>

#include <cstdio>

using namespace vl::engine;

namespace {

struct Item {
    int group = 0; // the original (collection) item a query should find
    bool query = false;
    QString kind; // variant or crop name, for the per-kind table
    QVector<float> classical;
    QVector<float> learned;
};

void analyse(Item& item, const QImage& image) {
    item.classical = ImageAnalyzer::analyzeData(SceneGenerator::encode(image, "JPEG", 92)).embedding;
    item.learned = PerceptionPipeline::shared().embed(image);
}

QImage greyed(const QImage& image) {
    return image.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGB32);
}

std::vector<Item> nearDuplicates(int originals, bool grey) {
    const auto variants = SceneGenerator::allVariants();
    std::vector<Item> items;
    for (int g = 0; g < originals; ++g) {
        items.push_back({g, false, "original", {}, {}});
        for (auto v : variants)
            items.push_back({g, true, SceneGenerator::variantName(v), {}, {}});
    }
    QtConcurrent::blockingMap(items, [&](Item& item) {
        QImage original = SceneGenerator::scene(item.group);
        if (grey)
            original = greyed(original);
        QImage image = original;
        for (auto v : variants) {
            if (item.query && SceneGenerator::variantName(v) == item.kind)
                image = SceneGenerator::variant(original, v);
        }
        analyse(item, image);
    });
    return items;
}

QStringList photoFiles() {
    QStringList files;
    for (const QString& dir : {QStringLiteral("/usr/share/darknet/data"),
                               QStringLiteral("/usr/lib/python3/dist-packages/skimage/data")}) {
        for (const QFileInfo& f : QDir(dir).entryInfoList({"*.jpg", "*.png"}, QDir::Files, QDir::Name))
            files.append(f.absoluteFilePath());
    }
    return files;
}

struct CropSpec {
    const char* name;
    QRectF box; // fractions
};

const CropSpec kCrops[] = {{"centre 60%", {0.2, 0.2, 0.6, 0.6}},
                           {"top-left 50%", {0.05, 0.05, 0.5, 0.5}},
                           {"bottom-right 50%", {0.45, 0.45, 0.5, 0.5}},
                           {"centre 40%", {0.3, 0.3, 0.4, 0.4}}};

std::vector<Item> regionCrops(int distractors) {
    std::vector<QImage> photos;
    for (const QString& file : photoFiles()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QImage image = ImageDecoder::decode(f.readAll(), ImageAnalyzer::kDefaultMaxPixels, 1024).image;
        if (image.width() >= 200 && image.height() >= 200) // masks, tiny samples and strips are no photos
            photos.push_back(image.convertToFormat(QImage::Format_RGB32));
    }
    std::vector<Item> items;
    for (int p = 0; p < int(photos.size()); ++p) {
        items.push_back({p, false, "photo", {}, {}});
        for (const CropSpec& crop : kCrops)
            items.push_back({p, true, crop.name, {}, {}});
    }
    for (int d = 0; d < distractors; ++d)
        items.push_back({int(photos.size()) + d, false, "distractor", {}, {}});
    QtConcurrent::blockingMap(items, [&](Item& item) {
        if (item.kind == QLatin1String("distractor")) {
            analyse(item, SceneGenerator::scene(1000 + item.group));
            return;
        }
        const QImage& photo = photos[size_t(item.group)];
        QImage image = photo;
        for (const CropSpec& crop : kCrops) {
            if (item.kind == QLatin1String(crop.name)) {
                const QRectF& b = crop.box;
                image = photo.copy(QRect(int(b.x() * photo.width()), int(b.y() * photo.height()),
                                         int(b.width() * photo.width()), int(b.height() * photo.height())));
            }
        }
        analyse(item, image);
    });
    std::printf("region set: %d photos, %d crops each, %d generated distractors\n", int(photos.size()),
                int(std::size(kCrops)), distractors);
    return items;
}

// Recall@5 of the queries over the collection items, with vectors made by `vectorOf`.
double recallAt5(const std::vector<Item>& items, const std::function<QVector<float>(const Item&)>& vectorOf,
                 bool print) {
    int dimension = 0;
    VectorIndex* index = nullptr;
    std::unique_ptr<VectorIndex> owned;
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].query)
            continue;
        const QVector<float> v = vectorOf(items[i]);
        if (!index) {
            dimension = v.size();
            owned = std::make_unique<VectorIndex>(dimension);
            index = owned.get();
        }
        index->add(qint64(i), v);
    }
    QMap<QString, QPair<int, int>> byKind;
    int hits = 0, total = 0;
    for (const Item& q : items) {
        if (!q.query)
            continue;
        bool hit = false;
        for (const VectorIndex::Hit& h : index->search(vectorOf(q), 5))
            hit = hit || items[size_t(h.id)].group == q.group;
        byKind[q.kind].first += hit ? 1 : 0;
        byKind[q.kind].second += 1;
        hits += hit ? 1 : 0;
        ++total;
    }
    if (print) {
        for (auto it = byKind.cbegin(); it != byKind.cend(); ++it)
            std::printf("    %-18s %.3f (n=%d)\n", qPrintable(it.key()), double(it->first) / it->second,
                        it->second);
    }
    return total ? double(hits) / total : 0;
}

double report(const char* title, const std::vector<Item>& items) {
    std::vector<const QVector<float>*> learned;
    for (const Item& item : items) {
        if (!item.query)
            learned.push_back(&item.learned);
    }
    const QVector<float> mean = EmbeddingBlend::mean(learned);
    const auto classical = [](const Item& i) { return i.classical; };
    const EmbeddingBlend centredOnly(mean, 1.0f);
    const auto learnedOnly = [&](const Item& i) { return centredOnly.blend(i.classical, i.learned); };
    std::printf("%s\n  classical descriptor: %.3f\n", title, recallAt5(items, classical, false));
    std::printf("  learned (centred):    %.3f\n", recallAt5(items, learnedOnly, false));
    double chosen = 0;
    for (float share : {0.3f, 0.45f, EmbeddingBlend::kLearnedShare, 0.75f}) {
        const EmbeddingBlend blend(mean, share);
        const bool isDefault = share == EmbeddingBlend::kLearnedShare;
        const double r = recallAt5(
            items, [&](const Item& i) { return blend.blend(i.classical, i.learned); }, isDefault);
        std::printf("  blend, learned share %.2f: %.3f%s\n", double(share), r,
                    isDefault ? "  <- engine" : "");
        if (isDefault)
            chosen = r;
    }
    return chosen;
}

} // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"originals", "generated originals for the near-duplicate sets", "n", "80"});
    parser.addOption({"distractors", "generated distractors in the region set", "n", "150"});
    parser.addOption({"min-duplicates", "near-duplicate recall@5 target (colour and grey)", "r", "0.98"});
    parser.addOption({"min-region", "region-crop recall@5 target", "r", "0.95"});
    parser.process(app);
    if (!PerceptionPipeline::shared().hasObjects()) {
        std::printf("learned models missing: %s\n",
                    qPrintable(PerceptionPipeline::shared().unavailableReason()));
        return 1;
    }
    const int originals = parser.value("originals").toInt();
    const double colour = report("near-duplicates, colour", nearDuplicates(originals, false));
    const double grey = report("near-duplicates, grey", nearDuplicates(originals, true));
    const double region = report("region crops", regionCrops(parser.value("distractors").toInt()));
    const double minDup = parser.value("min-duplicates").toDouble();
    const double minRegion = parser.value("min-region").toDouble();
    std::printf("targets: duplicates >= %.2f (colour %.3f, grey %.3f), region >= %.2f (%.3f)\n", minDup,
                colour, grey, minRegion, region);
    return colour >= minDup && grey >= minDup && region >= minRegion ? 0 : 1;
}
