#include "EnrichmentRoutes.h"

#include "DatasetLookup.h"
#include "EngineContext.h"
#include "HttpServer.h"

#include <QJsonDocument>
#include <QUuid>

namespace vl::engine {

namespace {

ApiResponse listModels(EngineContext& ctx, const QString& id) {
    if (const DatasetLookup dataset(ctx.catalogue, id); !dataset)
        return dataset.failure();
    return ApiResponse::json(ctx.models->toJson());
}

// Each local dataset has one enrichment context, with a stable id derived from the dataset id.
QString contextId(const QString& datasetId) {
    const QUuid ns(QStringLiteral("{0b8f6a52-3c1e-4f7e-9d0c-5a2b7e4c1f90}"));
    return QUuid::createUuidV5(ns, datasetId).toString(QUuid::WithoutBraces);
}

// NEW when nothing was applied or runs; else the state of the latest enrichment of the dataset.
QString contextStatus(EngineContext& ctx, const DatasetRecord& dataset, int* progress) {
    const auto job = ctx.enricher->job(dataset.id);
    if (job && job->copyId == dataset.id) {
        *progress = job->progress;
        return job->status;
    }
    *progress = dataset.enrichment.isEmpty() ? 0 : 100;
    if (!dataset.sourceDatasetId.isEmpty() && dataset.status == DatasetState::Error)
        return QStringLiteral("FAILED");
    return dataset.enrichment.isEmpty() ? QStringLiteral("NEW") : QStringLiteral("COMPLETED");
}

ApiResponse context(EngineContext& ctx, const QString& id) {
    const DatasetLookup dataset(ctx.catalogue, id);
    if (!dataset)
        return dataset.failure();
    QJsonObject applied;
    for (auto it = dataset->enrichment.cbegin(); it != dataset->enrichment.cend(); ++it)
        applied.insert(it.key(), it.value());
    int progress = 0;
    return ApiResponse::json(
        QJsonObject{{"enrichment_context_id", contextId(id)},
                    {"status", contextStatus(ctx, *dataset, &progress)},
                    {"dataset_enrichment_models", QJsonObject{{"enrichment_models", applied}}}});
}

std::optional<ApiResponse> checkContext(EngineContext& ctx, const QString& id, const QString& context) {
    if (const DatasetLookup dataset(ctx.catalogue, id); !dataset)
        return dataset.failure();
    if (context != contextId(id))
        return ApiResponse::detail(404, QStringLiteral("Enrichment context %1 not found").arg(context));
    return std::nullopt;
}

// On the copy: its enrichment's state. On a source being enriched: the running job, with the copy's id.
ApiResponse status(EngineContext& ctx, const QString& id, const QString& context) {
    if (auto problem = checkContext(ctx, id, context))
        return *problem;
    const DatasetLookup dataset(ctx.catalogue, id);
    if (!dataset) // deleted since the check
        return dataset.failure();
    QJsonObject body{{"enrichment_context_id", context}};
    const auto job = ctx.enricher->job(id);
    if (job && (job->copyId == id || job->status == QLatin1String("RUNNING"))) {
        body.insert("status", job->status);
        body.insert("progress", job->progress);
        body.insert("enriched_dataset_id", job->copyId);
        if (!job->message.isEmpty())
            body.insert("message", job->message);
        return ApiResponse::json(body);
    }
    int progress = 0;
    body.insert("status", contextStatus(ctx, *dataset, &progress));
    body.insert("progress", progress);
    return ApiResponse::json(body);
}

ApiResponse abort(EngineContext& ctx, const QString& id, const QString& context) {
    if (auto problem = checkContext(ctx, id, context))
        return *problem;
    if (!ctx.enricher->abort(id))
        return ApiResponse::detail(409, QStringLiteral("No enrichment is running for dataset %1").arg(id));
    return ApiResponse::json(QJsonObject{{"enrichment_context_id", context}, {"status", "ABORTING"}});
}

ApiResponse enrich(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const DatasetLookup dataset(ctx.catalogue, id);
    if (!dataset)
        return dataset.failure();
    if (dataset->status != DatasetState::Ready)
        return ApiResponse::detail(
            409, QStringLiteral("Dataset %1 is not ready (status %2)").arg(id, dataset->status));
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    const QJsonValue models = body.object().value(QStringLiteral("enrichment_models"));
    if (!body.isObject() || !models.isObject() || models.toObject().isEmpty())
        return ApiResponse::validation(ValidationIssue{
            "body", "enrichment_models", "Expected {\"enrichment_models\": {\"<TYPE>\": \"<model_id>\"}}",
            "value_error", QJsonValue::Null});
    const EnrichmentRequest validated = ctx.models->validate(models, dataset->enrichment.keys());
    if (!validated.isValid())
        return ApiResponse::validation(
            ValidationIssue{"body", "enrichment_models", validated.error, "value_error", models});
    QString error;
    bool conflict = false;
    const QString copyId = ctx.enricher->start(*dataset, validated, &error, &conflict);
    if (copyId.isEmpty())
        return ApiResponse::detail(conflict ? 409 : 500, error);
    return ApiResponse::json(QJsonObject{{"dataset_id", copyId}});
}

} // namespace

void EnrichmentRoutes::install(HttpServer& server, EngineContext& ctx) {
    EngineContext* c = &ctx;
    server.route("GET", "/api/v1/enrichment/([^/]+)/list_models", Access::Token,
                 [c](const ApiRequest& r) { return listModels(*c, r.capture(0)); });
    server.route("GET", "/api/v1/enrichment/([^/]+)/context", Access::Token,
                 [c](const ApiRequest& r) { return context(*c, r.capture(0)); });
    server.route("GET", "/api/v1/enrichment/([^/]+)/([^/]+)/status", Access::Token,
                 [c](const ApiRequest& r) { return status(*c, r.capture(0), r.capture(1)); });
    server.route("DELETE", "/api/v1/enrichment/([^/]+)/([^/]+)/abort", Access::Token,
                 [c](const ApiRequest& r) { return abort(*c, r.capture(0), r.capture(1)); });
    server.route("POST", "/api/v1/dataset/([^/]+)/enrich_dataset", Access::Token,
                 [c](const ApiRequest& r) { return enrich(*c, r); });
}

} // namespace vl::engine
