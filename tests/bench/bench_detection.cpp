// OBJECT_DETECTION quality and enrichment throughput with the learned COCO model (not a ctest test: run it by
// hand from a build where packaging/models/prepare-models.sh has written the models).
//
// Quality: precision and recall at IoU >= 0.5 per class (COCO classes and "face") of ObjectDetector on the
// hand-measured photos of data/detection_truth.json (Debian packages), the rate of photos showing none of the
// classes on which anything is reported (Debian photos plus generated textures), and the score-threshold
// sweep that calibrates CocoDetector's thresholds, for each COCO model with and without the mirrored pass.
// Embedding: cosine of the 480-d embedding between a photo and its near-duplicates vs unrelated photos, raw
// and centred on the collection mean. Throughput: ~1 MP JPEGs on 2 threads, decode + faces + objects +
// embedding, against decoding alone in the same run.
//
// Targets (exit code 1 below them): precision >= 0.9 for COCO classes and for faces, false objects on <= 5%
// of photos without the classes, >= 3 images/s.
//
// Usage: bench_detection [--images N] [--quality-only | --throughput-only | --shipped-only]
#include "BlazeFaceDetector.h"
#include "CocoDetector.h"
#include "FaceDetector.h"
#include "InferenceRuntime.h"
#include "LearnedModelFiles.h"
#include "NonMaxSuppression.h"
#include "ObjectDetector.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPainter>
#include <QRandomGenerator>
#include <QThreadPool>
#include <QtConcurrent>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

using namespace vl::engine;

namespace {

constexpr double kMinIou = 0.5;
constexpr double kTargetPrecision = 0.9;
constexpr double kTargetFalseObjectPhotos = 0.05;
constexpr double kTargetImagesPerSecond = 3.0;

struct Truth {
    QStringList labels;
    QRect box;
    bool ignore = false;
};

struct Photo {
    QString name;
    QImage image;
    QVector<Truth> truths;
};

struct Negative {
    QString name;
    QImage image;
    bool generated = false;
};

struct Count {
    int truth = 0, truePositives = 0, falsePositives = 0;
    double precision() const {
        return truePositives + falsePositives ? double(truePositives) / (truePositives + falsePositives)
                                              : 1.0;
    }
    double recall() const { return truth ? double(truePositives) / truth : 1.0; }
    void add(const Count& o) {
        truth += o.truth;
        truePositives += o.truePositives;
        falsePositives += o.falsePositives;
    }
};

using PerClass = QMap<QString, Count>;

QRect boxFrom(const QJsonValue& value) {
    const QJsonArray a = value.toArray();
    return QRect(a.at(0).toInt(), a.at(1).toInt(), a.at(2).toInt(), a.at(3).toInt());
}

bool readTruth(QVector<Photo>* photos, QVector<Negative>* negatives) {
    QFile file(QStringLiteral(VL_BENCH_DATA_DIR "/detection_truth.json"));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue& p : root["photos"].toArray()) {
        Photo photo{p["path"].toString().section('/', -1), QImage(p["path"].toString()), {}};
        if (photo.image.isNull()) {
            std::printf("missing photo %s (install the Debian packages listed in detection_truth.json)\n",
                        qPrintable(p["path"].toString()));
            return false;
        }
        for (const QJsonValue& o : p["objects"].toArray()) {
            Truth truth{{}, boxFrom(o["box"]), o["ignore"].toBool()};
            for (const QJsonValue& l : o["labels"].toArray())
                truth.labels << l.toString();
            photo.truths << truth;
        }
        photos->push_back(photo);
    }
    for (const QJsonValue& n : root["negatives"].toArray()) {
        const QImage image(n.toString());
        if (image.isNull()) {
            std::printf("missing photo %s\n", qPrintable(n.toString()));
            return false;
        }
        negatives->push_back({n.toString().section('/', -1), image, false});
    }
    return true;
}

