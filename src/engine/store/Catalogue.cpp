#include "Catalogue.h"

#include "SqliteStatement.h"
#include "SqliteTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <sqlite3.h>

#include <cstring>

namespace vl::engine {

namespace {

QString toIso(const QDateTime& t) {
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000")
                       : QString();
}

QDateTime fromIso(const QString& s) {
    if (s.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(s.left(23), QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
    t.setTimeSpec(Qt::UTC);
    return t;
}

// A random (version 4) UUID computed inside SQLite, so copies are made in one statement.
const char* kSqlUuid =
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))";

// Copies a read's failure into the caller's error slot; true when the read went through to the end.
bool readOk(const SqliteStatement& s, QString* error) {
    if (!s.failed())
        return true;
    if (error)
        *error = s.error();
    return false;
}

QString enrichmentToText(const QHash<QString, QString>& map) {
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QHash<QString, QString> enrichmentFromText(const QString& text) {
    QHash<QString, QString> map;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

} // namespace

Catalogue::Catalogue() = default;

Catalogue::~Catalogue() {
    close();
}

bool Catalogue::open(const QString& filePath, QString* error) {
    std::lock_guard lock(m_mutex);
    close();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(filePath.toUtf8().constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        if (error)
            *error = QStringLiteral("Cannot open the catalogue %1: %2").arg(filePath, lastError());
        close();
        return false;
    }
    sqlite3_busy_timeout(m_db, 5000);
    if (!CatalogueSchema::prepare(m_db, error)) {
        close();
        return false;
    }
    // Uploaded query images are only needed while someone browses their results.
    SqliteStatement prune(m_db, "DELETE FROM anchors WHERE created_at < ?");
    prune.bind(1, toIso(QDateTime::currentDateTimeUtc().addDays(-kAnchorRetentionDays)));
    prune.run(); // a failure is logged and harmless: the anchors stay one more run
    return true;
}

void Catalogue::close() {
    std::lock_guard lock(m_mutex);
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

QString Catalogue::lastError() const {
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
}

bool Catalogue::insertDataset(const DatasetRecord& d) {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "INSERT INTO datasets (id, display_name, description, folder, status, progress, "
                            "created_at, updated_at, source_dataset_id, enrichment, n_objects) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, d.id).bind(2, d.displayName).bind(3, d.description.isNull() ? QString("") : d.description);
    s.bind(4, d.folder).bind(5, d.status).bind(6, d.progress).bind(7, toIso(d.createdAt));
    s.bind(8, d.updatedAt.isValid() ? toIso(d.updatedAt) : QString());
    s.bind(9, d.sourceDatasetId.isEmpty() ? QString() : d.sourceDatasetId);
    s.bind(10, enrichmentToText(d.enrichment)).bind(11, d.objectCount);
    return s.run();
}

static DatasetRecord readDataset(const SqliteStatement& s) {
    DatasetRecord d;
    d.id = s.text(0);
    d.displayName = s.text(1);
    d.description = s.text(2);
    d.folder = s.text(3);
    d.status = s.text(4);
    d.progress = int(s.int64(5));
    d.fatalError = s.text(6);
    d.imageCount = s.int64(7);
    d.skippedCount = s.int64(8);
    d.createdAt = fromIso(s.text(9));
    d.updatedAt = fromIso(s.text(10));
    d.sourceDatasetId = s.text(11);
    d.enrichment = enrichmentFromText(s.text(12));
    d.objectCount = s.int64(13);
    return d;
}

static const char* kDatasetColumns =
    "SELECT id, display_name, description, folder, status, progress, fatal_error, "
    "n_images, n_skipped, created_at, updated_at, source_dataset_id, enrichment, n_objects FROM datasets";

std::optional<DatasetRecord> Catalogue::dataset(const QString& id, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, (QByteArray(kDatasetColumns) + " WHERE id = ?").constData());
    s.bind(1, id);
    if (!s.step()) {
        readOk(s, error);
        return std::nullopt;
    }
    return readDataset(s);
}

QVector<DatasetRecord> Catalogue::datasets(QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, (QByteArray(kDatasetColumns) + " ORDER BY created_at DESC").constData());
    QVector<DatasetRecord> all;
    while (s.step())
        all.append(readDataset(s));
    return readOk(s, error) ? all : QVector<DatasetRecord>();
}

bool Catalogue::setDatasetState(const QString& id, const QString& status, int progress,
                                const QString& fatalError) {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(
        m_db, "UPDATE datasets SET status = ?, progress = ?, fatal_error = ?, updated_at = ? WHERE id = ?");
    s.bind(1, status).bind(2, progress).bind(3, fatalError.isEmpty() ? QString() : fatalError);
    s.bind(4, toIso(QDateTime::currentDateTimeUtc())).bind(5, id);
    return s.run();
}

bool Catalogue::setProgress(const QString& id, int progress) {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "UPDATE datasets SET progress = ? WHERE id = ?");
    s.bind(1, progress).bind(2, id);
    return s.run();
}

bool Catalogue::refreshCounts(const QString& id) {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db,
                      "UPDATE datasets SET n_images = (SELECT COUNT(*) FROM media WHERE dataset_id = ?1), "
                      "n_skipped = (SELECT COUNT(*) FROM skipped WHERE dataset_id = ?1) WHERE id = ?1");
    s.bind(1, id);
    return s.run();
}

