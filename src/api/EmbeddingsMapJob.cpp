#include "EmbeddingsMapJob.h"

#include "QueryEncoding.h"

#include <QJsonObject>

namespace vl {

EmbeddingsMapJob::EmbeddingsMapJob(ApiClient* client, const QString& datasetId, EntityType entityType)
    : ApiJob(client, Method::Get,
             QStringLiteral("/dataset/") + pathSegment(datasetId) + QStringLiteral("/embeddings_map"),
             tr("load the embeddings map")) {
    QUrlQuery query;
    addEncodedQueryItem(query, QStringLiteral("entity_type"), entityTypeToApiString(entityType));
    setQuery(query);
    // The first request of a large dataset waits for the engine's projection.
    setTimeout(120000);
}

bool EmbeddingsMapJob::decode(const QJsonDocument& json) {
    QString why;
    auto map = EmbeddingsMapData::fromJson(json.object(), &why);
    if (!map) {
        setDecodeError(why);
        return false;
    }
    m_map = std::move(*map);
    return true;
}

} // namespace vl
