#pragma once

#include "ApiJob.h"
#include "ExportTask.h"

class QIODevice;

namespace vl {

struct ExportOptions {
    QString format = QStringLiteral("json"); // json | parquet
    bool includeImages = false;
    QString fileName;
};

// GET /api/v1/dataset/{id}/export_context_async
class StartExportJob : public ApiJob {
    Q_OBJECT
public:
    StartExportJob(ApiClient* client, const QString& datasetId, const ExportOptions& options);
    const ExportTask& task() const { return m_task; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    ExportTask m_task;
};

// POST /api/v1/dataset/{id}/export_entities_async?export_format=&include_images=, body
// {"media_selection":[{"type":"media","payload":{"media_ids":[...]}}]}: an export of chosen items.
class StartMediaExportJob : public ApiJob {
    Q_OBJECT
public:
    StartMediaExportJob(ApiClient* client, const QString& datasetId, const QStringList& mediaIds,
                        const ExportOptions& options);
    const ExportTask& task() const { return m_task; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    ExportTask m_task;
};

// GET /api/v1/dataset/{id}/export_status?export_task_id=
class ExportStatusJob : public ApiJob {
    Q_OBJECT
public:
    ExportStatusJob(ApiClient* client, const QString& datasetId, const QString& taskId);
    const ExportTask& task() const { return m_task; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    ExportTask m_task;
};

// GET of a download_uri (relative ones are resolved against the server); streams into `output`.
class DownloadJob : public ApiJob {
    Q_OBJECT
public:
    DownloadJob(ApiClient* client, const QUrl& url, QIODevice* output);
    qint64 bytesWritten() const { return m_written; }

protected:
    bool decodeRaw(const QByteArray& body) override;
    bool receiveChunk(const QByteArray& chunk) override; // writes as data arrives

private:
    QIODevice* m_output;
    qint64 m_written = 0;
    QString m_writeError;
};

} // namespace vl
