#pragma once

#include "ApiClient.h"
#include "ApiError.h"
#include "ApiJob.h"
#include "DatasetStatus.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QVector>

namespace vl {

class GetDatasetJob;

// Long operations the user started and wants to see finish: enriched copies (and new local
// datasets) followed by polling GET /dataset/{id} until READY or ERROR.
class TasksModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, ProgressColumn, ElapsedColumn, ColumnCount };
    enum Role {
        DatasetIdRole = Qt::UserRole + 1,
        StatusRole,
        ProgressRole,
        FinishedRole,
        SucceededRole,
        ElapsedMsRole
    };

    explicit TasksModel(QObject* parent = nullptr);
    ~TasksModel() override;

    void setClient(ApiClient* client); // clears followed tasks: they belong to one server
    void follow(const QString& datasetId, const QString& title); // a finished task of the id starts over
    void removeFinished();
    void setPollInterval(int milliseconds) { m_pollTimer.setInterval(milliseconds); }
    int runningCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formatElapsed(qint64 milliseconds); // "1:05", "1:02:03"

signals:
    void taskFinished(const QString& datasetId, const QString& title, bool succeeded, const QString& message);

private:
    struct Task {
        QString datasetId;
        QString title;
        DatasetStatus status = DatasetStatus::Draft;
        QString statusText;
        int progress = -1;
        QString message;
        QElapsedTimer clock;
        qint64 finalElapsedMs = -1;
        bool finished = false;
        bool succeeded = false;
        int consecutiveErrors = 0;
        QPointer<ApiJob> job;
        qint64 elapsedMs() const { return finished ? finalElapsedMs : clock.elapsed(); }
    };
    void poll();
    void onStatusFinished(GetDatasetJob* job);
    void finishTask(int row, bool succeeded, const QString& message);
    void tickElapsed();
    int rowOf(const QString& datasetId) const;

    QPointer<ApiClient> m_client;
    QVector<Task> m_tasks;
    QTimer m_pollTimer;
    QTimer m_clockTimer;
};

} // namespace vl
