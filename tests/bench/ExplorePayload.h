#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <functional>

// Synthetic GET /explore pages with the fields and shapes the local engine sends (search/ExploreJson):
// UUID ids, signed absolute media links, labels as a {name: count} object, tags by source, null captions
// and boxes where the engine sends null. Deterministic for a given page number.
namespace ExplorePayload {

// The thumbnail link of preview `preview` of cluster `cluster`; the default is an engine-style signed URL.
using ThumbUri = std::function<QString(int cluster, int preview)>;

inline QString signedLink(int cluster, int preview, const char* kind) {
    const QString mediaId = QUuid::createUuidV5(QUuid(), QStringLiteral("m%1-%2").arg(cluster).arg(preview))
                                .toString(QUuid::WithoutBraces);
    return QStringLiteral("http://127.0.0.1:45123/api/v1/media/%1/%2?expires=1767225600&sig=%3")
        .arg(mediaId, QLatin1String(kind), QString::number(qHash(mediaId), 16).repeated(4));
}

inline QJsonObject preview(int cluster, int index, const ThumbUri& thumbUri) {
    const QString mediaId = QUuid::createUuidV5(QUuid(), QStringLiteral("m%1-%2").arg(cluster).arg(index))
                                .toString(QUuid::WithoutBraces);
    const QString media = signedLink(cluster, index, "original");
    const QString file = QStringLiteral("IMG_%1.jpg").arg(cluster * 9 + index, 6, 10, QLatin1Char('0'));
    const QStringList labels = index % 3 == 0 ? QStringList{"dog", "person"} : QStringList{"car"};
    return QJsonObject{{"type", "IMAGE"},
                       {"media_id", mediaId},
                       {"media_uri", media},
                       {"media_thumb_uri",
                        thumbUri ? thumbUri(cluster, index) : signedLink(cluster, index, "thumbnail/512")},
                       {"caption", index % 2
                                       ? QJsonValue(QStringLiteral("a dog running on the beach at sunset"))
                                       : QJsonValue(QJsonValue::Null)},
                       {"image_id", mediaId},
                       {"image_uri", media},
                       {"bounding_box", QJsonValue::Null},
                       {"file_name", file},
                       {"original_uri", QStringLiteral("file:///home/user/Pictures/holiday/") + file},
                       {"video_uri", ""},
                       {"frame_timestamp", QJsonValue::Null},
                       {"labels", QJsonArray::fromStringList(labels)},
                       {"user_tags", QJsonValue::Null},
                       {"tags", QJsonObject{{"name", QJsonArray{"holiday"}},
                                            {"attribute", QJsonArray{"blue", "bright"}},
                                            {"object", QJsonArray::fromStringList(labels)}}},
                       {"relevance_score", 0.05 + 0.001 * index},
                       {"relevance_score_type", "cosine_distance"},
                       {"width", 4032},
                       {"height", 3024}};
}

inline QJsonObject cluster(int number, int previewCount, const ThumbUri& thumbUri) {
    QJsonArray previews;
    for (int i = 0; i < previewCount; ++i)
        previews.append(preview(number, i, thumbUri));
    return QJsonObject{
        {"cluster_id",
         QUuid::createUuidV5(QUuid(), QStringLiteral("c%1").arg(number)).toString(QUuid::WithoutBraces)},
        {"type", "IMAGES"},
        {"n_images", previewCount + number % 40},
        {"n_objects", -1},
        {"n_videos", 0},
        {"n_frames", -1},
        {"size_display_value", "12.4MB"},
        {"similarity_threshold", "0"},
        {"labels", QJsonObject{{"dog", 4}, {"person", 3}, {"car", 2}}},
        {"user_tags", QJsonObject()},
        {"captions", QJsonArray{"a dog running on the beach at sunset"}},
        {"relevance_score", QJsonValue::Null},
        {"relevance_score_type", "cosine_distance"},
        {"formed_by", "SIMILARITY"},
        {"previews", previews}};
}

// Page `page` of `clusters` clusters, 100 a page (empty past the end), compact as servers send it.
inline QByteArray page(int page, int clusters, int previewsPerCluster, const ThumbUri& thumbUri = {}) {
    QJsonArray list;
    for (int c = page * 100; c < qMin(clusters, (page + 1) * 100); ++c)
        list.append(cluster(c, previewsPerCluster, thumbUri));
    const QJsonObject root{{"clusters", list}, {"metadata", QJsonObject{{"used_duckdb", false}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace ExplorePayload
