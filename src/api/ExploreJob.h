#pragma once

#include "Anchor.h"
#include "ApiJob.h"
#include "Cluster.h"

#include <optional>

namespace vl {

// Everything GET /api/v1/explore/{id} takes.
struct ExploreQuery {
    EntityType entityType = EntityType::Images;
    int granularity = 0; // `threshold`, 0 (finest) .. 4
    int pageNumber = 0;  // 0-based, 100 clusters a page
    QString caption;     // `caption`
    QString vql;         // JSON array text from Vql::toJsonString()
    std::optional<double> textualSimilarityThreshold;
    QStringList labels;           // `labels` as ["a","b"]
    QStringList tags;             // `tags` as ["uuid"]
    std::optional<Anchor> anchor; // anchor_media_id + anchor_type

    QUrlQuery toUrlQuery() const;
};

class ExploreJob : public ApiJob {
    Q_OBJECT
public:
    ExploreJob(ApiClient* client, const QString& datasetId, const ExploreQuery& query);
    const ExploreResult& result() const { return m_result; }
    const ExploreQuery& query() const { return m_exploreQuery; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    ExploreQuery m_exploreQuery;
    ExploreResult m_result;
};

} // namespace vl
