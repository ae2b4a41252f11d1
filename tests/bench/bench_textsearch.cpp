// Text search on a folder with neutral file names (not a ctest test: run it by hand).
//
// The labelled photos of data/detection_truth.json (Debian packages: darknet, python3-skimage...) and its
// negatives are copied to photo_001.jpg, photo_002.png ... so no file name gives anything away. A local
// engine indexes the folder over real HTTP; then every COCO class of the truth, WordNet hypernyms of them
// (animal, vehicle, mammal, tableware...) and plurals / synonyms (dogs, people, automobile...) are asked
// with VQL `semantic`. Relevant = photos whose truth holds that class or one of its kinds (table below,
// written by hand, not derived from WordNet). Metric: recall@10 of the ranked previews, per query and
// mean; measured on the dataset as a new user gets it (indexing, then the engine's perception pass, no
// enrichment) and, unless --no-enrich, on its OBJECT_DETECTION enrichment for comparison.
//
// Target (exit code 1 below it): mean recall@10 >= 0.7 on the first-run dataset (no enrichment).
// Usage: bench_textsearch [--target 0.7] [--no-enrich] [--detector local_object_detector_v00]
#include "EngineTestClient.h"
#include "LocalEngine.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <memory>

using vl::engine::LocalEngine;

namespace {

struct Photo {
    QString source;        // where the package installed it
    QString neutralName;   // photo_NNN.ext
    QSet<QString> classes; // accepted labels of its (not ignored) objects
};

struct Query {
    QString text;
    QSet<QString> relevantClasses;
};

// Hypernyms, plurals and synonyms a user types, with the truth classes each one asks for.
const QVector<Query>& widerQueries() {
    static const QVector<Query> queries = {
        {"animal", {"dog", "horse", "bird", "zebra", "giraffe", "cat", "sheep", "cow", "elephant", "bear"}},
        {"animals", {"dog", "horse", "bird", "zebra", "giraffe", "cat", "sheep", "cow", "elephant", "bear"}},
        {"mammal", {"dog", "horse", "zebra", "giraffe", "cat", "sheep", "cow", "elephant", "bear"}},
        {"vehicle", {"bicycle", "car", "truck", "motorcycle", "bus", "train", "boat", "airplane"}},
        {"people", {"person"}},
        {"persons", {"person"}},
        {"human", {"person"}},
        {"dogs", {"dog"}},
        {"horses", {"horse"}},
        {"cats", {"cat"}},
        {"birds", {"bird"}},
        {"automobile", {"car"}},
        {"motorbike", {"motorcycle"}},
        {"tableware", {"cup", "spoon", "fork", "knife", "bowl", "wine glass"}},
        {"cutlery", {"spoon", "fork", "knife"}},
        {"timepiece", {"clock"}},
        {"clothing", {"tie"}},
    };
    return queries;
}

QVector<Photo> loadTruth(const QString& path, int* missing) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QVector<Photo> photos;
    for (const QJsonValue& v : root.value("photos").toArray()) {
        Photo p;
        p.source = v.toObject().value("path").toString();
        for (const QJsonValue& o : v.toObject().value("objects").toArray()) {
            if (o.toObject().value("ignore").toBool())
                continue;
            for (const QJsonValue& label : o.toObject().value("labels").toArray())
                p.classes.insert(label.toString());
        }
        photos.append(p);
    }
    for (const QJsonValue& v : root.value("negatives").toArray())
        photos.append(Photo{v.toString(), {}, {}});
    QVector<Photo> present;
    for (const Photo& p : photos) {
        if (QFileInfo::exists(p.source))
            present.append(p);
        else
            ++*missing;
    }
    return present;
}

// Ranked file names of one semantic query: previews of the first page in relevance order.
QStringList ranked(EngineTestClient& client, const QString& datasetId, const QString& text) {
    const QJsonArray filter{QJsonObject{{"text", QJsonObject{{"op", "semantic"}, {"value", text}}}}};
    QUrlQuery q;
    q.addQueryItem("entity_type", "IMAGES");
    q.addQueryItem("threshold", "0");
    q.addQueryItem("vql", QString(QUrl::toPercentEncoding(
                              QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact)))));
    const HttpResult r = client.get("/api/v1/explore/" + datasetId, q);
    QVector<QPair<double, QString>> hits;
    for (const QJsonValue& c : r.object().value("clusters").toArray()) {
        for (const QJsonValue& p : c.toObject().value("previews").toArray())
            hits.append({p.toObject().value("relevance_score").toDouble(2.0),
                         p.toObject().value("file_name").toString()});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList names;
    for (const auto& h : hits)
        names.append(h.second);
    return names;
}

