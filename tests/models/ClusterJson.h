#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace vl::test {

// One cluster as GET /explore sends it, with `previewCount` previews whose thumbnails live on `base`.
inline QJsonObject clusterJson(const QString& id, int previewCount, double score, const QString& base = {},
                               const QString& caption = QStringLiteral("a red square")) {
    QJsonArray previews;
    for (int i = 0; i < previewCount; ++i) {
        previews.append(
            QJsonObject{{"type", "IMAGE"},
                        {"media_id", QStringLiteral("%1-m%2").arg(id).arg(i)},
                        {"media_uri", QStringLiteral("%1/image/%2-m%3.png").arg(base, id).arg(i)},
                        {"media_thumb_uri", QStringLiteral("%1/thumb/%2-m%3.png").arg(base, id).arg(i)},
                        {"caption", caption},
                        {"file_name", QStringLiteral("%1-%2.png").arg(id).arg(i)},
                        {"bounding_box", QJsonValue()},
                        {"relevance_score", score},
                        {"relevance_score_type", "cosine_distance"},
                        {"width", 64},
                        {"height", 48}});
    }
    return QJsonObject{{"cluster_id", id},
                       {"type", "IMAGES"},
                       {"n_images", previewCount + 3},
                       {"n_objects", -1},
                       {"similarity_threshold", "0"},
                       {"labels", QJsonObject{{"cat", 3}, {"dog", 1}}},
                       {"user_tags", QJsonValue()},
                       {"captions", QJsonArray{caption}},
                       {"relevance_score", score},
                       {"relevance_score_type", "cosine_distance"},
                       {"formed_by", "SIMILARITY"},
                       {"previews", previews}};
}

inline QJsonObject explorePage(int count, int firstIndex, double score = 0.12, const QString& base = {}) {
    QJsonArray clusters;
    for (int i = 0; i < count; ++i)
        clusters.append(clusterJson(QStringLiteral("c%1").arg(firstIndex + i), 3, score, base));
    return QJsonObject{{"clusters", clusters}, {"metadata", QJsonObject{{"used_duckdb", false}}}};
}

} // namespace vl::test