bool Catalogue::deleteDataset(const QString& id) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    if (!tx.isActive())
        return false;
    // The FTS triggers need the media rows deleted one by one, before the cascade would.
    SqliteStatement media(m_db, "DELETE FROM media WHERE dataset_id = ?");
    media.bind(1, id);
    SqliteStatement s(m_db, "DELETE FROM datasets WHERE id = ?");
    s.bind(1, id);
    if (!media.run() || !s.run())
        return false;
    const bool removed = sqlite3_changes(m_db) > 0;
    return tx.commit() && removed;
}

bool Catalogue::setEnrichment(const QString& id, const QHash<QString, QString>& typeToModel) {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "UPDATE datasets SET enrichment = ? WHERE id = ?");
    s.bind(1, enrichmentToText(typeToModel)).bind(2, id);
    return s.run();
}

QHash<QString, QString> Catalogue::copyMedia(const QString& sourceId, const QString& targetId) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    SqliteStatement media(
        m_db, (QByteArray("INSERT INTO media (media_id, dataset_id, rel_path, size, mtime, sha256, "
                          "width, height, embedding, blur, dark, bright, caption, label, semantic) SELECT ") +
               kSqlUuid +
               ", ?2, rel_path, size, mtime, sha256, width, height, embedding, blur, dark, bright, "
               "caption, label, semantic FROM media WHERE dataset_id = ?1")
                  .constData());
    media.bind(1, sourceId).bind(2, targetId);
    SqliteStatement skipped(m_db,
                            "INSERT INTO skipped (dataset_id, rel_path, size, mtime, reason) "
                            "SELECT ?2, rel_path, size, mtime, reason FROM skipped WHERE dataset_id = ?1");
    skipped.bind(1, sourceId).bind(2, targetId);
    // The copy shows the same pictures: what the learned models saw in them comes along.
    SqliteStatement perception(m_db, "INSERT INTO perception (media_row, version, objects, embedding) "
                                     "SELECT t.row, p.version, p.objects, p.embedding FROM media s "
                                     "JOIN media t ON t.rel_path = s.rel_path AND t.dataset_id = ?2 "
                                     "JOIN perception p ON p.media_row = s.row WHERE s.dataset_id = ?1");
    perception.bind(1, sourceId).bind(2, targetId);
    QHash<QString, QString> ids;
    if (!tx.isActive() || !media.run() || !skipped.run() || !perception.run())
        return ids;
    SqliteStatement pairs(
        m_db, "SELECT s.media_id, t.media_id FROM media s JOIN media t ON t.rel_path = s.rel_path "
              "WHERE s.dataset_id = ?1 AND t.dataset_id = ?2");
    pairs.bind(1, sourceId).bind(2, targetId);
    while (pairs.step())
        ids.insert(pairs.text(0), pairs.text(1));
    if (pairs.failed() || !TagTable::copy(m_db, sourceId, targetId) || !tx.commit())
        ids.clear();
    return ids;
}

