#include "EnrichmentModel.h"

#include "JsonRead.h"

namespace vl {

bool EnrichmentModel::isActive() const {
    return status.trimmed().compare(QLatin1String("Active"), Qt::CaseInsensitive) == 0;
}

EnrichmentModel EnrichmentModel::fromJson(const QJsonObject& json) {
    using namespace JsonRead;
    EnrichmentModel model;
    model.id = firstString(json, {"id", "model_id"});
    model.name = string(json.value(QLatin1String("name")));
    model.type = string(json.value(QLatin1String("type")));
    model.status = string(json.value(QLatin1String("status")));
    model.vendor = string(json.value(QLatin1String("vendor")));
    model.description = string(json.value(QLatin1String("description")));
    model.dependencies = stringList(json.value(QLatin1String("dependencies")));
    return model;
}

QVector<EnrichmentModel> EnrichmentModel::listFromJson(const QJsonArray& json) {
    QVector<EnrichmentModel> models;
    for (const QJsonValue& item : json) {
        if (!item.isObject())
            continue;
        EnrichmentModel model = fromJson(item.toObject());
        if (!model.id.isEmpty())
            models.append(model);
    }
    return models;
}

// The applied models sit at dataset_enrichment_models.enrichment_models; tolerate the map one level up too.
static QJsonObject appliedModelMap(const QJsonObject& json) {
    const QJsonValue nested = json.value(QLatin1String("dataset_enrichment_models"));
    if (nested.isObject()) {
        const QJsonObject inner = nested.toObject();
        if (inner.contains(QLatin1String("enrichment_models")))
            return JsonRead::object(inner.value(QLatin1String("enrichment_models")));
        return inner;
    }
    return JsonRead::object(json.value(QLatin1String("enrichment_models")));
}

EnrichmentContext EnrichmentContext::fromJson(const QJsonObject& json) {
    EnrichmentContext context;
    context.contextId = JsonRead::firstString(json, {"enrichment_context_id", "context_id", "id"});
    context.status = JsonRead::string(json.value(QLatin1String("status")));
    const QJsonObject models = appliedModelMap(json);
    for (auto it = models.begin(); it != models.end(); ++it) {
        // A value is the model id, or {"id": "...", "metadata": {...}} for models taking a prompt.
        const QString modelId = it.value().isObject()
                                    ? JsonRead::firstString(it.value().toObject(), {"id", "model_id"})
                                    : JsonRead::string(it.value());
        if (!modelId.isEmpty())
            context.appliedModels.insert(it.key(), modelId);
    }
    return context;
}

QJsonObject EnrichmentRequest::toJson() const {
    QJsonObject selection;
    for (auto it = models.begin(); it != models.end(); ++it)
        selection.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("enrichment_models"), selection}};
}

} // namespace vl
