#pragma once

#include "BoundingBox.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QVector>
#include <optional>

namespace vl {

enum class EntityType { Images, Objects };
QString entityTypeToApiString(EntityType type); // IMAGES / OBJECTS
std::optional<EntityType> entityTypeFromString(const QString& text);

struct Preview {
    QString type; // IMAGE, OBJECT, ...
    QString mediaId;
    QString imageId;
    QUrl mediaUrl; // media_uri resolved against the server's base URL
    QUrl thumbUrl; // media_thumb_uri resolved
    QUrl imageUrl; // image_uri resolved
    QString caption;
    QString fileName;
    QString originalUri;
    std::optional<BoundingBox> boundingBox; // fractions; pixel boxes converted using width/height
    QRectF boundingBoxPixels;               // as sent when the server sends pixels, else derived
    QStringList labels;
    QStringList userTags;
    std::optional<double> relevanceScore; // null when absent
    QString relevanceScoreType;           // e.g. cosine_distance (lower is better)
    int width = -1;
    int height = -1;

    static Preview fromJson(const QJsonObject& json, const QUrl& baseUrl);
};

struct Cluster {
    QString clusterId;
    QString type;           // IMAGES / OBJECTS
    qint64 imageCount = -1; // -1 = not applicable
    qint64 objectCount = -1;
    qint64 videoCount = -1;
    qint64 frameCount = -1;
    QString sizeDisplayValue;
    double similarityThreshold = -1; // sent as a string or number
    QStringList labels;              // labels may come as {} / {name: count} / [..] / null
    QStringList userTags;
    QStringList captions;
    std::optional<double> relevanceScore;
    QString relevanceScoreType;
    QString formedBy;
    QVector<Preview> previews;

    static Cluster fromJson(const QJsonObject& json, const QUrl& baseUrl);
};

// The explore response: {"clusters": [...], "metadata": {...}}
struct ExploreResult {
    QVector<Cluster> clusters;
    QJsonObject metadata;
    static ExploreResult fromJson(const QJsonObject& json, const QUrl& baseUrl);
};

// Resolves a relative media URI ("/image/..", "image/..") against the server; absolute URIs pass through.
QUrl resolveMediaUrl(const QString& uri, const QUrl& baseUrl);

} // namespace vl
