#include "ExportRoutes.h"

#include "DatasetLookup.h"
#include "EngineContext.h"
#include "ExploreEngine.h"
#include "ExploreRequest.h"
#include "ExportWriter.h"
#include "HttpServer.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace vl::engine {

namespace {

const QString kIdPattern = QStringLiteral("([^/]+)");
constexpr double kIssueConfidence = 0.5; // the explore "issues" threshold below which nothing is reported
constexpr int kClusterLevel = 2;         // cluster_id of each item: the default explore granularity

QJsonValue orNull(const QString& s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject taskJson(const EngineContext& ctx, const ExportTasks::Task& t) {
    const bool done = t.status == QLatin1String("COMPLETED");
    return QJsonObject{{"id", t.id},
                       {"dataset_id", t.datasetId},
                       {"created_at", EngineContext::isoTimestamp(t.createdAt)},
                       {"download_uri", done ? QJsonValue(ctx.signer.signedUrl(
                                                   QUrl(), ExportTasks::downloadPath(t.datasetId, t.id)))
                                             : QJsonValue(QJsonValue::Null)},
                       {"progress", t.progress},
                       {"status", t.status},
                       {"entities_count", t.entitiesCount},
                       {"result_message", orNull(t.resultMessage)}};
}

bool boolParameter(const ApiRequest& request, const QString& name) {
    const QString v = request.parameter(name).value_or(QString()).trimmed().toLower();
    return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes");
}

QVector<ExportMediaItem> buildItems(EngineContext& ctx, const DatasetRecord& dataset,
                                    const QSet<QString>& selected) {
    // A read error yields no items, which fails the task (an export must not silently miss images).
    QString readError;
    const auto snapshot = ctx.snapshots.get(ctx.catalogue, dataset, false, &readError);
    const QVector<ObjectRecord> objects = ctx.catalogue.objects(dataset.id, false, &readError);
    if (!snapshot || !readError.isEmpty())
        return {};
    QHash<QString, QVector<ObjectRecord>> objectsByMedia;
    for (const ObjectRecord& o : objects)
        objectsByMedia[o.mediaId].append(o);
    const std::vector<int>& clusters = snapshot->clusters(kClusterLevel);
    const QString labelSource = dataset.enrichment.contains(QStringLiteral("IMAGE_TAGGING"))
                                    ? QStringLiteral("Model")
                                    : QStringLiteral("User");
    QVector<ExportMediaItem> items;
    for (int i = 0; i < snapshot->size(); ++i) {
        const MediaRecord& m = snapshot->items()[i];
        if (!selected.isEmpty() && !selected.contains(m.mediaId))
            continue;
        ExportMediaItem item;
        item.mediaId = m.mediaId;
        item.fileName = QFileInfo(m.relativePath).fileName();
        item.filePath = m.relativePath;
        item.fileSizeBytes = m.stamp.size;
        item.uniquenessScore = snapshot->uniqueness(i);
        item.width = m.width;
        item.height = m.height;
        // No signed link: an export outlives every link (they expire, and the secret changes at each
        // start). The item is identified by media_id and file_path; with images, url names the zip entry.
        item.url.clear();
        item.clusterId = QString::number(clusters[size_t(i)]);
        if (!m.caption.isEmpty())
            item.captions.append(ExportCaption{m.caption, QStringLiteral("VL Explorer")});
        if (!m.label.isEmpty())
            item.labels.append(ExportLabel{m.label, labelSource, -1});
        const QList<QPair<QString, double>> issues{{QStringLiteral("blur"), m.blur},
                                                   {QStringLiteral("dark"), m.dark},
                                                   {QStringLiteral("bright"), m.bright}};
        for (const auto& [type, confidence] : issues) {
            if (confidence >= kIssueConfidence)
                item.issues.append(ExportIssue{type, confidence, QString(), -1});
        }
        for (const ObjectRecord& o : objectsByMedia.value(m.mediaId)) {
            ExportObject object;
            object.bbox = o.box;
            object.categoryName = o.label;
            object.url.clear();
            item.objects.append(object);
        }
        item.sourceFile = QDir(dataset.folder).filePath(m.relativePath);
        items.append(item);
    }
    return items;
}

// Shared by both export routes: checks what can be checked at once, then queues the zip.
ApiResponse startExport(EngineContext& ctx, const ApiRequest& request, const QString& id,
                        const QSet<QString>& selected, bool selective) {
    const DatasetLookup dataset(ctx.catalogue, id);
    if (!dataset)
        return dataset.failure();
    ExportOptions options;
    options.format = request.parameter(QStringLiteral("export_format")).value_or(QStringLiteral("json"));
    options.includeImages = boolParameter(request, QStringLiteral("include_images"));
    const qint64 count = selective ? selected.size() : dataset->imageCount;
    auto reject = [&](const QString& message) {
        return ApiResponse::json(taskJson(ctx, ctx.exports->reject(id, count, message)));
    };
    if (options.format.compare(QLatin1String("parquet"), Qt::CaseInsensitive) == 0)
        return reject(QStringLiteral("parquet export is not supported by the local engine"));
    if (const QString problem = ExportWriter::checkFormat(options.format); !problem.isEmpty())
        return reject(problem);
    if (dataset->status != DatasetState::Ready && dataset->status != DatasetState::PartialIndex)
        return reject(QStringLiteral("Dataset %1 is not ready (status %2)").arg(id, dataset->status));
    if (count == 0)
        return reject(QStringLiteral("Nothing to export: no media matches the selection"));
    ExportInfo info;
    info.dataset = dataset->displayName;
    info.datasetCreationTime = dataset->createdAt;
    info.exportedBy = QStringLiteral("local");
    EngineContext* c = &ctx;
    const DatasetRecord record = *dataset;
    const auto task = ctx.exports->submit(
        id, count, [c, record, selected] { return buildItems(*c, record, selected); }, info, options);
    return ApiResponse::json(taskJson(ctx, task));
}

// Explore filters accepted by export_context_async (what the SDKs pass to export a filtered view).
bool hasExploreFilters(const ApiRequest& request) {
    for (const char* name : {"vql", "labels", "caption", "image_caption", "anchor_media_id", "tags"}) {
        const QString value = request.parameter(QLatin1String(name)).value_or(QString()).trimmed();
        if (!value.isEmpty() && value != QLatin1String("[]"))
            return true;
    }
    return false;
}

// The images a filtered export covers: those passing the filters (entity_type OBJECTS: the images of the
// objects passing them). The cluster_id parameter is not supported (ignored).
std::optional<QSet<QString>> filteredMedia(EngineContext& ctx, const ApiRequest& request,
                                           const DatasetRecord& dataset, ApiResponse* error) {
    ApiRequest withDefaults = request;
    if (!withDefaults.parameter(QStringLiteral("entity_type")))
        withDefaults.query.insert(QStringLiteral("entity_type"), QStringLiteral("IMAGES"));
    const auto query = ExploreRequest::parse(withDefaults, error);
    if (!query)
        return std::nullopt;
    QString readError;
    const auto snapshot = ctx.snapshots.get(ctx.catalogue, dataset, query->objects, &readError);
    if (!snapshot) {
        *error = DatasetLookup::catalogueError(readError);
        return std::nullopt;
    }
    ExploreEngine engine(ctx.catalogue, ctx.signer, ctx.baseUrl);
    if (!query->objects)
        engine.setTextEncoder(ctx.textEncoderFor(dataset));
    const auto indexes = engine.select(*snapshot, *query, error);
    if (!indexes)
        return std::nullopt;
    QSet<QString> ids;
    for (int i : *indexes)
        ids.insert(snapshot->isObjects() ? snapshot->object(i).mediaId : snapshot->items()[i].mediaId);
    return ids;
}

ApiResponse exportContext(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const DatasetLookup dataset(ctx.catalogue, id);
    if (!dataset || !hasExploreFilters(request) || dataset->status != DatasetState::Ready)
        return startExport(ctx, request, id, {}, false);
    ApiResponse error;
    const auto selected = filteredMedia(ctx, request, *dataset, &error);
    if (!selected)
        return error;
    return startExport(ctx, request, id, *selected, true);
}

// {"media_selection":[{"type":"media","payload":{"media_ids":[...]}}, ...]}; cluster selections are not
// resolved by the local engine (their ids depend on the explore query) and are refused with a 422.
ApiResponse exportEntities(EngineContext& ctx, const ApiRequest& request) {
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    const QJsonValue selection = body.object().value(QStringLiteral("media_selection"));
    if (!body.isObject() || !selection.isArray())
        return ApiResponse::validation(ValidationIssue{
            "body", "media_selection",
            "Expected {\"media_selection\": [{\"type\": \"media\", \"payload\": {\"media_ids\": [...]}}]}",
            "value_error", QJsonValue::Null});
    if (const DatasetLookup dataset(ctx.catalogue, request.capture(0)); !dataset)
        return dataset.failure();
    QSet<QString> requested;
    for (const QJsonValue& entry : selection.toArray()) {
        const QJsonObject o = entry.toObject();
        if (o.value(QStringLiteral("type")).toString() != QLatin1String("media"))
            return ApiResponse::validation(
                ValidationIssue{"body", "media_selection",
                                QStringLiteral("Selection type '%1' is not supported by the local engine; "
                                               "select media by id")
                                    .arg(o.value(QStringLiteral("type")).toString()),
                                "value_error", entry});
        for (const QJsonValue& idValue : o.value("payload").toObject().value("media_ids").toArray())
            requested.insert(idValue.toString().toLower());
    }
    QString readError;
    const QVector<MediaRecord> media = ctx.catalogue.media(request.capture(0), false, &readError);
    if (!readError.isEmpty())
        return DatasetLookup::catalogueError(readError);
    QSet<QString> known;
    for (const MediaRecord& m : media) {
        if (requested.contains(m.mediaId))
            known.insert(m.mediaId);
    }
    return startExport(ctx, request, request.capture(0), known, true);
}

ApiResponse exportStatus(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    if (const DatasetLookup dataset(ctx.catalogue, id); !dataset)
        return dataset.failure();
    const QString taskId = request.queryValue(QStringLiteral("export_task_id"));
    if (taskId.isEmpty())
        return ApiResponse::validation(
            ValidationIssue{"query", "export_task_id", "Field required", "missing", QJsonValue::Null});
    const auto task = ctx.exports->task(id, taskId);
    if (!task)
        return ApiResponse::detail(404, QStringLiteral("Export task %1 not found").arg(taskId));
    return ApiResponse::json(taskJson(ctx, *task));
}

ApiResponse download(EngineContext& ctx, const QString& id, const QString& taskId, const QString& name) {
    const QString file = ctx.exports->zipFile(id, taskId);
    if (file.isEmpty() || name != taskId)
        return ApiResponse::detail(404, QStringLiteral("Export %1 not found").arg(taskId));
    return ApiResponse::file(file, "application/zip");
}

} // namespace

void ExportRoutes::install(HttpServer& server, EngineContext& ctx) {
    EngineContext* c = &ctx;
    server.route("GET", "/api/v1/dataset/" + kIdPattern + "/export_context_async", Access::Token,
                 [c](const ApiRequest& r) { return exportContext(*c, r); });
    server.route("POST", "/api/v1/dataset/" + kIdPattern + "/export_entities_async", Access::Token,
                 [c](const ApiRequest& r) { return exportEntities(*c, r); });
    server.route("GET", "/api/v1/dataset/" + kIdPattern + "/export_status", Access::Token,
                 [c](const ApiRequest& r) { return exportStatus(*c, r); });
    server.route("GET", "/cdn/" + kIdPattern + "/images/" + kIdPattern + "/([^/]+)\\.zip",
                 Access::SignedOrToken,
                 [c](const ApiRequest& r) { return download(*c, r.capture(0), r.capture(1), r.capture(2)); });
}

} // namespace vl::engine
