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

ApiResponse context(EngineContext& ctx, const QString& id) {
    if (!ctx.catalogue.dataset(id))
        return notFound(id);
    // Nothing has been applied to a local dataset yet; the id is stable per dataset.
    const QUuid ns(QStringLiteral("{0b8f6a52-3c1e-4f7e-9d0c-5a2b7e4c1f90}"));
    return ApiResponse::json(
        QJsonObject{{"enrichment_context_id", QUuid::createUuidV5(ns, id).toString(QUuid::WithoutBraces)},
                    {"status", "NEW"},
                    {"dataset_enrichment_models", QJsonObject{{"enrichment_models", QJsonObject()}}}});
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
    server.route("POST", "/api/v1/dataset/([^/]+)/enrich_dataset", Access::Token,
                 [c](const ApiRequest& r) { return enrich(*c, r); });
}

} // namespace vl::engine
