#include "ExploreJson.h"

#include "DatasetSnapshot.h"
#include "MediaSigner.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QUuid>

#include <cmath>

namespace vl::engine {

namespace {

QString formatSize(qint64 bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1B").arg(bytes)
                     : QString::number(value, 'f', 2) + QLatin1String(units[unit]);
}

QJsonValue scoreValue(float s) {
    return std::isnan(s) ? QJsonValue(QJsonValue::Null) : QJsonValue(double(s));
}

// Box as fractions of its image (x, y, width, height in [0, 1]); the preview's width/height give pixels.
QJsonObject fractionBox(const QRect& box, int width, int height) {
    const double w = std::max(width, 1), h = std::max(height, 1);
    return QJsonObject{
        {"x", box.x() / w}, {"y", box.y() / h}, {"width", box.width() / w}, {"height", box.height() / h}};
}

// An image's labels: the folder/plug-in label, then detected classes and faces.
QStringList imageLabels(const DatasetSnapshot& snapshot, int index) {
    const MediaRecord& m = snapshot.items()[index];
    QStringList labels = snapshot.detectedClasses(index) + m.tags.value(TagSource::Face);
    if (!m.label.isEmpty())
        labels.prepend(m.label);
    labels.removeDuplicates();
    return labels;
}

} // namespace

QJsonObject ExploreJson::preview(const DatasetSnapshot& snapshot, int index,
                                 std::optional<float> score) const {
    const MediaRecord& m = snapshot.items()[index];
    const QString mediaUri = m_signer.signedUrl(m_baseUrl, MediaSigner::originalPath(m.mediaId));
    const QString thumbUri = m_signer.signedUrl(m_baseUrl, MediaSigner::thumbnailPath(m.mediaId, 512));
    const QString absolute = QDir(snapshot.dataset().folder).filePath(m.relativePath);
    const float s = score.value_or(std::nanf(""));
    if (snapshot.isObjects())
        return objectPreview(snapshot, index, s);
    const QStringList labels = imageLabels(snapshot, index);
    QJsonObject tags;
    for (auto it = m.tags.cbegin(); it != m.tags.cend(); ++it)
        tags.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return QJsonObject{
        {"type", "IMAGE"},
        {"media_id", m.mediaId},
        {"media_uri", mediaUri},
        {"media_thumb_uri", thumbUri},
        {"caption", m.caption.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.caption)},
        {"image_id", m.mediaId},
        {"image_uri", mediaUri},
        {"bounding_box", QJsonValue::Null},
        {"file_name", QFileInfo(m.relativePath).fileName()},
        {"original_uri", QUrl::fromLocalFile(absolute).toString()},
        {"video_uri", ""},
        {"frame_timestamp", QJsonValue::Null},
        {"labels",
         labels.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(labels))},
        {"user_tags", QJsonValue::Null},
        {"tags", tags},
        {"relevance_score", scoreValue(s)},
        {"relevance_score_type", "cosine_distance"},
        {"width", m.width},
        {"height", m.height}};
}

// An object preview: media_id is the object's id, image_id its image; bounding_box is in fractions of the
// image and width/height are the image's, so pixels = fraction * size. The URIs show the whole image.
QJsonObject ExploreJson::objectPreview(const DatasetSnapshot& snapshot, int index, float score) const {
    const MediaRecord& m = snapshot.items()[index];
    const ObjectRecord& object = snapshot.object(index);
    const QString imageUri = m_signer.signedUrl(m_baseUrl, MediaSigner::originalPath(object.mediaId));
    const QString thumbUri = m_signer.signedUrl(m_baseUrl, MediaSigner::thumbnailPath(object.mediaId, 512));
    const QString absolute = QDir(snapshot.dataset().folder).filePath(m.relativePath);
    return QJsonObject{{"type", "OBJECT"},
                       {"media_id", object.objectId},
                       {"media_uri", imageUri},
                       {"media_thumb_uri", thumbUri},
                       {"caption", QJsonValue::Null},
                       {"image_id", object.mediaId},
                       {"image_uri", imageUri},
                       {"bounding_box", fractionBox(object.box, m.width, m.height)},
                       {"bounding_box_pixels",
                        QJsonArray{object.box.x(), object.box.y(), object.box.width(), object.box.height()}},
                       {"confidence", object.confidence},
                       {"file_name", QFileInfo(m.relativePath).fileName()},
                       {"original_uri", QUrl::fromLocalFile(absolute).toString()},
                       {"video_uri", ""},
                       {"frame_timestamp", QJsonValue::Null},
                       {"labels", QJsonArray{object.label}},
                       {"user_tags", QJsonValue::Null},
                       {"relevance_score", scoreValue(score)},
                       {"relevance_score_type", "cosine_distance"},
                       {"width", m.width},
                       {"height", m.height}};
}

QJsonObject ExploreJson::cluster(const DatasetSnapshot& snapshot, const ExploreRanking::Cluster& cluster,
                                 const ExploreSelection& selection, const QString& grouping, int granularity,
                                 bool duplicateGroups) const {
    // Stable ids: named after the dataset, the grouping and the smallest media id of the whole cluster.
    static const QUuid ns(QStringLiteral("{6f1c3e0a-8b1d-4c55-9a51-3f0e6b1d2c7a}"));
    QJsonObject labels;
    QJsonArray captions, previews;
    qint64 bytes = 0;
    QSet<QString> images; // distinct images of the cluster (objects: their images)
    for (int i : cluster.members) {
        const MediaRecord& m = snapshot.items()[i];
        images.insert(m.relativePath);
        bytes += m.stamp.size;
        // Images (or objects) per label, so a cluster of photos with dogs says "dog" like its previews.
        for (const QString& label : snapshot.isObjects() ? QStringList{m.label} : imageLabels(snapshot, i)) {
            if (!label.isEmpty())
                labels[label] = labels.value(label).toInt() + 1;
        }
        if (!m.caption.isEmpty() && captions.size() < kPreviewsPerCluster && !captions.contains(m.caption))
            captions.append(m.caption);
        if (previews.size() < kPreviewsPerCluster)
            previews.append(preview(snapshot, i, selection.score[size_t(i)]));
    }
    const QString clusterKey =
        snapshot.dataset().id + QLatin1Char(':') + grouping + QLatin1Char(':') + cluster.firstMediaId;
    const float best = selection.score[size_t(cluster.members.first())];
    return QJsonObject{
        {"cluster_id", QUuid::createUuidV5(ns, clusterKey).toString(QUuid::WithoutBraces)},
        {"type", snapshot.isObjects() ? "OBJECTS" : "IMAGES"},
        {"n_images", images.size()},
        {"n_objects", snapshot.isObjects() ? cluster.members.size() : -1},
        {"n_videos", 0},
        {"n_frames", -1},
        {"size_display_value", formatSize(bytes)},
        {"similarity_threshold", QString::number(granularity)},
        {"labels", labels},
        {"user_tags", QJsonObject()},
        {"captions", captions},
        {"relevance_score", selection.ranked ? scoreValue(best) : QJsonValue(QJsonValue::Null)},
        {"relevance_score_type", "cosine_distance"},
        {"formed_by", duplicateGroups ? "DUPLICATES" : "SIMILARITY"},
        {"previews", previews}};
}

} // namespace vl::engine