bool Catalogue::writeObjects(const QString& datasetId, const QVector<qint64>& mediaRows,
                             const QVector<ObjectRecord>& objects) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    if (!tx.isActive())
        return false;
    SqliteStatement clear(m_db, "DELETE FROM objects WHERE media_row = ?");
    for (qint64 row : mediaRows) {
        clear.reset();
        clear.bind(1, row);
        if (!clear.run())
            return false;
    }
    SqliteStatement insert(
        m_db, "INSERT INTO objects (object_id, dataset_id, media_row, label, confidence, x, y, w, h, "
              "embedding, face_embedding) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    for (const ObjectRecord& o : objects) {
        insert.reset();
        insert.bind(1,
                    o.objectId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : o.objectId);
        insert.bind(2, datasetId).bind(3, o.mediaRow).bind(4, o.label).bind(5, o.confidence);
        insert.bind(6, o.box.x()).bind(7, o.box.y()).bind(8, o.box.width()).bind(9, o.box.height());
        if (o.embedding.isEmpty())
            insert.bind(10, QString());
        else
            insert.bindBlob(10, packEmbedding(o.embedding));
        if (o.faceEmbedding.isEmpty())
            insert.bind(11, QString());
        else
            insert.bindBlob(11, packEmbedding(o.faceEmbedding));
        if (!insert.run())
            return false;
    }
    return tx.commit();
}

QVector<ObjectRecord> Catalogue::objects(const QString& datasetId, bool withEmbeddings,
                                         QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(
        m_db, "SELECT o.row, o.object_id, o.media_row, m.media_id, o.label, o.confidence, o.x, o.y, o.w, "
              "o.h, o.embedding, o.face_embedding FROM objects o JOIN media m ON m.row = o.media_row "
              "WHERE o.dataset_id = ? ORDER BY m.rel_path, o.row");
    s.bind(1, datasetId);
    QVector<ObjectRecord> all;
    while (s.step()) {
        ObjectRecord o;
        o.row = s.int64(0);
        o.objectId = s.text(1);
        o.mediaRow = s.int64(2);
        o.mediaId = s.text(3);
        o.label = s.text(4);
        o.confidence = s.real(5);
        o.box = QRect(int(s.int64(6)), int(s.int64(7)), int(s.int64(8)), int(s.int64(9)));
        if (withEmbeddings) {
            o.embedding = unpackEmbedding(s.blob(10));
            o.faceEmbedding = unpackEmbedding(s.blob(11));
        }
        all.append(o);
    }
    return readOk(s, error) ? all : QVector<ObjectRecord>();
}

bool Catalogue::setSemanticEmbeddings(const QHash<qint64, QVector<float>>& byRow) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    if (!tx.isActive())
        return false;
    SqliteStatement s(m_db, "UPDATE media SET semantic = ? WHERE row = ?");
    for (auto it = byRow.cbegin(); it != byRow.cend(); ++it) {
        s.reset();
        s.bindBlob(1, packEmbedding(it.value())).bind(2, it.key());
        if (!s.run())
            return false;
    }
    return tx.commit();
}

bool Catalogue::refreshObjectCount(const QString& id) {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db,
                      "UPDATE datasets SET n_objects = (SELECT COUNT(*) FROM objects WHERE dataset_id = ?1) "
                      "WHERE id = ?1");
    s.bind(1, id);
    return s.run();
}

QHash<QString, FileStamp> Catalogue::mediaStamps(const QString& datasetId, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "SELECT rel_path, size, mtime FROM media WHERE dataset_id = ?");
    s.bind(1, datasetId);
    QHash<QString, FileStamp> stamps;
    while (s.step())
        stamps.insert(s.text(0), FileStamp{s.int64(1), s.int64(2)});
    return readOk(s, error) ? stamps : QHash<QString, FileStamp>();
}

