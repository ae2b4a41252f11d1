#include "TagTable.h"

#include "SqliteStatement.h"

namespace vl::engine {

bool TagTable::replace(sqlite3* db, qint64 mediaRow, const QString& source, const QStringList& tags) {
    SqliteStatement clear(db, "DELETE FROM tags WHERE media_row = ? AND source = ?");
    clear.bind(1, mediaRow).bind(2, source);
    if (!clear.run())
        return false;
    SqliteStatement insert(db, "INSERT OR IGNORE INTO tags (media_row, source, tag) VALUES (?, ?, ?)");
    for (const QString& raw : tags) {
        const QString tag = raw.simplified().toLower();
        if (tag.isEmpty())
            continue;
        insert.reset();
        insert.bind(1, mediaRow).bind(2, source).bind(3, tag);
        if (!insert.run())
            return false;
    }
    return true;
}

QHash<qint64, MediaTags> TagTable::ofDataset(sqlite3* db, const QString& datasetId) {
    SqliteStatement s(db,
                      "SELECT t.media_row, t.source, t.tag FROM tags t JOIN media m ON m.row = t.media_row "
                      "WHERE m.dataset_id = ? ORDER BY t.row");
    s.bind(1, datasetId);
    QHash<qint64, MediaTags> all;
    while (s.step())
        all[s.int64(0)][s.text(1)].append(s.text(2));
    return all;
}

MediaTags TagTable::ofMedia(sqlite3* db, qint64 mediaRow) {
    SqliteStatement s(db, "SELECT source, tag FROM tags WHERE media_row = ? ORDER BY row");
    s.bind(1, mediaRow);
    MediaTags tags;
    while (s.step())
        tags[s.text(0)].append(s.text(1));
    return tags;
}

QHash<qint64, QString> TagTable::untagged(sqlite3* db, const QString& datasetId, const QString& source) {
    SqliteStatement s(db, "SELECT m.row, m.rel_path FROM media m WHERE m.dataset_id = ? AND NOT EXISTS "
                          "(SELECT 1 FROM tags t WHERE t.media_row = m.row AND t.source = ?)");
    s.bind(1, datasetId).bind(2, source);
    QHash<qint64, QString> rows;
    while (s.step())
        rows.insert(s.int64(0), s.text(1));
    return rows;
}

std::optional<QSet<qint64>> TagTable::match(sqlite3* db, const QString& datasetId, const QString& fts) {
    SqliteStatement s(db, "SELECT DISTINCT t.media_row FROM tags_fts f JOIN tags t ON t.row = f.rowid "
                          "JOIN media m ON m.row = t.media_row WHERE tags_fts MATCH ? AND m.dataset_id = ?");
    s.bind(1, fts).bind(2, datasetId);
    QSet<qint64> rows;
    while (s.step())
        rows.insert(s.int64(0));
    if (s.failed())
        return std::nullopt;
    return rows;
}

bool TagTable::copy(sqlite3* db, const QString& sourceId, const QString& targetId) {
    SqliteStatement s(db, "INSERT OR IGNORE INTO tags (media_row, source, tag) "
                          "SELECT t.row, g.source, g.tag FROM tags g JOIN media s ON s.row = g.media_row "
                          "JOIN media t ON t.rel_path = s.rel_path AND t.dataset_id = ?2 "
                          "WHERE s.dataset_id = ?1 ORDER BY g.row");
    s.bind(1, sourceId).bind(2, targetId);
    return s.run();
}

} // namespace vl::engine
