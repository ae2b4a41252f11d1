#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace vl {

// One failed request, mapped to a message a person can act on.
struct ApiError {
    enum class Kind {
        None,
        Network, // connection refused/reset, DNS, host unreachable
        Timeout,
        Tls, // certificate or handshake failure: never ignored
        Cancelled,
        Authentication, // 401
        Forbidden,      // 403
        NotFound,       // 404
        Conflict,       // 409: dataset not in a state that allows it
        Validation,     // 400 / 422: a parameter is wrong
        RateLimited,    // 429
        Server,         // 5xx
        BadResponse,    // malformed / truncated / non-JSON body
        Http            // any other status
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    QString detail;     // the server's `detail` (string, or array items joined), or our own text
    QStringList fields; // for validation errors: the `loc` paths, e.g. "query.vql"
    QString message;    // complete human-readable sentence

    bool isError() const { return kind != Kind::None; }
    bool isRetryable() const; // Network, Timeout, RateLimited, 502/503/504

    // Builds the error for an HTTP status and body; `context` names the operation ("list datasets").
    static ApiError fromHttp(int status, const QByteArray& body, const QString& context = {});
    static ApiError make(Kind kind, const QString& detail, const QString& context = {});
    // Parses {"detail": "..."}, {"detail": [{loc,msg,type}]}, {"status":"error","message":..}.
    static QString parseDetail(const QByteArray& body, QStringList* fields = nullptr);
};

} // namespace vl
