#include "Session.h"

#include "ApiClient.h"
#include "ClusterResultsModel.h"
#include "DatasetActions.h"
#include "DatasetExporter.h"
#include "DatasetListModel.h"
#include "EnrichmentModelsModel.h"
#include "TasksModel.h"
#include "ThumbnailProvider.h"

namespace vl {

Session::Session(QObject* parent)
    : QObject(parent)
    , m_client(new ApiClient(this)) {
    build();
}

Session::Session(const ApiClient& settings, const QString& connectionId, QObject* parent)
    : QObject(parent)
    , m_connectionId(connectionId)
    , m_client(new ApiClient(this)) {
    m_client->copySettingsFrom(settings);
    build();
}

Session::~Session() {
    // Models first (they abort their jobs and stop polling), then the client with what is left.
    delete m_thumbnails;
    delete m_exporter;
    delete m_actions;
    delete m_tasks;
    delete m_results;
    delete m_datasets;
    delete m_client;
}

void Session::build() {
    m_datasets = new DatasetListModel(this);
    m_results = new ClusterResultsModel(this);
    m_tasks = new TasksModel(this);
    m_exporter = new DatasetExporter(m_client, this);
    m_actions = new DatasetActions(m_client, this);
    m_thumbnails = new ThumbnailProvider(m_client, this);
    if (hasServer()) {
        m_datasets->setClient(m_client);
        m_results->setClient(m_client);
        m_tasks->setClient(m_client);
    }
    connect(m_client, &ApiClient::activityChanged, this, &Session::activityChanged);
    connect(m_client, &ApiClient::authenticationFailed, this, &Session::authenticationFailed);
    connect(m_client, &ApiClient::retryScheduled, this, &Session::retryScheduled);
}

EnrichmentModelsModel* Session::enrichmentModels(const QString& datasetId, QObject* parent) const {
    auto* model = new EnrichmentModelsModel(parent);
    if (hasServer())
        model->load(m_client, datasetId);
    return model;
}

} // namespace vl
