#include "ExploreEngine.h"

#include "Catalogue.h"
#include "Clusterer.h"
#include "DatasetSnapshot.h"
#include "FullTextQuery.h"
#include "ImageAnalyzer.h"
#include "MediaSigner.h"
#include "OnnxImageEncoder.h"
#include "SemanticMatcher.h"
#include "WordNet.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace vl::engine {

// Which items survive the filters so far and, when a query ranks them, their distance (lower = better).
struct ExploreEngine::Selection {
    std::vector<char> alive;
    std::vector<float> score; // NaN = not ranked
    bool ranked = false;
    // When set, items are grouped by these groups instead of similarity clusters (duplicates filter).
    std::vector<int> groups;
    QString groupKey;

    explicit Selection(int n)
        : alive(size_t(n), 1)
        , score(size_t(n), std::nanf("")) {}
    // With several ranking queries (caption, semantic, anchor) an item is as good as its worst match.
    void rank(int i, float s) {
        score[size_t(i)] = std::isnan(score[size_t(i)]) ? s : std::max(score[size_t(i)], s);
        ranked = true;
    }
};

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

QString documentText(const DatasetSnapshot& snapshot, int index) {
    const MediaRecord& m = snapshot.items()[index];
    QString text = m.caption + QLatin1Char(' ') + m.label;
    if (!snapshot.isObjects())
        text += QLatin1Char(' ') + snapshot.objectLabels(index).join(QLatin1Char(' '));
    return text;
}

// Object snapshots have no FTS index: one leaf of a FullTextQuery ("\"word\"" or "\"word\"*") is matched
// against the object labels in memory, word by word, with optional plural ending.
QSet<qint64> matchObjectLabels(const DatasetSnapshot& snapshot, const QString& leaf) {
    QString text = leaf;
    const bool prefix = text.endsWith(QLatin1Char('*'));
    if (prefix)
        text.chop(1);
    if (text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')) && text.size() >= 2)
        text = text.mid(1, text.size() - 2);
    text.replace(QLatin1String("\"\""), QLatin1String("\""));
    const QRegularExpression pattern(
        QStringLiteral("\\b%1%2").arg(QRegularExpression::escape(text.simplified()),
                                      prefix ? QString() : QStringLiteral("(s|es)?\\b")),
        QRegularExpression::CaseInsensitiveOption);
    QSet<qint64> rows;
    for (const MediaRecord& m : snapshot.items()) {
        if (pattern.match(m.label).hasMatch())
            rows.insert(m.row);
    }
    return rows;
}

// Box as fractions of its image (x, y, width, height in [0, 1]); the preview's width/height give pixels.
QJsonObject fractionBox(const QRect& box, int width, int height) {
    const double w = std::max(width, 1), h = std::max(height, 1);
    return QJsonObject{
        {"x", box.x() / w}, {"y", box.y() / h}, {"width", box.width() / w}, {"height", box.height() / h}};
}

} // namespace

QJsonObject ExploreEngine::preview(const DatasetSnapshot& snapshot, int index,
                                   std::optional<float> score) const {
    const MediaRecord& m = snapshot.items()[index];
    const QString mediaUri = m_signer.signedUrl(m_baseUrl, MediaSigner::originalPath(m.mediaId));
    const QString thumbUri = m_signer.signedUrl(m_baseUrl, MediaSigner::thumbnailPath(m.mediaId, 512));
    const QString absolute = QDir(snapshot.dataset().folder).filePath(m.relativePath);
    const float s = score.value_or(std::nanf(""));
    if (snapshot.isObjects())
        return objectPreview(snapshot, index, s);
    QStringList labels = snapshot.objectLabels(index);
    if (!m.label.isEmpty())
        labels.prepend(m.label);
    labels.removeDuplicates();
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
        {"relevance_score", scoreValue(s)},
        {"relevance_score_type", "cosine_distance"},
        {"width", m.width},
        {"height", m.height}};
}