QHash<QString, FileStamp> Catalogue::skippedStamps(const QString& datasetId, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "SELECT rel_path, size, mtime FROM skipped WHERE dataset_id = ?");
    s.bind(1, datasetId);
    QHash<QString, FileStamp> stamps;
    while (s.step())
        stamps.insert(s.text(0), FileStamp{s.int64(1), s.int64(2)});
    return readOk(s, error) ? stamps : QHash<QString, FileStamp>();
}

bool Catalogue::writeBatch(const QString& datasetId, const QVector<MediaRecord>& media,
                           const QVector<SkippedRecord>& skipped) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    if (!tx.isActive())
        return false;
    SqliteStatement exists(m_db, "SELECT 1 FROM datasets WHERE id = ?");
    exists.bind(1, datasetId);
    if (!exists.step())
        return false;
    SqliteStatement upsert(
        m_db, "INSERT INTO media (media_id, dataset_id, rel_path, size, mtime, sha256, width, height, "
              "embedding, blur, dark, bright, caption, label) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
              "ON CONFLICT(dataset_id, rel_path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, "
              "sha256 = excluded.sha256, width = excluded.width, height = excluded.height, "
              "embedding = excluded.embedding, blur = excluded.blur, dark = excluded.dark, "
              "bright = excluded.bright, caption = excluded.caption, label = excluded.label");
    SqliteStatement unskip(m_db, "DELETE FROM skipped WHERE dataset_id = ? AND rel_path = ?");
    for (const MediaRecord& m : media) {
        upsert.reset();
        upsert.bind(1, m.mediaId).bind(2, datasetId).bind(3, m.relativePath).bind(4, m.stamp.size);
        upsert.bind(5, m.stamp.mtime)
            .bind(6, QString::fromLatin1(m.sha256Hex))
            .bind(7, m.width)
            .bind(8, m.height);
        upsert.bindBlob(9, packEmbedding(m.embedding)).bind(10, m.blur).bind(11, m.dark).bind(12, m.bright);
        upsert.bind(13, m.caption).bind(14, m.label);
        if (!upsert.run() || !writeMediaTags(datasetId, m))
            return false;
        unskip.reset();
        unskip.bind(1, datasetId).bind(2, m.relativePath);
        if (!unskip.run())
            return false;
    }
    SqliteStatement skip(
        m_db,
        "INSERT OR REPLACE INTO skipped (dataset_id, rel_path, size, mtime, reason) VALUES (?,?,?,?,?)");
    SqliteStatement unmedia(m_db, "DELETE FROM media WHERE dataset_id = ? AND rel_path = ?");
    for (const SkippedRecord& k : skipped) {
        skip.reset();
        skip.bind(1, datasetId)
            .bind(2, k.relativePath)
            .bind(3, k.stamp.size)
            .bind(4, k.stamp.mtime)
            .bind(5, k.reason);
        if (!skip.run())
            return false;
        unmedia.reset();
        unmedia.bind(1, datasetId).bind(2, k.relativePath);
        if (!unmedia.run())
            return false;
    }
    return tx.commit();
}

// The tags carried by an analysed file (file name words, attributes) replace those of their sources.
bool Catalogue::writeMediaTags(const QString& datasetId, const MediaRecord& m) {
    if (m.tags.isEmpty())
        return true;
    SqliteStatement row(m_db, "SELECT row FROM media WHERE dataset_id = ? AND rel_path = ?");
    row.bind(1, datasetId).bind(2, m.relativePath);
    if (!row.step())
        return false;
    const qint64 mediaRow = row.int64(0);
    for (auto it = m.tags.cbegin(); it != m.tags.cend(); ++it) {
        if (!TagTable::replace(m_db, mediaRow, it.key(), it.value()))
            return false;
    }
    return true;
}

bool Catalogue::setTags(const QString& datasetId, const QString& source,
                        const QHash<qint64, QStringList>& byRow) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    SqliteStatement owned(m_db, "SELECT 1 FROM media WHERE row = ? AND dataset_id = ?");
    for (auto it = byRow.cbegin(); it != byRow.cend(); ++it) {
        owned.reset();
        owned.bind(1, it.key()).bind(2, datasetId);
        if (!owned.step())
            continue;
        owned.reset();
        if (!TagTable::replace(m_db, it.key(), source, it.value()))
            return false;
    }
    return tx.commit();
}

