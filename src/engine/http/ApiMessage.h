#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl::engine {

struct UploadedFile {
    QString fileName;
    QString contentType;
    QByteArray content;
};

// One HTTP request as the route handlers see it, independent of the HTTP library.
struct ApiRequest {
    QString method;
    QString path;
    QStringList captures;               // the route pattern's groups, e.g. the dataset id
    QHash<QString, QString> query;      // query parameters (first value of each)
    QHash<QString, QString> form;       // multipart text fields
    QHash<QString, UploadedFile> files; // multipart file fields
    QByteArray body;
    QHash<QString, QString> headers; // keys lower-cased

    bool hasQuery(const QString& name) const { return query.contains(name); }
    QString queryValue(const QString& name) const { return query.value(name); }
    // Query parameter first, then multipart field (clients send some parameters either way).
    std::optional<QString> parameter(const QString& name) const;
    QString capture(int i) const { return captures.value(i); }
};

// One problem with one request parameter, reported the way FastAPI does (422, detail array).
struct ValidationIssue {
    QString location = QStringLiteral("query"); // query, body, path
    QString field;
    QString message;
    QString type = QStringLiteral("value_error");
    QJsonValue input = QJsonValue::Null;
};

struct ApiResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString filePath; // when set, the body is streamed from this file instead

    static ApiResponse json(const QJsonValue& value, int status = 200);
    // {"detail": "..."}: every handled error except /process's own envelope.
    static ApiResponse detail(int status, const QString& message);
    // 422 {"detail": [{"type","loc","msg","input"}]}
    static ApiResponse validation(const QList<ValidationIssue>& issues);
    static ApiResponse validation(const ValidationIssue& issue) {
        return validation(QList<ValidationIssue>{issue});
    }
    // /api/v1/process answers errors as {"status":"error","message":...}.
    static ApiResponse processError(int status, const QString& message);
    static ApiResponse bytes(const QByteArray& data, const QByteArray& contentType);
    static ApiResponse file(const QString& path, const QByteArray& contentType);
};

} // namespace vl::engine
