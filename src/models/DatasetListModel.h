#pragma once

#include "ApiClient.h"
#include "ApiError.h"
#include "ApiJob.h"
#include "Dataset.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>
#include <QVector>

namespace vl {

class ListDatasetsJob;

// The datasets of one connection. Refreshes through ListDatasetsJob and merges the answer into the
// existing rows (dataChanged for changed rows, inserts/removes for new/vanished ids) so that views
// keep their selection and scroll position. Polls automatically only while some dataset is busy
// (DRAFT, INDEXING, READ ONLY).
class DatasetListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StatusColumn,
        ProgressColumn,
        ImagesColumn,
        ObjectsColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role {
        DatasetIdRole = Qt::UserRole + 1,
        StatusRole,       // int(vl::DatasetStatus)
        StatusTextRole,   // display name of the status
        ProgressRole,     // int 0-100, -1 when not reported
        BusyRole,         // bool
        SearchableRole,   // bool: READY or PARTIAL INDEX
        ErrorMessageRole, // fatal_error_msg
        SortRole          // typed value for sorting the column
    };

    explicit DatasetListModel(QObject* parent = nullptr);
    ~DatasetListModel() override;

    // Switching clients clears the rows and aborts a refresh in flight.
    void setClient(ApiClient* client);
    ApiClient* client() const { return m_client; }

    void refresh();
    bool isLoading() const { return m_job != nullptr; }
    bool isPolling() const { return m_pollTimer.isActive(); }
    void setPollInterval(int milliseconds) { m_pollTimer.setInterval(milliseconds); }
    int pollInterval() const { return m_pollTimer.interval(); }

    // Merges a fresh list (as refresh() does with the server's answer).
    void mergeDatasets(const QVector<Dataset>& datasets);
    void clear();

    const Dataset& dataset(int row) const { return m_datasets.at(row); }
    int rowOf(const QString& datasetId) const;
    bool hasBusyDataset() const;
    // Empty when the dataset can be searched (or is not listed), else why not: "Holiday cannot be
    // searched yet (Indexing 40%)."
    QString whyNotSearchable(const QString& datasetId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loadingChanged(bool loading);
    void refreshed();
    void refreshFailed(const vl::ApiError& error);

private:
    void onListFinished(ListDatasetsJob* job);
    void schedulePolling();
    QVariant displayData(const Dataset& dataset, int column) const;
    QVariant sortData(const Dataset& dataset, int column) const;

    QPointer<ApiClient> m_client;
    QPointer<ApiJob> m_job;
    bool m_refreshAgain = false;
    QVector<Dataset> m_datasets;
    QTimer m_pollTimer;
};

// Short text for a count the API may report as -1 (not applicable).
QString formatCount(qint64 count);

} // namespace vl
