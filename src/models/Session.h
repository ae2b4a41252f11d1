#pragma once

#include "ApiError.h"

#include <QObject>
#include <QString>

namespace vl {

class ApiClient;
class ClusterResultsModel;
class DatasetActions;
class DatasetExporter;
class DatasetListModel;
class EnrichmentModelsModel;
class TasksModel;
class ThumbnailProvider;

// Everything that belongs to one connection: its own ApiClient (set up like the connection
// manager's client, so it keeps pointing at this server even when the manager moves on), the dataset
// list, the search results, the followed tasks, the exporter, the dataset actions and the thumbnail
// provider. A connection switch replaces the whole session (SessionManager): deleting it aborts its
// requests and stops its polling, so nothing reaches the old server afterwards.
class Session : public QObject {
    Q_OBJECT
public:
    // A session with no server (before the first connection, or while a connection is being made).
    explicit Session(QObject* parent = nullptr);
    // A session on the server `settings` points at (base URL, credentials, timeouts, retries copied).
    Session(const ApiClient& settings, const QString& connectionId, QObject* parent = nullptr);
    ~Session() override;

    QString connectionId() const { return m_connectionId; }
    bool hasServer() const { return !m_connectionId.isEmpty(); }

    ApiClient* client() const { return m_client; }
    DatasetListModel* datasets() const { return m_datasets; }
    ClusterResultsModel* results() const { return m_results; }
    TasksModel* tasks() const { return m_tasks; }
    DatasetExporter* exporter() const { return m_exporter; }
    DatasetActions* actions() const { return m_actions; }
    ThumbnailProvider* thumbnails() const { return m_thumbnails; }
    // A new model of the enrichment models available for `datasetId`, already loading; owned by `parent`.
    EnrichmentModelsModel* enrichmentModels(const QString& datasetId, QObject* parent) const;

signals:
    void activityChanged(int activeRequests);
    void authenticationFailed(const vl::ApiError& error);
    // "retrying in 4 s": a request of this session failed transiently and will be sent again.
    void retryScheduled(const QString& operation, int attempt, int delayMs);

private:
    void build();

    QString m_connectionId;
    ApiClient* m_client;
    DatasetListModel* m_datasets = nullptr;
    ClusterResultsModel* m_results = nullptr;
    TasksModel* m_tasks = nullptr;
    DatasetExporter* m_exporter = nullptr;
    DatasetActions* m_actions = nullptr;
    ThumbnailProvider* m_thumbnails = nullptr;
};

} // namespace vl
