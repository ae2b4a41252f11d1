#pragma once

#include "ApiError.h"

#include <QObject>
#include <QPointer>

namespace vl {

class ApiClient;

// What a person can do to a dataset besides searching it: create one from a folder, delete one,
// rescan one. Each operation runs one job on the connection's client and reports through a signal,
// like DatasetExporter and the enrichment model do, so the window never builds a job itself.
class DatasetActions : public QObject {
    Q_OBJECT
public:
    enum class Action { Create, Remove, Reindex };
    Q_ENUM(Action)

    explicit DatasetActions(ApiClient* client, QObject* parent = nullptr);
    ~DatasetActions() override;

    // `name` is what the dataset is called; the folder is a path on the server's machine.
    void createFromFolder(const QString& folderPath, const QString& name);
    void remove(const QString& datasetId);
    void reindex(const QString& datasetId);
    int runningCount() const { return m_running; }

signals:
    void created(const QString& datasetId, const QString& name);
    void removed(const QString& datasetId);
    void reindexStarted(const QString& datasetId);
    // `datasetIdOrName`: the id for remove/reindex, the requested name for createFromFolder.
    void failed(vl::DatasetActions::Action action, const QString& datasetIdOrName, const vl::ApiError& error);
    void runningChanged(int running);

private:
    template <class Job, class OnSuccess>
    void run(Job* job, Action action, const QString& subject, OnSuccess onSuccess);
    void started();
    void ended();

    QPointer<ApiClient> m_client;
    int m_running = 0;
};

} // namespace vl
