#include "DatasetSnapshot.h"

#include "Clusterer.h"
#include "ImageAnalyzer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace vl::engine {

DatasetSnapshot::DatasetSnapshot(const DatasetRecord& dataset, QVector<MediaRecord> items)
    : m_dataset(dataset)
    , m_items(std::move(items))
    , m_dimension(ImageAnalyzer::embeddingDimension())
    , m_index(ImageAnalyzer::embeddingDimension()) {
    m_vectors.assign(size_t(m_items.size()) * size_t(m_dimension), 0.0f);
    m_hasSemantic.assign(size_t(m_items.size()), 0);
    for (const MediaRecord& item : m_items) {
        if (!item.semantic.isEmpty()) { // one plug-in encodes a dataset: its dimension is the first one's
            m_semanticIndex = VectorIndex(item.semantic.size());
            break;
        }
    }
    indexLearned(m_items);
    for (int i = 0; i < m_items.size(); ++i) {
        MediaRecord& item = m_items[i];
        if (item.embedding.size() == m_dimension)
            std::memcpy(m_vectors.data() + size_t(i) * size_t(m_dimension), item.embedding.constData(),
                        sizeof(float) * size_t(m_dimension));
        m_index.add(i, item.embedding.size() == m_dimension ? item.embedding
                                                            : QVector<float>(m_dimension, 0.0f));
        // Every item gets a row (zeros when it has no embedding) so that row i is item i in both indexes.
        m_hasSemantic[size_t(i)] = item.semantic.size() == m_semanticIndex.dimension() ? 1 : 0;
        if (m_semanticIndex.dimension() > 0)
            m_semanticIndex.add(i, hasSemantic(i) ? item.semantic
                                                  : QVector<float>(m_semanticIndex.dimension(), 0.0f));
        item.embedding.clear(); // the indexed copies are the ones used from now on
        item.semantic.clear();
        item.learned.clear();
        m_indexByMediaId.insert(item.mediaId, i);
        m_indexByRow.insert(item.row, i);
    }
}

namespace {

// `values` scaled to length `length` (zeros stay zeros).
void appendScaled(QVector<float>& out, const float* values, int count, float length) {
    double squared = 0;
    for (int i = 0; i < count; ++i)
        squared += double(values[i]) * values[i];
    const float scale = squared > 0 ? float(length / std::sqrt(squared)) : 0.0f;
    for (int i = 0; i < count; ++i)
        out.append(values[i] * scale);
}

} // namespace

// Learned embeddings join visual search only when every item has one of one dimension: a partly encoded
// dataset would rank encoded and unencoded items on different scales.
void DatasetSnapshot::indexLearned(const QVector<MediaRecord>& items) {
    const int dimension = items.isEmpty() ? 0 : items.first().learned.size();
    for (const MediaRecord& item : items) {
        if (dimension == 0 || item.learned.size() != dimension)
            return;
    }
    m_learnedDimension = dimension;
    m_learned.reserve(size_t(items.size()) * size_t(dimension));
    for (const MediaRecord& item : items)
        m_learned.insert(m_learned.end(), item.learned.begin(), item.learned.end());
    m_combinedIndex = VectorIndex(m_dimension + dimension);
    for (int i = 0; i < items.size(); ++i) {
        const QVector<float>& classical = items[i].embedding;
        m_combinedIndex.add(i, combined(classical.size() == m_dimension ? classical.constData() : nullptr,
                                        items[i].learned.constData()));
    }
}

QVector<float> DatasetSnapshot::combined(const float* classical, const float* learned) const {
    QVector<float> out;
    out.reserve(m_dimension + m_learnedDimension);
    if (classical)
        appendScaled(out, classical, m_dimension, std::sqrt(kClassicalWeight));
    else
        out.fill(0.0f, m_dimension);
    appendScaled(out, learned, m_learnedDimension, std::sqrt(kLearnedWeight));
    return out;
}

QVector<float> DatasetSnapshot::learned(int index) const {
    if (m_learnedDimension == 0)
        return {};
    const float* begin = m_learned.data() + size_t(index) * size_t(m_learnedDimension);
    return QVector<float>(begin, begin + m_learnedDimension);
}

std::vector<float> DatasetSnapshot::visualDistances(const float* classical,
                                                    const QVector<float>& learned) const {
    if (m_learnedDimension > 0 && learned.size() == m_learnedDimension)
        return m_combinedIndex.distances(combined(classical, learned.constData()).constData());
    return m_index.distances(classical);
}

std::shared_ptr<DatasetSnapshot> DatasetSnapshot::fromMedia(const DatasetRecord& dataset,
                                                            QVector<MediaRecord> items) {
    return std::shared_ptr<DatasetSnapshot>(new DatasetSnapshot(dataset, std::move(items)));
}

std::shared_ptr<DatasetSnapshot> DatasetSnapshot::load(const Catalogue& catalogue,
                                                       const DatasetRecord& dataset, QString* error) {
    QString readError;
    QVector<MediaRecord> media = catalogue.media(dataset.id, true, &readError);
    const QVector<ObjectRecord> objects = catalogue.objects(dataset.id, false, &readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = readError;
        return nullptr;
    }
    auto snapshot = fromMedia(dataset, std::move(media));
    for (const ObjectRecord& o : objects) {
        QStringList& labels = snapshot->m_objectLabels[o.mediaRow];
        if (!labels.contains(o.label))
            labels.append(o.label);
    }
    for (QStringList& labels : snapshot->m_objectLabels)
        labels.sort();
    return snapshot;
}

