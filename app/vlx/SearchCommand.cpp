// search: browse or search a dataset's clusters with captions, full text, semantic text and VQL filters.
#include "ApiClient.h"
#include "CliContext.h"
#include "ClusterTable.h"
#include "Commands.h"
#include "ExploreJob.h"
#include "OptionValues.h"
#include "Vql.h"

#include <QRegularExpression>

#include <memory>

namespace vl::cli {

namespace {

// --all stops here even if a server never answers with an empty page.
constexpr int kMaxPages = 10000;

const QString kSyntax = QStringLiteral(
    "search ID [--caption T | --fts T | --semantic T [--min-similarity X]] [--labels a,b] [--tags u1,u2] "
    "[--issue NAME[:MIN-MAX]] [--duplicates X] [--uniqueness X] [--objects] [--granularity 0-4] "
    "[--max-distance X] [--page N | --all]");

struct SearchOptions {
    QCommandLineOption caption{QStringLiteral("caption"),
                               QStringLiteral("Caption search (semantic, over captions)."),
                               QStringLiteral("T")};
    QCommandLineOption fts{QStringLiteral("fts"), QStringLiteral("Full-text search over captions (VQL fts)."),
                           QStringLiteral("T")};
    QCommandLineOption semantic{QStringLiteral("semantic"),
                                QStringLiteral("Semantic text search (VQL semantic)."), QStringLiteral("T")};
    QCommandLineOption minSimilarity{QStringLiteral("min-similarity"),
                                     QStringLiteral("Minimum similarity 0-1 for --semantic."),
                                     QStringLiteral("X")};
    QCommandLineOption labels{QStringLiteral("labels"),
                              QStringLiteral("Only these labels (comma separated)."), QStringLiteral("a,b")};
    QCommandLineOption tags{QStringLiteral("tags"),
                            QStringLiteral("Only these user tag ids (comma separated)."),
                            QStringLiteral("u1,u2")};
    QCommandLineOption issue{QStringLiteral("issue"),
                             QStringLiteral("Quality issue filter, optionally with a confidence range, e.g. "
                                            "blur:0.8-1. Repeatable."),
                             QStringLiteral("NAME[:MIN-MAX]")};
    QCommandLineOption duplicates{QStringLiteral("duplicates"),
                                  QStringLiteral("Duplicate clusters at similarity X."), QStringLiteral("X")};
    QCommandLineOption uniqueness{QStringLiteral("uniqueness"), QStringLiteral("Minimum uniqueness score X."),
                                  QStringLiteral("X")};
    QCommandLineOption objects{QStringLiteral("objects"),
                               QStringLiteral("Search objects instead of images.")};
    QCommandLineOption granularity{QStringLiteral("granularity"),
                                   QStringLiteral("Clustering granularity 0 (finest) to 4."),
                                   QStringLiteral("0-4")};
    QCommandLineOption maxDistance{
        QStringLiteral("max-distance"),
        QStringLiteral("Keep results whose cosine distance is below X (caption search)."),
        QStringLiteral("X")};
    QCommandLineOption page{QStringLiteral("page"),
                            QStringLiteral("Page number, 0-based (100 clusters a page)."),
                            QStringLiteral("N")};
    QCommandLineOption all{QStringLiteral("all"), QStringLiteral("Fetch every page until an empty one.")};

