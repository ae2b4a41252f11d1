#include "EnrichmentModelInfo.h"

#include "EnrichmentTypes.h"

#include <QJsonArray>

namespace vl::engine {

bool EnrichmentModelInfo::isActive() const {
    return status == ModelStatus::Active;
}

QJsonObject EnrichmentModelInfo::toJson() const {
    QJsonObject json{{QStringLiteral("id"), id},         {QStringLiteral("name"), name},
                     {QStringLiteral("type"), type},     {QStringLiteral("status"), status},
                     {QStringLiteral("vendor"), vendor}, {QStringLiteral("description"), description}};
    json.insert(QStringLiteral("dependencies"),
                dependencies.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(dependencies)));
    return json;
}

} // namespace vl::engine
