#include "EnrichmentJobs.h"

#include "ApiClient.h"
#include "JsonRead.h"

#include <QJsonArray>
#include <QJsonObject>

namespace vl {

namespace {

QString enrichmentPath(const QString& datasetId, const QString& tail) {
    return QStringLiteral("/enrichment/") + QString::fromLatin1(QUrl::toPercentEncoding(datasetId)) + tail;
}

QString contextPath(const QString& datasetId, const QString& contextId, const QString& tail) {
    return enrichmentPath(datasetId,
                          QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(contextId)) + tail);
}

} // namespace

ListModelsJob::ListModelsJob(ApiClient* client, const QString& datasetId)
    : ApiJob(client, Method::Get, enrichmentPath(datasetId, QStringLiteral("/list_models")),
             tr("list enrichment models")) {}

bool ListModelsJob::decode(const QJsonDocument& json) {
    if (!json.isArray()) {
        setDecodeError(tr("expected a list of models"));
        return false;
    }
    m_models = EnrichmentModel::listFromJson(json.array());
    return true;
}

EnrichmentContextJob::EnrichmentContextJob(ApiClient* client, const QString& datasetId)
    : ApiJob(client, Method::Get, enrichmentPath(datasetId, QStringLiteral("/context")),
             tr("read the enrichment context")) {}

bool EnrichmentContextJob::decode(const QJsonDocument& json) {
    if (!json.isObject()) {
        setDecodeError(tr("expected an enrichment context object"));
        return false;
    }
    m_context = EnrichmentContext::fromJson(json.object());
    return true;
}

EnrichDatasetJob::EnrichDatasetJob(ApiClient* client, const QString& datasetId,
                                   const EnrichmentRequest& request)
    : ApiJob(client, Method::Post,
             QStringLiteral("/dataset/") + pathSegment(datasetId) + QStringLiteral("/enrich_dataset"),
             tr("start the enrichment")) {
    setJsonBody(QJsonDocument(request.toJson()));
}

bool EnrichDatasetJob::decode(const QJsonDocument& json) {
    m_newDatasetId = JsonRead::firstString(json.object(), {"dataset_id", "id"});
    if (m_newDatasetId.isEmpty()) {
        setDecodeError(tr("the answer has no dataset_id"));
        return false;
    }
    return true;
}

EnrichmentStatusJob::EnrichmentStatusJob(ApiClient* client, const QString& datasetId,
                                         const QString& contextId)
    : ApiJob(client, Method::Get, contextPath(datasetId, contextId, QStringLiteral("/status")),
             tr("read the enrichment status")) {}

QString EnrichmentStatusJob::status() const {
    return JsonRead::string(m_json.value(QLatin1String("status")));
}

std::optional<double> EnrichmentStatusJob::progress() const {
    return JsonRead::number(m_json.value(QLatin1String("progress")));
}

bool EnrichmentStatusJob::decode(const QJsonDocument& json) {
    if (!json.isObject()) {
        setDecodeError(tr("expected an enrichment status object"));
        return false;
    }
    m_json = json.object();
    return true;
}

AbortEnrichmentJob::AbortEnrichmentJob(ApiClient* client, const QString& datasetId, const QString& contextId)
    : ApiJob(client, Method::Delete, contextPath(datasetId, contextId, QStringLiteral("/abort")),
             tr("abort the enrichment")) {
    setExpectJson(false); // the answer's shape is undocumented; an empty body is fine
}

bool AbortEnrichmentJob::decode(const QJsonDocument& json) {
    m_json = json;
    return true;
}

} // namespace vl
