#pragma once

#include "Cluster.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace vl {

// A named search of one dataset, as the query bar describes it: text mode and text, filters (as the
// filter bar writes them), entity type, granularity, minimum similarity and, for "find similar",
// the dataset item used as the anchor. Never holds credentials.
struct SavedView {
    QString name;
    QString mode; // caption | fulltext | semantic
    QString text;
    QJsonArray filters;
    EntityType entityType = EntityType::Images;
    int granularity = 0;
    double minSimilarity = 0; // 0 = any
    QString anchorMediaId;    // a MEDIA anchor; empty for text searches

    QJsonObject toJson() const;
    static SavedView fromJson(const QJsonObject& json);
    // "semantic "dogs" · 2 filters · objects · granularity 2 · similar to an item"
    QString description() const;
    bool operator==(const SavedView& other) const { return toJson() == other.toJson(); }
};

} // namespace vl
