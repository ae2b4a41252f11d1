#pragma once

#include "ApiJob.h"
#include "EnrichmentModel.h"

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

} // namespace vl
