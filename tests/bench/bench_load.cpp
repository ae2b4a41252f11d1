// Bounded load on the local engine over loopback: many client threads browse a READY dataset (explore pages,
// captions, similar-image uploads, similar media, thumbnails, dataset polls) while one folder is being
// indexed and another dataset enriched. Prints requests, failures and p50/p99 latency per kind; exits
// non-zero when any request failed (an answer other than 2xx; for explore on the dataset being enriched also
// the documented 409 "not ready" while it is READ ONLY), the engine stopped answering, or a committed row is
// missing afterwards.
//
//   bench_load [--clients 16] [--seconds 20] [--images 24] [--index-images 48]
#include "EngineTestClient.h"
#include "Jwt.h"
#include "LocalEngine.h"
#include "TestImages.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QThread>

#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

using vl::engine::LocalEngine;

namespace {

struct Options {
    int clients = 16;
    int seconds = 20;
    int images = 24;      // the browsed dataset, and the enriched one
    int indexImages = 48; // the folder indexed during the load
};

Options parse(const QStringList& args) {
    Options o;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const int value = args.at(i + 1).toInt();
        if (args.at(i) == QLatin1String("--clients"))
            o.clients = std::clamp(value, 1, 256);
        else if (args.at(i) == QLatin1String("--seconds"))
            o.seconds = std::clamp(value, 1, 3600);
        else if (args.at(i) == QLatin1String("--images"))
            o.images = std::clamp(value, 4, 10000);
        else if (args.at(i) == QLatin1String("--index-images"))
            o.indexImages = std::clamp(value, 1, 100000);
    }
    return o;
}

// Latencies and failures of one request kind, merged from all clients at the end.
struct Tally {
    std::vector<double> milliseconds;
    int failures = 0;
    std::vector<std::string> examples; // the first few failures, for the report
};

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

// Everything one client thread needs; read-only while the clients run.
struct Target {
    int port = 0;
    std::string token;
    std::string browsedId;
    std::string enrichingId; // READ ONLY while the load runs
    std::string indexedId;
    std::vector<std::string> mediaIds;
    std::string upload; // a JPEG for similar-image search
};

class LoadClient {
public:
    LoadClient(const Target& target, int seed)
        : m_target(target)
        , m_http("127.0.0.1", target.port)
        , m_random(unsigned(seed)) {
        m_http.set_read_timeout(60, 0); // a slow answer is measured, not failed; a hang still fails
        m_http.set_keep_alive(true);
    }

    void run(const std::chrono::steady_clock::time_point& until, std::map<std::string, Tally>& tallies) {
        while (std::chrono::steady_clock::now() < until)
            step(int(m_random() % kKinds), tallies);
    }
    // Each kind once (snapshots, text index and upload analysis are built on first use).
    void warmUp(std::map<std::string, Tally>& tallies) {
        for (int kind = 0; kind < kKinds; ++kind)
            step(kind, tallies);
    }

private:
    static constexpr int kKinds = 11;

    void step(int pick, std::map<std::string, Tally>& tallies) {
        const httplib::Headers auth = {{"Authorization", "Bearer " + m_target.token}};
        const std::string& media = m_target.mediaIds[m_random() % m_target.mediaIds.size()];
        const auto started = std::chrono::steady_clock::now();
        httplib::Result result{nullptr, httplib::Error::Unknown};
        std::string kind;
        if (pick < 3) {
            kind = "explore";
            result = m_http.Get(("/api/v1/explore/" + m_target.browsedId + "?threshold=" +
                                 std::to_string(m_random() % 5) + "&page_number=0&entity_type=IMAGES")
                                    .c_str(),
                                auth);
        } else if (pick == 3) {
            kind = "explore caption";
            result = m_http.Get(("/api/v1/explore/" + m_target.browsedId +
                                 "?threshold=0&page_number=0&entity_type=IMAGES&caption=scene")
                                    .c_str(),
                                auth);
        } else if (pick < 6) {
            kind = "thumbnail";
            result = m_http.Get(("/api/v1/media/" + media + "/thumb/256").c_str(), auth);
        } else if (pick == 6) {
            kind = "upload search";
            const httplib::MultipartFormDataItems items = {
                {"file", m_target.upload, "query.jpg", "image/jpeg"}};
            result = m_http.Post(("/api/v1/dataset/" + m_target.browsedId +
                                  "/search-image-similarity?entity_type=IMAGES&threshold=0")
                                     .c_str(),
                                 auth, items);
        } else if (pick == 7) {
            kind = "similar media";
            result =
                m_http.Get(("/api/v1/explore/" + m_target.browsedId +
                            "?threshold=0&entity_type=IMAGES&anchor_type=MEDIA" + "&anchor_media_id=" + media)
                               .c_str(),
                           auth);
        } else if (pick == 10) {
            kind = "explore enriching";
            result = m_http.Get(
                ("/api/v1/explore/" + m_target.enrichingId + "?threshold=0&page_number=0&entity_type=IMAGES")
                    .c_str(),
                auth);
        } else if (pick == 8) {
            kind = "dataset poll";
            result = m_http.Get(("/api/v1/dataset/" + m_target.indexedId).c_str(), auth);
        } else {
            kind = "dataset list";
            result = m_http.Get("/api/v1/datasets", auth);
        }
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        Tally& tally = tallies[kind];
        tally.milliseconds.push_back(ms);
        // The dataset being enriched is READ ONLY and not browsable until the enrichment ends: 409,
        // documented.
        const bool expected4xx = result && result->status == 409 && kind == "explore enriching";
        if (!result || ((result->status < 200 || result->status > 299) && !expected4xx)) {
            ++tally.failures;
            if (tally.examples.size() < 3)
                tally.examples.push_back(result ? std::to_string(result->status) + " " +
                                                      result->body.substr(0, 200)
                                                : "transport error " + httplib::to_string(result.error()));
        }
    }

