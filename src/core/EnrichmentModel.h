#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vl {

struct EnrichmentModel {
    QString id;
    QString name;
    QString type;   // e.g. CAPTION_IMAGES, OBJECT_DETECTION
    QString status; // "Active" | "Coming Soon" (raw)
    QString vendor;
    QString description;
    QStringList dependencies; // enrichment *types* that must be applied too; empty when null

    bool isActive() const; // status equals "Active", case-insensitively
    static EnrichmentModel fromJson(const QJsonObject& json);
    static QVector<EnrichmentModel> listFromJson(const QJsonArray& json);
};

// GET /enrichment/{id}/context
struct EnrichmentContext {
    QString contextId;                    // `enrichment_context_id` (or `context_id`)
    QString status;                       // e.g. NEW
    QMap<QString, QString> appliedModels; // type -> model id (value may be a string or {"id":..})

    bool isNew() const { return appliedModels.isEmpty(); }
    static EnrichmentContext fromJson(const QJsonObject& json);
};

// A selection for POST /dataset/{id}/enrich_dataset: type -> model id.
struct EnrichmentRequest {
    QMap<QString, QString> models;
    QJsonObject toJson() const; // {"enrichment_models": {TYPE: MODEL_ID, ...}}
};

} // namespace vl