// Textures, gradients and stripes: pictures of no object, in the kinds a photo folder holds (walls, sky,
// fabric, screenshots of plain colour).
QVector<Negative> generatedNegatives(int count) {
    QVector<Negative> negatives;
    QRandomGenerator random(20261202);
    for (int i = 0; i < count; ++i) {
        QImage image(800, 600, QImage::Format_RGB32);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor base =
            QColor::fromHsv(random.bounded(360), random.bounded(30, 200), random.bounded(60, 230));
        image.fill(base);
        switch (i % 4) {
        case 0: // blotches
            painter.setPen(Qt::NoPen);
            for (int k = 0; k < 500; ++k) {
                painter.setBrush(QColor::fromHsv((base.hue() + random.bounded(40)) % 360, base.saturation(),
                                                 random.bounded(40, 240), 80));
                const int r = random.bounded(3, 25);
                painter.drawEllipse(QPoint(random.bounded(800), random.bounded(600)), r, r);
            }
            break;
        case 1: { // gradient sky
            QLinearGradient gradient(0, 0, 0, 600);
            gradient.setColorAt(0, base.darker(150));
            gradient.setColorAt(1, base.lighter(140));
            painter.fillRect(image.rect(), gradient);
            break;
        }
        case 2: // stripes
            for (int x = 0; x < 800; x += 20 + i)
                painter.fillRect(x, 0, 10 + i % 7, 600, base.darker(130));
            break;
        default: // fine noise
            for (int y = 0; y < 600; ++y) {
                auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
                for (int x = 0; x < 800; ++x) {
                    const int d = random.bounded(-30, 30);
                    line[x] = qRgb(std::clamp(base.red() + d, 0, 255), std::clamp(base.green() + d, 0, 255),
                                   std::clamp(base.blue() + d, 0, 255));
                }
            }
        }
        painter.end();
        negatives.push_back({QStringLiteral("generated-%1").arg(i), image, true});
    }
    return negatives;
}

bool insideIgnored(const Detection& d, const QVector<Truth>& truths) {
    return std::any_of(truths.begin(), truths.end(),
                       [&](const Truth& t) { return t.ignore && t.box.contains(d.box.center()); });
}

