#pragma once

#include "ApiJob.h"
#include "EnrichmentModel.h"

#include <QJsonObject>
#include <optional>

namespace vl {

// GET /api/v1/enrichment/{id}/list_models
class ListModelsJob : public ApiJob {
    Q_OBJECT
public:
    ListModelsJob(ApiClient* client, const QString& datasetId);
    const QVector<EnrichmentModel>& models() const { return m_models; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    QVector<EnrichmentModel> m_models;
};

// GET /api/v1/enrichment/{id}/context
class EnrichmentContextJob : public ApiJob {
    Q_OBJECT
public:
    EnrichmentContextJob(ApiClient* client, const QString& datasetId);
    const EnrichmentContext& context() const { return m_context; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    EnrichmentContext m_context;
};

// POST /api/v1/dataset/{id}/enrich_dataset -> {"dataset_id": new copy}. Not idempotent: never retried.
class EnrichDatasetJob : public ApiJob {
    Q_OBJECT
public:
    EnrichDatasetJob(ApiClient* client, const QString& datasetId, const EnrichmentRequest& request);
    QString newDatasetId() const { return m_newDatasetId; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    QString m_newDatasetId;
};

// GET /api/v1/enrichment/{id}/{context_id}/status. The shape is undocumented beyond `status` and
// `progress`, so the whole object is kept.
class EnrichmentStatusJob : public ApiJob {
    Q_OBJECT
public:
    EnrichmentStatusJob(ApiClient* client, const QString& datasetId, const QString& contextId);
    const QJsonObject& json() const { return m_json; }
    QString status() const;                 // raw `status`, empty when absent
    std::optional<double> progress() const; // raw `progress` (number or numeric string)

protected:
    bool decode(const QJsonDocument& json) override;

private:
    QJsonObject m_json;
};

// DELETE /api/v1/enrichment/{id}/{context_id}/abort. The answer (possibly empty) is kept as is.
class AbortEnrichmentJob : public ApiJob {
    Q_OBJECT
public:
    AbortEnrichmentJob(ApiClient* client, const QString& datasetId, const QString& contextId);
    const QJsonDocument& json() const { return m_json; } // null when the body was empty or not JSON

protected:
    bool decode(const QJsonDocument& json) override;

private:
    QJsonDocument m_json;
};

} // namespace vl
