#pragma once

#include <QJsonObject>
#include <QPointF>
#include <QPolygonF>
#include <QStringList>
#include <QVector>

#include <optional>

namespace vl {

// The local engine's embeddings map (GET /dataset/{id}/embeddings_map, a local extension): every item's
// media id, its position in integer map units (0..scale) and the index of its colouring label.
struct EmbeddingsMapData {
    QString entityType; // IMAGES or OBJECTS
    QString method;     // how the engine projected, e.g. "pca"
    int scale = 0;      // positions lie in 0..scale on both axes
    QStringList labels;
    QStringList mediaIds;
    QVector<QPointF> positions;
    QVector<int> labelOf; // index into labels, per item

    int size() const { return int(mediaIds.size()); }
    // Null with `error` set when the body is not such a map (missing or mismatched arrays, bad indices).
    static std::optional<EmbeddingsMapData> fromJson(const QJsonObject& json, QString* error);
    // The items inside `polygon` (map units), with the even-odd rule the engine's map_region filter uses.
    QVector<int> inside(const QPolygonF& polygon) const;
};

} // namespace vl
