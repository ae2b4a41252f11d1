#pragma once

#include "CatalogueSchema.h"
#include "TagTable.h"

#include <QDateTime>
#include <QHash>
#include <QRect>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

#include <mutex>
#include <optional>

struct sqlite3;

namespace vl::engine {

// Dataset lifecycle values as the API spells them (`status_new`).
namespace DatasetState {
inline const QString Draft = QStringLiteral("DRAFT");
inline const QString Indexing = QStringLiteral("INDEXING");
inline const QString Ready = QStringLiteral("READY");
inline const QString PartialIndex = QStringLiteral("PARTIAL INDEX");
inline const QString Error = QStringLiteral("ERROR");
} // namespace DatasetState

struct DatasetRecord {
    QString id;
    QString displayName;
    QString description;
    QString folder; // absolute source folder
    QString status = DatasetState::Draft;
    int progress = 0;
    QString fatalError;
    qint64 imageCount = 0;
    qint64 skippedCount = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString sourceDatasetId;            // set on enriched copies: the dataset they were made from
    QHash<QString, QString> enrichment; // applied enrichment: type -> model id
    qint64 objectCount = -1;            // -1 until object detection ran
};

// The identity of a file version: a file whose size and mtime are unchanged is not analysed again.
struct FileStamp {
    qint64 size = 0;
    qint64 mtime = 0; // ms since epoch
    bool operator==(const FileStamp& o) const { return size == o.size && mtime == o.mtime; }
};

struct MediaRecord {
    qint64 row = 0; // catalogue row id, the key of in-memory vector indexes
    QString mediaId;
    QString datasetId;
    QString relativePath; // '/'-separated, relative to the dataset folder
    FileStamp stamp;
    QByteArray sha256Hex;
    int width = 0;
    int height = 0;
    QVector<float> embedding;
    double blur = 0;
    double dark = 0;
    double bright = 0;
    QString caption;
    QString label;
    QVector<float> semantic; // MULTIMODEL_IMAGE_ENCODING plug-in embedding (enrichment); often empty
    MediaTags tags;         // source -> tags; writeBatch replaces the sources present here, media() reads all
    QVector<float> learned; // learned image embedding from the perception pass; empty until it ran
};

// One object the learned models found in an image; `box` in pixels of the full image. `vector` is the
// face embedding for faces, else empty.
struct PerceivedObject {
    QString label;
    double confidence = 0;
    QRect box;
    QVector<float> vector;
};

// What the perception pass stored for one image.
struct PerceptionRecord {
    qint64 mediaRow = 0;
    int version = 0;
    QVector<PerceivedObject> objects;
    QVector<float> embedding; // learned image embedding (raw, uncentred); empty when the model is missing
};

// One detected object of an image (enrichment). `box` is in pixels of the full image.
struct ObjectRecord {
    qint64 row = 0;
    QString objectId;
    qint64 mediaRow = 0;
    QString mediaId; // filled when read
    QString label;
    double confidence = 0;
    QRect box;
    QVector<float> embedding;     // crop descriptor; empty when not encoded
    QVector<float> faceEmbedding; // faces: the face recogniser's embedding (FaceEmbedder); else empty
};

// An uploaded visual-search query: the classical descriptor followed by the learned image embedding (when
// the model ran), and the face embedding of the query when it shows one face.
struct AnchorRecord {
    QVector<float> embedding;
    QVector<float> faceEmbedding;
};

struct SkippedRecord {
    QString relativePath;
    FileStamp stamp;
    QString reason;
};

// The engine's persistent state: one SQLite file (WAL) holding datasets, media with their descriptors,
// skipped files, search anchors and an FTS5 index over captions and labels. One connection serialised
// by a mutex: HTTP handler threads and the indexer share it, and every call is short.
class Catalogue {
public:
    static constexpr int kSchemaVersion = CatalogueSchema::kVersion;
    static constexpr int kAnchorRetentionDays =
        7; // uploaded search anchors older than this are dropped on open

    Catalogue();
    ~Catalogue();
    Catalogue(const Catalogue&) = delete;
    Catalogue& operator=(const Catalogue&) = delete;

    bool open(const QString& filePath, QString* error);
    void close();

