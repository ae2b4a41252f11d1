// Face detector quality and enrichment throughput (not a ctest test: run it by hand).
//
// Quality: precision and recall of "face" boxes at IoU >= 0.5 on hand-labelled photos and on mosaics of the
// LFW face / non-face crops that python3-skimage installs (see data/face_benchmark.json), for the shipped
// configuration and a few alternatives. Throughput: images per second of each detector on ~1 MP images,
// with 1 thread and with 2 threads.
//
// Usage: bench_faces [--images N] [--quality-only | --throughput-only]   (default 20 throughput images)
#include "DetectorImage.h"
#include "FaceDetector.h"
#include "NonMaxSuppression.h"
#include "ObjectDetector.h"
#include "PeopleDetector.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QRandomGenerator>
#include <QThreadPool>
#include <QtConcurrent>

#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <cstring>
#include <functional>

using namespace vl::engine;

namespace {

struct Sample {
    QString name;
    QImage image;
    QVector<QRect> faces;
};

struct Score {
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    double precision() const {
        return truePositives + falsePositives ? double(truePositives) / (truePositives + falsePositives)
                                              : 1.0;
    }
    double recall() const {
        return truePositives + falseNegatives ? double(truePositives) / (truePositives + falseNegatives)
                                              : 1.0;
    }
};

QRect boxFrom(const QJsonValue& value) {
    const QJsonArray a = value.toArray();
    return QRect(a.at(0).toInt(), a.at(1).toInt(), a.at(2).toInt(), a.at(3).toInt());
}

// skimage's lfw_subset.npy: float64 (200, 25, 25) in [0, 1], C order.
QVector<QImage> readLfw(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    if (!bytes.startsWith("\x93NUMPY") || bytes.size() < 10)
        return {};
    const int headerLength = quint8(bytes[8]) | (quint8(bytes[9]) << 8);
    const QByteArray header = bytes.mid(10, headerLength);
    if (!header.contains("'<f8'") || !header.contains("(200, 25, 25)"))
        return {};
    const char* data = bytes.constData() + 10 + headerLength;
    if (bytes.size() < 10 + headerLength + 200 * 25 * 25 * 8)
        return {};
    QVector<QImage> crops;
    for (int n = 0; n < 200; ++n) {
        QImage crop(25, 25, QImage::Format_Grayscale8);
        for (int y = 0; y < 25; ++y) {
            for (int x = 0; x < 25; ++x) {
                double v;
                std::memcpy(&v, data + ((n * 25 + y) * 25 + x) * 8, 8);
                crop.scanLine(y)[x] = uchar(qBound(0.0, v, 1.0) * 255.0 + 0.5);
            }
        }
        crops.append(crop);
    }
    return crops;
}

// 5x5 crops per 1000x1000 grey mosaic, each upscaled to `side` px at a jittered spot in its 200 px cell.
QVector<Sample> mosaics(const QVector<QImage>& crops, int side, bool faces, const QString& name) {
    QVector<Sample> samples;
    QRandomGenerator random(quint32(side * 7 + (faces ? 1 : 2)));
    for (int start = 0; start < crops.size(); start += 25) {
        Sample sample{QStringLiteral("%1 %2px #%3").arg(name).arg(side).arg(start / 25),
                      QImage(1000, 1000, QImage::Format_RGB32),
                      {}};
        sample.image.fill(QColor(128, 128, 128));
        QPainter painter(&sample.image);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        for (int i = 0; i < 25 && start + i < crops.size(); ++i) {
            const int slack = 200 - side;
            const QRect box((i % 5) * 200 + int(random.bounded(slack + 1)),
                            (i / 5) * 200 + int(random.bounded(slack + 1)), side, side);
            painter.drawImage(box, crops[start + i]);
            if (faces)
                sample.faces.append(box);
        }
        samples.append(sample);
    }
    return samples;
}

Score score(const Detector& detector, const QVector<Sample>& samples) {
    Score total;
    for (const Sample& sample : samples) {
        QVector<Detection> found = detector.detect(sample.image);
        std::sort(found.begin(), found.end(),
                  [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
        QVector<bool> used(sample.faces.size(), false);
        for (const Detection& d : found) {
            int best = -1;
            double bestIou = 0.5;
            for (int i = 0; i < sample.faces.size(); ++i) {
                const double iou = NonMaxSuppression::iou(d.box, sample.faces[i]);
                if (!used[i] && iou >= bestIou) {
                    best = i;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                used[best] = true;
                ++total.truePositives;
            } else {
                ++total.falsePositives;
            }
        }
        total.falseNegatives += int(std::count(used.begin(), used.end(), false));
    }
    return total;
}

void printScore(const char* configuration, const char* set, const Score& s) {
    std::printf("%-46s %-22s TP %4d FP %4d FN %4d  precision %.3f  recall %.3f\n", configuration, set,
                s.truePositives, s.falsePositives, s.falseNegatives, s.precision(), s.recall());
}

double imagesPerSecond(const Detector& detector, const QVector<QImage>& images, int threads) {
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    QtConcurrent::blockingMap(&pool, images, [&](const QImage& image) { detector.detect(image); }); // warm-up
    QElapsedTimer timer;
    timer.start();
    QtConcurrent::blockingMap(&pool, images, [&](const QImage& image) { detector.detect(image); });
    return images.size() / (timer.nsecsElapsed() / 1e9);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    int throughputImages = 20;
    bool quality = true;
    bool throughput = true;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--images") == 0 && i + 1 < argc)
            throughputImages = std::max(2, std::atoi(argv[i + 1]));
        quality = quality && std::strcmp(argv[i], "--throughput-only") != 0;
        throughput = throughput && std::strcmp(argv[i], "--quality-only") != 0;
    }
    QFile labels(QStringLiteral(VL_ENRICH_TEST_DIR "/data/face_benchmark.json"));
    if (!labels.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(labels.fileName()));
        return 1;
    }
    const QJsonObject config = QJsonDocument::fromJson(labels.readAll()).object();
    QVector<Sample> photos;
    QVector<Sample> negatives;
    for (const QJsonValue& entry : config.value(QStringLiteral("photos")).toArray()) {
        const QJsonObject photo = entry.toObject();
        Sample sample{photo.value(QStringLiteral("path")).toString(),
                      QImage(photo.value(QStringLiteral("path")).toString()),
                      {}};
        if (sample.image.isNull()) {
            std::printf("missing %s (install python3-skimage)\n", qPrintable(sample.name));
            continue;
        }
        for (const QJsonValue& face : photo.value(QStringLiteral("faces")).toArray())
            sample.faces.append(boxFrom(face));
        (sample.faces.isEmpty() ? negatives : photos).append(sample);
    }
    const QVector<QImage> lfw = readLfw(
        config.value(QStringLiteral("lfw_subset")).toObject().value(QStringLiteral("path")).toString());
    QVector<Sample> lfwFaces;
    QVector<Sample> lfwNonFaces;
    if (lfw.size() == 200) {
        for (int side : {40, 64, 100})
            lfwFaces += mosaics(lfw.mid(0, 100), side, true, QStringLiteral("LFW faces"));
        lfwNonFaces = mosaics(lfw.mid(100, 100), 64, false, QStringLiteral("LFW non-faces"));
    } else {
        std::printf("LFW subset not readable: mosaics skipped\n");
    }

    struct Variant {
        const char* name;
        std::function<void(CascadeDetector::Config&)> change;
    };
    const QVector<Variant> variants{
        {"shipped: alt2 n=3 + default-cascade verifier", [](CascadeDetector::Config&) {}},
        {"shipped at 800 px", [](CascadeDetector::Config& c) { c.maxSide = 800; }},
        {"shipped at 1280 px", [](CascadeDetector::Config& c) { c.maxSide = 1280; }},
        {"shipped with scale step 1.2", [](CascadeDetector::Config& c) { c.scaleFactor = 1.2; }},
        {"alt2 n=3, no verifier", [](CascadeDetector::Config& c) { c.verifierFile.clear(); }},
        {"alt2 n=5, no verifier",
         [](CascadeDetector::Config& c) {
             c.verifierFile.clear();
             c.minNeighbors = 5;
         }},
        {"default n=5, no verifier",
         [](CascadeDetector::Config& c) {
             c.cascadeFile = QStringLiteral("haarcascade_frontalface_default.xml");
             c.verifierFile.clear();
             c.minNeighbors = 5;
         }},
        {"LBP improved n=3, no verifier",
         [](CascadeDetector::Config& c) {
             c.cascadeFile = QStringLiteral("lbpcascade_frontalface_improved.xml");
             c.verifierFile.clear();
         }},
        {"alt2 n=3 + LBP-improved verifier",
         [](CascadeDetector::Config& c) {
             c.verifierFile = QStringLiteral("lbpcascade_frontalface_improved.xml");
         }},
    };
    std::printf("== Face quality (IoU >= 0.5): %d labelled photos, %d face-free photos, %d LFW face mosaics "
                "(100 faces each size 40/64/100 px), %d LFW non-face mosaics\n",
                int(photos.size()), int(negatives.size()), int(lfwFaces.size()), int(lfwNonFaces.size()));
    for (const Variant& variant : quality ? variants : QVector<Variant>()) {
        QElapsedTimer timer;
        timer.start();
        CascadeDetector::Config c = FaceDetector::defaultConfig();
        variant.change(c);
        const FaceDetector detector(c);
        if (!detector.error().isEmpty()) {
            std::printf("%s: %s\n", variant.name, qPrintable(detector.error()));
            continue;
        }
        printScore(variant.name, "labelled photos", score(detector, photos));
        printScore(variant.name, "face-free photos", score(detector, negatives));
        for (int size = 0; size < 3 && lfwFaces.size() == 12; ++size)
            printScore(variant.name,
                       qPrintable(QStringLiteral("LFW faces %1 px").arg(QList<int>{40, 64, 100}[size])),
                       score(detector, lfwFaces.mid(size * 4, 4)));
        printScore(variant.name, "LFW non-face mosaics", score(detector, lfwNonFaces));
        Score all;
        for (const QVector<Sample>* set : {&photos, &negatives, &lfwFaces, &lfwNonFaces}) {
            const Score s = score(detector, *set);
            all.truePositives += s.truePositives;
            all.falsePositives += s.falsePositives;
            all.falseNegatives += s.falseNegatives;
        }
        printScore(variant.name, "ALL", all);
        std::printf("%-46s (%.1f s)\n", variant.name, timer.elapsed() / 1000.0);
    }
    if (!throughput)
        return 0;

    // ~1 MP inputs: every photo (with and without faces) scaled to 1155x866, repeated.
    QVector<QImage> sources;
    for (const Sample& s : photos + negatives)
        sources.append(s.image.convertToFormat(QImage::Format_RGB32)
                           .scaled(1155, 866, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    if (sources.isEmpty()) {
        QImage synthetic(1155, 866, QImage::Format_RGB32);
        synthetic.fill(Qt::darkGreen);
        sources.append(synthetic);
    }
    QVector<QImage> images;
    for (int i = 0; i < throughputImages; ++i)
        images.append(sources[i % sources.size()]);
    const FaceDetector faces;
    const CatFaceDetector cats;
    const PeopleDetector people;
    const ObjectDetector objects;
    const QVector<QPair<const char*, const Detector*>> detectors{{"FaceDetector (face)", &faces},
                                                                 {"CatFaceDetector (cat face)", &cats},
                                                                 {"PeopleDetector (person)", &people},
                                                                 {"ObjectDetector (all three)", &objects}};
    std::printf("\n== Throughput on %d images of 1155x866 (1.0 MP), %d core(s) on this machine\n",
                int(images.size()), QThread::idealThreadCount());
    // Baseline measured in the same run, so that ratios survive a busy machine: the detectors' own
    // preprocessing (grey, area downscale to 1024 px, histogram equalisation) on one thread.
    QThreadPool baselinePool;
    baselinePool.setMaxThreadCount(1);
    QElapsedTimer baselineTimer;
    baselineTimer.start();
    QtConcurrent::blockingMap(&baselinePool, images, [](const QImage& image) {
        cv::Mat equalized;
        cv::equalizeHist(DetectorImage::fromQImage(image, 1024).gray, equalized);
    });
    const double baseline = images.size() / (baselineTimer.nsecsElapsed() / 1e9);
    std::printf("%-30s 1 thread %7.2f img/s\n", "baseline (preprocessing only)", baseline);
    for (const auto& entry : detectors) {
        const double one = imagesPerSecond(*entry.second, images, 1);
        const double two = imagesPerSecond(*entry.second, images, 2);
        std::printf("%-30s 1 thread %7.2f img/s   2 threads %7.2f img/s   (x%.2f)   cost %.0fx baseline\n",
                    entry.first, one, two, two / one, baseline / one);
    }
    return 0;
}
