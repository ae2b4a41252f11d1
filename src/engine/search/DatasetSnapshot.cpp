#include "DatasetSnapshot.h"

#include "Clusterer.h"
#include "ImageAnalyzer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace vl::engine {

DatasetSnapshot::DatasetSnapshot(const DatasetRecord& dataset, QVector<MediaRecord> items, int dimension)
    : m_dataset(dataset)
    , m_items(std::move(items))
    , m_dimension(dimension)
    , m_index(dimension)
    , m_visualIndex(1) {
    buildLearnedSpace();
    m_vectors.assign(size_t(m_items.size()) * size_t(m_dimension), 0.0f);
    m_hasSemantic.assign(size_t(m_items.size()), 0);
    for (const MediaRecord& item : m_items) {
        if (!item.semantic.isEmpty()) { // one plug-in encodes a dataset: its dimension is the first one's
            m_semanticIndex = VectorIndex(item.semantic.size());
            break;
        }
    }
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

std::shared_ptr<DatasetSnapshot> DatasetSnapshot::fromMedia(const DatasetRecord& dataset,
                                                            QVector<MediaRecord> items) {
    return std::shared_ptr<DatasetSnapshot>(
        new DatasetSnapshot(dataset, std::move(items), ImageAnalyzer::embeddingDimension()));
}

void DatasetSnapshot::buildLearnedSpace() {
    std::vector<const QVector<float>*> learned;
    for (const MediaRecord& item : m_items) {
        if (item.learned.isEmpty() || (!learned.empty() && item.learned.size() != learned.front()->size()))
            return; // not every item has one (yet): the classical space serves everyone alike
        learned.push_back(&item.learned);
    }
    if (learned.empty())
        return;
    EmbeddingBlend blend(EmbeddingBlend::mean(learned));
    VectorIndex index(blend.dimension(ImageAnalyzer::embeddingDimension()));
    for (int i = 0; i < m_items.size(); ++i) {
        const QVector<float> v = blend.blend(m_items[i].embedding, m_items[i].learned);
        if (v.size() != index.dimension())
            return;
        index.add(i, v);
    }
    m_blend = std::move(blend);
    m_visualIndex = std::move(index);
}

// Both indexes hold item i in row i (added in item order), so distances() is indexed by item.
std::vector<float> DatasetSnapshot::visualDistances(const QVector<float>& classical,
                                                    const QVector<float>& learned,
                                                    const QVector<float>& face) const {
    if (hasFaceSpace()) {
        QVector<float> query = m_faceBlend.blend(classical, face);
        if (query.isEmpty()) // no face in the query: compared by its crop descriptor
            query = m_faceBlend.padded(classical);
        return query.size() == m_dimension ? m_index.distances(query.constData())
                                           : std::vector<float>(size_t(size()), 2.0f);
    }
    const QVector<float> blended = m_blend.blend(classical, learned);
    if (!blended.isEmpty())
        return m_visualIndex.distances(blended.constData());
    if (classical.size() != m_dimension)
        return std::vector<float>(size_t(size()), 2.0f);
    return m_index.distances(classical.constData());
}

std::vector<float> DatasetSnapshot::visualDistancesFrom(int index) const {
    const VectorIndex& space = hasLearnedSpace() ? m_visualIndex : m_index;
    const float* query = space.vector(index);
    return query ? space.distances(query) : std::vector<float>(size_t(size()), 2.0f);
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
    // Face embeddings have one size (the recogniser's); the first one found decides it.
    int faceDimension = 0;
    for (const ObjectRecord& o : objects) {
        if (!o.faceEmbedding.isEmpty()) {
            faceDimension = o.faceEmbedding.size();
            break;
        }
    }
    // Face embeddings are trained for cosine identity: used as they are, not centred.
    const EmbeddingBlend faceBlend =
        faceDimension > 0 ? EmbeddingBlend(QVector<float>(faceDimension, 0.0f), EmbeddingBlend::kFaceShare)
                          : EmbeddingBlend();
    const auto objectVector = [&](const ObjectRecord& o) {
        if (!faceBlend.isValid())
            return o.embedding;
        const QVector<float> blended = faceBlend.blend(o.embedding, o.faceEmbedding);
        return blended.isEmpty() ? faceBlend.padded(o.embedding) : blended;
    };
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
        item.embedding = objectVector(o);
        items.append(item);
    }
    const int dimension = faceBlend.dimension(ImageAnalyzer::embeddingDimension());
    auto snapshot =
        std::shared_ptr<DatasetSnapshot>(new DatasetSnapshot(dataset, std::move(items), dimension));
    snapshot->m_faceBlend = faceBlend;
    snapshot->m_objectsMode = true;
    for (ObjectRecord& o : objects) {
        o.embedding.clear();
        o.faceEmbedding.clear();
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

const EmbeddingsMap& DatasetSnapshot::embeddingsMap() const {
    std::call_once(m_mapOnce,
                   [this] { m_map = EmbeddingsMap::project(m_vectors.data(), size(), m_dimension); });
    return m_map;
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
