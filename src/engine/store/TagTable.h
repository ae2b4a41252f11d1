#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

struct sqlite3;

namespace vl::engine {

// Where a tag came from. Each source is written on its own (Catalogue::setTags), so object tags from a
// detector, face tags, OCR words, attributes and file name words never overwrite each other.
namespace TagSource {
inline const QString Name = QStringLiteral("name");           // words of the file and folder names
inline const QString Attribute = QStringLiteral("attribute"); // grayscale, dark, dominant colours...
inline const QString Object = QStringLiteral("object");       // detector class names (COCO labels)
inline const QString Face = QStringLiteral("face");
inline const QString Ocr = QStringLiteral("ocr"); // words read in the image
} // namespace TagSource

// Tags by media row and source: source -> tags.
using MediaTags = QHash<QString, QStringList>;

// The `tags` table and its FTS5 index (schema 4). Statements only: the caller (Catalogue) holds the lock
// and the transaction.
class TagTable {
public:
    // Replaces the row's tags of `source` (an empty list clears them). Tags are trimmed, lower-cased and
    // kept once each.
    static bool replace(sqlite3* db, qint64 mediaRow, const QString& source, const QStringList& tags);
    // Every tag of the dataset's media.
    static QHash<qint64, MediaTags> ofDataset(sqlite3* db, const QString& datasetId);
    static MediaTags ofMedia(sqlite3* db, qint64 mediaRow);
    // Media rows of the dataset with no tag of `source`, with their relative paths.
    static QHash<qint64, QString> untagged(sqlite3* db, const QString& datasetId, const QString& source);
    // Media rows of the dataset with a tag matching the FTS5 expression; nullopt on a syntax error.
    static std::optional<QSet<qint64>> match(sqlite3* db, const QString& datasetId, const QString& fts);
    // Copies the tags of every media row of `sourceId` to the row with the same path in `targetId`.
    static bool copy(sqlite3* db, const QString& sourceId, const QString& targetId);
};

} // namespace vl::engine
