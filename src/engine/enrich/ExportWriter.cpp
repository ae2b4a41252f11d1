#include "ExportWriter.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <zip.h>

#include <memory>

namespace vl::engine {
namespace {

QJsonObject item(const QString& type, const QJsonObject& properties) {
    return QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("properties"), properties}};
}

QJsonObject issueItem(const ExportIssue& issue) {
    QJsonObject properties{{QStringLiteral("issue_type"), issue.issueType},
                           {QStringLiteral("confidence"), issue.confidence}};
    if (!issue.duplicateGroupId.isEmpty())
        properties.insert(QStringLiteral("duplicate_group_id"), issue.duplicateGroupId);
    if (issue.duplicateThreshold >= 0)
        properties.insert(QStringLiteral("duplicate_threshold"), issue.duplicateThreshold);
    return item(QStringLiteral("issue"), properties);
}

QJsonObject captionItem(const ExportCaption& caption) {
    return item(QStringLiteral("caption"),
                {{QStringLiteral("text"), caption.text}, {QStringLiteral("source"), caption.source}});
}

QJsonObject objectItem(const ExportObject& object) {
    QJsonArray nested;
    for (const ExportIssue& issue : object.issues)
        nested.append(issueItem(issue));
    for (const ExportCaption& caption : object.captions)
        nested.append(captionItem(caption));
    const QRect& box = object.bbox;
    return item(QStringLiteral("object_label"),
                {{QStringLiteral("bbox"), QJsonArray{box.x(), box.y(), box.width(), box.height()}},
                 {QStringLiteral("category_name"), object.categoryName},
                 {QStringLiteral("source"), object.source},
                 {QStringLiteral("original_id"), object.originalId},
                 {QStringLiteral("uniqueness_score"), object.uniquenessScore},
                 {QStringLiteral("url"), object.url},
                 {QStringLiteral("metadata_items"), nested}});
}

QJsonArray metadataItems(const ExportMediaItem& media) {
    QJsonArray items;
    for (const ExportIssue& issue : media.issues)
        items.append(issueItem(issue));
    for (const ExportLabel& label : media.labels)
        items.append(
            item(QStringLiteral("image_label"), {{QStringLiteral("category_name"), label.categoryName},
                                                 {QStringLiteral("source"), label.source},
                                                 {QStringLiteral("original_id"), label.originalId}}));
    for (const ExportCaption& caption : media.captions)
        items.append(captionItem(caption));
    for (const ExportUserTag& tag : media.userTags)
        items.append(item(QStringLiteral("user_tag"), {{QStringLiteral("tag_name"), tag.tagName},
                                                       {QStringLiteral("assigned_date"),
                                                        ExportWriter::formatTimestamp(tag.assignedDate)}}));
    for (const ExportObject& object : media.objects)
        items.append(objectItem(object));
    return items;
}

QJsonObject mediaItem(const ExportMediaItem& media) {
    return {{QStringLiteral("media_id"), media.mediaId},
            {QStringLiteral("media_type"), media.mediaType},
            {QStringLiteral("file_name"), media.fileName},
            {QStringLiteral("file_path"), media.filePath},
            {QStringLiteral("file_size"), ExportWriter::formatFileSize(media.fileSizeBytes)},
            {QStringLiteral("uniqueness_score"), media.uniquenessScore},
            {QStringLiteral("height"), media.height},
            {QStringLiteral("width"), media.width},
            {QStringLiteral("url"), media.url},
            {QStringLiteral("cluster_id"), media.clusterId},
            {QStringLiteral("metadata_items"), metadataItems(media)}};
}

QString safeFileName(const ExportMediaItem& media) {
    QString name = media.fileName;
    name.replace(QLatin1Char('\\'), QLatin1Char('/'));
    name = name.section(QLatin1Char('/'), -1); // never a path: entries must stay inside images/
    for (QChar& c : name) {
        if (c.unicode() < 0x20 || QStringLiteral(":*?\"<>|").contains(c))
            c = QLatin1Char('_');
    }
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        name = (media.mediaId.isEmpty() ? QStringLiteral("image") : media.mediaId) + QLatin1Char('.') +
               QFileInfo(media.sourceFile).suffix();
    return name;
}

// Owns a libzip archive being written; discards it unless commit() succeeded.
class ZipWriter {
public:
    bool open(const QString& path, QString* error) {
        int code = 0;
        m_zip = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
        if (!m_zip) {
            zip_error_t zipError;
            zip_error_init_with_code(&zipError, code);
            *error = QStringLiteral("cannot create %1: %2")
                         .arg(path, QString::fromUtf8(zip_error_strerror(&zipError)));
            zip_error_fini(&zipError);
        }
        return m_zip != nullptr;
    }
    ~ZipWriter() {
        if (m_zip)
            zip_discard(m_zip);
    }
    // `data` must stay alive until commit().
    bool addBuffer(const QString& name, const QByteArray& data, QString* error) {
        zip_source_t* source = zip_source_buffer(m_zip, data.constData(), zip_uint64_t(data.size()), 0);
        return source && add(name, source, ZIP_CM_DEFLATE, error);
    }
    bool addFile(const QString& name, const QString& path, QString* error) {
        zip_source_t* source = zip_source_file(m_zip, QFile::encodeName(path).constData(), 0, -1);
        // Images are already compressed: storing them is as small and much faster.
        return source && add(name, source, ZIP_CM_STORE, error);
    }
    bool commit(const ExportWriter::Progress& progress, QString* error) {
        if (progress) {
            m_progress = &progress;
            zip_register_progress_callback_with_state(m_zip, 0.01, &ZipWriter::onProgress, nullptr, this);
            zip_register_cancel_callback_with_state(m_zip, &ZipWriter::onCancel, nullptr, this);
        }
        if (zip_close(m_zip) == 0) {
            m_zip = nullptr;
            return true;
        }
        *error =
            m_cancelled
                ? QStringLiteral("export cancelled")
                : QStringLiteral("cannot write the archive: %1").arg(QString::fromUtf8(zip_strerror(m_zip)));
        return false;
    }

private:
    bool add(const QString& name, zip_source_t* source, zip_int32_t method, QString* error) {
        const zip_int64_t index = zip_file_add(m_zip, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            *error = QStringLiteral("cannot add %1: %2").arg(name, QString::fromUtf8(zip_strerror(m_zip)));
            return false;
        }
        zip_set_file_compression(m_zip, zip_uint64_t(index), method, 0);
        return true;
    }
    static void onProgress(zip_t*, double fraction, void* self) {
        auto* writer = static_cast<ZipWriter*>(self);
        if (!(*writer->m_progress)(fraction))
            writer->m_cancelled = true;
    }
    static int onCancel(zip_t*, void* self) { return static_cast<ZipWriter*>(self)->m_cancelled ? 1 : 0; }

