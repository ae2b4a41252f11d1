#include "ApiError.h"

#include "JsonRead.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace vl {

namespace {

constexpr int kMaxPlainDetail = 300;

// "query.vql" from ["query", "vql"]; numeric indices kept as written ("body.items.0").
QString locPath(const QJsonValue& loc) {
    QStringList parts;
    for (const QJsonValue& part : JsonRead::array(loc))
        parts.append(JsonRead::string(part));
    if (loc.isString())
        parts.append(loc.toString());
    return parts.join(QLatin1Char('.'));
}

QString validationItem(const QJsonValue& item, QStringList* fields) {
    if (!item.isObject())
        return JsonRead::string(item);
    const QJsonObject object = item.toObject();
    const QString path = locPath(object.value(QLatin1String("loc")));
    const QString message = JsonRead::firstString(object, {"msg", "message"});
    if (!path.isEmpty() && fields)
        fields->append(path);
    if (path.isEmpty())
        return message;
    return QStringLiteral("%1: %2").arg(path, message.isEmpty() ? QStringLiteral("invalid") : message);
}

QString detailFromValue(const QJsonValue& detail, QStringList* fields) {
    if (detail.isArray()) {
        QStringList items;
        for (const QJsonValue& item : detail.toArray()) {
            const QString text = validationItem(item, fields);
            if (!text.isEmpty())
                items.append(text);
        }
        return items.join(QStringLiteral("; "));
    }
    if (detail.isObject()) {
        const QJsonObject object = detail.toObject();
        const QString message = JsonRead::firstString(object, {"message", "msg", "error"});
        if (!message.isEmpty())
            return message;
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    return JsonRead::string(detail);
}

// Non-JSON bodies (proxy error pages, plain text): the HTML title or the first few hundred characters.
QString detailFromText(const QByteArray& body) {
    QString text = QString::fromUtf8(body).trimmed();
    if (text.isEmpty())
        return {};
    if (text.startsWith(QLatin1Char('<'))) {
        static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                              QRegularExpression::CaseInsensitiveOption |
                                                  QRegularExpression::DotMatchesEverythingOption);
        const QRegularExpressionMatch match = title.match(text);
        if (match.hasMatch())
            return match.captured(1).simplified();
        static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
        text.replace(tags, QStringLiteral(" "));
    }
    text = text.simplified();
    if (text.size() > kMaxPlainDetail)
        text = text.left(kMaxPlainDetail) + QStringLiteral("…");
    return text;
}

// A server that quotes the request back ("rejected Authorization: Bearer eyJ...") must not put our token
// into a sentence the app shows, vlx prints or a log keeps: bearer values and JWT-shaped text are cut out.
QString withoutCredentials(QString text) {
    static const QRegularExpression bearer(QStringLiteral("\\b(Bearer)\\s+[A-Za-z0-9._~+/=-]{16,}"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression jwt(
        QStringLiteral("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"));
    text.replace(bearer, QStringLiteral("\\1 [removed]"));
    text.replace(jwt, QStringLiteral("[token removed]"));
    return text;
}

ApiError::Kind kindForStatus(int status) {
    switch (status) {
    case 400:
    case 422:
        return ApiError::Kind::Validation;
    case 401:
        return ApiError::Kind::Authentication;
    case 403:
        return ApiError::Kind::Forbidden;
    case 404:
        return ApiError::Kind::NotFound;
    case 409:
        return ApiError::Kind::Conflict;
    case 429:
        return ApiError::Kind::RateLimited;
    default:
        break;
    }
    if (status >= 500 && status <= 599)
        return ApiError::Kind::Server;
    return ApiError::Kind::Http;
}

// The last component of a loc path is the parameter's own name ("vql" in "query.vql").
QString parameterNames(const QStringList& fields) {
    QStringList names;
    for (const QString& field : fields) {
        const QString name = field.section(QLatin1Char('.'), -1);
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    }
    return names.join(QStringLiteral(", "));
}

QString withDetail(const QString& sentence, const QString& detail) {
    return detail.isEmpty() ? sentence + QLatin1Char('.') : QStringLiteral("%1: %2").arg(sentence, detail);
}

// The sentences users read (the app translates them; vlx shows them in English).
QString explain(const ApiError& error) {
    const QString status =
        error.httpStatus > 0 ? QStringLiteral(" (HTTP %1)").arg(error.httpStatus) : QString();
    switch (error.kind) {
    case ApiError::Kind::None:
        return {};
    case ApiError::Kind::Network:
        return withDetail(QCoreApplication::translate("vl::ApiError", "could not reach the server"),
                          error.detail);
    case ApiError::Kind::Timeout:
        return withDetail(QCoreApplication::translate("vl::ApiError", "the server did not answer in time"),
                          error.detail);
    case ApiError::Kind::Tls:
        return withDetail(QCoreApplication::translate(
                              "vl::ApiError",
                              "the secure connection failed (TLS); the server's certificate was not "
                              "accepted"),
                          error.detail);
    case ApiError::Kind::Cancelled:
        return QCoreApplication::translate("vl::ApiError", "cancelled.");
    case ApiError::Kind::Authentication:
        return withDetail(
            QCoreApplication::translate("vl::ApiError",
                                        "the server rejected the credentials%1; check the API key and API "
                                        "secret")
                .arg(status),
            error.detail);
    case ApiError::Kind::Forbidden:
        return withDetail(QCoreApplication::translate(
                              "vl::ApiError", "not permitted%1; the account lacks access or the feature is "
                                              "disabled")
                              .arg(status),
                          error.detail);
    case ApiError::Kind::NotFound:
        return withDetail(
            QCoreApplication::translate("vl::ApiError", "not found, or this account has no access to it%1")
                .arg(status),
            error.detail);
    case ApiError::Kind::Conflict:
        return withDetail(
            QCoreApplication::translate("vl::ApiError", "the dataset is not in a state that allows this%1")
                .arg(status),
            error.detail);
    case ApiError::Kind::Validation: {
        const QString names = parameterNames(error.fields);
        const QString what =
            names.isEmpty()
                ? QCoreApplication::translate("vl::ApiError", "the request was rejected as invalid%1")
                      .arg(status)
                : QCoreApplication::translate("vl::ApiError", "invalid parameter %1%2").arg(names, status);
        return withDetail(what, error.detail);
    }
    case ApiError::Kind::RateLimited:
        return withDetail(
            QCoreApplication::translate("vl::ApiError", "too many requests%1; wait a moment and try again")
                .arg(status),
            error.detail);
    case ApiError::Kind::Server:
        return withDetail(
            QCoreApplication::translate("vl::ApiError", "the server failed%1; try again later").arg(status),
            error.detail);
    case ApiError::Kind::BadResponse:
        return withDetail(
            QCoreApplication::translate("vl::ApiError", "the server sent a response that could not be read"),
            error.detail);
    case ApiError::Kind::Http:
        return withDetail(QCoreApplication::translate("vl::ApiError", "the request failed%1").arg(status),
                          error.detail);
    }
    return {};
}

void composeMessage(ApiError& error, const QString& context) {
    const QString explanation = explain(error);
    if (explanation.isEmpty())
        return;
    if (context.isEmpty()) {
        error.message = explanation.at(0).toUpper() + explanation.mid(1);
        return;
    }
    error.message = QCoreApplication::translate("vl::ApiError", "Could not %1: %2").arg(context, explanation);
}

} // namespace

bool ApiError::isRetryable() const {
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
        return true;
    case Kind::Server:
        return httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    default:
        return false;
    }
}

namespace {

QString detailOf(const QByteArray& body, QStringList* fields) {
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return detailFromText(body);
    if (document.isArray())
        return detailFromValue(document.array(), fields);
    const QJsonObject object = document.object();
    if (object.contains(QLatin1String("detail")))
        return detailFromValue(object.value(QLatin1String("detail")), fields);
    // On-prem {"status":"error","message":...} envelope and other {"message"} / {"error"} shapes.
    const QString message = JsonRead::firstString(object, {"message", "error", "msg"});
    if (!message.isEmpty())
        return message;
    if (object.value(QLatin1String("error")).isObject())
        return detailFromValue(object.value(QLatin1String("error")), fields);
    return {};
}

} // namespace

QString ApiError::parseDetail(const QByteArray& body, QStringList* fields) {
    return withoutCredentials(detailOf(body, fields));
}

ApiError ApiError::fromHttp(int status, const QByteArray& body, const QString& context) {
    ApiError error;
    if (status >= 200 && status <= 299)
        return error; // a success is not an error, whatever the body says
    error.httpStatus = status;
    error.kind = kindForStatus(status);
    error.detail = parseDetail(body, &error.fields);
    composeMessage(error, context);
    return error;
}

ApiError ApiError::make(Kind kind, const QString& detail, const QString& context) {
    ApiError error;
    error.kind = kind;
    error.detail = detail;
    composeMessage(error, context);
    return error;
}

} // namespace vl
