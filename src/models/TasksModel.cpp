#include "TasksModel.h"

#include "ApiClient.h"
#include "DatasetJobs.h"

namespace vl {

// A copy that has not appeared yet answers 404 for a moment; give up only after this many failures.
static constexpr int kMaxConsecutiveErrors = 10;

TasksModel::TasksModel(QObject* parent)
    : QAbstractTableModel(parent) {
    m_pollTimer.setInterval(2000);
    connect(&m_pollTimer, &QTimer::timeout, this, &TasksModel::poll);
    m_clockTimer.setInterval(1000);
    connect(&m_clockTimer, &QTimer::timeout, this, &TasksModel::tickElapsed);
}

TasksModel::~TasksModel() {
    for (Task& task : m_tasks) {
        if (task.job)
            task.job->disconnect(this);
    }
}

void TasksModel::setClient(ApiClient* client) {
    beginResetModel();
    for (Task& task : m_tasks) {
        if (task.job) {
            task.job->disconnect(this);
            task.job->abort();
        }
    }
    m_tasks.clear();
    endResetModel();
    m_client = client;
    m_pollTimer.stop();
    m_clockTimer.stop();
}

void TasksModel::follow(const QString& datasetId, const QString& title) {
    if (datasetId.isEmpty())
        return;
    const int existing = rowOf(datasetId);
    if (existing >= 0 && !m_tasks.at(existing).finished)
        return; // already followed
    if (existing >= 0) {
        // Finished before (e.g. indexed, now rescanned): the new run replaces the old row.
        beginRemoveRows({}, existing, existing);
        m_tasks.removeAt(existing);
        endRemoveRows();
    }
    Task task;
    task.datasetId = datasetId;
    task.title = title;
    task.statusText = datasetStatusDisplayName(task.status);
    task.clock.start();
    beginInsertRows({}, m_tasks.size(), m_tasks.size());
    m_tasks.append(task);
    endInsertRows();
    m_pollTimer.start();
    m_clockTimer.start();
    poll();
}

void TasksModel::removeFinished() {
    for (int row = m_tasks.size() - 1; row >= 0; --row) {
        if (!m_tasks.at(row).finished)
            continue;
        beginRemoveRows({}, row, row);
        m_tasks.removeAt(row);
        endRemoveRows();
    }
}

int TasksModel::runningCount() const {
    return int(
        std::count_if(m_tasks.cbegin(), m_tasks.cend(), [](const Task& task) { return !task.finished; }));
}

int TasksModel::rowOf(const QString& datasetId) const {
    for (int row = 0; row < m_tasks.size(); ++row) {
        if (m_tasks.at(row).datasetId == datasetId)
            return row;
    }
    return -1;
}

void TasksModel::poll() {
    if (!m_client)
        return;
    for (Task& task : m_tasks) {
        if (task.finished || task.job)
            continue;
        auto* job = new GetDatasetJob(m_client, task.datasetId);
        task.job = job;
        connect(job, &ApiJob::finished, this, [this, job] { onStatusFinished(job); });
    }
}

void TasksModel::onStatusFinished(GetDatasetJob* job) {
    int row = -1;
    for (int candidate = 0; candidate < m_tasks.size(); ++candidate) {
        if (m_tasks.at(candidate).job == job)
            row = candidate;
    }
    if (row < 0)
        return;
    Task& task = m_tasks[row];
    task.job = nullptr;
    if (!job->isSuccess()) {
        task.message = job->error().message;
        if (++task.consecutiveErrors >= kMaxConsecutiveErrors)
            finishTask(row, false, job->error().message);
        else
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const Dataset& dataset = job->dataset();
    task.consecutiveErrors = 0;
    task.status = dataset.status;
    task.statusText = datasetStatusDisplayName(dataset.status);
    task.progress = dataset.progress;
    task.message.clear();
    if (!dataset.displayName.isEmpty())
        task.title = dataset.displayName;
    if (dataset.status == DatasetStatus::Ready)
        finishTask(row, true, tr("%1 is ready.").arg(task.title));
    else if (dataset.status == DatasetStatus::Error)
        finishTask(row, false,
                   dataset.fatalErrorMessage.isEmpty() ? tr("%1 failed.").arg(task.title)
                                                       : dataset.fatalErrorMessage);
    else
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TasksModel::finishTask(int row, bool succeeded, const QString& message) {
    Task& task = m_tasks[row];
    task.finished = true;
    task.succeeded = succeeded;
    task.finalElapsedMs = task.clock.elapsed();
    task.message = message;
    if (succeeded)
        task.progress = 100;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (runningCount() == 0) {
        m_pollTimer.stop();
        m_clockTimer.stop();
    }
    emit taskFinished(task.datasetId, task.title, succeeded, message);
}

void TasksModel::tickElapsed() {
    for (int row = 0; row < m_tasks.size(); ++row) {
        if (!m_tasks.at(row).finished)
            emit dataChanged(index(row, ElapsedColumn), index(row, ElapsedColumn));
    }
}

QString TasksModel::formatElapsed(qint64 milliseconds) {
    const qint64 seconds = qMax<qint64>(0, milliseconds / 1000);
    const qint64 hours = seconds / 3600;
    const QString minutesSeconds =
        QStringLiteral("%1:%2")
            .arg(hours > 0 ? (seconds / 60) % 60 : seconds / 60, hours > 0 ? 2 : 1, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return hours > 0 ? QStringLiteral("%1:%2").arg(hours).arg(minutesSeconds) : minutesSeconds;
}

int TasksModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_tasks.size();
}

int TasksModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TasksModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Task& task = m_tasks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return task.title;
        case StatusColumn:
            return task.statusText;
        case ProgressColumn:
            return task.progress < 0 ? QString() : QStringLiteral("%1%").arg(task.progress);
        case ElapsedColumn:
            return formatElapsed(task.elapsedMs());
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return task.message.isEmpty() ? task.title : task.message;
    case DatasetIdRole:
        return task.datasetId;
    case StatusRole:
        return static_cast<int>(task.status);
    case ProgressRole:
        return task.progress;
    case FinishedRole:
        return task.finished;
    case SucceededRole:
        return task.succeeded;
    case ElapsedMsRole:
        return task.elapsedMs();
    default:
        return {};
    }
}

QVariant TasksModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Dataset");
    case StatusColumn:
        return tr("Status");
    case ProgressColumn:
        return tr("Progress");
    case ElapsedColumn:
        return tr("Elapsed");
    default:
        return {};
    }
}

} // namespace vl
