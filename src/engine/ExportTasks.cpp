#include "ExportTasks.h"

#include "ExportWriter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

namespace vl::engine {

ExportTasks::ExportTasks(QString exportDirectory)
    : m_directory(std::move(exportDirectory)) {
    m_pool.setMaxThreadCount(1); // zips are written one at a time; they are I/O bound
    removeUnfinished();
}

// libzip writes an archive to "<name>.zip.XXXXXX" and renames it when done: such a file is what an engine
// killed mid-export left behind. Its task died with that engine, so nothing could ever serve or finish it.
void ExportTasks::removeUnfinished() const {
    QDirIterator it(m_directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (!file.endsWith(QLatin1String(".zip")))
            QFile::remove(file);
    }
}

ExportTasks::~ExportTasks() {
    stop();
}

ExportTasks::Task ExportTasks::submit(const QString& datasetId, qint64 entitiesCount, ItemBuilder builder,
                                      ExportInfo info, ExportOptions options) {
    Task task;
    task.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    task.datasetId = datasetId;
    task.createdAt = QDateTime::currentDateTimeUtc();
    task.status = QStringLiteral("INIT");
    task.entitiesCount = entitiesCount;
    task.zipPath = QStringLiteral("%1/%2/%3/%3.zip").arg(m_directory, datasetId, task.id);
    {
        std::lock_guard lock(m_mutex);
        m_tasks.insert(task.id, task);
    }
    const QString id = task.id;
    m_pool.start(
        [this, id, builder = std::move(builder), info, options] { run(id, builder, info, options); });
    return task;
}

ExportTasks::Task ExportTasks::reject(const QString& datasetId, qint64 entitiesCount,
                                      const QString& message) {
    Task task;
    task.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    task.datasetId = datasetId;
    task.createdAt = QDateTime::currentDateTimeUtc();
    task.status = QStringLiteral("REJECTED");
    task.entitiesCount = entitiesCount;
    task.resultMessage = message;
    std::lock_guard lock(m_mutex);
    m_tasks.insert(task.id, task);
    return task;
}

std::optional<ExportTasks::Task> ExportTasks::task(const QString& datasetId, const QString& taskId) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_tasks.constFind(taskId);
    if (it == m_tasks.constEnd() || it->datasetId != datasetId)
        return std::nullopt;
    return *it;
}

void ExportTasks::stop() {
    m_stopping = true;
    m_pool.waitForDone();
}

bool ExportTasks::waitForIdle(int timeoutMs) const {
    return const_cast<QThreadPool&>(m_pool).waitForDone(timeoutMs);
}

QString ExportTasks::downloadPath(const QString& datasetId, const QString& taskId) {
    return QStringLiteral("/cdn/%1/images/%2/%2.zip").arg(datasetId, taskId);
}

QString ExportTasks::zipFile(const QString& datasetId, const QString& taskId) const {
    const auto t = task(datasetId, taskId);
    if (!t || t->status != QLatin1String("COMPLETED") || !QFileInfo::exists(t->zipPath))
        return {};
    return t->zipPath;
}

void ExportTasks::update(const QString& taskId, const std::function<void(Task&)>& change) {
    std::lock_guard lock(m_mutex);
    auto it = m_tasks.find(taskId);
    if (it != m_tasks.end())
        change(*it);
}

void ExportTasks::run(const QString& taskId, const ItemBuilder& builder, const ExportInfo& info,
                      const ExportOptions& options) {
    update(taskId, [](Task& t) { t.status = QStringLiteral("IN_PROGRESS"); });
    QString zipPath;
    update(taskId, [&](Task& t) { zipPath = t.zipPath; });
    const QVector<ExportMediaItem> items = builder();
    if (items.isEmpty()) {
        update(taskId, [](Task& t) {
            t.status = QStringLiteral("FAILED");
            t.resultMessage = QStringLiteral("The selected media are no longer in the dataset");
        });
        return;
    }
    QDir().mkpath(QFileInfo(zipPath).absolutePath());
    const ExportWriter::Result result =
        ExportWriter::writeZip(zipPath, info, items, options, [this, &taskId](double fraction) {
            update(taskId, [fraction](Task& t) { t.progress = fraction; });
            return !m_stopping.load();
        });
    update(taskId, [&](Task& t) {
        t.status = result.ok ? QStringLiteral("COMPLETED") : QStringLiteral("FAILED");
        t.progress = result.ok ? 1.0 : t.progress;
        t.entitiesCount = items.size();
        t.resultMessage =
            result.ok ? (result.warnings.isEmpty() ? QString() : result.warnings.join('\n')) : result.error;
    });
}

} // namespace vl::engine