std::shared_ptr<DatasetSnapshot> DatasetSnapshot::loadObjects(const Catalogue& catalogue,
                                                              const DatasetRecord& dataset, QString* error) {
    QString readError;
    QHash<qint64, MediaRecord> images;
    for (const MediaRecord& m : catalogue.media(dataset.id, false, &readError))
        images.insert(m.row, m);
    QVector<ObjectRecord> objects = catalogue.objects(dataset.id, true, &readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = readError;
        return nullptr;
    }
    QVector<MediaRecord> items;
    items.reserve(objects.size());
    for (const ObjectRecord& o : objects) {
        const MediaRecord image = images.value(o.mediaRow);
        MediaRecord item;
        item.row = o.row;
        item.mediaId = o.objectId;
        item.datasetId = dataset.id;
        item.relativePath = image.relativePath;
        item.stamp = image.stamp;
        item.width = image.width;
        item.height = image.height;
        item.label = o.label;
        item.embedding = o.embedding;
        items.append(item);
    }
    auto snapshot = std::shared_ptr<DatasetSnapshot>(new DatasetSnapshot(dataset, std::move(items)));
    snapshot->m_objectsMode = true;
    for (ObjectRecord& o : objects) {
        o.embedding.clear();
        o.mediaId = images.value(o.mediaRow).mediaId;
    }
    snapshot->m_objects = std::move(objects);
    return snapshot;
}

QString DatasetSnapshot::searchText(int index) const {
    const MediaRecord& m = m_items[index];
    QStringList parts{m.caption};
    if (m_objectsMode)
        return m.caption;
    parts.append(m.label);
    for (auto it = m.tags.cbegin(); it != m.tags.cend(); ++it) {
        if (it.key() != TagSource::Object && it.key() != TagSource::Attribute)
            parts.append(it.value());
    }
    return parts.join(QLatin1Char(' '));
}

QStringList DatasetSnapshot::detectedClasses(int index) const {
    const MediaRecord& m = m_items[index];
    if (m_objectsMode)
        return {m.label};
    QStringList classes = objectLabels(index) + m.tags.value(TagSource::Object);
    classes.removeDuplicates();
    return classes;
}

QSet<qint64> DatasetSnapshot::allRows() const {
    QSet<qint64> rows;
    rows.reserve(m_items.size());
    for (const MediaRecord& m : m_items)
        rows.insert(m.row);
    return rows;
}

const NeighbourGraph& DatasetSnapshot::neighbours() const {
    std::call_once(m_graphOnce, [this] { m_graph = NeighbourGraph::build(m_index); });
    return m_graph;
}

const std::vector<int>& DatasetSnapshot::clusters(int level) const {
    const NeighbourGraph& graph = neighbours(); // outside the lock: the graph has its own once-flag
    std::lock_guard lock(m_mutex);
    if (m_clusters.empty()) {
        // All five levels share the snapshot's k-NN graph, so users switching granularity pay for it once.
        auto levels = Clusterer::clusterAllLevels(m_vectors.data(), m_dimension, graph);
        for (int l = 0; l < int(levels.size()); ++l)
            m_clusters.emplace(l, std::move(levels[size_t(l)]));
    }
    // Outside 0..4 the clusterer clamps: callers validate, but never index past the map.
    return m_clusters[std::clamp(level, 0, Clusterer::kLevels - 1)];
}

const std::vector<float>& DatasetSnapshot::nearestDistances() const {
    const NeighbourGraph& graph = neighbours();
    std::lock_guard lock(m_mutex);
    if (!m_nearestReady) {
        m_nearest.resize(size_t(size()));
        for (int i = 0; i < size(); ++i)
            m_nearest[size_t(i)] = graph.nearestOtherDistance(i);
        m_maxNearest = m_nearest.empty() ? 0.0f : *std::max_element(m_nearest.begin(), m_nearest.end());
        m_nearestReady = true;
    }
    return m_nearest;
}

float DatasetSnapshot::uniqueness(int index) const {
    const std::vector<float>& nearest = nearestDistances();
    if (m_maxNearest <= 0)
        return 0.0f;
    return std::clamp(nearest[size_t(index)] / m_maxNearest, 0.0f, 1.0f);
}

std::shared_ptr<const DatasetSnapshot>
SnapshotCache::get(const Catalogue& catalogue, const DatasetRecord& dataset, bool objects, QString* error) {
    const QString key = objects ? QStringLiteral("objects:") + dataset.id : dataset.id;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_snapshots.constFind(key);
        if (it != m_snapshots.constEnd() && it.value()->dataset().updatedAt == dataset.updatedAt)
            return it.value();
    }
    std::shared_ptr<const DatasetSnapshot> snapshot =
        objects ? DatasetSnapshot::loadObjects(catalogue, dataset, error)
                : DatasetSnapshot::load(catalogue, dataset, error);
    if (!snapshot)
        return nullptr;
    std::lock_guard lock(m_mutex);
    m_snapshots.insert(key, snapshot);
    return snapshot;
}

void SnapshotCache::invalidate(const QString& datasetId) {
    std::lock_guard lock(m_mutex);
    m_snapshots.remove(datasetId);
    m_snapshots.remove(QStringLiteral("objects:") + datasetId);
}

} // namespace vl::engine