QHash<qint64, MediaTags> Catalogue::tags(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    return TagTable::ofDataset(m_db, datasetId);
}

QHash<qint64, QString> Catalogue::untaggedMedia(const QString& datasetId, const QString& source) const {
    std::lock_guard lock(m_mutex);
    return TagTable::untagged(m_db, datasetId, source);
}

std::optional<QStringList> Catalogue::removeFiles(const QString& datasetId,
                                                  const QStringList& relativePaths) {
    std::lock_guard lock(m_mutex);
    if (relativePaths.isEmpty())
        return QStringList();
    SqliteTransaction tx(m_db);
    if (!tx.isActive())
        return std::nullopt;
    QStringList removedIds;
    SqliteStatement find(m_db, "SELECT media_id FROM media WHERE dataset_id = ? AND rel_path = ?");
    SqliteStatement del(m_db, "DELETE FROM media WHERE dataset_id = ? AND rel_path = ?");
    SqliteStatement delSkipped(m_db, "DELETE FROM skipped WHERE dataset_id = ? AND rel_path = ?");
    for (const QString& path : relativePaths) {
        find.reset();
        find.bind(1, datasetId).bind(2, path);
        if (find.step())
            removedIds.append(find.text(0));
        if (find.failed())
            return std::nullopt;
        find.reset();
        del.reset();
        del.bind(1, datasetId).bind(2, path);
        delSkipped.reset();
        delSkipped.bind(1, datasetId).bind(2, path);
        if (!del.run() || !delSkipped.run())
            return std::nullopt;
    }
    // Rolled back: nothing was removed, so no thumbnail may go either.
    if (!tx.commit())
        return std::nullopt;
    return removedIds;
}

bool Catalogue::setLabels(const QString& datasetId, const QHash<QString, QString>& labelByRelativePath) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    if (!tx.isActive())
        return false;
    SqliteStatement s(m_db,
                      "UPDATE media SET label = ? WHERE dataset_id = ? AND rel_path = ? AND label IS NOT ?");
    for (auto it = labelByRelativePath.cbegin(); it != labelByRelativePath.cend(); ++it) {
        s.reset();
        s.bind(1, it.value()).bind(2, datasetId).bind(3, it.key()).bind(4, it.value());
        if (!s.run())
            return false;
    }
    return tx.commit();
}

static MediaRecord readMedia(const SqliteStatement& s, bool withEmbedding) {
    MediaRecord m;
    m.row = s.int64(0);
    m.mediaId = s.text(1);
    m.datasetId = s.text(2);
    m.relativePath = s.text(3);
    m.stamp = FileStamp{s.int64(4), s.int64(5)};
    m.sha256Hex = s.text(6).toLatin1();
    m.width = int(s.int64(7));
    m.height = int(s.int64(8));
    if (withEmbedding)
        m.embedding = Catalogue::unpackEmbedding(s.blob(9));
    m.blur = s.real(10);
    m.dark = s.real(11);
    m.bright = s.real(12);
    m.caption = s.text(13);
    m.label = s.text(14);
    if (withEmbedding) {
        m.semantic = Catalogue::unpackEmbedding(s.blob(15));
        m.learned = Catalogue::unpackEmbedding(s.blob(16));
    }
    return m;
}

static const char* kMediaColumns =
    "SELECT row, media_id, dataset_id, rel_path, size, mtime, sha256, width, height, "
    "media.embedding, blur, dark, bright, caption, label, semantic, perception.embedding FROM media "
    "LEFT JOIN perception ON perception.media_row = media.row";

QVector<MediaRecord> Catalogue::media(const QString& datasetId, bool withEmbeddings, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db,
                      (QByteArray(kMediaColumns) + " WHERE dataset_id = ? ORDER BY rel_path").constData());
    s.bind(1, datasetId);
    QVector<MediaRecord> all;
    const QHash<qint64, MediaTags> tags = TagTable::ofDataset(m_db, datasetId);
    while (s.step()) {
        all.append(readMedia(s, withEmbeddings));
        all.last().tags = tags.value(all.last().row);
    }
    return readOk(s, error) ? all : QVector<MediaRecord>();
}

