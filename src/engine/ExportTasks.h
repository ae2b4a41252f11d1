#pragma once

#include "ExportData.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace vl::engine {

// Export tasks (GET export_context_async, POST export_entities_async, GET export_status): each task builds
// its media items and writes DATA_DIR/exports/<dataset>/<task>/<task>.zip with the enrich library's
// ExportWriter in the background. Status INIT -> IN_PROGRESS -> COMPLETED | FAILED; REJECTED at once for
// requests that cannot be served (nothing selected, unsupported format). Tasks live until the engine stops;
// their zips stay on disk until the dataset is deleted; half-written ones (an engine killed mid-export) are
// removed at the next start.
class ExportTasks {
public:
    struct Task {
        QString id;
        QString datasetId;
        QDateTime createdAt;
        QString status;      // INIT, IN_PROGRESS, COMPLETED, FAILED, REJECTED
        double progress = 0; // fraction 0..1 (clients read values <= 1 as fractions)
        qint64 entitiesCount = 0;
        QString resultMessage;
        QString zipPath;
    };
    // Builds the items in the background (catalogue reads, uniqueness); empty items fail the task.
    using ItemBuilder = std::function<QVector<ExportMediaItem>()>;

    explicit ExportTasks(QString exportDirectory);
    ~ExportTasks();

    Task submit(const QString& datasetId, qint64 entitiesCount, ItemBuilder builder, ExportInfo info,
                ExportOptions options);
    Task reject(const QString& datasetId, qint64 entitiesCount, const QString& message);
    std::optional<Task> task(const QString& datasetId, const QString& taskId) const;
    void stop();
    bool waitForIdle(int timeoutMs) const;

    // The relative download path of a completed task's zip (the cloud's on-prem shape).
    static QString downloadPath(const QString& datasetId, const QString& taskId);
    // Where downloadPath() is stored; empty when the task or file is unknown.
    QString zipFile(const QString& datasetId, const QString& taskId) const;
    QString exportDirectory() const { return m_directory; }

private:
    void removeUnfinished() const;
    void run(const QString& taskId, const ItemBuilder& builder, const ExportInfo& info,
             const ExportOptions& options);
    void update(const QString& taskId, const std::function<void(Task&)>& change);

    QString m_directory;
    QThreadPool m_pool;
    mutable std::mutex m_mutex;
    QHash<QString, Task> m_tasks;
    std::atomic<bool> m_stopping{false};
};

} // namespace vl::engine
