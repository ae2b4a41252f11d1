#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace vl::engine {

// The enrichment models this engine knows, in the shape of GET /enrichment/{id}/list_models.
// Only models whose `status` is Active can be applied; the local engine ships none yet, and each
// entry says where the data it would produce comes from today. A model registry plugs in here.
class EnrichmentCatalog {
public:
    struct Model {
        QString id;
        QString name;
        QString type;
        QString status; // Active | Coming Soon
        QString description;
        QStringList dependencies;
    };

    static const QVector<Model>& models();
    static QJsonArray toJson();
    static std::optional<Model> find(const QString& modelId);
    static bool isKnownType(const QString& type);
};

} // namespace vl::engine
