#include "DatasetListModel.h"

#include "ApiClient.h"
#include "DatasetJobs.h"

#include <QLocale>
#include <QSet>

namespace vl {

QString formatCount(qint64 count) {
    return count < 0 ? QStringLiteral("–") : QLocale().toString(count);
}

// Unknown statuses are shown as the server spelled them rather than as "Unknown".
static QString statusDisplayText(const Dataset& dataset) {
    if (dataset.status == DatasetStatus::Unknown && !dataset.statusText.isEmpty())
        return dataset.statusText;
    if (dataset.perceptionProgress >= 0)
        return DatasetListModel::tr("%1 · finding objects %2%")
            .arg(datasetStatusDisplayName(dataset.status))
            .arg(dataset.perceptionProgress);
    return datasetStatusDisplayName(dataset.status);
}

DatasetListModel::DatasetListModel(QObject* parent)
    : QAbstractTableModel(parent) {
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(2000);
    connect(&m_pollTimer, &QTimer::timeout, this, &DatasetListModel::refresh);
}

DatasetListModel::~DatasetListModel() {
    if (m_job)
        m_job->disconnect(this);
}

void DatasetListModel::setClient(ApiClient* client) {
    if (m_job) {
        m_job->disconnect(this);
        m_job->abort();
        m_job = nullptr;
        emit loadingChanged(false);
    }
    m_pollTimer.stop();
    m_refreshAgain = false;
    m_client = client;
    clear();
}

void DatasetListModel::refresh() {
    if (!m_client)
        return;
    if (m_job) {
        m_refreshAgain = true; // the answer in flight may predate what the caller wants to see
        return;
    }
    m_pollTimer.stop();
    auto* job = new ListDatasetsJob(m_client);
    m_job = job;
    connect(job, &ApiJob::finished, this, [this, job] { onListFinished(job); });
    emit loadingChanged(true);
}

void DatasetListModel::onListFinished(ListDatasetsJob* job) {
    if (job != m_job)
        return;
    m_job = nullptr;
    if (job->isSuccess())
        mergeDatasets(job->datasets());
    emit loadingChanged(false);
    if (job->isSuccess())
        emit refreshed();
    else if (job->error().kind != ApiError::Kind::Cancelled)
        emit refreshFailed(job->error());

    if (m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
        return;
    }
    schedulePolling();
}

void DatasetListModel::schedulePolling() {
    if (m_client && hasBusyDataset())
        m_pollTimer.start();
    else
        m_pollTimer.stop();
}

void DatasetListModel::mergeDatasets(const QVector<Dataset>& datasets) {
    QSet<QString> incomingIds;
    for (const Dataset& dataset : datasets)
        incomingIds.insert(dataset.id);

    // Remove vanished rows from the bottom up so the indices stay valid.
    for (int row = m_datasets.size() - 1; row >= 0; --row) {
        if (incomingIds.contains(m_datasets.at(row).id))
            continue;
        beginRemoveRows({}, row, row);
        m_datasets.removeAt(row);
        endRemoveRows();
    }
    for (const Dataset& dataset : datasets) {
        const int row = rowOf(dataset.id);
        if (row >= 0) {
            m_datasets[row] = dataset;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        const int newRow = m_datasets.size();
        beginInsertRows({}, newRow, newRow);
        m_datasets.append(dataset);
        endInsertRows();
    }
    if (!m_job)
        schedulePolling();
}

void DatasetListModel::clear() {
    if (m_datasets.isEmpty())
        return;
    beginResetModel();
    m_datasets.clear();
    endResetModel();
}

int DatasetListModel::rowOf(const QString& datasetId) const {
    for (int row = 0; row < m_datasets.size(); ++row) {
        if (m_datasets.at(row).id == datasetId)
            return row;
    }
    return -1;
}

QString DatasetListModel::whyNotSearchable(const QString& datasetId) const {
    const int row = rowOf(datasetId);
    if (row < 0)
        return {};
    const QModelIndex first = index(row, 0);
    if (first.data(SearchableRole).toBool())
        return {};
    const int progress = first.data(ProgressRole).toInt();
    QString status = first.data(StatusTextRole).toString();
    if (progress >= 0)
        status += QStringLiteral(" %1%").arg(progress);
    return tr("%1 cannot be searched yet (%2).").arg(first.data().toString(), status);
}

bool DatasetListModel::hasBusyDataset() const {
    for (const Dataset& dataset : m_datasets) {
        // A READY dataset whose objects are still being found keeps being followed too.
        if (datasetStatusIsBusy(dataset.status) || dataset.perceptionProgress >= 0)
            return true;
    }
    return false;
}

int DatasetListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_datasets.size();
}

int DatasetListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DatasetListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Dataset& dataset = m_datasets.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(dataset, index.column());
    case Qt::ToolTipRole:
        if (!dataset.fatalErrorMessage.isEmpty())
            return dataset.fatalErrorMessage;
        return dataset.description.isEmpty() ? dataset.displayName : dataset.description;
    case Qt::TextAlignmentRole:
        if (index.column() == ImagesColumn || index.column() == ObjectsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case DatasetIdRole:
        return dataset.id;
    case StatusRole:
        return static_cast<int>(dataset.status);
    case StatusTextRole:
        return statusDisplayText(dataset);
    case ProgressRole:
        return dataset.progress;
    case BusyRole:
        return datasetStatusIsBusy(dataset.status);
    case SearchableRole:
        return datasetStatusIsSearchable(dataset.status);
    case ErrorMessageRole:
        return dataset.fatalErrorMessage;
    case SortRole:
        return sortData(dataset, index.column());
    default:
        return {};
    }
}

QVariant DatasetListModel::displayData(const Dataset& dataset, int column) const {
    switch (column) {
    case NameColumn:
        return dataset.displayName.isEmpty() ? dataset.id : dataset.displayName;
    case StatusColumn:
        return statusDisplayText(dataset);
    case ProgressColumn:
        return dataset.progress < 0 ? QString() : QStringLiteral("%1%").arg(dataset.progress);
    case ImagesColumn:
        return formatCount(dataset.imageCount);
    case ObjectsColumn:
        return formatCount(dataset.objectCount);
    case CreatedColumn:
        return dataset.createdAt.isValid()
                   ? QLocale().toString(dataset.createdAt.toLocalTime(), QLocale::ShortFormat)
                   : QString();
    default:
        return {};
    }
}

QVariant DatasetListModel::sortData(const Dataset& dataset, int column) const {
    switch (column) {
    case NameColumn:
        return dataset.displayName.toLower();
    case StatusColumn:
        return static_cast<int>(dataset.status);
    case ProgressColumn:
        return dataset.progress;
    case ImagesColumn:
        return dataset.imageCount;
    case ObjectsColumn:
        return dataset.objectCount;
    case CreatedColumn:
        return dataset.createdAt;
    default:
        return {};
    }
}

QVariant DatasetListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("Status");
    case ProgressColumn:
        return tr("Progress");
    case ImagesColumn:
        return tr("Images");
    case ObjectsColumn:
        return tr("Objects");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace vl