    // Datasets
    bool insertDataset(const DatasetRecord& dataset);
    // Reads take an optional `error`: when SQLite fails they return empty (or nullopt) and say why there,
    // so that a caller can tell a read error from "no rows". Writes return false on any SQLite error and
    // leave nothing half-done (each is one transaction). Every failure is logged as well.
    std::optional<DatasetRecord> dataset(const QString& id, QString* error = nullptr) const;
    QVector<DatasetRecord> datasets(QString* error = nullptr) const;
    bool setDatasetState(const QString& id, const QString& status, int progress,
                         const QString& fatalError = {});
    bool setProgress(const QString& id, int progress);
    bool refreshCounts(const QString& id);
    // True only when the dataset was there and is gone now.
    bool deleteDataset(const QString& id);
    bool setEnrichment(const QString& id, const QHash<QString, QString>& typeToModel);

    // Enriched copies: the copy's catalogue rows (media, skipped files) are copied with new media ids;
    // the image files stay where they are. Returns {source media id -> copy media id}.
    QHash<QString, QString> copyMedia(const QString& sourceId, const QString& targetId);

    // Objects (enrichment). Replaces the objects of the given media rows.
    bool writeObjects(const QString& datasetId, const QVector<qint64>& mediaRows,
                      const QVector<ObjectRecord>& objects);
    QVector<ObjectRecord> objects(const QString& datasetId, bool withEmbeddings = true,
                                  QString* error = nullptr) const;
    bool refreshObjectCount(const QString& id);
    // Image embeddings of a MULTIMODEL_IMAGE_ENCODING plug-in, by media row.
    bool setSemanticEmbeddings(const QHash<qint64, QVector<float>>& byRow);

    // Perception (learned models over READY datasets)
    // The media of the dataset without a perception of `version` or newer (row and relative path only).
    QVector<MediaRecord> mediaNeedingPerception(const QString& datasetId, int version,
                                                QString* error = nullptr) const;
    // Stores (replaces) the records in one transaction; false when the dataset is gone or SQLite failed.
    bool writePerception(const QString& datasetId, const QVector<PerceptionRecord>& records);
    // The dataset's stored perceptions by media row.
    QHash<qint64, PerceptionRecord> perception(const QString& datasetId, QString* error = nullptr) const;

    // Media and skipped files
    QHash<QString, FileStamp> mediaStamps(const QString& datasetId, QString* error = nullptr) const;
    QHash<QString, FileStamp> skippedStamps(const QString& datasetId, QString* error = nullptr) const;
    // Stores analysed files and skip reasons in one transaction. False when the dataset is gone.
    bool writeBatch(const QString& datasetId, const QVector<MediaRecord>& media,
                    const QVector<SkippedRecord>& skipped);
    // Forgets files that left the folder; returns the media ids removed (their thumbnails go too), or
    // nullopt when the transaction failed and was rolled back (nothing was removed).
    std::optional<QStringList> removeFiles(const QString& datasetId, const QStringList& relativePaths);
    bool setLabels(const QString& datasetId, const QHash<QString, QString>& labelByRelativePath);
    QVector<MediaRecord> media(const QString& datasetId, bool withEmbeddings = true,
                               QString* error = nullptr) const;
    std::optional<MediaRecord> mediaById(const QString& mediaId, QString* error = nullptr) const;
    QString firstMediaId(const QString& datasetId, QString* error = nullptr) const; // the preview image
    QVector<SkippedRecord> skipped(const QString& datasetId, QString* error = nullptr) const;

    // Tags (TagSource): for each media row in `byRow`, replaces its tags of `source` (an empty list clears
    // them); other rows and other sources keep theirs. Rows of other datasets are ignored.
    bool setTags(const QString& datasetId, const QString& source, const QHash<qint64, QStringList>& byRow);
    QHash<qint64, MediaTags> tags(const QString& datasetId) const;
    // Media rows without any tag of `source`, with their relative paths (catalogues older than the tags).
    QHash<qint64, QString> untaggedMedia(const QString& datasetId, const QString& source) const;

    // Rows of `datasetId` whose caption/label or a tag match one FTS5 expression; nullopt on a syntax error.
    std::optional<QSet<qint64>> fullTextMatch(const QString& datasetId, const QString& ftsExpression) const;

    // Uploaded query images
    QString insertAnchor(const QString& datasetId, const AnchorRecord& anchor);
    std::optional<AnchorRecord> anchor(const QString& datasetId, const QString& anchorId,
                                       QString* error = nullptr) const;

    static QByteArray packEmbedding(const QVector<float>& v);
    static QVector<float> unpackEmbedding(const QByteArray& blob);

private:
    bool writeMediaTags(const QString& datasetId, const MediaRecord& m);
    QString lastError() const;

    sqlite3* m_db = nullptr;
    mutable std::recursive_mutex m_mutex;
};

} // namespace vl::engine
