#pragma once

#include "ApiClient.h"
#include "ScriptedServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <memory>

namespace vl::test {

// A dataset object as GET /datasets and GET /dataset/{id} send it.
inline QJsonObject datasetJson(const QString& id, const QString& name, const QString& statusNew,
                               int progress = -1, const QString& fatalError = {}) {
    QJsonObject json{{"id", id},
                     {"display_name", name},
                     {"status_new", statusNew},
                     {"status", statusNew == QLatin1String("READY") ? "READY" : "INDEXING"},
                     {"n_images", 12},
                     {"n_objects", -1},
                     {"created_at", "2025-04-24T07:44:46.136915"}};
    if (progress >= 0)
        json.insert("progress", progress);
    json.insert("fatal_error_msg", fatalError.isEmpty() ? QJsonValue() : QJsonValue(fatalError));
    return json;
}

inline QByteArray toJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QByteArray toJson(const QJsonArray& array) {
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

// A client on the scripted server with quick retries (no credentials: the server does not check).
inline std::unique_ptr<ApiClient> clientFor(const ScriptedServer& server) {
    auto client = std::make_unique<ApiClient>();
    client->setBaseUrl(server.baseUrl());
    client->setRetryBaseDelay(5);
    client->setMaxRetries(0);
    client->setTimeout(10000);
    return client;
}

} // namespace vl::test
