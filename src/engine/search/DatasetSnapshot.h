#pragma once

#include "Catalogue.h"
#include "VectorIndex.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace vl::engine {

// An immutable in-memory view of one READY dataset for explore: its media, their descriptors packed
// for the vector index, and derived data computed on first use and cached (cluster assignments per
// granularity, nearest-neighbour distances). Shared between request threads; replaced on reindex.
class DatasetSnapshot {
public:
    // Both return null when the catalogue cannot be read (`error` says why).
    static std::shared_ptr<DatasetSnapshot> load(const Catalogue& catalogue, const DatasetRecord& dataset,
                                                 QString* error = nullptr);
    // The dataset's detected objects as explore items (entity_type=OBJECTS): item i's mediaId is the object
    // id, label its category, relativePath and width/height those of its image; object(i) has the rest.
    static std::shared_ptr<DatasetSnapshot>
    loadObjects(const Catalogue& catalogue, const DatasetRecord& dataset, QString* error = nullptr);

    bool isObjects() const { return m_objectsMode; }
    const ObjectRecord& object(int index) const { return m_objects[index]; } // object snapshots only
    // Image snapshots: the labels of the objects found in item `index` (distinct, sorted).
    QStringList objectLabels(int index) const { return m_objectLabels.value(m_items[index].row); }

    const DatasetRecord& dataset() const { return m_dataset; }
    const QVector<MediaRecord>& items() const { return m_items; }
    int size() const { return m_items.size(); }
    int dimension() const { return m_dimension; }
    int indexOfMedia(const QString& mediaId) const { return m_indexByMediaId.value(mediaId, -1); }
    int indexOfRow(qint64 row) const { return m_indexByRow.value(row, -1); }
    const float* vector(int index) const { return m_vectors.data() + size_t(index) * size_t(m_dimension); }
    const VectorIndex& index() const { return m_index; }
    QSet<qint64> allRows() const;

    // Cluster number of each item at a granularity (0 finest .. 4 coarsest); computed once per level.
    const std::vector<int>& clusters(int level) const;
    // Cosine distance from each item to its nearest other item (2 when alone); computed once.
    const std::vector<float>& nearestDistances() const;
    // Uniqueness in [0,1]: nearest-neighbour distance divided by the dataset's largest one.
    float uniqueness(int index) const;

private:
    DatasetSnapshot(const DatasetRecord& dataset, QVector<MediaRecord> items);

    bool m_objectsMode = false;
    QVector<ObjectRecord> m_objects;           // object snapshots: parallel to m_items
    QHash<qint64, QStringList> m_objectLabels; // image snapshots: media row -> its objects' labels

    DatasetRecord m_dataset;
    QVector<MediaRecord> m_items;
    int m_dimension = 0;
    std::vector<float> m_vectors;
    VectorIndex m_index;
    QHash<QString, int> m_indexByMediaId;
    QHash<qint64, int> m_indexByRow;

    mutable std::mutex m_mutex;
    mutable std::map<int, std::vector<int>> m_clusters;
    mutable std::vector<float> m_nearest;
    mutable float m_maxNearest = 0;
    mutable bool m_nearestReady = false;
};

// Snapshots by dataset id; the indexer invalidates a dataset whenever its media change.
class SnapshotCache {
public:
    // Null (with `error`) when the catalogue could not be read; such a result is not cached.
    std::shared_ptr<const DatasetSnapshot> get(const Catalogue& catalogue, const DatasetRecord& dataset,
                                               bool objects = false, QString* error = nullptr);
    void invalidate(const QString& datasetId);

private:
    std::mutex m_mutex;
    QHash<QString, std::shared_ptr<const DatasetSnapshot>> m_snapshots;
};

} // namespace vl::engine
