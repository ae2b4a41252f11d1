#include "EmbeddingsMapData.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace vl {

std::optional<EmbeddingsMapData> EmbeddingsMapData::fromJson(const QJsonObject& json, QString* error) {
    EmbeddingsMapData map;
    map.entityType = json.value(QStringLiteral("entity_type")).toString(QStringLiteral("IMAGES"));
    map.method = json.value(QStringLiteral("method")).toString();
    map.scale = json.value(QStringLiteral("scale")).toInt();
    const QJsonArray ids = json.value(QStringLiteral("media_ids")).toArray();
    const QJsonArray xs = json.value(QStringLiteral("x")).toArray();
    const QJsonArray ys = json.value(QStringLiteral("y")).toArray();
    const QJsonArray labelOf = json.value(QStringLiteral("label")).toArray();
    for (const QJsonValue& label : json.value(QStringLiteral("labels")).toArray())
        map.labels.append(label.toString());
    if (map.scale <= 0 || xs.size() != ids.size() || ys.size() != ids.size() ||
        labelOf.size() != ids.size()) {
        *error = QCoreApplication::translate("vl::EmbeddingsMapData",
                                             "the map's arrays are missing or of different lengths");
        return std::nullopt;
    }
    map.mediaIds.reserve(ids.size());
    map.positions.reserve(ids.size());
    map.labelOf.reserve(ids.size());
    for (int i = 0; i < ids.size(); ++i) {
        const int label = labelOf.at(i).toInt(-1);
        if (!ids.at(i).isString() || !xs.at(i).isDouble() || !ys.at(i).isDouble() || label < 0 ||
            label >= map.labels.size()) {
            *error = QCoreApplication::translate("vl::EmbeddingsMapData", "point %1 of the map is malformed")
                         .arg(i);
            return std::nullopt;
        }
        map.mediaIds.append(ids.at(i).toString());
        map.positions.append(QPointF(xs.at(i).toDouble(), ys.at(i).toDouble()));
        map.labelOf.append(label);
    }
    return map;
}

QVector<int> EmbeddingsMapData::inside(const QPolygonF& polygon) const {
    QVector<int> hits;
    if (polygon.size() < 3)
        return hits;
    const QRectF bounds = polygon.boundingRect();
    for (int i = 0; i < positions.size(); ++i) {
        // The bounding box first: a small lasso on a large map tests few points against the polygon.
        const QPointF& p = positions[i];
        if (p.x() >= bounds.left() && p.x() <= bounds.right() && p.y() >= bounds.top() &&
            p.y() <= bounds.bottom() && polygon.containsPoint(p, Qt::OddEvenFill))
            hits.append(i);
    }
    return hits;
}

} // namespace vl
