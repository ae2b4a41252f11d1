#include "DatasetSnapshot.h"

#include "Clusterer.h"
#include "ImageAnalyzer.h"

#include <algorithm>
#include <cstring>

namespace vl::engine {

DatasetSnapshot::DatasetSnapshot(const DatasetRecord& dataset, QVector<MediaRecord> items)
    : m_dataset(dataset)
    , m_items(std::move(items))
    , m_dimension(ImageAnalyzer::embeddingDimension())
    , m_index(ImageAnalyzer::embeddingDimension()) {
    m_vectors.assign(size_t(m_items.size()) * size_t(m_dimension), 0.0f);
    for (int i = 0; i < m_items.size(); ++i) {
        MediaRecord& item = m_items[i];
        if (item.embedding.size() == m_dimension)
            std::memcpy(m_vectors.data() + size_t(i) * size_t(m_dimension), item.embedding.constData(),
                        sizeof(float) * size_t(m_dimension));
        m_index.add(i, item.embedding.size() == m_dimension ? item.embedding
                                                            : QVector<float>(m_dimension, 0.0f));
        item.embedding.clear(); // the packed copy is the one used from now on
        m_indexByMediaId.insert(item.mediaId, i);
        m_indexByRow.insert(item.row, i);
    }
}

std::shared_ptr<DatasetSnapshot> DatasetSnapshot::load(const Catalogue& catalogue,
                                                       const DatasetRecord& dataset) {
    return std::shared_ptr<DatasetSnapshot>(new DatasetSnapshot(dataset, catalogue.media(dataset.id, true)));
}

QSet<qint64> DatasetSnapshot::allRows() const {
    QSet<qint64> rows;
    rows.reserve(m_items.size());
    for (const MediaRecord& m : m_items)
        rows.insert(m.row);
    return rows;
}

const std::vector<int>& DatasetSnapshot::clusters(int level) const {
    std::lock_guard lock(m_mutex);
    auto it = m_clusters.find(level);
    if (it == m_clusters.end())
        it =
            m_clusters.emplace(level, Clusterer::cluster(m_vectors.data(), size(), m_dimension, level)).first;
    return it->second;
}

const std::vector<float>& DatasetSnapshot::nearestDistances() const {
    std::lock_guard lock(m_mutex);
    if (!m_nearestReady) {
        m_nearest.assign(size_t(size()), 2.0f);
        for (int i = 0; i < size(); ++i) {
            for (const VectorIndex::Hit& hit : m_index.search(vector(i), 2)) {
                if (hit.id != i) {
                    m_nearest[size_t(i)] = hit.distance;
                    break;
                }
            }
        }
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

std::shared_ptr<const DatasetSnapshot> SnapshotCache::get(const Catalogue& catalogue,
                                                          const DatasetRecord& dataset) {
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_snapshots.constFind(dataset.id);
        if (it != m_snapshots.constEnd() && it.value()->dataset().updatedAt == dataset.updatedAt)
            return it.value();
    }
    std::shared_ptr<const DatasetSnapshot> snapshot = DatasetSnapshot::load(catalogue, dataset);
    std::lock_guard lock(m_mutex);
    m_snapshots.insert(dataset.id, snapshot);
    return snapshot;
}

void SnapshotCache::invalidate(const QString& datasetId) {
    std::lock_guard lock(m_mutex);
    m_snapshots.remove(datasetId);
}

} // namespace vl::engine
