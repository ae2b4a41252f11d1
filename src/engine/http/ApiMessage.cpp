#include "ApiMessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vl::engine {

std::optional<QString> ApiRequest::parameter(const QString& name) const {
    if (query.contains(name))
        return query.value(name);
    if (form.contains(name))
        return form.value(name);
    return std::nullopt;
}

ApiResponse ApiResponse::json(const QJsonValue& value, int status) {
    ApiResponse r;
    r.status = status;
    if (value.isArray())
        r.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else if (value.isObject())
        r.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else
        r.body = "null";
    return r;
}

ApiResponse ApiResponse::detail(int status, const QString& message) {
    return json(QJsonObject{{"detail", message}}, status);
}

ApiResponse ApiResponse::validation(const QList<ValidationIssue>& issues) {
    QJsonArray items;
    for (const ValidationIssue& issue : issues) {
        items.append(QJsonObject{{"type", issue.type},
                                 {"loc", QJsonArray{issue.location, issue.field}},
                                 {"msg", issue.message},
                                 {"input", issue.input}});
    }
    return json(QJsonObject{{"detail", items}}, 422);
}

ApiResponse ApiResponse::processError(int status, const QString& message) {
    return json(QJsonObject{{"status", "error"}, {"message", message}}, status);
}

ApiResponse ApiResponse::bytes(const QByteArray& data, const QByteArray& contentType) {
    ApiResponse r;
    r.body = data;
    r.contentType = contentType;
    return r;
}

ApiResponse ApiResponse::file(const QString& path, const QByteArray& contentType) {
    ApiResponse r;
    r.filePath = path;
    r.contentType = contentType;
    return r;
}

} // namespace vl::engine
