#pragma once

#include "ApiJob.h"
#include "Dataset.h"

namespace vl {

// GET /api/v1/datasets
class ListDatasetsJob : public ApiJob {
    Q_OBJECT
public:
    explicit ListDatasetsJob(ApiClient* client);
    const QVector<Dataset>& datasets() const { return m_datasets; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    QVector<Dataset> m_datasets;
};

// GET /api/v1/dataset/{id}
class GetDatasetJob : public ApiJob {
    Q_OBJECT
public:
    GetDatasetJob(ApiClient* client, const QString& datasetId);
    const Dataset& dataset() const { return m_dataset; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    Dataset m_dataset;
};

// DELETE /api/v1/dataset/{id}
class DeleteDatasetJob : public ApiJob {
    Q_OBJECT
public:
    DeleteDatasetJob(ApiClient* client, const QString& datasetId);

protected:
    bool decode(const QJsonDocument& json) override;
};

// POST /api/v1/process?path=&name= (self-hosted and local engine: dataset from a server-side folder).
// Answers {"status":"success","dataset_id":..} or {"status":"error","message":..}.
class CreateDatasetFromFolderJob : public ApiJob {
    Q_OBJECT
public:
    CreateDatasetFromFolderJob(ApiClient* client, const QString& folderPath, const QString& name);
    QString datasetId() const { return m_datasetId; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    QString m_datasetId;
};

// POST /api/v1/dataset/{id}/reindex (local engine: rescan the folder). Answers 202 with the new status.
class ReindexDatasetJob : public ApiJob {
    Q_OBJECT
public:
    ReindexDatasetJob(ApiClient* client, const QString& datasetId);

protected:
    bool decode(const QJsonDocument& json) override;
};

} // namespace vl
