#include "ExportSchemaValidator.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSize>

#include <cmath>

namespace vl::engine {
namespace {

enum class Kind { String, Number, Integer, Object, Array };

class SchemaChecker {
public:
    QStringList problems;

    void checkDocument(const QJsonObject& document) {
        if (!require(document, QStringLiteral("info"), Kind::Object, QStringLiteral("$")) ||
            !require(document, QStringLiteral("media_items"), Kind::Array, QStringLiteral("$")))
            return;
        const QJsonArray media = document.value(QStringLiteral("media_items")).toArray();
        checkInfo(document.value(QStringLiteral("info")).toObject(), media.size());
        for (int i = 0; i < media.size(); ++i)
            checkMedia(media.at(i), QStringLiteral("$.media_items[%1]").arg(i));
    }

private:
    static bool isKind(const QJsonValue& value, Kind kind) {
        switch (kind) {
        case Kind::String:
            return value.isString();
        case Kind::Number:
            return value.isDouble();
        case Kind::Integer:
            return value.isDouble() && value.toDouble() == std::floor(value.toDouble());
        case Kind::Object:
            return value.isObject();
        case Kind::Array:
            return value.isArray();
        }
        return false;
    }

    static QString kindName(Kind kind) {
        static const char* const names[] = {"a string", "a number", "an integer", "an object", "an array"};
        return QString::fromLatin1(names[static_cast<int>(kind)]);
    }

    bool require(const QJsonObject& object, const QString& key, Kind kind, const QString& path) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined()) {
            problems << QStringLiteral("%1.%2: missing").arg(path, key);
            return false;
        }
        if (!isKind(value, kind)) {
            problems << QStringLiteral("%1.%2: must be %3").arg(path, key, kindName(kind));
            return false;
        }
        return true;
    }

    void requireMatch(const QJsonObject& object, const QString& key, const QRegularExpression& pattern,
                      const QString& path, const QString& what) {
        if (require(object, key, Kind::String, path) &&
            !pattern.match(object.value(key).toString()).hasMatch())
            problems << QStringLiteral("%1.%2: \"%3\" is not %4")
                            .arg(path, key, object.value(key).toString(), what);
    }

    void requireOneOf(const QJsonObject& object, const QString& key, const QStringList& allowed,
                      const QString& path) {
        if (require(object, key, Kind::String, path) && !allowed.contains(object.value(key).toString()))
            problems << QStringLiteral("%1.%2: \"%3\" is not one of %4")
                            .arg(path, key, object.value(key).toString(), allowed.join(QStringLiteral(", ")));
    }