double evaluate(EngineTestClient& client, const QString& datasetId, const QVector<Photo>& photos,
                const QVector<Query>& queries, const char* title) {
    std::printf("\n%s\n%-12s %8s %5s %7s  %s\n", title, "query", "relevant", "hits", "recall", "top results");
    double sum = 0;
    for (const Query& query : queries) {
        QSet<QString> relevant;
        for (const Photo& p : photos) {
            if (p.classes.intersects(query.relevantClasses))
                relevant.insert(p.neutralName);
        }
        const QStringList top = ranked(client, datasetId, query.text).mid(0, 10);
        int found = 0;
        for (const QString& name : top)
            found += relevant.contains(name) ? 1 : 0;
        const double recall = double(found) / std::min<int>(int(relevant.size()), 10);
        sum += recall;
        QStringList shown;
        for (const QString& name : top.mid(0, 4))
            shown.append((relevant.contains(name) ? "+" : "-") + name);
        std::printf("%-12s %8d %5d %7.2f  %s\n", qPrintable(query.text), int(relevant.size()), found, recall,
                    qPrintable(shown.join(' ')));
    }
    const double mean = queries.isEmpty() ? 0 : sum / queries.size();
    std::printf("mean recall@10 over %d queries: %.3f\n", int(queries.size()), mean);
    return mean;
}

bool waitReady(EngineTestClient& client, const QString& id) {
    return client.waitForStatus(id, {"READY", "ERROR"}, 1800000).value("status_new").toString() == "READY";
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    double target = 0.7;
    bool enrich = true;
    QString detector = QStringLiteral("local_object_detector_v00");
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--target" && i + 1 < args.size())
            target = args[++i].toDouble();
        else if (args[i] == "--no-enrich")
            enrich = false;
        else if (args[i] == "--detector" && i + 1 < args.size())
            detector = args[++i];
    }

    int missing = 0;
    QVector<Photo> photos = loadTruth(QStringLiteral(VL_BENCH_DATA_DIR "/detection_truth.json"), &missing);
    std::printf("photos: %d labelled or negative (%d listed photos not installed)\n", int(photos.size()),
                missing);
    if (photos.size() < 5) {
        std::fprintf(stderr, "too few photos: install the Debian packages named in detection_truth.json\n");
        return 2;
    }
    QTemporaryDir root;
    const QString folder = root.filePath("photos");
    QDir().mkpath(folder);
    for (int i = 0; i < photos.size(); ++i) {
        photos[i].neutralName = QStringLiteral("photo_%1.%2")
                                    .arg(i + 1, 3, 10, QLatin1Char('0'))
                                    .arg(QFileInfo(photos[i].source).suffix().toLower());
        QFile::copy(photos[i].source, QDir(folder).filePath(photos[i].neutralName));
    }
    QVector<Query> queries;
    QSet<QString> classes;
    for (const Photo& p : photos)
        classes.unite(p.classes);
    QStringList sorted = classes.values();
    sorted.sort();
    for (const QString& c : sorted)
        queries.append(Query{c, {c}});
    for (const Query& q : widerQueries()) {
        if (q.relevantClasses.intersects(classes))
            queries.append(q);
    }

    LocalEngine engine(root.filePath("engine-data"));
    QString error;
    if (!engine.start(0, &error)) {
        std::fprintf(stderr, "engine: %s\n", qPrintable(error));
        return 2;
    }
    auto owned = std::make_unique<EngineTestClient>(engine.url(), engine.apiKey(), engine.apiSecret());
    EngineTestClient& client = *owned;
    QUrlQuery process;
    process.addQueryItem("path", folder);
    process.addQueryItem("name", "neutral names");
    const QString datasetId = client.post("/api/v1/process", process).object().value("dataset_id").toString();
    if (!waitReady(client, datasetId)) {
        std::fprintf(stderr, "indexing failed\n");
        return 2;
    }
    // What a new user gets without enriching: indexing, then the engine's own perception pass.
    if (!engine.waitForIdle(1800000)) {
        std::fprintf(stderr, "the perception pass did not end\n");
        return 2;
    }
    const double firstRun = evaluate(client, datasetId, photos, queries, "after indexing and perception");

    if (enrich) {
        const QByteArray body = QStringLiteral(R"({"enrichment_models": {"OBJECT_DETECTION": {"id": "%1",
                                "metadata": {}}}})")
                                    .arg(detector)
                                    .toUtf8();
        const HttpResult r = client.post("/api/v1/dataset/" + datasetId + "/enrich_dataset", {}, body);
        const QString copyId = r.object().value("dataset_id").toString();
        if (r.status != 200 || copyId.isEmpty() || !waitReady(client, copyId)) {
            std::fprintf(stderr, "enrichment failed: %d %s\n", r.status, r.body.constData());
            return 2;
        }
        evaluate(client, copyId, photos, queries, qPrintable("after OBJECT_DETECTION (" + detector + ")"));
    }
    owned.reset(); // its network manager before the engine
    engine.stop();
    std::printf("\nfirst-run recall@10 (no enrichment) %.3f, target %.2f: %s\n", firstRun, target,
                firstRun >= target ? "met" : "NOT met");
    return firstRun >= target ? 0 : 1;
}
