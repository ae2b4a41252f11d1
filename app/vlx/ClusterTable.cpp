#include "ClusterTable.h"

#include "TablePrinter.h"

namespace vl::cli {

namespace {

constexpr int kCaptionWidth = 60;

QString size(const Cluster& cluster) {
    if (cluster.type.compare(QLatin1String("OBJECTS"), Qt::CaseInsensitive) == 0 && cluster.objectCount >= 0)
        return QString::number(cluster.objectCount);
    if (cluster.imageCount >= 0)
        return QString::number(cluster.imageCount);
    return QString::number(cluster.previews.size());
}

QString score(const std::optional<double>& value) {
    return value ? QString::number(*value, 'f', 3) : QStringLiteral("-");
}

QString caption(const Cluster& cluster) {
    if (!cluster.captions.isEmpty())
        return TablePrinter::elide(cluster.captions.first(), kCaptionWidth);
    if (!cluster.previews.isEmpty())
        return TablePrinter::elide(cluster.previews.first().caption, kCaptionWidth);
    return {};
}

} // namespace

void printClusters(QTextStream& out, const ExploreResult& result, int pageNumber) {
    if (result.clusters.isEmpty()) {
        out << "page " << pageNumber << ": no clusters\n" << Qt::flush;
        return;
    }
    TablePrinter table({QStringLiteral("CLUSTER"), QStringLiteral("SIZE"), QStringLiteral("SCORE"),
                        QStringLiteral("MEDIA_ID"), QStringLiteral("FILE"), QStringLiteral("CAPTION")});
    table.setRightAligned(1);
    table.setRightAligned(2);
    for (const Cluster& cluster : result.clusters) {
        const Preview first = cluster.previews.isEmpty() ? Preview() : cluster.previews.first();
        const std::optional<double> relevance =
            cluster.relevanceScore ? cluster.relevanceScore : first.relevanceScore;
        table.addRow({cluster.clusterId, size(cluster), score(relevance), first.mediaId, first.fileName,
                      caption(cluster)});
    }
    out << "page " << pageNumber << ": " << result.clusters.size() << " clusters\n";
    table.print(out);
}

} // namespace vl::cli