std::optional<MediaRecord> Catalogue::mediaById(const QString& mediaId, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, (QByteArray(kMediaColumns) + " WHERE media_id = ?").constData());
    s.bind(1, mediaId);
    if (!s.step()) {
        readOk(s, error);
        return std::nullopt;
    }
    MediaRecord m = readMedia(s, false);
    m.tags = TagTable::ofMedia(m_db, m.row);
    return m;
}

QString Catalogue::firstMediaId(const QString& datasetId, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "SELECT media_id FROM media WHERE dataset_id = ? ORDER BY rel_path LIMIT 1");
    s.bind(1, datasetId);
    if (s.step())
        return s.text(0);
    readOk(s, error);
    return {};
}

QVector<SkippedRecord> Catalogue::skipped(const QString& datasetId, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(
        m_db, "SELECT rel_path, size, mtime, reason FROM skipped WHERE dataset_id = ? ORDER BY rel_path");
    s.bind(1, datasetId);
    QVector<SkippedRecord> all;
    while (s.step())
        all.append(SkippedRecord{s.text(0), FileStamp{s.int64(1), s.int64(2)}, s.text(3)});
    return readOk(s, error) ? all : QVector<SkippedRecord>();
}

std::optional<QSet<qint64>> Catalogue::fullTextMatch(const QString& datasetId,
                                                     const QString& ftsExpression) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "SELECT m.row FROM media_fts f JOIN media m ON m.row = f.rowid "
                            "WHERE media_fts MATCH ? AND m.dataset_id = ?");
    s.bind(1, ftsExpression).bind(2, datasetId);
    QSet<qint64> rows;
    while (s.step())
        rows.insert(s.int64(0));
    if (s.failed())
        return std::nullopt;
    const auto tagged = TagTable::match(m_db, datasetId, ftsExpression);
    if (!tagged)
        return std::nullopt;
    return rows.unite(*tagged);
}

QString Catalogue::insertAnchor(const QString& datasetId, const AnchorRecord& anchor) {
    std::lock_guard lock(m_mutex);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    SqliteStatement s(m_db, "INSERT INTO anchors (id, dataset_id, embedding, created_at, face_embedding) "
                            "VALUES (?,?,?,?,?)");
    s.bind(1, id)
        .bind(2, datasetId)
        .bindBlob(3, packEmbedding(anchor.embedding))
        .bind(4, toIso(QDateTime::currentDateTimeUtc()))
        .bindBlob(5, packEmbedding(anchor.faceEmbedding));
    return s.run() ? id : QString();
}

std::optional<AnchorRecord> Catalogue::anchor(const QString& datasetId, const QString& anchorId,
                                              QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "SELECT embedding, face_embedding FROM anchors WHERE id = ? AND dataset_id = ?");
    s.bind(1, anchorId).bind(2, datasetId);
    if (!s.step()) {
        readOk(s, error);
        return std::nullopt;
    }
    return AnchorRecord{unpackEmbedding(s.blob(0)), unpackEmbedding(s.blob(1))};
}

QByteArray Catalogue::packEmbedding(const QVector<float>& v) {
    return QByteArray(reinterpret_cast<const char*>(v.constData()), int(v.size() * sizeof(float)));
}

QVector<float> Catalogue::unpackEmbedding(const QByteArray& blob) {
    QVector<float> v(int(blob.size() / sizeof(float)));
    if (!v.isEmpty())
        std::memcpy(v.data(), blob.constData(), size_t(v.size()) * sizeof(float));
    return v;
}

} // namespace vl::engine

