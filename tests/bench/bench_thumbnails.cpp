// Thumbnail pipeline: a local engine (in-process, loopback HTTP) indexes a folder of generated JPEGs
// (640x480); the thumbnails of its explore previews (the engine's signed 512 px links) are then asked of
// a ThumbnailProvider on an ApiClient, as the grid asks for them: fetched through MediaLoader/MediaJob,
// decoded and scaled into 180x180 on its decode pool. The baseline is decoding and scaling the same bytes
// (fetched once beforehand) in a tight loop on one thread with the same function (decodeImageData).
// Prints both throughputs, their ratio, and the process's peak resident memory (VmHWM).
// Exits 1 when the pipeline reaches less than --min-ratio (default 0.7) of the tight loop, or any load fails.
#include "EngineTestClient.h"
#include "ProcessMemory.h"
#include "TestImages.h"

#include "ApiClient.h"
#include "ImageDecoding.h"
#include "LocalEngine.h"
#include "ThumbnailProvider.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QSet>
#include <QTemporaryDir>
#include <QtConcurrent>

#include <cstdio>

namespace {

const QSize kThumbnailBox(180, 180); // the grid's default tile

bool writeImages(const QString& folder, int count) {
    QDir().mkpath(folder);
    QVector<int> seeds(count);
    std::iota(seeds.begin(), seeds.end(), 0);
    const QVector<bool> written = QtConcurrent::blockingMapped(seeds, [&folder](int seed) {
        return TestImages::save(TestImages::scene(seed),
                                QStringLiteral("%1/img_%2.jpg").arg(folder).arg(seed), 88);
    });
    return !written.contains(false);
}

QList<QUrl> thumbnailLinks(EngineTestClient& client, const QString& datasetId, int count) {
    QList<QUrl> links;
    QSet<QString> seen;
    const QList<QJsonObject> previews =
        EngineTestClient::previewsOf(client.exploreAll(datasetId, QStringLiteral("IMAGES")));
    for (const QJsonObject& preview : previews) {
        const QString link = preview.value("media_thumb_uri").toString();
        if (!seen.contains(link) && links.size() < count) {
            seen.insert(link);
            links.append(QUrl(link));
        }
    }
    return links;
}

// Asks for every link at once, as a grid full of new tiles does; returns the seconds until the last arrived.
double runPipeline(vl::ApiClient* client, const QList<QUrl>& links, int* failures) {
    vl::ThumbnailProvider provider(client);
    int done = 0;
    QObject::connect(&provider, &vl::ThumbnailProvider::thumbnailReady, [&done] { ++done; });
    QObject::connect(&provider, &vl::ThumbnailProvider::thumbnailFailed,
                     [&](const QUrl&, const QString& why) {
                         if (++*failures == 1)
                             std::fprintf(stderr, "a thumbnail failed: %s\n", qPrintable(why));
                         ++done;
                     });
    QElapsedTimer timer;
    timer.start();
    provider.setWanted(links);
    for (const QUrl& link : links)
        provider.request(link, kThumbnailBox);
    while (done < links.size())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return timer.nsecsElapsed() / 1e9;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir root;
    // No learned models: the engine's perception pass would otherwise compete for the cores meanwhile.
    qputenv("VL_MODELS_DIR", root.filePath("no-models").toUtf8());
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"thumbnails", "thumbnails fetched (one image each)", "n", "1000"});
    parser.addOption({"min-ratio", "target: pipeline throughput / tight decode loop", "r", "0.7"});
    parser.process(app);
    const int count = parser.value("thumbnails").toInt();
    const double minRatio = parser.value("min-ratio").toDouble();

    QElapsedTimer setup;
    setup.start();
    const QString folder = root.filePath("photos");
    // Near-duplicate scenes share clusters and some members are not among the 9 previews: index more
    // images than thumbnails wanted so that `count` distinct preview links exist.
    if (!writeImages(folder, count + count / 2)) {
        std::fprintf(stderr, "could not write the images\n");
        return 2;
    }
    vl::engine::LocalEngine engine(root.filePath("data"));
    QString error;
    if (!engine.start(0, &error)) {
        std::fprintf(stderr, "the engine did not start: %s\n", qPrintable(error));
        return 2;
    }
    EngineTestClient http(engine.url(), engine.apiKey(), engine.apiSecret());
    QUrlQuery process;
    process.addQueryItem("path", folder);
    const QString id = http.post("/api/v1/process", process).object().value("dataset_id").toString();
    if (http.waitForStatus(id, {"READY", "ERROR"}, 1800000).value("status_new").toString() != "READY") {
        std::fprintf(stderr, "indexing failed\n");
        return 2;
    }
    const QList<QUrl> links = thumbnailLinks(http, id, count);
    QVector<QByteArray> bytes;
    qint64 totalBytes = 0;
    for (const QUrl& link : links) {
        bytes.append(http.getUrl(link).body);
        totalBytes += bytes.last().size();
    }
    std::printf("set-up: %d images indexed, %d thumbnail links, %.1f KB each on average, %.1f s\n",
                count + count / 2, int(links.size()),
                links.isEmpty() ? 0.0 : totalBytes / 1024.0 / links.size(), setup.elapsed() / 1000.0);
    const qint64 peakBeforeKb = ProcessMemory::peakResidentKb();

    vl::ApiClient client;
    client.setBaseUrl(engine.url());
    client.setCredentials(engine.apiKey(), engine.apiSecret());
    int failures = 0;
    const double pipeline = runPipeline(&client, links, &failures);

    QElapsedTimer timer;
    timer.start();
    int decoded = 0;
    for (const QByteArray& data : bytes)
        decoded += vl::decodeImageData(data, kThumbnailBox).isValid() ? 1 : 0;
    const double loop = timer.nsecsElapsed() / 1e9;

    const double pipelineRate = links.size() / pipeline, loopRate = bytes.size() / loop;
    const double ratio = pipelineRate / loopRate;
    std::printf("pipeline (fetch + decode + scale, provider's 6 concurrent loads): %d in %.2f s = %.0f/s\n",
                int(links.size()), pipeline, pipelineRate);
    std::printf("tight decode + scale loop, one thread: %d in %.2f s = %.0f/s\n", decoded, loop, loopRate);
    std::printf("ratio %.2f (target >= %.2f)\n", ratio, minRatio);
    std::printf(
        "peak resident memory (VmHWM): %.1f MB before the pipeline (engine and indexing), %.1f MB after; "
        "resident now %.1f MB\n",
        peakBeforeKb / 1024.0, ProcessMemory::peakResidentKb() / 1024.0,
        ProcessMemory::residentKb() / 1024.0);
    if (links.size() < count || failures > 0 || decoded != bytes.size()) {
        std::printf("FAIL: %d links of %d, %d failed loads, %d of %d decoded in the loop\n",
                    int(links.size()), count, failures, decoded, int(bytes.size()));
        return 1;
    }
    if (ratio < minRatio) {
        std::printf("FAIL: the pipeline reaches %.2f of the tight loop\n", ratio);
        return 1;
    }
    return 0;
}
