#include "CatalogueSchema.h"

#include "SqliteStatement.h"
#include "SqliteTransaction.h"

#include <sqlite3.h>

namespace vl::engine {

namespace {

const char* kSchemaV1 = R"SQL(
CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    folder TEXT NOT NULL,
    status TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    fatal_error TEXT,
    n_images INTEGER NOT NULL DEFAULT 0,
    n_skipped INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE TABLE media (
    row INTEGER PRIMARY KEY,
    media_id TEXT NOT NULL UNIQUE,
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    rel_path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    sha256 TEXT,
    width INTEGER,
    height INTEGER,
    embedding BLOB,
    blur REAL, dark REAL, bright REAL,
    caption TEXT,
    label TEXT,
    UNIQUE (dataset_id, rel_path)
);
CREATE TABLE skipped (
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    rel_path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (dataset_id, rel_path)
);
CREATE TABLE anchors (
    id TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    embedding BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE media_fts USING fts5(caption, label, content='media', content_rowid='row',
                                          tokenize='porter unicode61');
CREATE TRIGGER media_fts_insert AFTER INSERT ON media BEGIN
    INSERT INTO media_fts(rowid, caption, label) VALUES (new.row, new.caption, new.label);
END;
CREATE TRIGGER media_fts_delete AFTER DELETE ON media BEGIN
    INSERT INTO media_fts(media_fts, rowid, caption, label) VALUES ('delete', old.row, old.caption, old.label);
END;
CREATE TRIGGER media_fts_update AFTER UPDATE OF caption, label ON media BEGIN
    INSERT INTO media_fts(media_fts, rowid, caption, label) VALUES ('delete', old.row, old.caption, old.label);
    INSERT INTO media_fts(rowid, caption, label) VALUES (new.row, new.caption, new.label);
END;
)SQL";

// Enriched copies and detected objects.
const char* kSchemaV2 = R"SQL(
ALTER TABLE datasets ADD COLUMN source_dataset_id TEXT;
ALTER TABLE datasets ADD COLUMN enrichment TEXT;
ALTER TABLE datasets ADD COLUMN n_objects INTEGER NOT NULL DEFAULT -1;
CREATE TABLE objects (
    row INTEGER PRIMARY KEY,
    object_id TEXT NOT NULL UNIQUE,
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    media_row INTEGER NOT NULL REFERENCES media(row) ON DELETE CASCADE,
    label TEXT NOT NULL,
    confidence REAL NOT NULL,
    x INTEGER NOT NULL, y INTEGER NOT NULL, w INTEGER NOT NULL, h INTEGER NOT NULL,
    embedding BLOB
);
CREATE INDEX objects_by_dataset ON objects(dataset_id);
CREATE INDEX objects_by_media ON objects(media_row);
)SQL";

// Plug-in image embeddings for semantic text search.
const char* kSchemaV3 = "ALTER TABLE media ADD COLUMN semantic BLOB;";

// Tags per media row and source (file name words, attributes, detected objects, faces, OCR words), with
// their own FTS5 index; full-text search matches captions/labels or tags. A media row's tags go with it.
const char* kSchemaV4 = R"SQL(
CREATE TABLE tags (
    row INTEGER PRIMARY KEY,
    media_row INTEGER NOT NULL REFERENCES media(row) ON DELETE CASCADE,
    source TEXT NOT NULL,
    tag TEXT NOT NULL,
    UNIQUE (media_row, source, tag)
);
CREATE VIRTUAL TABLE tags_fts USING fts5(tag, content='tags', content_rowid='row',
                                         tokenize='porter unicode61');
CREATE TRIGGER tags_fts_insert AFTER INSERT ON tags BEGIN
    INSERT INTO tags_fts(rowid, tag) VALUES (new.row, new.tag);
END;
CREATE TRIGGER tags_fts_delete AFTER DELETE ON tags BEGIN
    INSERT INTO tags_fts(tags_fts, rowid, tag) VALUES ('delete', old.row, old.tag);
END;
CREATE TRIGGER media_tags_delete AFTER DELETE ON media BEGIN
    DELETE FROM tags WHERE media_row = old.row;
END;
)SQL";

// What the learned models saw in each image (Perceiver): objects as JSON (label, confidence, pixel box,
// optional vector), the learned image embedding, and the pipeline version that produced them. A file that
// changes on disk loses its row, so the next pass looks at it again.
const char* kSchemaV5 = R"SQL(
CREATE TABLE perception (
    media_row INTEGER PRIMARY KEY REFERENCES media(row) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    objects TEXT NOT NULL DEFAULT '[]',
    embedding BLOB
);
CREATE TRIGGER perception_stale AFTER UPDATE OF size, mtime, sha256 ON media BEGIN
    DELETE FROM perception WHERE media_row = new.row;
END;
)SQL";

// Face embeddings (the face recogniser's, for faces only) of detected objects and of uploaded search
// anchors: similar-face search and face clusters.
const char* kSchemaV6 = R"SQL(
ALTER TABLE objects ADD COLUMN face_embedding BLOB;
ALTER TABLE anchors ADD COLUMN face_embedding BLOB;
)SQL";

// Schema version n is reached by running kMigrations[n - 1] on version n - 1.
const char* const kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5, kSchemaV6};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == CatalogueSchema::kVersion,
              "one migration per schema version");

bool exec(sqlite3* db, const char* sql, QString* error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(message ? message : "unknown SQLite error");
    sqlite3_free(message);
    return false;
}

} // namespace

bool CatalogueSchema::prepare(sqlite3* db, QString* error) {
    return exec(db, "PRAGMA journal_mode=WAL", error) && exec(db, "PRAGMA foreign_keys=ON", error) &&
           exec(db, "PRAGMA synchronous=NORMAL", error) && migrate(db, error);
}

// Migrations run in order from the stored user_version; each step is one transaction.
bool CatalogueSchema::migrate(sqlite3* db, QString* error) {
    int current = 0;
    {
        SqliteStatement version(db, "PRAGMA user_version");
        current = version.step() ? int(version.int64(0)) : 0;
        if (version.failed()) {
            if (error)
                *error = version.error();
            return false;
        }
    }
    if (current > kVersion) {
        if (error)
            *error = QStringLiteral("The catalogue was written by a newer engine (schema %1)").arg(current);
        return false;
    }
    for (int target = current + 1; target <= kVersion; ++target) {
        SqliteTransaction tx(db);
        const QByteArray setVersion = QByteArray("PRAGMA user_version = ") + QByteArray::number(target);
        if (!tx.isActive() || !exec(db, kMigrations[target - 1], error) ||
            !exec(db, setVersion.constData(), error) || !tx.commit()) {
            if (error && !tx.error().isEmpty())
                *error = tx.error();
            if (error)
                *error =
                    QStringLiteral("Cannot update the catalogue to schema %1: %2").arg(target).arg(*error);
            return false;
        }
    }
    return true;
}

} // namespace vl::engine