namespace vl::engine {

namespace {

QByteArray objectsToJson(const QVector<PerceivedObject>& objects) {
    QJsonArray array;
    for (const PerceivedObject& o : objects) {
        QJsonObject json{{"label", o.label},
                         {"confidence", o.confidence},
                         {"box", QJsonArray{o.box.x(), o.box.y(), o.box.width(), o.box.height()}}};
        if (!o.vector.isEmpty())
            json.insert("vector", QString::fromLatin1(Catalogue::packEmbedding(o.vector).toBase64()));
        array.append(json);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QVector<PerceivedObject> objectsFromJson(const QString& text) {
    QVector<PerceivedObject> objects;
    for (const QJsonValue& value : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const QJsonObject json = value.toObject();
        const QJsonArray box = json.value("box").toArray();
        PerceivedObject o;
        o.label = json.value("label").toString();
        o.confidence = json.value("confidence").toDouble();
        o.box = QRect(box.at(0).toInt(), box.at(1).toInt(), box.at(2).toInt(), box.at(3).toInt());
        o.vector =
            Catalogue::unpackEmbedding(QByteArray::fromBase64(json.value("vector").toString().toLatin1()));
        if (!o.label.isEmpty())
            objects.append(o);
    }
    return objects;
}

} // namespace

QVector<MediaRecord> Catalogue::mediaNeedingPerception(const QString& datasetId, int version,
                                                       QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db,
                      "SELECT m.row, m.rel_path FROM media m LEFT JOIN perception p ON p.media_row = m.row "
                      "WHERE m.dataset_id = ? AND (p.version IS NULL OR p.version < ?) ORDER BY m.rel_path");
    s.bind(1, datasetId).bind(2, version);
    QVector<MediaRecord> todo;
    while (s.step()) {
        MediaRecord m;
        m.row = s.int64(0);
        m.datasetId = datasetId;
        m.relativePath = s.text(1);
        todo.append(m);
    }
    return readOk(s, error) ? todo : QVector<MediaRecord>();
}

bool Catalogue::writePerception(const QString& datasetId, const QVector<PerceptionRecord>& records) {
    std::lock_guard lock(m_mutex);
    SqliteTransaction tx(m_db);
    if (!tx.isActive())
        return false;
    // Only rows still in the dataset: a file removed by a reindex meanwhile must not come back.
    SqliteStatement owned(m_db, "SELECT 1 FROM media WHERE row = ? AND dataset_id = ?");
    SqliteStatement insert(m_db, "INSERT OR REPLACE INTO perception (media_row, version, objects, embedding) "
                                 "VALUES (?, ?, ?, ?)");
    for (const PerceptionRecord& r : records) {
        owned.reset();
        owned.bind(1, r.mediaRow).bind(2, datasetId);
        if (!owned.step())
            continue;
        owned.reset();
        insert.reset();
        insert.bind(1, r.mediaRow).bind(2, r.version).bind(3, QString::fromUtf8(objectsToJson(r.objects)));
        if (r.embedding.isEmpty())
            insert.bind(4, QString());
        else
            insert.bindBlob(4, packEmbedding(r.embedding));
        // What was seen becomes searchable words: the object classes, and "face" where faces are.
        QStringList objects, faces;
        for (const PerceivedObject& o : r.objects)
            (o.label == QLatin1String("face") ? faces : objects).append(o.label);
        if (!insert.run() || !TagTable::replace(m_db, r.mediaRow, TagSource::Object, objects) ||
            !TagTable::replace(m_db, r.mediaRow, TagSource::Face, faces.mid(0, 1)))
            return false;
    }
    return tx.commit();
}

QHash<qint64, PerceptionRecord> Catalogue::perception(const QString& datasetId, QString* error) const {
    std::lock_guard lock(m_mutex);
    SqliteStatement s(m_db, "SELECT p.media_row, p.version, p.objects, p.embedding FROM perception p "
                            "JOIN media m ON m.row = p.media_row WHERE m.dataset_id = ?");
    s.bind(1, datasetId);
    QHash<qint64, PerceptionRecord> all;
    while (s.step()) {
        PerceptionRecord r;
        r.mediaRow = s.int64(0);
        r.version = int(s.int64(1));
        r.objects = objectsFromJson(s.text(2));
        r.embedding = unpackEmbedding(s.blob(3));
        all.insert(r.mediaRow, r);
    }
    return readOk(s, error) ? all : QHash<qint64, PerceptionRecord>();
}

} // namespace vl::engine