    void addTo(QCommandLineParser& parser) const {
        parser.addOptions({caption, fts, semantic, minSimilarity, labels, tags, issue, duplicates, uniqueness,
                           objects, granularity, maxDistance, page, all});
    }
};

// Returns an error sentence, or an empty string when the issue filter was added.
QString addIssue(Vql& vql, const QString& text) {
    static const QRegularExpression pattern(QStringLiteral(R"(^([A-Za-z_]+)(?::([0-9.]+)-([0-9.]+))?$)"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return QStringLiteral("--issue takes NAME or NAME:MIN-MAX, got \"%1\"").arg(text);
    const QString name = match.captured(1).toLower();
    if (!Vql::knownIssueNames().contains(name))
        return QStringLiteral("unknown issue \"%1\"; known: %2")
            .arg(name, Vql::knownIssueNames().join(QStringLiteral(", ")));
    if (match.captured(2).isEmpty()) {
        vql.issue(name);
        return {};
    }
    const std::optional<double> min = parseFraction(match.captured(2));
    const std::optional<double> max = parseFraction(match.captured(3));
    if (!min || !max || *min > *max)
        return QStringLiteral("--issue %1: the confidence range must be MIN-MAX within 0-1").arg(name);
    vql.issue(name, min, max);
    return {};
}

// Fills `query` from the options; returns an error sentence for the first unusable value.
QString buildQuery(const QCommandLineParser& parser, const SearchOptions& o, ExploreQuery& query) {
    const int textModes =
        int(parser.isSet(o.caption)) + int(parser.isSet(o.fts)) + int(parser.isSet(o.semantic));
    if (textModes > 1)
        return QStringLiteral("use only one of --caption, --fts and --semantic");
    if (parser.isSet(o.minSimilarity) && !parser.isSet(o.semantic))
        return QStringLiteral("--min-similarity goes with --semantic");
    if (parser.isSet(o.page) && parser.isSet(o.all))
        return QStringLiteral("use either --page or --all");
    Vql vql;
    if (parser.isSet(o.caption))
        query.caption = parser.value(o.caption);
    if (parser.isSet(o.fts))
        vql.fullText(parser.value(o.fts));
    if (parser.isSet(o.semantic)) {
        std::optional<double> threshold;
        if (parser.isSet(o.minSimilarity) && !(threshold = parseFraction(parser.value(o.minSimilarity))))
            return QStringLiteral("--min-similarity takes a number between 0 and 1");
        vql.semantic(parser.value(o.semantic), threshold);
    }
    for (const QString& issue : parser.values(o.issue)) {
        const QString problem = addIssue(vql, issue);
        if (!problem.isEmpty())
            return problem;
    }
    if (parser.isSet(o.duplicates)) {
        const std::optional<double> value = parseFraction(parser.value(o.duplicates));
        if (!value)
            return QStringLiteral("--duplicates takes a similarity between 0 and 1");
        vql.duplicates(*value);
    }
    if (parser.isSet(o.uniqueness)) {
        const std::optional<double> value = parseFraction(parser.value(o.uniqueness));
        if (!value)
            return QStringLiteral("--uniqueness takes a score between 0 and 1");
        vql.uniqueness(*value);
    }
    if (parser.isSet(o.maxDistance)) {
        bool ok = false;
        const double value = parser.value(o.maxDistance).toDouble(&ok);
        if (!ok || value < 0 || value > 2)
            return QStringLiteral("--max-distance takes a cosine distance between 0 and 2");
        query.textualSimilarityThreshold = value;
    }
    if (parser.isSet(o.granularity)) {
        const std::optional<int> value = parseIntInRange(parser.value(o.granularity), 0, 4);
        if (!value)
            return QStringLiteral("--granularity takes 0 to 4");
        query.granularity = *value;
    }
    if (parser.isSet(o.page)) {
        const std::optional<int> value = parseIntInRange(parser.value(o.page), 0, 1000000);
        if (!value)
            return QStringLiteral("--page takes a page number from 0");
        query.pageNumber = *value;
    }
    query.labels = parseList(parser.value(o.labels));
    query.tags = parseList(parser.value(o.tags));
    query.entityType = parser.isSet(o.objects) ? EntityType::Objects : EntityType::Images;
    if (!vql.isEmpty())
        query.vql = vql.toJsonString();
    return {};
}

} // namespace

int runSearch(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Search or browse a dataset's clusters. Filters are AND-ed."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    const SearchOptions options;
    options.addTo(parser);
    if (const auto exit = context.parseCommand(parser, args, kSyntax, 1, 1))
        return *exit;
    ExploreQuery query;
    const QString problem = buildQuery(parser, options, query);
    if (!problem.isEmpty())
        return context.usageError(kSyntax, problem);
    if (const int code = context.connect())
        return code;
    const QString datasetId = parser.positionalArguments().first();
    const bool allPages = parser.isSet(options.all);
    int clusterCount = 0;
    for (int page = 0; page < kMaxPages; ++page) {
        std::unique_ptr<ExploreJob> job(new ExploreJob(&context.client(), datasetId, query));
        if (const int code = context.wait(job.get()))
            return code;
        const bool empty = job->result().clusters.isEmpty();
        // With --all the terminating empty page is not printed, unless it is the only one.
        if (!allPages || !empty || page == 0) {
            if (context.options().json)
                context.printBody(job->rawBody());
            else
                printClusters(context.out(), job->result(), query.pageNumber);
        }
        clusterCount += int(job->result().clusters.size());
        if (!allPages || empty)
            break;
        ++query.pageNumber;
    }
    if (allPages && !context.options().json)
        context.out() << clusterCount << " clusters in total\n";
    return ExitOk;
}

} // namespace vl::cli
