#pragma once

#include "ApiClient.h"
#include "ApiJob.h"
#include "ExportJobs.h"

#include <QObject>
#include <QPointer>
#include <QSaveFile>
#include <QTimer>
#include <memory>

namespace vl {

// Runs one dataset export end to end: start the async export, poll its status, then download the
// archive into a file (written atomically: a failed download leaves no partial file behind).
class DatasetExporter : public QObject {
    Q_OBJECT
public:
    explicit DatasetExporter(ApiClient* client, QObject* parent = nullptr);
    ~DatasetExporter() override;

    void start(const QString& datasetId, const ExportOptions& options, const QString& outputPath);
    // The same for chosen items only (export_entities_async with their media ids).
    void startMedia(const QString& datasetId, const QStringList& mediaIds, const ExportOptions& options,
                    const QString& outputPath);
    void cancel();
    bool isRunning() const { return m_running; }
    void setPollInterval(int milliseconds) { m_pollTimer.setInterval(milliseconds); }

signals:
    void progressChanged(int percent, const QString& stage);
    void finished(bool succeeded, const QString& message);

private:
    // Follows `job` (the one running) and hands it, typed, to `handler` when it finishes.
    template <class Job> void track(Job* job, void (DatasetExporter::*handler)(Job*)) {
        m_job = job;
        connect(job, &ApiJob::finished, this, [this, job, handler] { (this->*handler)(job); });
    }
    bool begin(const QString& datasetId, const QString& outputPath);
    template <class Job> void onStarted(Job* job);
    void pollStatus();
    void onStatus(ExportStatusJob* job);
    void onDownloaded(DownloadJob* job);
    void handleTask(const ExportTask& task);
    void finish(bool succeeded, const QString& message);

    QPointer<ApiClient> m_client;
    QPointer<ApiJob> m_job;
    QString m_datasetId;
    QString m_taskId;
    std::unique_ptr<QSaveFile> m_output;
    QTimer m_pollTimer;
    bool m_running = false;
};

} // namespace vl