// An object preview: media_id is the object's id, image_id its image; bounding_box is in fractions of the
// image and width/height are the image's, so pixels = fraction * size. The URIs show the whole image.
QJsonObject ExploreEngine::objectPreview(const DatasetSnapshot& snapshot, int index, float score) const {
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

double ExploreEngine::issueConfidence(const DatasetSnapshot& snapshot, int index,
                                      const QString& issue) const {
    const MediaRecord& m = snapshot.items()[index];
    if (issue == QLatin1String("blur"))
        return m.blur;
    if (issue == QLatin1String("dark"))
        return m.dark;
    if (issue == QLatin1String("bright"))
        return m.bright;
    if (issue == QLatin1String("duplicates")) {
        // Near-duplicates are what the finest clustering level joins; closer pairs are more certain.
        const float limit = Clusterer::distanceForLevel(0);
        const float nearest = snapshot.nearestDistances()[size_t(index)];
        return nearest <= limit ? 1.0 - 0.5 * double(nearest) / double(std::max(limit, 1e-6f)) : 0.0;
    }
    if (issue == QLatin1String("outliers"))
        return snapshot.uniqueness(index);
    if (issue == QLatin1String("normal")) {
        for (const char* other : {"blur", "dark", "bright", "duplicates"}) {
            if (issueConfidence(snapshot, index, QLatin1String(other)) >= 0.5)
                return 0.0;
        }
        return 1.0;
    }
    if (issue == QLatin1String("mislabels") || issue == QLatin1String("label_outlier")) {
        // A labelled image whose nearest labelled neighbours mostly carry another label.
        if (m.label.isEmpty())
            return 0.0;
        int labelled = 0, disagreeing = 0;
        for (const VectorIndex::Hit& hit : snapshot.index().search(snapshot.vector(index), 6)) {
            const MediaRecord& other = snapshot.items()[int(hit.id)];
            if (int(hit.id) == index || other.label.isEmpty())
                continue;
            ++labelled;
            disagreeing += other.label != m.label ? 1 : 0;
        }
        return labelled == 0 ? 0.0 : double(disagreeing) / labelled;
    }
    return 0.0;
}

std::optional<ApiResponse> ExploreEngine::applyAnchor(const DatasetSnapshot& snapshot,
                                                      const QString& anchorId, const QString& anchorType,
                                                      std::optional<double> maxDistance,
                                                      Selection& selection) const {
    QVector<float> query;
    if (anchorType == QLatin1String("MEDIA")) {
        const int index = snapshot.indexOfMedia(anchorId);
        if (index < 0)
            return ApiResponse::detail(404,
                                       QStringLiteral("Media %1 not found in this dataset").arg(anchorId));
        query = QVector<float>(snapshot.vector(index), snapshot.vector(index) + snapshot.dimension());
    } else {
        const auto anchor = m_catalogue.anchor(snapshot.dataset().id, anchorId);
        if (!anchor) {
            const int index =
                snapshot.indexOfMedia(anchorId); // similarity filters may name dataset media too
            if (index < 0)
                return ApiResponse::detail(
                    404, QStringLiteral("Anchor %1 not found for this dataset").arg(anchorId));
            query = QVector<float>(snapshot.vector(index), snapshot.vector(index) + snapshot.dimension());
        } else {
            query = *anchor;
        }
    }
    if (query.size() != snapshot.dimension())
        return ApiResponse::detail(
            409, QStringLiteral("The anchor was made by another descriptor version; upload it again"));
    for (int i = 0; i < snapshot.size(); ++i) {
        const float d =
            ImageAnalyzer::cosineDistance(query.constData(), snapshot.vector(i), snapshot.dimension());
        if (maxDistance && d > *maxDistance)
            selection.alive[size_t(i)] = 0;
        selection.rank(i, std::max(0.0f, d));
    }
    return std::nullopt;
}

std::optional<ApiResponse> ExploreEngine::applyVql(const DatasetSnapshot& snapshot, const VqlFilter& f,
                                                   Selection& selection) const {
    const int n = snapshot.size();
    switch (f.kind) {
    case VqlFilter::FullText: {
        QString why;
        const auto query = FullTextQuery::parse(f.text, &why);
        if (!query)
            return ApiResponse::validation(ValidationIssue{"query", "vql", why, "value_error", f.text});
        bool syntaxError = false;
        const QSet<qint64> rows = query->evaluate(
            [&](const QString& leaf) {
                if (snapshot.isObjects())
                    return matchObjectLabels(snapshot, leaf);
                auto match = m_catalogue.fullTextMatch(snapshot.dataset().id, leaf);
                syntaxError |= !match.has_value();
                return match.value_or(QSet<qint64>());
            },
            snapshot.allRows());
        if (syntaxError)
            return ApiResponse::validation(
                ValidationIssue{"query", "vql", "Invalid full-text query: " + f.text, "value_error", f.text});
        for (int i = 0; i < n; ++i) {
            if (!rows.contains(snapshot.items()[i].row))
                selection.alive[size_t(i)] = 0;
        }
        return std::nullopt;
    }
    case VqlFilter::Semantic: {
        if (m_textEncoder) {
            const QVector<float> query = m_textEncoder->encodeText(f.text);
            const double minimum = f.threshold.value_or(0.0);
            for (int i = 0; i < n; ++i) {
                const QVector<float>& image = snapshot.items()[i].semantic;
                if (!selection.alive[size_t(i)])
                    continue;
                if (query.isEmpty() || image.size() != query.size()) {
                    selection.alive[size_t(i)] = 0;
                    continue;
                }
                double similarity = 0; // both are L2-normalised by the encoder
                for (int k = 0; k < query.size(); ++k)
                    similarity += double(query[k]) * double(image[k]);
                if (similarity < minimum)
                    selection.alive[size_t(i)] = 0;
                else
                    selection.rank(i, float(1.0 - similarity));
            }
            return std::nullopt;
        }
        const SemanticMatcher matcher(f.text, WordNet::instance());
        const double minimum = f.threshold.value_or(0.0);
        for (int i = 0; i < n; ++i) {
            if (!selection.alive[size_t(i)])
                continue;
            const double similarity = matcher.similarity(documentText(snapshot, i));
            if (similarity <= 0 || similarity < minimum)
                selection.alive[size_t(i)] = 0;
            else
                selection.rank(i, float(1.0 - similarity));
        }
        return std::nullopt;
    }
    case VqlFilter::Labels: {
        for (int i = 0; i < n; ++i) {
            const bool listed = f.values.contains(snapshot.items()[i].label, Qt::CaseInsensitive) &&
                                !snapshot.items()[i].label.isEmpty();
            if (listed == f.exclude)
                selection.alive[size_t(i)] = 0;
        }
        return std::nullopt;
    }
    case VqlFilter::Tags: {
        // Local datasets carry no user tags: "untagged" (or excluding tags) keeps everything.
        const bool onlyUntagged = f.values == QStringList{QStringLiteral("untagged")};
        if (!f.exclude && !onlyUntagged && !f.values.isEmpty())
            std::fill(selection.alive.begin(), selection.alive.end(), 0);
        return std::nullopt;
    }
    case VqlFilter::Issue: {
        for (int i = 0; i < n; ++i) {
            if (!selection.alive[size_t(i)])
                continue;
            const double c = issueConfidence(snapshot, i, f.text);
            const bool inRange = c > 0 && c >= f.confidenceMin && c <= f.confidenceMax;
            if (inRange == f.exclude)
                selection.alive[size_t(i)] = 0;
        }
        return std::nullopt;
    }
    case VqlFilter::Duplicates: {
        // Connected components of pairs at distance <= 1 - similarity; singletons are not duplicates.
        const float maxDistance = float(1.0 - f.value);
        std::vector<int> parent(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i)
            parent[size_t(i)] = i;
        auto find = [&](int x) {
            while (parent[size_t(x)] != x)
                x = parent[size_t(x)] = parent[size_t(parent[size_t(x)])];
            return x;
        };
        for (int i = 0; i < n; ++i) {
            for (const VectorIndex::Hit& hit : snapshot.index().search(snapshot.vector(i), 0, maxDistance)) {
                if (int(hit.id) != i)
                    parent[size_t(find(i))] = find(int(hit.id));
            }
        }
        std::vector<int> groupSize(size_t(n), 0);
        for (int i = 0; i < n; ++i)
            ++groupSize[size_t(find(i))];
        selection.groups.assign(size_t(n), -1);
        for (int i = 0; i < n; ++i) {
            const int root = find(i);
            if (groupSize[size_t(root)] < 2)
                selection.alive[size_t(i)] = 0;
            selection.groups[size_t(i)] = root;
        }
        selection.groupKey = QStringLiteral("duplicates:%1").arg(f.value);
        return std::nullopt;
    }
    case VqlFilter::Uniqueness: {
        for (int i = 0; i < n; ++i) {
            if (snapshot.uniqueness(i) < f.value)
                selection.alive[size_t(i)] = 0;
        }
        return std::nullopt;
    }
    case VqlFilter::Similarity:
        return applyAnchor(snapshot, f.text, QStringLiteral("UPLOAD"), f.threshold, selection);
    }
    return std::nullopt;
}

std::optional<ApiResponse> ExploreEngine::applyFilters(const DatasetSnapshot& snapshot,
                                                       const ExploreRequest& request,
                                                       Selection& selection) const {
    if (!request.caption.trimmed().isEmpty()) {
        // `caption` searches captions by meaning; textual_similarity_threshold keeps distances below it.
        const SemanticMatcher matcher(request.caption, WordNet::instance());
        for (int i = 0; i < snapshot.size(); ++i) {
            const double distance = 1.0 - matcher.similarity(documentText(snapshot, i));
            const bool keep = request.textualSimilarityThreshold
                                  ? distance < *request.textualSimilarityThreshold
                                  : distance < 1.0;
            if (!keep)
                selection.alive[size_t(i)] = 0;
            else
                selection.rank(i, float(distance));
        }
    }
    if (!request.labels.isEmpty()) {
        VqlFilter labels;
        labels.kind = VqlFilter::Labels;
        labels.values = request.labels;
        applyVql(snapshot, labels, selection);
    }
    if (request.tags && !request.untagged && !request.tags->isEmpty())
        std::fill(selection.alive.begin(), selection.alive.end(), 0);
    for (const VqlFilter& filter : request.filters) {
        if (auto error = applyVql(snapshot, filter, selection))
            return error;
    }
    if (!request.anchorMediaId.isEmpty()) {
        if (auto error =
                applyAnchor(snapshot, request.anchorMediaId, request.anchorType, std::nullopt, selection))
            return error;
    }
    return std::nullopt;
}

std::optional<QVector<int>> ExploreEngine::select(const DatasetSnapshot& snapshot,
                                                  const ExploreRequest& request, ApiResponse* error) const {
    Selection selection(snapshot.size());
    if (auto problem = applyFilters(snapshot, request, selection)) {
        if (error)
            *error = *problem;
        return std::nullopt;
    }
    QVector<int> alive;
    for (int i = 0; i < snapshot.size(); ++i) {
        if (selection.alive[size_t(i)])
            alive.append(i);
    }
    return alive;
}

ApiResponse ExploreEngine::explore(const DatasetSnapshot& snapshot, const ExploreRequest& request) const {
    const QJsonObject emptyResult{{"clusters", QJsonArray()}, {"metadata", QJsonObject()}};
    if (request.objects != snapshot.isObjects()) // the route passes the snapshot the entity type asks for
        return ApiResponse::json(emptyResult);
    Selection selection(snapshot.size());
    if (auto error = applyFilters(snapshot, request, selection))
        return *error;

    const bool byGroups = !selection.groups.empty();
    const std::vector<int>& assignment = byGroups ? selection.groups : snapshot.clusters(request.granularity);
    // Stable ids: named after the dataset, the grouping and the smallest media id of the whole cluster.
    QHash<int, QString> firstMediaOfCluster;
    QHash<int, QVector<int>> members;
    QVector<int> order;
    for (int i = 0; i < snapshot.size(); ++i) {
        const int c = assignment[size_t(i)];
        const QString& id = snapshot.items()[i].mediaId;
        auto first = firstMediaOfCluster.find(c);
        if (first == firstMediaOfCluster.end())
            firstMediaOfCluster.insert(c, id);
        else if (id < first.value())
            first.value() = id;
        if (selection.alive[size_t(i)]) {
            if (!members.contains(c))
                order.append(c);
            members[c].append(i);
        }
    }
    auto itemScore = [&](int i) { return selection.score[size_t(i)]; };
    auto byScore = [&](int a, int b) {
        const float sa = itemScore(a), sb = itemScore(b);
        if (std::isnan(sa) != std::isnan(sb))
            return std::isnan(sb);
        if (!std::isnan(sa) && sa != sb)
            return sa < sb;
        return snapshot.items()[a].relativePath < snapshot.items()[b].relativePath;
    };
    for (auto& list : members)
        std::sort(list.begin(), list.end(), byScore);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const QVector<int>& ma = members[a];
        const QVector<int>& mb = members[b];
        if (selection.ranked) {
            const float sa = itemScore(ma.first()), sb = itemScore(mb.first());
            if (sa != sb && !std::isnan(sa) && !std::isnan(sb))
                return sa < sb;
        }
        if (ma.size() != mb.size())
            return ma.size() > mb.size();
        return snapshot.items()[ma.first()].relativePath < snapshot.items()[mb.first()].relativePath;
    });

    const QString grouping = byGroups ? selection.groupKey : QString::number(request.granularity);
    const QUuid ns(QStringLiteral("{6f1c3e0a-8b1d-4c55-9a51-3f0e6b1d2c7a}"));
    QJsonArray clusters;
    // 64-bit and clamped: the page is validated, but a page past the end must never index the list.
    const qint64 begin = std::max<qint64>(0, qint64(request.page) * ExploreRequest::kClustersPerPage);
    const qint64 end = std::min<qint64>(order.size(), begin + ExploreRequest::kClustersPerPage);
    for (qint64 k = begin; k < end; ++k) {
        const int c = order[int(k)];
        const QVector<int>& list = members[c];
        QJsonObject labels;
        QJsonArray captions, previews;
        qint64 bytes = 0;
        QSet<QString> images; // distinct images of the cluster (objects: their images)
        for (int i : list) {
            const MediaRecord& m = snapshot.items()[i];
            images.insert(m.relativePath);
            bytes += m.stamp.size;
            if (!m.label.isEmpty())
                labels[m.label] = labels.value(m.label).toInt() + 1;
            if (!m.caption.isEmpty() && captions.size() < kPreviewsPerCluster &&
                !captions.contains(m.caption))
                captions.append(m.caption);
            if (previews.size() < kPreviewsPerCluster)
                previews.append(preview(snapshot, i, itemScore(i)));
        }
        const QString clusterKey = snapshot.dataset().id + QLatin1Char(':') + grouping + QLatin1Char(':') +
                                   firstMediaOfCluster.value(c);
        clusters.append(
            QJsonObject{{"cluster_id", QUuid::createUuidV5(ns, clusterKey).toString(QUuid::WithoutBraces)},
                        {"type", snapshot.isObjects() ? "OBJECTS" : "IMAGES"},
                        {"n_images", images.size()},
                        {"n_objects", snapshot.isObjects() ? list.size() : -1},
                        {"n_videos", 0},
                        {"n_frames", -1},
                        {"size_display_value", formatSize(bytes)},
                        {"similarity_threshold", QString::number(request.granularity)},
                        {"labels", labels},
                        {"user_tags", QJsonObject()},
                        {"captions", captions},
                        {"relevance_score", selection.ranked ? scoreValue(itemScore(list.first()))
                                                             : QJsonValue(QJsonValue::Null)},
                        {"relevance_score_type", "cosine_distance"},
                        {"formed_by", byGroups ? "DUPLICATES" : "SIMILARITY"},
                        {"previews", previews}});
    }
    return ApiResponse::json(QJsonObject{{"clusters", clusters}, {"metadata", QJsonObject()}});
}

} // namespace vl::engine
