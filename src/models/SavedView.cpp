#include "SavedView.h"

#include <QCoreApplication>

namespace vl {

QJsonObject SavedView::toJson() const {
    QJsonObject json{{QStringLiteral("name"), name},
                     {QStringLiteral("mode"), mode},
                     {QStringLiteral("text"), text},
                     {QStringLiteral("filters"), filters},
                     {QStringLiteral("entity_type"), entityTypeToApiString(entityType)},
                     {QStringLiteral("granularity"), granularity},
                     {QStringLiteral("min_similarity"), minSimilarity}};
    if (!anchorMediaId.isEmpty())
        json.insert(QStringLiteral("anchor_media_id"), anchorMediaId);
    return json;
}

SavedView SavedView::fromJson(const QJsonObject& json) {
    SavedView view;
    view.name = json.value(QStringLiteral("name")).toString();
    view.mode = json.value(QStringLiteral("mode")).toString();
    view.text = json.value(QStringLiteral("text")).toString();
    view.filters = json.value(QStringLiteral("filters")).toArray();
    view.entityType = entityTypeFromString(json.value(QStringLiteral("entity_type")).toString())
                          .value_or(EntityType::Images);
    view.granularity = qBound(0, json.value(QStringLiteral("granularity")).toInt(), 4);
    view.minSimilarity = qBound(0.0, json.value(QStringLiteral("min_similarity")).toDouble(), 1.0);
    view.anchorMediaId = json.value(QStringLiteral("anchor_media_id")).toString();
    return view;
}

QString SavedView::description() const {
    const auto tr = [](const char* text) { return QCoreApplication::translate("vl::SavedView", text); };
    QStringList parts;
    if (!anchorMediaId.isEmpty())
        parts << tr("similar to a dataset item");
    if (!text.isEmpty())
        parts << QStringLiteral("%1 \"%2\"").arg(mode, text);
    if (!filters.isEmpty())
        parts << QCoreApplication::translate("vl::SavedView", "%n filter(s)", nullptr, int(filters.size()));
    if (entityType == EntityType::Objects)
        parts << tr("objects");
    if (granularity > 0)
        parts << tr("granularity %1").arg(granularity);
    if (minSimilarity > 0)
        parts << tr("min. similarity %1").arg(minSimilarity, 0, 'f', 2);
    return parts.isEmpty() ? tr("everything") : parts.join(QStringLiteral(" · "));
}

} // namespace vl
