#include "EmbeddingsMapRoute.h"

#include "DatasetLookup.h"
#include "DatasetSnapshot.h"
#include "EngineContext.h"
#include "ExploreRequest.h"
#include "HttpServer.h"
#include "SearchRoutes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vl::engine {

namespace {

const QString kUnlabelled = QStringLiteral("unlabelled");

// What colours a point: the folder (class-per-folder) label, else the first class a detector found in it,
// else "unlabelled".
QString colourLabel(const DatasetSnapshot& snapshot, int index) {
    const MediaRecord& item = snapshot.items()[index];
    if (!item.label.isEmpty())
        return item.label;
    const QStringList classes = snapshot.detectedClasses(index);
    return classes.isEmpty() ? kUnlabelled : classes.first();
}

QJsonObject mapJson(const DatasetSnapshot& snapshot) {
    const EmbeddingsMap& map = snapshot.embeddingsMap();
    QJsonArray ids;
    QJsonArray xs;
    QJsonArray ys;
    QJsonArray labelOf;
    QJsonArray labels;
    QHash<QString, int> labelIndex;
    for (int i = 0; i < snapshot.size(); ++i) {
        const QString label = colourLabel(snapshot, i);
        auto found = labelIndex.constFind(label);
        if (found == labelIndex.constEnd()) {
            found = labelIndex.insert(label, labels.size());
            labels.append(label);
        }
        ids.append(snapshot.items()[i].mediaId);
        xs.append(map.x(i));
        ys.append(map.y(i));
        labelOf.append(*found);
    }
    return QJsonObject{{"entity_type", snapshot.isObjects() ? "OBJECTS" : "IMAGES"},
                       {"method", "pca"},
                       {"scale", EmbeddingsMap::kScale},
                       {"explained_variance", std::round(map.explainedVariance() * 1000) / 1000},
                       {"labels", labels},
                       {"media_ids", ids},
                       {"x", xs},
                       {"y", ys},
                       {"label", labelOf}};
}

ApiResponse embeddingsMap(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const DatasetLookup dataset(ctx.catalogue, id);
    QList<ValidationIssue> issues;
    const bool objects = request.parameter(QStringLiteral("entity_type")) &&
                         ExploreRequest::parseEntityType(request, issues).value_or(false);
    if (dataset && !issues.isEmpty())
        return ApiResponse::validation(issues);
    if (auto notReady = SearchRoutes::browsable(dataset, id))
        return *notReady;
    QString readError;
    const auto snapshot = ctx.snapshots.get(ctx.catalogue, *dataset, objects, &readError);
    if (!snapshot)
        return DatasetLookup::catalogueError(readError);
    return ApiResponse::json(mapJson(*snapshot));
}

} // namespace

void EmbeddingsMapRoute::install(HttpServer& server, EngineContext& ctx) {
    EngineContext* c = &ctx;
    server.route("GET", "/api/v1/dataset/([^/]+)/embeddings_map", Access::Token,
                 [c](const ApiRequest& r) { return embeddingsMap(*c, r); });
}

} // namespace vl::engine
