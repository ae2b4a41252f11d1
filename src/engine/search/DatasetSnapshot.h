#pragma once

#include "Catalogue.h"
#include "EmbeddingBlend.h"
#include "EmbeddingsMap.h"
#include "NeighbourGraph.h"
#include "VectorIndex.h"

#include <QHash>
#include <QString>
#include <QVector>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace vl::engine {

// An immutable in-memory view of one READY dataset for explore: its media, their descriptors in a vector
// index (and the plug-in semantic embeddings in another), and derived data computed on first use and
// cached: the k-NN graph (one VectorIndex::searchMany pass), and from it the cluster assignments of every
// granularity and the nearest-neighbour distances. Requests read the graph instead of scanning the index
// once per item. Shared between request threads; replaced on reindex.
class DatasetSnapshot {
public:
    // Both return null when the catalogue cannot be read (`error` says why).
    static std::shared_ptr<DatasetSnapshot> load(const Catalogue& catalogue, const DatasetRecord& dataset,
                                                 QString* error = nullptr);
    // The dataset's detected objects as explore items (entity_type=OBJECTS): item i's mediaId is the object
    // id, label its category, relativePath and width/height those of its image; object(i) has the rest.
    static std::shared_ptr<DatasetSnapshot>
    loadObjects(const Catalogue& catalogue, const DatasetRecord& dataset, QString* error = nullptr);
    // A snapshot of media already in memory (load() after reading the catalogue; benchmarks, tests).
    static std::shared_ptr<DatasetSnapshot> fromMedia(const DatasetRecord& dataset,
                                                      QVector<MediaRecord> items);

    bool isObjects() const { return m_objectsMode; }
    const ObjectRecord& object(int index) const { return m_objects[index]; } // object snapshots only
    // Image snapshots: the labels of the objects found in item `index` (distinct, sorted).
    QStringList objectLabels(int index) const { return m_objectLabels.value(m_items[index].row); }
    // What text search reads as free text for item `index`: caption, folder label and every tag but the
    // detector classes and attributes (file name words, OCR words, faces).
    QString searchText(int index) const;
    QStringList attributes(int index) const { return m_items[index].tags.value(TagSource::Attribute); }
    // Detector class names of item `index`, read in their detector sense: its objects' labels and "object"
    // tags (object snapshots: the object's class).
    QStringList detectedClasses(int index) const;

    const DatasetRecord& dataset() const { return m_dataset; }
    const QVector<MediaRecord>& items() const { return m_items; }
    int size() const { return m_items.size(); }
    int dimension() const { return m_dimension; }
    int indexOfMedia(const QString& mediaId) const { return m_indexByMediaId.value(mediaId, -1); }
    int indexOfRow(qint64 row) const { return m_indexByRow.value(row, -1); }
    const float* vector(int index) const { return m_vectors.data() + size_t(index) * size_t(m_dimension); }
    const VectorIndex& index() const { return m_index; }
    // The plug-in semantic image embeddings (MediaRecord::semantic), id and row i = item i (zeros for items
    // without one, see hasSemantic); its dimension is the first embedding's (0 and empty when none has one).
    const VectorIndex& semanticIndex() const { return m_semanticIndex; }
    bool hasSemantic(int index) const { return m_hasSemantic[size_t(index)] != 0; }
    QSet<qint64> allRows() const;

    // Visual search (anchors): when every item has a learned embedding, items and queries are compared in
    // the blend of classical descriptor and learned embedding (EmbeddingBlend, centred on this dataset's
    // mean); otherwise, or for a query without a learned embedding, by the classical descriptor alone.
    bool hasLearnedSpace() const { return m_blend.isValid(); }
    // Object snapshots where some objects are faces with a face embedding: every object's vector (the one
    // index, the k-NN graph, clusters) is its crop descriptor blended with its face embedding
    // (EmbeddingBlend::kFaceShare), zeros for objects that are no face; so a face finds the same person's
    // faces first and face clusters group people.
    bool hasFaceSpace() const { return m_faceBlend.isValid(); }
    // Cosine distance from the query to every item, by item index. `face`: the query's face embedding (object
    // snapshots with a face space), may be empty.
    std::vector<float> visualDistances(const QVector<float>& classical, const QVector<float>& learned,
                                       const QVector<float>& face = {}) const;
    std::vector<float> visualDistancesFrom(int index) const;

    // Each item's NeighbourGraph::kListSize nearest items (itself included); built once, on first use.
    const NeighbourGraph& neighbours() const;
    // Cluster number of each item at a granularity (0 finest .. 4 coarsest, clamped); all levels at once.
    const std::vector<int>& clusters(int level) const;
    // Cosine distance from each item to its nearest other item (2 when alone); computed once.
    const std::vector<float>& nearestDistances() const;
    // Uniqueness in [0,1]: nearest-neighbour distance divided by the dataset's largest one.
    float uniqueness(int index) const;
    // The 2-D map of the items' vectors (the embeddings map extension, map_region filter); computed once.
    const EmbeddingsMap& embeddingsMap() const;

private:
    DatasetSnapshot(const DatasetRecord& dataset, QVector<MediaRecord> items, int dimension);
    void buildLearnedSpace();

    bool m_objectsMode = false;
    QVector<ObjectRecord> m_objects;           // object snapshots: parallel to m_items
    QHash<qint64, QStringList> m_objectLabels; // image snapshots: media row -> its objects' labels

    DatasetRecord m_dataset;
    QVector<MediaRecord> m_items;
    int m_dimension = 0;
    std::vector<float> m_vectors;
    VectorIndex m_index;
    VectorIndex m_semanticIndex{0};
    std::vector<char> m_hasSemantic;
    EmbeddingBlend m_blend;     // valid when every item has a learned embedding
    EmbeddingBlend m_faceBlend; // valid in object snapshots with faces (hasFaceSpace)
    VectorIndex m_visualIndex;  // blended vectors by item index (empty without m_blend)
    QHash<QString, int> m_indexByMediaId;
    QHash<qint64, int> m_indexByRow;

    mutable std::once_flag m_mapOnce;
    mutable EmbeddingsMap m_map;
    mutable std::once_flag m_graphOnce;
    mutable NeighbourGraph m_graph;
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
