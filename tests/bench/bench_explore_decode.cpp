// Explore page decoding: one 100-cluster page with 9 previews per cluster, shaped as the local engine
// sends it (ExplorePayload: signed absolute links, labels, tags, nulls), decoded from bytes the way
// ExploreJob::decode does it for ClusterResultsModel (QJsonDocument::fromJson, then ExploreResult::fromJson
// against the client's base URL; the model then appends the decoded vector), against
// QJsonDocument::fromJson of the same bytes alone. Rounds alternate the two so load on the machine hits
// both alike; the ratio is of the medians. Exits 1 when the ratio exceeds --max-ratio (default 2).
#include "BenchStats.h"
#include "ExplorePayload.h"

#include "Cluster.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"rounds", "timed rounds of each", "n", "300"});
    parser.addOption({"max-ratio", "target: decode into clusters / JSON parse alone", "r", "2"});
    parser.process(app);
    const int rounds = parser.value("rounds").toInt();
    const double maxRatio = parser.value("max-ratio").toDouble();

    const QByteArray bytes = ExplorePayload::page(0, 100, 9);
    const QUrl baseUrl(QStringLiteral("http://127.0.0.1:45123"));
    QVector<double> parseMs, decodeMs;
    int clusters = 0, previews = 0;
    for (int round = -5; round < rounds; ++round) { // 5 warm-up rounds
        QElapsedTimer timer;
        timer.start();
        const QJsonDocument parsed = QJsonDocument::fromJson(bytes);
        const double parse = timer.nsecsElapsed() / 1e6;
        timer.restart();
        const QJsonDocument json = QJsonDocument::fromJson(bytes);
        const vl::ExploreResult result = vl::ExploreResult::fromJson(json.object(), baseUrl);
        const double decode = timer.nsecsElapsed() / 1e6;
        if (round < 0)
            continue;
        parseMs.append(parse);
        decodeMs.append(decode);
        clusters = result.clusters.size();
        previews = 0;
        for (const vl::Cluster& c : result.clusters)
            previews += c.previews.size();
        if (parsed.isNull())
            clusters = 0;
    }
    const double parse = BenchStats::median(parseMs), decode = BenchStats::median(decodeMs);
    const double ratio = decode / parse;
    std::printf("page: %lld bytes, %d clusters, %d previews\n", static_cast<long long>(bytes.size()),
                clusters, previews);
    std::printf(
        "QJsonDocument::fromJson alone: median %.3f ms; bytes -> clusters: median %.3f ms (p90 %.3f)\n",
        parse, decode, BenchStats::percentile(decodeMs, 0.9));
    std::printf("ratio %.2f (target <= %.2f)\n", ratio, maxRatio);
    if (clusters != 100 || previews != 900) {
        std::printf("FAIL: the page did not decode to 100 clusters of 9 previews\n");
        return 1;
    }
    if (ratio > maxRatio) {
        std::printf("FAIL: decoding costs %.2f x the JSON parse\n", ratio);
        return 1;
    }
    return 0;
}