    const Target& m_target;
    httplib::Client m_http;
    std::mt19937 m_random;
};

QStringList makeFolder(const QString& folder, int count, int seedBase) {
    QStringList files;
    for (int i = 0; i < count; ++i) {
        const QString file = QStringLiteral("%1/scene%2.jpg").arg(folder).arg(i);
        if (TestImages::save(TestImages::scene(seedBase + i, 640, 480), file))
            files << file;
    }
    return files;
}

// PRAGMA integrity_check of the catalogue once the engine has stopped.
QString integrity(const QString& dataDir) {
    sqlite3* db = nullptr;
    QString verdict;
    const QByteArray path = QDir(dataDir).filePath(QStringLiteral("catalogue.sqlite")).toUtf8();
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK)
        while (sqlite3_step(statement) == SQLITE_ROW)
            verdict += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return verdict;
}

int fail(const char* what) {
    std::fprintf(stderr, "bench_load: %s\n", what);
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const Options options = parse(app.arguments());
    QTemporaryDir root;
    const QString browsedFolder = root.filePath(QStringLiteral("browsed"));
    const QString indexedFolder = root.filePath(QStringLiteral("indexed"));
    const QString enrichedFolder = root.filePath(QStringLiteral("enriched"));
    if (makeFolder(browsedFolder, options.images, 100).size() != options.images ||
        makeFolder(enrichedFolder, options.images, 300).size() != options.images ||
        makeFolder(indexedFolder, options.indexImages, 5000).size() != options.indexImages)
        return fail("cannot write the test images");

    LocalEngine engine(root.filePath(QStringLiteral("engine")));
    QString error;
    if (!engine.start(0, &error))
        return fail(qPrintable(error));
    EngineTestClient client(engine.url(), engine.apiKey(), engine.apiSecret());
    const auto process = [&client](const QString& folder) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("path"), folder);
        return client.post(QStringLiteral("/api/v1/process"), q).object().value("dataset_id").toString();
    };
    Target target;
    target.port = engine.url().port();
    target.browsedId = process(browsedFolder).toStdString();
    const QString enrichingId = process(enrichedFolder);
    target.enrichingId = enrichingId.toStdString();
    const QString browsedId = QString::fromStdString(target.browsedId);
    for (const QString& id : {browsedId, enrichingId})
        if (client.waitForStatus(id, {"READY", "ERROR"}, 600000).value("status_new").toString() != "READY")
            return fail("a dataset to browse or enrich did not become READY");
    for (const QJsonObject& preview : EngineTestClient::previewsOf(client.exploreAll(browsedId, "IMAGES")))
        target.mediaIds.push_back(preview.value("media_id").toString().toStdString());
    if (target.mediaIds.empty())
        return fail("no media to browse");
    target.token = vl::Jwt::mint(engine.apiKey(), engine.apiSecret(), QDateTime::currentDateTimeUtc(), 3600)
                       .toStdString();
    target.upload = TestImages::encode(TestImages::scene(103, 320, 240)).toStdString();

    // Background work during the load: a folder being indexed and the other dataset being enriched.
    const QString indexedId = process(indexedFolder);
    target.indexedId = indexedId.toStdString();
    const QByteArray enrichBody =
        R"({"enrichment_models": {"OBJECT_DETECTION": "local_object_detector_v00"}})";
    const HttpResult enrich =
        client.post("/api/v1/dataset/" + enrichingId + "/enrich_dataset", {}, enrichBody);
    const QString copyId = enrich.object().value("dataset_id").toString();
    if (indexedId.isEmpty() || copyId.isEmpty())
        return fail("could not start indexing and enrichment");

    std::printf("bench_load: %d clients for %d s; %d images browsed, %d enriched, %d being indexed\n",
                options.clients, options.seconds, options.images, options.images, options.indexImages);
    std::map<std::string, Tally> warm;
    QElapsedTimer warmTimer;
    warmTimer.start();
    LoadClient(target, 1).warmUp(warm);
    int warmFailures = 0;
    for (const auto& [kind, tally] : warm)
        warmFailures += tally.failures;
    std::printf("warm-up (each kind once, first use builds snapshots and indexes): %lld ms, %d failed\n",
                warmTimer.elapsed(), warmFailures);
    std::vector<std::map<std::string, Tally>> perClient(size_t(options.clients));
    std::vector<std::thread> threads;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(options.seconds);
    for (int i = 0; i < options.clients; ++i)
        threads.emplace_back(
            [&target, &perClient, i, until] { LoadClient(target, 17 + i).run(until, perClient[size_t(i)]); });
    for (std::thread& t : threads)
        t.join();
    const QString indexedStatus =
        client.get("/api/v1/dataset/" + indexedId).object().value("status_new").toString();
    const QString copyStatus =
        client.get("/api/v1/dataset/" + copyId).object().value("status_new").toString();

    std::map<std::string, Tally> tallies;
    Tally all;
    for (const auto& clientTallies : perClient)
        for (const auto& [kind, tally] : clientTallies) {
            Tally& merged = tallies[kind];
            merged.milliseconds.insert(merged.milliseconds.end(), tally.milliseconds.begin(),
                                       tally.milliseconds.end());
            merged.failures += tally.failures;
            for (const std::string& example : tally.examples)
                if (merged.examples.size() < 3)
                    merged.examples.push_back(example);
            all.milliseconds.insert(all.milliseconds.end(), tally.milliseconds.begin(),
                                    tally.milliseconds.end());
            all.failures += tally.failures;
        }
    std::printf("%-16s %9s %9s %9s %9s %9s\n", "kind", "requests", "failed", "p50 ms", "p99 ms", "max ms");
    const auto row = [](const std::string& kind, const Tally& t) {
        std::printf("%-16s %9zu %9d %9.1f %9.1f %9.1f\n", kind.c_str(), t.milliseconds.size(), t.failures,
                    percentile(t.milliseconds, 0.5), percentile(t.milliseconds, 0.99),
                    percentile(t.milliseconds, 1.0));
        for (const std::string& example : t.examples)
            std::printf("    failed: %s\n", example.c_str());
    };
    for (const auto& [kind, tally] : tallies)
        row(kind, tally);
    row("all", all);
    std::printf("while the load ran: indexed dataset %s, enriched copy %s; %.1f requests/s\n",
                qPrintable(indexedStatus), qPrintable(copyStatus),
                double(all.milliseconds.size()) / options.seconds);

    // Afterwards nothing may be missing: both background jobs end READY with every image.
    const QJsonObject indexed = client.waitForStatus(indexedId, {"READY", "ERROR"}, 600000);
    const QJsonObject copy = client.waitForStatus(copyId, {"READY", "ERROR"}, 600000);
    const QJsonObject browsed = client.waitForStatus(browsedId, {"READY", "ERROR"}, 600000);
    engine.waitForIdle(600000);
    std::printf("afterwards: indexed %s %d/%d images, copy %s %d/%d, browsed %s %d/%d\n",
                qPrintable(indexed.value("status_new").toString()), indexed.value("n_images").toInt(),
                options.indexImages, qPrintable(copy.value("status_new").toString()),
                copy.value("n_images").toInt(), options.images,
                qPrintable(browsed.value("status_new").toString()), browsed.value("n_images").toInt(),
                options.images);
    engine.stop();
    const QString verdict = integrity(engine.dataDirectory());
    std::printf("catalogue integrity_check: %s\n", qPrintable(verdict));
    if (verdict != QLatin1String("ok"))
        return fail("the catalogue is damaged");
    if (all.failures > 0 || warmFailures > 0)
        return fail("requests failed");
    if (all.milliseconds.empty())
        return fail("no request was made");
    if (indexed.value("n_images").toInt() != options.indexImages ||
        copy.value("n_images").toInt() != options.images ||
        browsed.value("n_images").toInt() != options.images ||
        indexed.value("status_new").toString() != "READY" || copy.value("status_new").toString() != "READY" ||
        browsed.value("status_new").toString() != "READY")
        return fail("rows were lost or a job did not finish");
    return 0;
}
