#include "DatasetExporter.h"

#include "ApiClient.h"

namespace vl {

DatasetExporter::DatasetExporter(ApiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(1000);
    connect(&m_pollTimer, &QTimer::timeout, this, &DatasetExporter::pollStatus);
}

DatasetExporter::~DatasetExporter() {
    if (m_job)
        m_job->disconnect(this);
}

// Opens the output; false (after finished() when the file cannot be written) when nothing should start.
bool DatasetExporter::begin(const QString& datasetId, const QString& outputPath) {
    if (m_running || !m_client)
        return false;
    m_running = true;
    m_datasetId = datasetId;
    m_output = std::make_unique<QSaveFile>(outputPath);
    if (!m_output->open(QIODevice::WriteOnly)) {
        finish(false, tr("Cannot write %1: %2").arg(outputPath, m_output->errorString()));
        return false;
    }
    emit progressChanged(0, tr("Starting export"));
    return true;
}

void DatasetExporter::start(const QString& datasetId, const ExportOptions& options,
                            const QString& outputPath) {
    if (begin(datasetId, outputPath))
        track(new StartExportJob(m_client, datasetId, options), &DatasetExporter::onStarted<StartExportJob>);
}

void DatasetExporter::startMedia(const QString& datasetId, const QStringList& mediaIds,
                                 const ExportOptions& options, const QString& outputPath) {
    if (begin(datasetId, outputPath))
        track(new StartMediaExportJob(m_client, datasetId, mediaIds, options),
              &DatasetExporter::onStarted<StartMediaExportJob>);
}

void DatasetExporter::cancel() {
    if (!m_running)
        return;
    if (m_job) {
        m_job->disconnect(this);
        m_job->abort();
    }
    finish(false, tr("Export cancelled."));
}

template <class Job> void DatasetExporter::onStarted(Job* job) {
    m_job = nullptr;
    if (!job->isSuccess()) {
        finish(false, job->error().message);
        return;
    }
    const ExportTask& task = job->task();
    m_taskId = task.id;
    handleTask(task);
}

void DatasetExporter::pollStatus() {
    if (m_running && m_client)
        track(new ExportStatusJob(m_client, m_datasetId, m_taskId), &DatasetExporter::onStatus);
}

void DatasetExporter::onStatus(ExportStatusJob* job) {
    m_job = nullptr;
    if (!job->isSuccess()) {
        finish(false, job->error().message);
        return;
    }
    handleTask(job->task());
}

void DatasetExporter::handleTask(const ExportTask& task) {
    switch (task.status) {
    case ExportTask::Status::Completed:
        if (task.downloadUrl.isEmpty()) {
            finish(false, tr("The export finished without a download link."));
            return;
        }
        emit progressChanged(100, tr("Downloading"));
        track(new DownloadJob(m_client, task.downloadUrl, m_output.get()), &DatasetExporter::onDownloaded);
        return;
    case ExportTask::Status::Failed:
    case ExportTask::Status::Rejected:
        finish(false, task.resultMessage.isEmpty()
                          ? tr("The server could not export this dataset (%1).").arg(task.statusText)
                          : task.resultMessage);
        return;
    default:
        emit progressChanged(task.progressPercent(), tr("Exporting"));
        m_pollTimer.start();
    }
}

void DatasetExporter::onDownloaded(DownloadJob* job) {
    m_job = nullptr;
    if (!job->isSuccess()) {
        finish(false, job->error().message);
        return;
    }
    if (!m_output->commit()) {
        finish(false, tr("Cannot save %1: %2").arg(m_output->fileName(), m_output->errorString()));
        return;
    }
    const QString path = m_output->fileName();
    m_output.reset();
    finish(true, tr("Exported to %1").arg(path));
}

void DatasetExporter::finish(bool succeeded, const QString& message) {
    m_pollTimer.stop();
    m_running = false;
    if (m_output) {
        m_output->cancelWriting();
        m_output.reset();
    }
    emit finished(succeeded, message);
}

} // namespace vl
