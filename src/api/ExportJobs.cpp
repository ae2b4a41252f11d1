#include "ExportJobs.h"

#include "ApiClient.h"
#include "QueryEncoding.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace vl {

namespace {

QString datasetPath(const QString& datasetId, const QString& tail) {
    return QStringLiteral("/dataset/") + QString::fromLatin1(QUrl::toPercentEncoding(datasetId)) + tail;
}

QUrlQuery exportQuery(const ExportOptions& options) {
    QUrlQuery query;
    if (!options.fileName.isEmpty())
        addEncodedQueryItem(query, QStringLiteral("file_name"), options.fileName);
    addEncodedQueryItem(query, QStringLiteral("export_format"), options.format);
    addEncodedQueryItem(query, QStringLiteral("include_images"),
                        options.includeImages ? QStringLiteral("true") : QStringLiteral("false"));
    return query;
}

// Both starts answer an export task; one without an id cannot be followed.
bool decodeStartedTask(const QJsonDocument& json, const QUrl& baseUrl, ExportTask& task, QString* error) {
    const QString datasetId = task.datasetId;
    task = ExportTask::fromJson(json.object(), baseUrl);
    if (task.id.isEmpty()) {
        *error = ApiJob::tr("the answer has no export task id");
        return false;
    }
    if (task.datasetId.isEmpty())
        task.datasetId = datasetId;
    return true;
}

} // namespace

StartExportJob::StartExportJob(ApiClient* client, const QString& datasetId, const ExportOptions& options)
    : ApiJob(client, Method::Get, datasetPath(datasetId, QStringLiteral("/export_context_async")),
             tr("start the export")) {
    setQuery(exportQuery(options));
    m_task.datasetId = datasetId;
}

bool StartExportJob::decode(const QJsonDocument& json) {
    QString error;
    if (decodeStartedTask(json, client() ? client()->baseUrl() : QUrl(), m_task, &error))
        return true;
    setDecodeError(error);
    return false;
}

StartMediaExportJob::StartMediaExportJob(ApiClient* client, const QString& datasetId,
                                         const QStringList& mediaIds, const ExportOptions& options)
    : ApiJob(client, Method::Post, datasetPath(datasetId, QStringLiteral("/export_entities_async")),
             tr("start the export of the selection")) {
    setQuery(exportQuery(options));
    const QJsonObject media{{QStringLiteral("type"), QStringLiteral("media")},
                            {QStringLiteral("payload"), QJsonObject{{QStringLiteral("media_ids"),
                                                                     QJsonArray::fromStringList(mediaIds)}}}};
    setJsonBody(QJsonDocument(QJsonObject{{QStringLiteral("media_selection"), QJsonArray{media}}}));
    m_task.datasetId = datasetId;
}

bool StartMediaExportJob::decode(const QJsonDocument& json) {
    QString error;
    if (decodeStartedTask(json, client() ? client()->baseUrl() : QUrl(), m_task, &error))
        return true;
    setDecodeError(error);
    return false;
}

ExportStatusJob::ExportStatusJob(ApiClient* client, const QString& datasetId, const QString& taskId)
    : ApiJob(client, Method::Get, datasetPath(datasetId, QStringLiteral("/export_status")),
             tr("read the export status")) {
    QUrlQuery query;
    addEncodedQueryItem(query, QStringLiteral("export_task_id"), taskId);
    setQuery(query);
    m_task.id = taskId;
    m_task.datasetId = datasetId;
}

bool ExportStatusJob::decode(const QJsonDocument& json) {
    if (!json.isObject()) {
        setDecodeError(tr("expected an export task object"));
        return false;
    }
    const ExportTask requested = m_task;
    m_task = ExportTask::fromJson(json.object(), client() ? client()->baseUrl() : QUrl());
    if (m_task.id.isEmpty())
        m_task.id = requested.id;
    if (m_task.datasetId.isEmpty())
        m_task.datasetId = requested.datasetId;
    return true;
}

DownloadJob::DownloadJob(ApiClient* client, const QUrl& url, QIODevice* output)
    : ApiJob(client, Method::Get, QString(), tr("download the export"))
    , m_output(output) {
    setAbsoluteUrl(url);
    setExpectJson(false);
}

bool DownloadJob::receiveChunk(const QByteArray& chunk) {
    if (!m_output)
        return false;
    if (!m_writeError.isEmpty())
        return true; // already failed: drop the rest, the error is reported at the end
    const qint64 written = m_output->write(chunk);
    if (written != chunk.size())
        m_writeError = m_output->errorString();
    else
        m_written += written;
    return true;
}

bool DownloadJob::decodeRaw(const QByteArray& body) {
    if (!m_output) {
        setDecodeError(tr("no output to write to"));
        return false;
    }
    if (!body.isEmpty())
        receiveChunk(body);
    if (!m_writeError.isEmpty()) {
        ApiError error = ApiError::make(ApiError::Kind::Http,
                                        tr("could not write the file: %1").arg(m_writeError), operation());
        error.httpStatus = httpStatus();
        setResultError(error);
        return false;
    }
    return true;
}

} // namespace vl
