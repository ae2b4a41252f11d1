#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace vl::engine {

// One entry of GET /api/v1/enrichment/{dataset_id}/list_models.
struct EnrichmentModelInfo {
    QString id;
    QString name;
    QString type;   // an EnrichmentType string
    QString status; // ModelStatus::Active, ComingSoon or Invalid
    QString vendor = QStringLiteral("Local");
    QString description;      // what it finds and how (or why it is not available)
    QStringList dependencies; // enrichment types; serialised as null when empty, like the cloud
    QString descriptorPath;   // plug-ins only: the JSON descriptor it came from (not serialised)

    bool isActive() const;
    QJsonObject toJson() const; // {id, name, type, status, vendor, description, dependencies}
};

} // namespace vl::engine
