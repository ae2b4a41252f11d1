#pragma once

#include "ExportData.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace vl::engine {

// Writes a Visual Layer compatible export: a zip holding metadata.json (schema 1.1) and, when asked,
// images/<file_name> with each image's original bytes. Clashing file names are made unique
// ("a.jpg", "a_2.jpg", compared case-insensitively) and metadata.json names the file as stored in the zip.
class ExportWriter {
public:
    struct Result {
        bool ok = false;
        QString error; // why the archive was not written (a file already at the path is left as it was)
        QStringList warnings; // images that could not be included (item kept in metadata.json)
        int imagesWritten = 0;
    };
    // Reports progress in [0, 1]; return false to cancel (then Result::error says so).
    using Progress = std::function<bool(double fraction)>;

    // Empty when `format` can be written, else a message for a 422 ("parquet" is not supported locally).
    static QString checkFormat(const QString& format);

    // The metadata.json document.
    static QJsonObject metadata(const ExportInfo& info, const QVector<ExportMediaItem>& items);

    // Writes the archive to `zipPath` (replaced if it exists; written atomically by libzip).
    static Result writeZip(const QString& zipPath, const ExportInfo& info, QVector<ExportMediaItem> items,
                           const ExportOptions& options, const Progress& progress = Progress());

    // "48.27KB" style sizes: 1024-based, two decimals, B below 1 KB ("512B").
    static QString formatFileSize(qint64 bytes);
    // ISO-8601 without time zone, microseconds: "2025-04-24T07:44:46.136000" (UTC).
    static QString formatTimestamp(const QDateTime& time);
    // Safe, unique names for images/ in item order (directories stripped, case-insensitive uniqueness).
    static QStringList archiveNames(const QVector<ExportMediaItem>& items);
};

} // namespace vl::engine
