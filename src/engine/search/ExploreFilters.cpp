#include "ExploreFilters.h"

#include "Catalogue.h"
#include "Clusterer.h"
#include "DatasetSnapshot.h"
#include "DuplicateGroups.h"
#include "FullTextQuery.h"
#include "ImageAnalyzer.h"
#include "OnnxImageEncoder.h"
#include "SemanticMatcher.h"
#include "WordNet.h"

#include <QRegularExpression>

#include <algorithm>

namespace vl::engine {

namespace {

double textSimilarity(const SemanticMatcher& matcher, const DatasetSnapshot& snapshot, int index) {
    return matcher.similarity(snapshot.searchText(index), snapshot.detectedClasses(index),
                              snapshot.attributes(index));
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

// A snapshot's indexes hold item i under id i in row i (added in item order, never removed), so
// VectorIndex::distances() is indexed by item.
int storageRow(const VectorIndex& index, int item) {
    Q_ASSERT(index.ids()[size_t(item)] == item);
    return item;
}

} // namespace

std::optional<ApiResponse> ExploreFilters::apply(const ExploreRequest& request,
                                                 ExploreSelection& selection) const {
    if (!request.caption.trimmed().isEmpty())
        applyCaption(request, selection);
    if (!request.labels.isEmpty()) {
        VqlFilter labels;
        labels.kind = VqlFilter::Labels;
        labels.values = request.labels;
        applyLabels(labels, selection);
    }
    if (request.tags && !request.untagged && !request.tags->isEmpty())
        std::fill(selection.alive.begin(), selection.alive.end(), 0);
    for (const VqlFilter& filter : request.filters) {
        if (auto error = applyVql(filter, selection))
            return error;
    }
    if (!request.anchorMediaId.isEmpty())
        return applyAnchor(request.anchorMediaId, request.anchorType, std::nullopt, selection);
    return std::nullopt;
}

std::optional<ApiResponse> ExploreFilters::applyVql(const VqlFilter& f, ExploreSelection& selection) const {
    switch (f.kind) {
    case VqlFilter::FullText:
        return applyFullText(f, selection);
    case VqlFilter::Semantic:
        if (m_textEncoder)
            applyEncodedSemantic(f, selection);
        else
            applySemantic(f, selection);
        return std::nullopt;
    case VqlFilter::Labels:
        applyLabels(f, selection);
        return std::nullopt;
    case VqlFilter::Tags: {
        // Local datasets carry no user tags: "untagged" (or excluding tags) keeps everything.
        const bool onlyUntagged = f.values == QStringList{QStringLiteral("untagged")};
        if (!f.exclude && !onlyUntagged && !f.values.isEmpty())
            std::fill(selection.alive.begin(), selection.alive.end(), 0);
        return std::nullopt;
    }
    case VqlFilter::Issue:
        applyIssue(f, selection);
        return std::nullopt;
    case VqlFilter::Duplicates:
        applyDuplicates(f, selection);
        return std::nullopt;
    case VqlFilter::Uniqueness:
        for (int i = 0; i < m_snapshot.size(); ++i) {
            if (m_snapshot.uniqueness(i) < f.value)
                selection.drop(i);
        }
        return std::nullopt;
    case VqlFilter::Similarity:
        return applyAnchor(f.text, QStringLiteral("UPLOAD"), f.threshold, selection);
    case VqlFilter::MapRegion: {
        const EmbeddingsMap& map = m_snapshot.embeddingsMap();
        for (int i = 0; i < m_snapshot.size(); ++i) {
            if (!map.inside(i, f.polygon))
                selection.drop(i);
        }
        return std::nullopt;
    }
    }
    return std::nullopt;
}

// `caption` searches captions by meaning; textual_similarity_threshold keeps distances below it.
void ExploreFilters::applyCaption(const ExploreRequest& request, ExploreSelection& selection) const {
    const SemanticMatcher matcher(request.caption, WordNet::instance());
    for (int i = 0; i < m_snapshot.size(); ++i) {
        const double distance = 1.0 - textSimilarity(matcher, m_snapshot, i);
        const bool keep = request.textualSimilarityThreshold ? distance < *request.textualSimilarityThreshold
                                                             : distance < 1.0;
        if (!keep)
            selection.drop(i);
        else
            selection.rank(i, float(distance));
    }
}

std::optional<ApiResponse> ExploreFilters::applyFullText(const VqlFilter& f,
                                                         ExploreSelection& selection) const {
    QString why;
    const auto query = FullTextQuery::parse(f.text, &why);
    if (!query)
        return ApiResponse::validation(ValidationIssue{"query", "vql", why, "value_error", f.text});
    bool syntaxError = false;
    const QSet<qint64> rows = query->evaluate(
        [&](const QString& leaf) {
            if (m_snapshot.isObjects())
                return matchObjectLabels(m_snapshot, leaf);
            auto match = m_catalogue.fullTextMatch(m_snapshot.dataset().id, leaf);
            syntaxError |= !match.has_value();
            return match.value_or(QSet<qint64>());
        },
        m_snapshot.allRows());
    if (syntaxError)
        return ApiResponse::validation(
            ValidationIssue{"query", "vql", "Invalid full-text query: " + f.text, "value_error", f.text});
    for (int i = 0; i < m_snapshot.size(); ++i) {
        if (!rows.contains(m_snapshot.items()[i].row))
            selection.drop(i);
    }
    return std::nullopt;
}

// WordNet meaning match over captions and labels; threshold = minimum similarity.
void ExploreFilters::applySemantic(const VqlFilter& f, ExploreSelection& selection) const {
    const SemanticMatcher matcher(f.text, WordNet::instance());
    const double minimum = f.threshold.value_or(0.0);
    for (int i = 0; i < m_snapshot.size(); ++i) {
        if (!selection.isAlive(i))
            continue;
        const double similarity = textSimilarity(matcher, m_snapshot, i);
        if (similarity <= 0 || similarity < minimum)
            selection.drop(i);
        else
            selection.rank(i, float(1.0 - similarity));
    }
}

// The plug-in's text embedding against the items' plug-in image embeddings (MediaRecord::semantic), through
// the snapshot's semantic index: both are L2-normalised by the encoder, so similarity = 1 - distance.
void ExploreFilters::applyEncodedSemantic(const VqlFilter& f, ExploreSelection& selection) const {
    const QVector<float> query = m_textEncoder->encodeText(f.text);
    const VectorIndex& index = m_snapshot.semanticIndex();
    const bool comparable = !query.isEmpty() && query.size() == index.dimension();
    const std::vector<float> distances =
        comparable ? index.distances(query.constData()) : std::vector<float>();
    const double minimum = f.threshold.value_or(0.0);
    for (int i = 0; i < m_snapshot.size(); ++i) {
        if (!selection.isAlive(i))
            continue;
        if (!comparable || !m_snapshot.hasSemantic(i)) {
            selection.drop(i);
            continue;
        }
        const double similarity = 1.0 - double(distances[size_t(storageRow(index, i))]);
        if (similarity < minimum)
            selection.drop(i);
        else
            selection.rank(i, float(1.0 - similarity));
    }
}

void ExploreFilters::applyLabels(const VqlFilter& f, ExploreSelection& selection) const {
    for (int i = 0; i < m_snapshot.size(); ++i) {
        const QString& label = m_snapshot.items()[i].label;
        const bool listed = f.values.contains(label, Qt::CaseInsensitive) && !label.isEmpty();
        if (listed == f.exclude)
            selection.drop(i);
    }
}

void ExploreFilters::applyIssue(const VqlFilter& f, ExploreSelection& selection) const {
    for (int i = 0; i < m_snapshot.size(); ++i) {
        if (!selection.isAlive(i))
            continue;
        const double c = issueConfidence(i, f.text);
        const bool inRange = c > 0 && c >= f.confidenceMin && c <= f.confidenceMax;
        if (inRange == f.exclude)
            selection.drop(i);
        else if (!f.exclude) // the worst cases first, as a quality review wants them
            selection.rank(i, float(1.0 - c));
    }
}

// Groups of items closer than 1 - similarity (from the snapshot's k-NN graph); singletons are not duplicates.
void ExploreFilters::applyDuplicates(const VqlFilter& f, ExploreSelection& selection) const {
    const int n = m_snapshot.size();
    const std::vector<int> groups =
        DuplicateGroups::find(m_snapshot.index(), m_snapshot.neighbours(), float(1.0 - f.value));
    std::vector<int> groupSize(size_t(n), 0);
    for (int root : groups)
        ++groupSize[size_t(root)];
    for (int i = 0; i < n; ++i) {
        if (groupSize[size_t(groups[size_t(i)])] < 2)
            selection.drop(i);
    }
    selection.groups = groups;
    selection.groupKey = QStringLiteral("duplicates:%1").arg(f.value);
}

std::optional<ApiResponse> ExploreFilters::applyAnchor(const QString& anchorId, const QString& anchorType,
                                                       std::optional<double> maxDistance,
                                                       ExploreSelection& selection) const {
    std::vector<float> distances;
    QString readError;
    const auto anchor = anchorType == QLatin1String("MEDIA")
                            ? std::nullopt
                            : m_catalogue.anchor(m_snapshot.dataset().id, anchorId, &readError);
    if (!readError.isEmpty()) // not "no such anchor": the catalogue failed
        return ApiResponse::detail(
            500, QStringLiteral("The engine's catalogue could not be read: %1").arg(readError));
    if (anchor) {
        // An uploaded anchor holds the classical descriptor, then (when the model ran) the learned embedding.
        const int classical = ImageAnalyzer::embeddingDimension();
        const QVector<float>& vector = anchor->embedding;
        if (vector.size() < classical)
            return ApiResponse::detail(
                409, QStringLiteral("The anchor was made by another descriptor version; upload it again"));
        distances = m_snapshot.visualDistances(vector.mid(0, classical), vector.mid(classical),
                                               anchor->faceEmbedding);
    } else {
        // MEDIA anchors, and similarity filters that name dataset media.
        const int index = m_snapshot.indexOfMedia(anchorId);
        if (index < 0)
            return ApiResponse::detail(
                404, anchorType == QLatin1String("MEDIA")
                         ? QStringLiteral("Media %1 not found in this dataset").arg(anchorId)
                         : QStringLiteral("Anchor %1 not found for this dataset").arg(anchorId));
        distances = m_snapshot.visualDistancesFrom(index);
    }
    // Through the vector index (VectorIndex::distances, row i = item i).
    for (int i = 0; i < m_snapshot.size(); ++i) {
        const float d = std::max(0.0f, distances[size_t(i)]); // rounding can dip below 0
        if (maxDistance && d > *maxDistance)
            selection.drop(i);
        selection.rank(i, d);
    }
    return std::nullopt;
}

double ExploreFilters::issueConfidence(int index, const QString& issue) const {
    const MediaRecord& m = m_snapshot.items()[index];
    if (issue == QLatin1String("blur"))
        return m.blur;
    if (issue == QLatin1String("dark"))
        return m.dark;
    if (issue == QLatin1String("bright"))
        return m.bright;
    if (issue == QLatin1String("duplicates")) {
        // Near-duplicates are what the finest clustering level joins; closer pairs are more certain.
        const float limit = Clusterer::distanceForLevel(0);
        const float nearest = m_snapshot.nearestDistances()[size_t(index)];
        return nearest <= limit ? 1.0 - 0.5 * double(nearest) / double(std::max(limit, 1e-6f)) : 0.0;
    }
    if (issue == QLatin1String("outliers"))
        return m_snapshot.uniqueness(index);
    if (issue == QLatin1String("normal")) {
        for (const char* other : {"blur", "dark", "bright", "duplicates"}) {
            if (issueConfidence(index, QLatin1String(other)) >= 0.5)
                return 0.0;
        }
        return 1.0;
    }
    if (issue == QLatin1String("mislabels") || issue == QLatin1String("label_outlier")) {
        // A labelled image whose nearest labelled neighbours mostly carry another label.
        if (m.label.isEmpty())
            return 0.0;
        int labelled = 0, disagreeing = 0;
        const NeighbourGraph& graph = m_snapshot.neighbours(); // its first 6 entries: the 6 nearest
        for (int h = 0; h < std::min(6, graph.listSize(index)); ++h) {
            const int id = graph.list(index)[h].id;
            const MediaRecord& other = m_snapshot.items()[id];
            if (id == index || other.label.isEmpty())
                continue;
            ++labelled;
            disagreeing += other.label != m.label ? 1 : 0;
        }
        return labelled == 0 ? 0.0 : double(disagreeing) / labelled;
    }
    return 0.0;
}

} // namespace vl::engine
