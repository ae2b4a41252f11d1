#pragma once

#include "Anchor.h"
#include "Cluster.h"

#include <QStringList>
#include <QUrlQuery>
#include <optional>

namespace vl {

// Everything GET /api/v1/explore/{id} takes. A plain value: the search view builds it, the results
// model sends it (through ExploreJob), the CLI fills it from options.
struct ExploreQuery {
    EntityType entityType = EntityType::Images;
    int granularity = 0; // `threshold`, 0 (finest) .. 4
    int pageNumber = 0;  // 0-based; the results model owns the page size
    QString caption;     // `caption`
    QString vql;         // JSON array text from Vql::toJsonString()
    std::optional<double> textualSimilarityThreshold;
    QStringList labels;           // `labels` as ["a","b"]
    QStringList tags;             // `tags` as ["uuid"]
    std::optional<Anchor> anchor; // anchor_media_id + anchor_type

    QUrlQuery toUrlQuery() const;
};

} // namespace vl
