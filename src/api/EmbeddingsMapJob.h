#pragma once

#include "ApiJob.h"
#include "Cluster.h"
#include "EmbeddingsMapData.h"

namespace vl {

// GET /api/v1/dataset/{id}/embeddings_map?entity_type=: the local engine's 2-D map of a dataset (a local
// extension; the cloud and self-hosted servers answer 404, which callers read as "no map here").
class EmbeddingsMapJob : public ApiJob {
    Q_OBJECT
public:
    EmbeddingsMapJob(ApiClient* client, const QString& datasetId, EntityType entityType = EntityType::Images);
    const EmbeddingsMapData& map() const { return m_map; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    EmbeddingsMapData m_map;
};

} // namespace vl
