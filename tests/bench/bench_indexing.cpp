// Indexing throughput: ImageAnalyzer::analyzeFile on all cores against merely decoding the same files
// with QImageReader on all cores (the floor any analysis has to pay), measured in the same run on
// generated ~1 megapixel JPEGs.
#include "ImageAnalyzer.h"
#include "SceneGenerator.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImageReader>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtConcurrent>

#include <cstdio>

using vl::engine::ImageAnalysis;
using vl::engine::ImageAnalyzer;

namespace {

QStringList writeImages(const QString& directory, int count) {
    QList<int> seeds;
    for (int i = 0; i < count; ++i)
        seeds.append(i);
    return QtConcurrent::blockingMapped(seeds, [&directory](int seed) {
        const QString path = QDir(directory).filePath(QStringLiteral("image%1.jpg").arg(seed));
        SceneGenerator::scene(seed, QSize(1152, 864)).save(path, "JPEG", 90);
        return path;
    });
}

} // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"images", "number of generated JPEGs", "n", "200"});
    parser.process(app);
    const int count = parser.value("images").toInt();

    QTemporaryDir directory;
    const QStringList paths = writeImages(directory.path(), count);

    QElapsedTimer timer;
    const auto decode = [](const QString& path) {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        return reader.read().width();
    };
    QtConcurrent::blockingMapped(paths, decode); // warm the page cache and the plugin
    timer.start();
    const QList<int> widths = QtConcurrent::blockingMapped(paths, decode);
    const double decodeSeconds = double(timer.nsecsElapsed()) / 1e9;

    timer.restart();
    const QList<ImageAnalysis> analyses = QtConcurrent::blockingMapped(
        paths, [](const QString& path) { return ImageAnalyzer::analyzeFile(path); });
    const double analyzeSeconds = double(timer.nsecsElapsed()) / 1e9;

    int failures = 0;
    for (int i = 0; i < analyses.size(); ++i)
        failures += (!analyses[i].ok || widths[i] != analyses[i].width) ? 1 : 0;
    std::printf("images: %d (1152x864 JPEG q90), threads: %d\n", count,
                QThreadPool::globalInstance()->maxThreadCount());
    std::printf("decode only (QImageReader::read): %.1f images/s\n", count / decodeSeconds);
    std::printf("analyzeFile (hash, decode, thumbnail, descriptor, quality): %.1f images/s\n",
                count / analyzeSeconds);
    std::printf("ratio: %.2f (analyzeFile time / decode time)\n", analyzeSeconds / decodeSeconds);
    std::printf("failures: %d\n", failures);
    return failures == 0 ? 0 : 1;
}
