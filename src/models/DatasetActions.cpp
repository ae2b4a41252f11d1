#include "DatasetActions.h"

#include "ApiClient.h"
#include "DatasetJobs.h"

namespace vl {

DatasetActions::DatasetActions(ApiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {}

DatasetActions::~DatasetActions() = default;

void DatasetActions::started() {
    emit runningChanged(++m_running);
}

void DatasetActions::ended() {
    emit runningChanged(--m_running);
}

// One job, counted while it runs; success goes to `onSuccess`, failure to failed().
template <class Job, class OnSuccess>
void DatasetActions::run(Job* job, Action action, const QString& subject, OnSuccess onSuccess) {
    started();
    connect(job, &ApiJob::finished, this, [this, job, action, subject, onSuccess] {
        ended();
        if (job->isSuccess())
            onSuccess(job);
        else
            emit failed(action, subject, job->error());
    });
}

void DatasetActions::createFromFolder(const QString& folderPath, const QString& name) {
    if (m_client)
        run(new CreateDatasetFromFolderJob(m_client, folderPath, name), Action::Create, name,
            [this, name](CreateDatasetFromFolderJob* job) { emit created(job->datasetId(), name); });
}

void DatasetActions::remove(const QString& datasetId) {
    if (m_client)
        run(new DeleteDatasetJob(m_client, datasetId), Action::Remove, datasetId,
            [this, datasetId](DeleteDatasetJob*) { emit removed(datasetId); });
}

void DatasetActions::reindex(const QString& datasetId) {
    if (m_client)
        run(new ReindexDatasetJob(m_client, datasetId), Action::Reindex, datasetId,
            [this, datasetId](ReindexDatasetJob*) { emit reindexStarted(datasetId); });
}

} // namespace vl