// Greedy matching per photo, most confident detection first; a detection centred in an ignored region
// counts neither way.
PerClass score(QVector<Detection> detections, const QVector<Truth>& truths, QStringList* falses = nullptr) {
    PerClass counts;
    for (const Truth& t : truths)
        if (!t.ignore)
            counts[t.labels.first()].truth++;
    std::sort(detections.begin(), detections.end(),
              [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
    QVector<bool> used(truths.size(), false);
    for (const Detection& d : detections) {
        int best = -1;
        double bestIou = kMinIou;
        for (int i = 0; i < truths.size(); ++i) {
            if (truths[i].ignore || used[i] || !truths[i].labels.contains(d.label))
                continue;
            const double iou = NonMaxSuppression::iou(d.box, truths[i].box);
            if (iou >= bestIou) {
                bestIou = iou;
                best = i;
            }
        }
        if (best >= 0) {
            used[best] = true;
            counts[truths[best].labels.first()].truePositives++;
        } else if (!insideIgnored(d, truths)) {
            counts[d.label].falsePositives++;
            if (falses)
                *falses << QStringLiteral("%1 %2").arg(d.label).arg(d.confidence, 0, 'f', 2);
        }
    }
    return counts;
}

QVector<Detection> above(const QVector<Detection>& detections, float threshold) {
    QVector<Detection> kept;
    for (const Detection& d : detections)
        if (d.confidence >= threshold)
            kept << d;
    return kept;
}

Count total(const PerClass& counts, bool faces) {
    Count sum;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if ((it.key() == QLatin1String("face")) == faces)
            sum.add(it.value());
    return sum;
}

struct Sweep {
    float threshold = 0;
    Count coco;
    int falsePhotos = 0, negatives = 0;
    double falseRate() const { return negatives ? double(falsePhotos) / negatives : 0; }
};

// One low-threshold run per photo, then every threshold: filtering afterwards equals decoding with the
// higher threshold (see CocoDetector::run).
QVector<Sweep> sweep(const CocoDetector& coco, const QVector<Photo>& photos,
                     const QVector<Negative>& negatives) {
    QVector<QVector<Detection>> onPhotos, onNegatives;
    for (const Photo& p : photos)
        onPhotos << coco.run(p.image, 0.2f).objects;
    for (const Negative& n : negatives)
        onNegatives << coco.run(n.image, 0.2f).objects;
    QVector<Sweep> rows;
    for (float t = 0.25f; t < 0.601f; t += 0.05f) {
        Sweep row{t, {}, 0, int(negatives.size())};
        for (int i = 0; i < photos.size(); ++i) {
            QVector<Truth> objects;
            for (const Truth& truth : photos[i].truths)
                if (!truth.labels.contains("face"))
                    objects << truth;
            row.coco.add(total(score(above(onPhotos[i], t), objects), false));
        }
        for (const QVector<Detection>& d : onNegatives)
            row.falsePhotos += above(d, t).isEmpty() ? 0 : 1;
        rows << row;
    }
    return rows;
}

float calibrate(const QVector<Sweep>& rows, const char* name) {
    std::printf("\nThreshold sweep, COCO classes only, %s:\n  threshold precision recall  TP  FP truth  "
                "false-object photos\n",
                name);
    float chosen = -1;
    for (const Sweep& r : rows) {
        const bool ok = r.coco.precision() >= kTargetPrecision && r.falseRate() <= kTargetFalseObjectPhotos;
        if (ok && chosen < 0)
            chosen = r.threshold;
        std::printf("  %9.2f %9.3f %6.3f %3d %3d %5d  %d/%d (%.1f%%)%s\n", r.threshold, r.coco.precision(),
                    r.coco.recall(), r.coco.truePositives, r.coco.falsePositives, r.coco.truth, r.falsePhotos,
                    r.negatives, 100 * r.falseRate(), ok ? "" : "  below target");
    }
    std::printf("  calibrated (lowest threshold meeting both targets): %.2f\n", chosen);
    return chosen;
}

QVector<float> centred(const QVector<float>& v, const QVector<double>& mean) {
    QVector<float> c(v.size());
    double norm = 0;
    for (int i = 0; i < v.size(); ++i) {
        c[i] = float(v[i] - mean[i]);
        norm += double(c[i]) * c[i];
    }
    norm = std::sqrt(norm);
    for (float& x : c)
        x = norm > 0 ? float(x / norm) : 0.f;
    return c;
}

double cosine(const QVector<float>& a, const QVector<float>& b) {
    double dot = 0;
    for (int i = 0; i < a.size() && i < b.size(); ++i)
        dot += double(a[i]) * b[i];
    return dot;
}

QImage jpeg(const QImage& image, int quality, QByteArray* bytesOut = nullptr) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    if (bytesOut)
        *bytesOut = bytes;
    return QImage::fromData(bytes, "JPEG");
}

struct Stats {
    double min = 2, max = -2, sum = 0;
    int n = 0;
    void add(double v) {
        min = std::min(min, v);
        max = std::max(max, v);
        sum += v;
        ++n;
    }
    double mean() const { return n ? sum / n : 0; }
};

void reportEmbedding(const CocoDetector& coco, const QVector<Photo>& photos,
                     const QVector<Negative>& negatives) {
    QVector<QImage> originals;
    for (const Photo& p : photos)
        originals << p.image;
    for (const Negative& n : negatives)
        if (!n.generated)
            originals << n.image;
    QVector<QVector<float>> base;
    QVector<QVector<QVector<float>>> copies;
    const char* copyNames[] = {"crop 80%", "half size", "JPEG q35", "grey"};
    for (const QImage& image : originals) {
        base << coco.embed(image);
        const QRect crop = image.rect().adjusted(image.width() / 10, image.height() / 10, -image.width() / 10,
                                                 -image.height() / 10);
        copies << QVector<QVector<float>>{
            coco.embed(image.copy(crop)),
            coco.embed(image.scaled(image.size() / 2, Qt::KeepAspectRatio, Qt::SmoothTransformation)),
            coco.embed(jpeg(image, 35)), coco.embed(image.convertToFormat(QImage::Format_Grayscale8))};
    }
    QVector<double> mean(coco.embeddingSize(), 0.0);
    for (const QVector<float>& e : base)
        for (int i = 0; i < e.size(); ++i)
            mean[i] += e[i] / base.size();
    const QVector<double> zero(coco.embeddingSize(), 0.0);
    std::printf("\nEmbedding of %s (%d-d, %lld photos; near-duplicate = the photo's copy, unrelated = other "
                "photos):\n",
                qPrintable(CocoDetector::modelId(coco.model())), coco.embeddingSize(),
                qlonglong(base.size()));
    for (const QVector<double>* centre : {&zero, const_cast<const QVector<double>*>(&mean)}) {
        const bool raw = centre == &zero;
        Stats unrelated;
        for (int i = 0; i < base.size(); ++i)
            for (int j = i + 1; j < base.size(); ++j)
                unrelated.add(cosine(centred(base[i], *centre), centred(base[j], *centre)));
        std::printf("  %s: unrelated cosine mean %.3f max %.3f\n", raw ? "raw" : "centred on the mean",
                    unrelated.mean(), unrelated.max);
        for (int k = 0; k < 4; ++k) {
            Stats near;
            int top1 = 0;
            for (int i = 0; i < base.size(); ++i) {
                const QVector<float> query = centred(copies[i][k], *centre);
                near.add(cosine(centred(base[i], *centre), query));
                int best = 0;
                for (int j = 1; j < base.size(); ++j)
                    if (cosine(centred(base[j], *centre), query) >
                        cosine(centred(base[best], *centre), query))
                        best = j;
                top1 += best == i;
            }
            std::printf(
                "    %-9s near-duplicate cosine mean %.3f min %.3f, nearest photo is the original %d/%d\n",
                copyNames[k], near.mean(), near.min, top1, near.n);
        }
    }
}

bool quality(const ObjectDetector& objects, const QVector<Photo>& photos,
             const QVector<Negative>& negatives) {
    for (const CocoDetector::Model model : {CocoDetector::Model::CenterNet, CocoDetector::Model::NanoDet}) {
        CocoDetector coco(model);
        if (!coco.error().isEmpty()) {
            std::printf("%s unavailable: %s\n", qPrintable(CocoDetector::modelId(model)),
                        qPrintable(coco.error()));
            continue;
        }
        for (const bool mirror : {false, true}) {
            coco.setMirrorTest(mirror);
            const QString name =
                CocoDetector::modelId(model) + (mirror ? " with the mirrored pass" : " one pass");
            calibrate(sweep(coco, photos, negatives), qPrintable(name));
            std::printf("  (shipped threshold for this setting: %.2f)\n", coco.defaultThreshold());
        }
        if (model != objects.coco().model())
            reportEmbedding(coco, photos, negatives);
    }

    PerClass perClass;
    std::printf("\nShipped ObjectDetector (%s, threshold %.2f, mirrored pass %s; faces: FaceDetector):\n",
                qPrintable(CocoDetector::modelId(objects.coco().model())), objects.coco().defaultThreshold(),
                objects.coco().mirrorTest() ? "on" : "off");
    for (const Photo& p : photos) {
        QStringList falses;
        const PerClass counts = score(objects.detect(p.image), p.truths, &falses);
        for (auto it = counts.begin(); it != counts.end(); ++it)
            perClass[it.key()].add(it.value());
        if (!falses.isEmpty())
            std::printf("  false on %s: %s\n", qPrintable(p.name), qPrintable(falses.join(", ")));
    }
    int falseDebian = 0, debian = 0, falseGenerated = 0, generated = 0;
    for (const Negative& n : negatives) {
        const QVector<Detection> found = objects.detect(n.image);
        (n.generated ? generated : debian)++;
        if (!found.isEmpty()) {
            (n.generated ? falseGenerated : falseDebian)++;
            std::printf("  false on %s: %s %.2f\n", qPrintable(n.name), qPrintable(found.first().label),
                        found.first().confidence);
        }
    }
    std::printf("\n  %-14s %5s %4s %4s %9s %6s\n", "class", "truth", "TP", "FP", "precision", "recall");
    for (auto it = perClass.begin(); it != perClass.end(); ++it)
        std::printf("  %-14s %5d %4d %4d %9.3f %6.3f\n", qPrintable(it.key()), it->truth, it->truePositives,
                    it->falsePositives, it->precision(), it->recall());
    const Count coco = total(perClass, false), faces = total(perClass, true);
    const double falseRate = double(falseDebian + falseGenerated) / std::max(1, debian + generated);
    std::printf("  COCO classes: precision %.3f recall %.3f (%d TP, %d FP, %d truth)\n", coco.precision(),
                coco.recall(), coco.truePositives, coco.falsePositives, coco.truth);
    std::printf("  faces:        precision %.3f recall %.3f (%d TP, %d FP, %d truth)\n", faces.precision(),
                faces.recall(), faces.truePositives, faces.falsePositives, faces.truth);
    std::printf("  false objects on photos without the classes: %d/%d Debian photos, %d/%d generated, "
                "%.1f%% overall\n",
                falseDebian, debian, falseGenerated, generated, 100 * falseRate);
    reportEmbedding(objects.coco(), photos, negatives);
    const bool ok = coco.precision() >= kTargetPrecision && faces.precision() >= kTargetPrecision &&
                    falseRate <= kTargetFalseObjectPhotos;
    std::printf("\nquality targets (precision >= %.2f, false-object photos <= %.0f%%): %s\n",
                kTargetPrecision, 100 * kTargetFalseObjectPhotos, ok ? "met" : "MISSED");
    return ok;
}

struct Rate {
    double imagesPerSecond = 0;
    double cpuSecondsPerImage = 0; // process CPU time (std::clock): independent of other load on the machine
};

// Rate of `work` over all JPEGs on a 2-thread pool, after one warm-up item per thread.
Rate measure(const QVector<QByteArray>& jpegs, const std::function<void(const QByteArray&)>& work) {
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    QtConcurrent::blockingMap(&pool, QVector<QByteArray>{jpegs[0], jpegs[1 % jpegs.size()]}, work);
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    QtConcurrent::blockingMap(&pool, jpegs, work);
    const double cpu = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    return {jpegs.size() / (timer.nsecsElapsed() / 1e9), cpu / jpegs.size()};
}

bool throughput(const ObjectDetector& objects, const QVector<Photo>& photos, int count, bool shippedOnly) {
    QVector<QByteArray> jpegs;
    for (int i = 0; i < count; ++i) {
        const QImage& source = photos[i % photos.size()].image;
        const double scale = std::sqrt(1.0e6 / (double(source.width()) * source.height()));
        QByteArray bytes;
        jpeg(source.scaled(source.size() * scale, Qt::KeepAspectRatio, Qt::SmoothTransformation), 90, &bytes);
        jpegs << bytes;
    }
    InferenceRuntime::setThreadsPerCall(1); // two workers, one call per core
    const Rate decode = measure(jpegs, [](const QByteArray& b) { QImage::fromData(b, "JPEG"); });
    const Rate enrich = measure(jpegs, [&](const QByteArray& b) {
        const CocoDetector::Output out = objects.detectWithEmbedding(QImage::fromData(b, "JPEG"));
        Q_UNUSED(out);
    });
    const FaceDetector faces;
    QVector<std::pair<QString, Rate>> alternatives;
    // The parts of the shipped pipeline alone, to see where the time goes (--shipped-only, for profiling,
    // measures the shipped pipeline only).
    if (!shippedOnly) {
        alternatives.push_back(
            {QStringLiteral("faces only (FaceDetector)"),
             measure(jpegs, [&](const QByteArray& b) { faces.detect(QImage::fromData(b, "JPEG")); })});
        alternatives.push_back(
            {QStringLiteral("objects + embedding only (shipped CocoDetector)"),
             measure(jpegs, [&](const QByteArray& b) { objects.coco().run(QImage::fromData(b, "JPEG")); })});
    }
    for (const CocoDetector::Model model : {CocoDetector::Model::CenterNet, CocoDetector::Model::NanoDet}) {
        if (shippedOnly)
            break;
        CocoDetector coco(model);
        for (const bool mirror : {false, true}) {
            if (!coco.error().isEmpty())
                continue;
            coco.setMirrorTest(mirror);
            alternatives.push_back(
                {"faces + " + CocoDetector::modelId(model) + (mirror ? " mirrored" : " one pass"),
                 measure(jpegs, [&](const QByteArray& b) {
                     const QImage image = QImage::fromData(b, "JPEG");
                     faces.detect(image);
                     coco.run(image);
                 })});
        }
    }
    const auto row = [&](const char* name, const Rate& r) {
        std::printf("  %-46s %7.2f images/s (%.3f of decoding), %.3f CPU s/image\n", name, r.imagesPerSecond,
                    r.imagesPerSecond / decode.imagesPerSecond, r.cpuSecondsPerImage);
    };
    std::printf("\nThroughput, %d JPEGs of ~1 MP, 2 threads:\n", count);
    row("decode only", decode);
    row("decode + faces + objects + embedding (shipped)", enrich);
    for (const auto& [name, rate] : alternatives)
        row(qPrintable("  " + name), rate);
    const bool ok = enrich.imagesPerSecond >= kTargetImagesPerSecond;
    std::printf("throughput target (>= %.1f images/s): %s\n", kTargetImagesPerSecond, ok ? "met" : "MISSED");
    return ok;
}

// The face detector's cost in network runs, independent of the machine's load: squares of 256x256 looked at
// per ~1 MP image when every tile is scanned (FACE_DETECTION alone) and when only tiles near people are
// (OBJECT_DETECTION and the perception pass).
void reportFaceSquares(const ObjectDetector& objects, const QVector<Photo>& photos,
                       const QVector<Negative>& negatives) {
    const BlazeFaceDetector faces;
    const auto mean = [&](const QVector<QImage>& images) {
        double all = 0, near = 0;
        for (const QImage& source : images) {
            const double scale = std::sqrt(1.0e6 / (double(source.width()) * source.height()));
            const QImage image = source.scaled(source.size() * scale, Qt::KeepAspectRatio);
            all += faces.squares(image.size()).size();
            near += faces.squaresNear(image.size(), objects.coco().run(image).people).size();
        }
        const double n = std::max<double>(1, images.size());
        return std::pair{all / n, near / n};
    };
    QVector<QImage> withClasses, without;
    for (const Photo& p : photos)
        withClasses.append(p.image);
    for (const Negative& n : negatives)
        without.append(n.image);
    const auto [photosAll, photosNear] = mean(withClasses);
    const auto [negativesAll, negativesNear] = mean(without);
    std::printf(
        "\nBlazeFace squares per ~1 MP image: labelled photos %.1f (every tile) -> %.1f (near people); "
        "photos without the classes %.1f -> %.1f\n",
        photosAll, photosNear, negativesAll, negativesNear);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int images = 24;
    bool doQuality = true, doThroughput = true, shippedOnly = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--images") && i + 1 < argc)
            images = std::max(2, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--quality-only"))
            doThroughput = false;
        else if (!std::strcmp(argv[i], "--throughput-only"))
            doQuality = false;
        else if (!std::strcmp(argv[i], "--shipped-only"))
            doQuality = false, shippedOnly = true;
    }
    const ObjectDetector objects;
    if (!objects.usesCoco() || !objects.error().isEmpty()) {
        std::printf("COCO model or face detector unavailable: %s\n",
                    qPrintable(objects.coco().error() + objects.error()));
        return 2;
    }
    QVector<Photo> photos;
    QVector<Negative> negatives;
    if (!readTruth(&photos, &negatives))
        return 2;
    negatives += generatedNegatives(20);
    bool ok = true;
    if (doQuality)
        ok = quality(objects, photos, negatives) && ok;
    if (doThroughput) {
        if (!shippedOnly)
            reportFaceSquares(objects, photos, negatives);
        ok = throughput(objects, photos, images, shippedOnly) && ok;
    }
    return ok ? 0 : 1;
}
