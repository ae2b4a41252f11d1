#include "Cluster.h"

#include "JsonRead.h"

namespace vl {

QString entityTypeToApiString(EntityType type) {
    return type == EntityType::Objects ? QStringLiteral("OBJECTS") : QStringLiteral("IMAGES");
}

std::optional<EntityType> entityTypeFromString(const QString& text) {
    const QString upper = text.trimmed().toUpper();
    if (upper == QLatin1String("IMAGES") || upper == QLatin1String("IMAGE"))
        return EntityType::Images;
    if (upper == QLatin1String("OBJECTS") || upper == QLatin1String("OBJECT"))
        return EntityType::Objects;
    return std::nullopt;
}

// The server's root: the base URL without a trailing /api/v1, always ending in '/'.
static QUrl serverRoot(const QUrl& baseUrl) {
    QUrl root = baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = root.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/api/v1")))
        path.chop(int(qstrlen("/api/v1")));
    root.setPath(path + QLatin1Char('/'));
    return root;
}

QUrl resolveMediaUrl(const QString& uri, const QUrl& baseUrl) {
    const QString trimmed = uri.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QUrl url(trimmed);
    if (!url.isValid())
        return {};
    if (!url.scheme().isEmpty())
        return url;
    if (!baseUrl.isValid() || baseUrl.scheme().isEmpty())
        return url; // nothing to resolve against: keep it relative rather than inventing a host
    // "/image/x.jpg" goes to the host root, "image/x.jpg" below the server root, "//cdn/x" keeps the scheme.
    return serverRoot(baseUrl).resolved(url);
}

namespace {

struct PreviewBox {
    std::optional<BoundingBox> fractions;
    QRectF pixels;
};

PreviewBox readPreviewBox(const QJsonValue& value, const QSize& imageSize) {
    PreviewBox box;
    const std::optional<QRectF> raw = BoundingBox::rawRect(value);
    if (!raw)
        return box;
    const bool hasSize = imageSize.width() > 0 && imageSize.height() > 0;
    box.fractions = BoundingBox::parse(value, imageSize);
    if (BoundingBox::looksLikePixels(*raw))
        box.pixels = *raw;
    else if (box.fractions && hasSize)
        box.pixels = box.fractions->toPixels(imageSize);
    return box;
}

// Image sides in pixels; absurd or missing values become -1 ("unknown").
int dimension(const QJsonValue& value) {
    const qint64 pixels = JsonRead::integerOr(value, -1);
    return pixels > 0 && pixels <= (1 << 30) ? int(pixels) : -1;
}

} // namespace

Preview Preview::fromJson(const QJsonObject& json, const QUrl& baseUrl) {
    using namespace JsonRead;
    Preview preview;
    preview.type = string(json.value(QLatin1String("type")));
    preview.mediaId = string(json.value(QLatin1String("media_id")));
    preview.imageId = string(json.value(QLatin1String("image_id")));
    preview.mediaUrl = resolveMediaUrl(string(json.value(QLatin1String("media_uri"))), baseUrl);
    preview.thumbUrl = resolveMediaUrl(string(json.value(QLatin1String("media_thumb_uri"))), baseUrl);
    preview.imageUrl = resolveMediaUrl(string(json.value(QLatin1String("image_uri"))), baseUrl);
    preview.caption = firstString(json, {"caption", "image_caption"});
    preview.fileName = string(json.value(QLatin1String("file_name")));
    preview.originalUri = string(json.value(QLatin1String("original_uri")));
    preview.labels = stringList(json.value(QLatin1String("labels")));
    preview.userTags = stringList(json.value(QLatin1String("user_tags")));
    preview.relevanceScore = number(json.value(QLatin1String("relevance_score")));
    preview.relevanceScoreType = string(json.value(QLatin1String("relevance_score_type")));
    preview.width = dimension(json.value(QLatin1String("width")));
    preview.height = dimension(json.value(QLatin1String("height")));
    const PreviewBox box =
        readPreviewBox(json.value(QLatin1String("bounding_box")), QSize(preview.width, preview.height));
    preview.boundingBox = box.fractions;
    preview.boundingBoxPixels = box.pixels;
    return preview;
}

Cluster Cluster::fromJson(const QJsonObject& json, const QUrl& baseUrl) {
    using namespace JsonRead;
    Cluster cluster;
    cluster.clusterId = firstString(json, {"cluster_id", "id"});
    cluster.type = string(json.value(QLatin1String("type")));
    cluster.imageCount = integerOr(json.value(QLatin1String("n_images")), -1);
    cluster.objectCount = integerOr(json.value(QLatin1String("n_objects")), -1);
    cluster.videoCount = integerOr(json.value(QLatin1String("n_videos")), -1);
    cluster.frameCount = integerOr(json.value(QLatin1String("n_frames")), -1);
    cluster.sizeDisplayValue = string(json.value(QLatin1String("size_display_value")));
    cluster.similarityThreshold = numberOr(json.value(QLatin1String("similarity_threshold")), -1);
    cluster.labels = stringList(json.value(QLatin1String("labels")));
    cluster.userTags = stringList(json.value(QLatin1String("user_tags")));
    cluster.captions = stringList(json.value(QLatin1String("captions")));
    cluster.relevanceScore = number(json.value(QLatin1String("relevance_score")));
    cluster.relevanceScoreType = string(json.value(QLatin1String("relevance_score_type")));
    cluster.formedBy = string(json.value(QLatin1String("formed_by")));
    for (const QJsonValue& item : array(json.value(QLatin1String("previews")))) {
        if (item.isObject())
            cluster.previews.append(Preview::fromJson(item.toObject(), baseUrl));
    }
    return cluster;
}

ExploreResult ExploreResult::fromJson(const QJsonObject& json, const QUrl& baseUrl) {
    ExploreResult result;
    for (const QJsonValue& item : JsonRead::array(json.value(QLatin1String("clusters")))) {
        if (item.isObject())
            result.clusters.append(Cluster::fromJson(item.toObject(), baseUrl));
    }
    result.metadata = JsonRead::object(json.value(QLatin1String("metadata")));
    return result;
}

} // namespace vl
