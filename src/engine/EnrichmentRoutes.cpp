#include "EnrichmentRoutes.h"

#include "EngineContext.h"
#include "EnrichmentCatalog.h"
#include "HttpServer.h"

#include <QJsonDocument>
#include <QUuid>

namespace vl::engine {

namespace {

ApiResponse notFound(const QString& id) {
    return ApiResponse::detail(404, QStringLiteral("Dataset %1 not found").arg(id));
}

ApiResponse listModels(EngineContext& ctx, const QString& id) {
    if (!ctx.catalogue.dataset(id))
        return notFound(id);
    return ApiResponse::json(EnrichmentCatalog::toJson());
}

// Local datasets have one enrichment context each, with a stable id; nothing has been applied yet.
QString contextId(const QString& datasetId) {
    const QUuid ns(QStringLiteral("{0b8f6a52-3c1e-4f7e-9d0c-5a2b7e4c1f90}"));
    return QUuid::createUuidV5(ns, datasetId).toString(QUuid::WithoutBraces);
}

ApiResponse context(EngineContext& ctx, const QString& id) {
    if (!ctx.catalogue.dataset(id))
        return notFound(id);
    return ApiResponse::json(
        QJsonObject{{"enrichment_context_id", contextId(id)},
                    {"status", "NEW"},
                    {"dataset_enrichment_models", QJsonObject{{"enrichment_models", QJsonObject()}}}});
}

std::optional<ApiResponse> checkContext(EngineContext& ctx, const QString& id, const QString& context) {
    if (!ctx.catalogue.dataset(id))
        return notFound(id);
    if (context != contextId(id))
        return ApiResponse::detail(404, QStringLiteral("Enrichment context %1 not found").arg(context));
    return std::nullopt;
}

ApiResponse status(EngineContext& ctx, const QString& id, const QString& context) {
    if (auto problem = checkContext(ctx, id, context))
        return *problem;
    return ApiResponse::json(
        QJsonObject{{"enrichment_context_id", context}, {"status", "NEW"}, {"progress", 0}});
}

ApiResponse abort(EngineContext& ctx, const QString& id, const QString& context) {
    if (auto problem = checkContext(ctx, id, context))
        return *problem;
    return ApiResponse::detail(409, QStringLiteral("No enrichment is running for dataset %1").arg(id));
}

ApiResponse enrich(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const auto dataset = ctx.catalogue.dataset(id);
    if (!dataset)
        return notFound(id);
    if (dataset->status != DatasetState::Ready)
        return ApiResponse::detail(
            409, QStringLiteral("Dataset %1 is not ready (status %2)").arg(id, dataset->status));
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    const QJsonObject models = body.object().value(QStringLiteral("enrichment_models")).toObject();
    if (!body.isObject() || models.isEmpty())
        return ApiResponse::validation(ValidationIssue{
            "body", "enrichment_models", "Expected {\"enrichment_models\": {\"<TYPE>\": \"<model_id>\"}}",
            "value_error", QJsonValue::Null});
    for (auto it = models.constBegin(); it != models.constEnd(); ++it) {
        const QString modelId =
            it.value().isObject() ? it.value().toObject().value("id").toString() : it.value().toString();
        if (!EnrichmentCatalog::isKnownType(it.key()))
            return ApiResponse::validation(ValidationIssue{
                "body", "enrichment_models", QStringLiteral("Unknown enrichment type '%1'").arg(it.key()),
                "value_error", it.key()});
        const auto model = EnrichmentCatalog::find(modelId);
        if (!model || model->type != it.key())
            return ApiResponse::validation(ValidationIssue{
                "body", "enrichment_models",
                QStringLiteral("Unknown model '%1' for enrichment type %2").arg(modelId, it.key()),
                "value_error", modelId});
        if (model->status != QLatin1String("Active"))
            return ApiResponse::validation(
                ValidationIssue{"body", "enrichment_models",
                                QStringLiteral("Model '%1' is not available yet (Coming Soon): %2")
                                    .arg(modelId, model->description),
                                "value_error", modelId});
    }
    return ApiResponse::detail(500, QStringLiteral("No local enrichment model is active"));
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
