#include "DatasetRoutes.h"

#include "DatasetLookup.h"
#include "EngineContext.h"
#include "HttpServer.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QUuid>

namespace vl::engine {

namespace {

const QString kIdPattern = QStringLiteral("([^/]+)");

ApiResponse process(EngineContext& ctx, const ApiRequest& request) {
    const QString path = request.parameter(QStringLiteral("path")).value_or(QString()).trimmed();
    if (path.isEmpty())
        return ApiResponse::processError(400, QStringLiteral("Missing required parameter: path"));
    if (QDir::isRelativePath(path))
        return ApiResponse::processError(400, QStringLiteral("The path must be absolute: %1").arg(path));
    const QFileInfo folder(path);
    if (!folder.exists())
        return ApiResponse::processError(404, QStringLiteral("Path does not exist: %1").arg(path));
    if (!folder.isDir())
        return ApiResponse::processError(400, QStringLiteral("Path is not a directory: %1").arg(path));
    if (!folder.isReadable())
        return ApiResponse::processError(403, QStringLiteral("Path is not readable: %1").arg(path));
    QString name = request.parameter(QStringLiteral("name")).value_or(QString()).trimmed();
    if (name.isEmpty())
        name = folder.fileName().isEmpty() ? path : folder.fileName();

    DatasetRecord dataset;
    dataset.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    dataset.displayName = name;
    dataset.description = QString("");
    dataset.folder = folder.canonicalFilePath();
    dataset.status = DatasetState::Draft;
    dataset.createdAt = QDateTime::currentDateTimeUtc();
    if (!ctx.catalogue.insertDataset(dataset))
        return ApiResponse::processError(500,
                                         QStringLiteral("Could not record the dataset in the catalogue"));
    ctx.indexer->enqueue(dataset.id);
    return ApiResponse::json(QJsonObject{{"status", "success"},
                                         {"message", "Dataset processing started"},
                                         {"dataset_id", dataset.id},
                                         {"name", name}});
}

ApiResponse list(EngineContext& ctx) {
    QJsonArray all;
    QString readError;
    const QVector<DatasetRecord> datasets = ctx.catalogue.datasets(&readError);
    if (!readError.isEmpty())
        return DatasetLookup::catalogueError(readError);
    for (const DatasetRecord& d : datasets)
        all.append(ctx.datasetJson(d));
    return ApiResponse::json(all);
}

ApiResponse get(EngineContext& ctx, const QString& id) {
    const DatasetLookup dataset(ctx.catalogue, id);
    return dataset ? ApiResponse::json(ctx.datasetJson(*dataset)) : dataset.failure();
}

// 409 naming what holds the dataset (see DatasetClaims).
ApiResponse busy(const QString& id, const QString& activity) {
    if (activity == QLatin1String("enriched"))
        return ApiResponse::detail(
            409, QStringLiteral("Dataset %1 is being enriched; abort the enrichment first").arg(id));
    return ApiResponse::detail(409, QStringLiteral("Dataset %1 is being %2").arg(id, activity));
}

// Under the dataset's claim: an enrichment cannot start between the checks and the delete.
ApiResponse remove(EngineContext& ctx, const QString& id) {
    QString activity;
    const auto claim = ctx.claims.tryClaim(id, QStringLiteral("deleted"), &activity);
    if (!claim)
        return busy(id, activity);
    if (const DatasetLookup dataset(ctx.catalogue, id); !dataset)
        return dataset.failure();
    ctx.perceiver->cancel(id);
    ctx.indexer->cancel(id);
    if (!ctx.catalogue.deleteDataset(id)) {
        // Still catalogued (or the catalogue failed): its thumbnails and exports must stay.
        const DatasetLookup dataset(ctx.catalogue, id);
        if (dataset || dataset.readFailed())
            return ApiResponse::detail(
                500, QStringLiteral("Dataset %1 could not be deleted from the catalogue").arg(id));
    }
    ctx.snapshots.invalidate(id);
    QDir(QStringLiteral("%1/%2").arg(ctx.thumbnailDirectory, id)).removeRecursively();
    QDir(QStringLiteral("%1/%2").arg(ctx.exports->exportDirectory(), id)).removeRecursively();
    return ApiResponse::json(QJsonObject{{"dataset_id", id}, {"status", "DELETED"}});
}

ApiResponse skipped(EngineContext& ctx, const QString& id) {
    if (const DatasetLookup dataset(ctx.catalogue, id); !dataset)
        return dataset.failure();
    QString readError;
    const QVector<SkippedRecord> skippedFiles = ctx.catalogue.skipped(id, &readError);
    if (!readError.isEmpty())
        return DatasetLookup::catalogueError(readError);
    QJsonArray files;
    for (const SkippedRecord& s : skippedFiles)
        files.append(QJsonObject{{"file", s.relativePath}, {"reason", s.reason}});
    return ApiResponse::json(files);
}

// The cloud only reindexes from PARTIAL INDEX; a local folder can change any time, so READY and
// ERROR are accepted too. A run in progress is a conflict.
// Checks and enqueues under the dataset's claim; once enqueued the dataset is INDEXING, which an
// enrichment's own check (under the claim too) refuses.
ApiResponse reindex(EngineContext& ctx, const QString& id) {
    QString activity;
    const auto claim = ctx.claims.tryClaim(id, QStringLiteral("reindexed"), &activity);
    if (!claim)
        return busy(id, activity);
    const DatasetLookup dataset(ctx.catalogue, id);
    if (!dataset)
        return dataset.failure();
    if (ctx.indexer->isBusy(id) || dataset->status == DatasetState::Indexing)
        return ApiResponse::detail(409, QStringLiteral("Dataset %1 is already being indexed").arg(id));
    if (dataset->status == QLatin1String(Enricher::kReadOnly)) // a source whose enrichment is finishing
        return busy(id, QStringLiteral("enriched"));
    ctx.perceiver->cancel(id); // resumes once indexing made the dataset READY again
    ctx.snapshots.invalidate(id);
    ctx.indexer->enqueue(id);
    return ApiResponse::json(QJsonObject{{"dataset_id", id}, {"status_new", DatasetState::Indexing}}, 202);
}

} // namespace

void DatasetRoutes::install(HttpServer& server, EngineContext& ctx) {
    EngineContext* c = &ctx;
    for (const char* method : {"GET", "POST"})
        server.route(method, "/api/v1/process", Access::Token,
                     [c](const ApiRequest& r) { return process(*c, r); });
    server.route("GET", "/api/v1/datasets", Access::Token, [c](const ApiRequest&) { return list(*c); });
    server.route("GET", "/api/v1/dataset/" + kIdPattern, Access::Token,
                 [c](const ApiRequest& r) { return get(*c, r.capture(0)); });
    server.route("DELETE", "/api/v1/dataset/" + kIdPattern, Access::Token,
                 [c](const ApiRequest& r) { return remove(*c, r.capture(0)); });
    server.route("GET", "/api/v1/dataset/" + kIdPattern + "/skipped", Access::Token,
                 [c](const ApiRequest& r) { return skipped(*c, r.capture(0)); });
    server.route("POST", "/api/v1/dataset/" + kIdPattern + "/reindex", Access::Token,
                 [c](const ApiRequest& r) { return reindex(*c, r.capture(0)); });
}

} // namespace vl::engine
