#include "EngineInfo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace vl {

namespace {

constexpr qint64 kMaxFileSize = 64 * 1024; // engine.json is tiny; anything bigger is not ours

void setError(QString* error, const QString& text) {
    if (error)
        *error = text;
}

std::optional<QString> readStringField(const QJsonObject& json, const char* name, const QString& path,
                                       QString* error) {
    const QJsonValue value = json.value(QLatin1String(name));
    if (value.isUndefined() || value.isNull()) {
        setError(error, QStringLiteral("%1 has no \"%2\" field").arg(path, QLatin1String(name)));
        return std::nullopt;
    }
    if (!value.isString()) {
        setError(error, QStringLiteral("%1: \"%2\" must be a string").arg(path, QLatin1String(name)));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<QJsonObject> readJsonObject(const QString& path, QString* error) {
    QFile file(path);
    if (!file.exists()) {
        setError(error, QStringLiteral("no local engine found: %1 does not exist").arg(path));
        return std::nullopt;
    }
    if (file.size() > kMaxFileSize) {
        setError(error, QStringLiteral("%1 is too large to be an engine description").arg(path));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error, QStringLiteral("%1 is not valid JSON: %2 at offset %3")
                            .arg(path, parseError.errorString())
                            .arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        setError(error, QStringLiteral("%1 must contain a JSON object").arg(path));
        return std::nullopt;
    }
    return document.object();
}

} // namespace

QString EngineInfo::fileName() {
    return QStringLiteral("engine.json");
}

QString EngineInfo::filePath(const QString& dataDir) {
    return QDir(dataDir).filePath(fileName());
}

std::optional<EngineInfo> EngineInfo::load(const QString& dataDir, QString* error) {
    const QString path = filePath(dataDir);
    const std::optional<QJsonObject> json = readJsonObject(path, error);
    if (!json)
        return std::nullopt;
    const std::optional<QString> url = readStringField(*json, "url", path, error);
    if (!url)
        return std::nullopt;
    const std::optional<QString> apiKey = readStringField(*json, "api_key", path, error);
    if (!apiKey)
        return std::nullopt;
    const std::optional<QString> apiSecret = readStringField(*json, "api_secret", path, error);
    if (!apiSecret)
        return std::nullopt;
    EngineInfo info;
    info.url = QUrl(*url, QUrl::StrictMode);
    const QString scheme = info.url.scheme();
    if (!info.url.isValid() || info.url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        setError(error, QStringLiteral("%1: \"url\" is not an http(s) URL: %2").arg(path, *url));
        return std::nullopt;
    }
    info.apiKey = *apiKey;
    info.apiSecret = apiSecret->toUtf8();
    return info;
}

bool EngineInfo::save(const QString& dataDir, QString* error) const {
    if (!QDir().mkpath(dataDir)) {
        setError(error, QStringLiteral("cannot create the data directory %1").arg(dataDir));
        return false;
    }
    const QString path = filePath(dataDir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    // QSaveFile writes to a temporary file in the same directory and renames it on commit(); restricting
    // that temporary file now means the secret never sits in a file others can read.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        setError(error, QStringLiteral("cannot restrict the permissions of %1").arg(path));
        return false;
    }
    const QJsonObject json{{QStringLiteral("url"), url.toString()},
                           {QStringLiteral("api_key"), apiKey},
                           {QStringLiteral("api_secret"), QString::fromUtf8(apiSecret)}};
    file.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        setError(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

} // namespace vl