    zip_t* m_zip = nullptr;
    const ExportWriter::Progress* m_progress = nullptr;
    bool m_cancelled = false;
};

} // namespace

QString ExportWriter::checkFormat(const QString& format) {
    if (format.isEmpty() || format.compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return {};
    if (format.compare(QLatin1String("parquet"), Qt::CaseInsensitive) == 0)
        return QStringLiteral(
            "export_format=parquet is not supported by the local engine; use export_format=json");
    return QStringLiteral("Unknown export_format \"%1\"; supported: json").arg(format);
}

QString ExportWriter::formatFileSize(qint64 bytes) {
    static const char* const units[] = {"KB", "MB", "GB", "TB"};
    if (bytes < 1024)
        return QStringLiteral("%1B").arg(qMax<qint64>(0, bytes));
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QString::number(value, 'f', 2) + QLatin1String(units[unit]);
}

QString ExportWriter::formatTimestamp(const QDateTime& time) {
    if (!time.isValid())
        return QString();
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000");
}

QStringList ExportWriter::archiveNames(const QVector<ExportMediaItem>& items) {
    QStringList names;
    QSet<QString> taken;
    for (const ExportMediaItem& media : items) {
        const QString name = safeFileName(media);
        const QFileInfo parts(name);
        const QString base = parts.completeBaseName();
        const QString suffix = parts.suffix().isEmpty() ? QString() : QLatin1Char('.') + parts.suffix();
        QString unique = name;
        for (int n = 2; taken.contains(unique.toLower()); ++n)
            unique = QStringLiteral("%1_%2%3").arg(base).arg(n).arg(suffix);
        taken.insert(unique.toLower());
        names << unique;
    }
    return names;
}

QJsonObject ExportWriter::metadata(const ExportInfo& info, const QVector<ExportMediaItem>& items) {
    const QDateTime exportTime =
        info.exportTime.isValid() ? info.exportTime : QDateTime::currentDateTimeUtc();
    const QString description = info.description.isEmpty()
                                    ? QStringLiteral("Exported from %1 at VL Explorer").arg(info.dataset)
                                    : info.description;
    const QJsonObject header{
        {QStringLiteral("schema_version"), QStringLiteral("1.1")},
        {QStringLiteral("dataset"), info.dataset},
        {QStringLiteral("description"), description},
        {QStringLiteral("dataset_url"), info.datasetUrl},
        {QStringLiteral("export_time"), formatTimestamp(exportTime)},
        {QStringLiteral("dataset_creation_time"),
         formatTimestamp(info.datasetCreationTime.isValid() ? info.datasetCreationTime : exportTime)},
        {QStringLiteral("exported_by"), info.exportedBy},
        {QStringLiteral("total_media_items"), items.size()}};
    QJsonArray media;
    for (const ExportMediaItem& item : items)
        media.append(mediaItem(item));
    return {{QStringLiteral("info"), header}, {QStringLiteral("media_items"), media}};
}

ExportWriter::Result ExportWriter::writeZip(const QString& zipPath, const ExportInfo& info,
                                            QVector<ExportMediaItem> items, const ExportOptions& options,
                                            const Progress& progress) {
    Result result;
    result.error = checkFormat(options.format);
    if (!result.error.isEmpty())
        return result;
    ZipWriter zip;
    if (!zip.open(zipPath, &result.error))
        return result;
    if (options.includeImages) {
        const QStringList names = archiveNames(items);
        for (int i = 0; i < items.size(); ++i) {
            const QFileInfo source(items[i].sourceFile);
            if (!source.isFile() || !source.isReadable()) {
                result.warnings << QStringLiteral("%1: image not included, %2 is not readable")
                                       .arg(items[i].mediaId, items[i].sourceFile);
                continue;
            }
            items[i].fileName = names.at(i);
            // An item without a link (the local engine writes none: its links expire) points at its copy
            // inside the archive, which never does.
            if (items[i].url.isEmpty()) {
                items[i].url = QStringLiteral("images/") + names.at(i);
                for (ExportObject& object : items[i].objects)
                    object.url = items[i].url;
            }
            if (!zip.addFile(QStringLiteral("images/") + names.at(i), source.absoluteFilePath(),
                             &result.error))
                return result;
            ++result.imagesWritten;
        }
    }
    const QByteArray json = QJsonDocument(metadata(info, items)).toJson(QJsonDocument::Indented);
    if (!zip.addBuffer(QStringLiteral("metadata.json"), json, &result.error) ||
        !zip.commit(progress, &result.error)) {
        result.imagesWritten = 0;
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace vl::engine