    void checkTimestamp(const QJsonObject& object, const QString& key, const QString& path) {
        static const QRegularExpression iso(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?$"));
        requireMatch(object, key, iso, path, QStringLiteral("an ISO-8601 time without time zone"));
    }

    void checkInfo(const QJsonObject& info, int mediaCount) {
        const QString path = QStringLiteral("$.info");
        requireOneOf(info, QStringLiteral("schema_version"), {QStringLiteral("1.1")}, path);
        for (const char* key : {"dataset", "description", "dataset_url", "exported_by"})
            require(info, QString::fromLatin1(key), Kind::String, path);
        checkTimestamp(info, QStringLiteral("export_time"), path);
        checkTimestamp(info, QStringLiteral("dataset_creation_time"), path);
        if (require(info, QStringLiteral("total_media_items"), Kind::Integer, path) &&
            info.value(QStringLiteral("total_media_items")).toInt() != mediaCount)
            problems << QStringLiteral("%1.total_media_items: %2 but media_items holds %3")
                            .arg(path)
                            .arg(info.value(QStringLiteral("total_media_items")).toInt())
                            .arg(mediaCount);
    }

    void checkMedia(const QJsonValue& value, const QString& path) {
        if (!value.isObject()) {
            problems << QStringLiteral("%1: must be an object").arg(path);
            return;
        }
        static const QRegularExpression size(QStringLiteral("^\\d+(\\.\\d+)?(B|KB|MB|GB|TB)$"));
        const QJsonObject media = value.toObject();
        require(media, QStringLiteral("media_id"), Kind::String, path);
        requireOneOf(media, QStringLiteral("media_type"),
                     {QStringLiteral("image"), QStringLiteral("video_frame")}, path);
        for (const char* key : {"file_name", "file_path", "url", "cluster_id"})
            require(media, QString::fromLatin1(key), Kind::String, path);
        requireMatch(media, QStringLiteral("file_size"), size, path,
                     QStringLiteral("a size like \"48.27KB\""));
        require(media, QStringLiteral("uniqueness_score"), Kind::Number, path);
        const bool sized = require(media, QStringLiteral("width"), Kind::Integer, path) &
                           require(media, QStringLiteral("height"), Kind::Integer, path);
        const QSize imageSize = sized ? QSize(media.value(QStringLiteral("width")).toInt(),
                                              media.value(QStringLiteral("height")).toInt())
                                      : QSize();
        if (require(media, QStringLiteral("metadata_items"), Kind::Array, path))
            checkItems(media.value(QStringLiteral("metadata_items")).toArray(),
                       path + QStringLiteral(".metadata_items"), imageSize, true);
    }

    void checkItems(const QJsonArray& items, const QString& path, const QSize& imageSize, bool allowObjects) {
        for (int i = 0; i < items.size(); ++i) {
            const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            const QJsonObject item = items.at(i).toObject();
            QStringList types{QStringLiteral("issue"), QStringLiteral("image_label"),
                              QStringLiteral("caption"), QStringLiteral("user_tag"),
                              QStringLiteral("video_info")};
            if (allowObjects)
                types << QStringLiteral("object_label");
            requireOneOf(item, QStringLiteral("type"), types, itemPath);
            if (!require(item, QStringLiteral("properties"), Kind::Object, itemPath))
                continue;
            checkProperties(item.value(QStringLiteral("type")).toString(),
                            item.value(QStringLiteral("properties")).toObject(),
                            itemPath + QStringLiteral(".properties"), imageSize);
        }
    }

    void checkProperties(const QString& type, const QJsonObject& properties, const QString& path,
                         const QSize& imageSize) {
        if (type == QLatin1String("issue")) {
            require(properties, QStringLiteral("issue_type"), Kind::String, path);
            if (require(properties, QStringLiteral("confidence"), Kind::Number, path)) {
                const double confidence = properties.value(QStringLiteral("confidence")).toDouble();
                if (confidence < 0 || confidence > 1)
                    problems
                        << QStringLiteral("%1.confidence: %2 is outside [0, 1]").arg(path).arg(confidence);
            }
        } else if (type == QLatin1String("image_label")) {
            require(properties, QStringLiteral("category_name"), Kind::String, path);
            require(properties, QStringLiteral("source"), Kind::String, path);
            require(properties, QStringLiteral("original_id"), Kind::Integer, path);
        } else if (type == QLatin1String("caption")) {
            require(properties, QStringLiteral("text"), Kind::String, path);
            require(properties, QStringLiteral("source"), Kind::String, path);
        } else if (type == QLatin1String("user_tag")) {
            require(properties, QStringLiteral("tag_name"), Kind::String, path);
            checkTimestamp(properties, QStringLiteral("assigned_date"), path);
        } else if (type == QLatin1String("object_label")) {
            checkObject(properties, path, imageSize);
        }
    }

    void checkObject(const QJsonObject& properties, const QString& path, const QSize& imageSize) {
        for (const char* key : {"category_name", "source", "url"})
            require(properties, QString::fromLatin1(key), Kind::String, path);
        require(properties, QStringLiteral("original_id"), Kind::Integer, path);
        require(properties, QStringLiteral("uniqueness_score"), Kind::Number, path);
        if (require(properties, QStringLiteral("metadata_items"), Kind::Array, path))
            checkItems(properties.value(QStringLiteral("metadata_items")).toArray(),
                       path + QStringLiteral(".metadata_items"), imageSize, false);
        if (!require(properties, QStringLiteral("bbox"), Kind::Array, path))
            return;
        const QJsonArray box = properties.value(QStringLiteral("bbox")).toArray();
        bool whole = box.size() == 4;
        for (const QJsonValue& v : box)
            whole = whole && isKind(v, Kind::Integer) && v.toDouble() >= 0;
        if (!whole) {
            problems << QStringLiteral("%1.bbox: must be [x, y, width, height] in whole, non-negative pixels")
                            .arg(path);
            return;
        }
        const int x = box.at(0).toInt(), y = box.at(1).toInt(), w = box.at(2).toInt(), h = box.at(3).toInt();
        if (w <= 0 || h <= 0 ||
            (imageSize.isValid() && (x + w > imageSize.width() || y + h > imageSize.height())))
            problems << QStringLiteral("%1.bbox: [%2, %3, %4, %5] is empty or outside the %6x%7 image")
                            .arg(path)
                            .arg(x)
                            .arg(y)
                            .arg(w)
                            .arg(h)
                            .arg(imageSize.width())
                            .arg(imageSize.height());
    }
};

} // namespace

QStringList ExportSchemaValidator::validate(const QJsonObject& document) {
    SchemaChecker checker;
    checker.checkDocument(document);
    return checker.problems;
}

} // namespace vl::engine
