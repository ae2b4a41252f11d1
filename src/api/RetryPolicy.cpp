#include "RetryPolicy.h"

#include <QDateTime>
#include <QString>

namespace vl::RetryPolicy {

namespace {

struct Rule {
    ApiError::Kind kind;
    int httpStatus; // 0 = any status
};

// Transient by nature: the same request may well succeed a moment later.
constexpr Rule kRetried[] = {
    {ApiError::Kind::Network, 0},  {ApiError::Kind::Timeout, 0},  {ApiError::Kind::RateLimited, 0},
    {ApiError::Kind::Server, 502}, {ApiError::Kind::Server, 503}, {ApiError::Kind::Server, 504},
    {ApiError::Kind::Http, 502},   {ApiError::Kind::Http, 503},   {ApiError::Kind::Http, 504},
};

} // namespace

bool isRetryable(const ApiError& error, bool transferCut) {
    if (error.kind == ApiError::Kind::BadResponse)
        return transferCut;
    for (const Rule& rule : kRetried) {
        if (rule.kind == error.kind && (rule.httpStatus == 0 || rule.httpStatus == error.httpStatus))
            return true;
    }
    return false;
}

int delayMs(int attempt, int baseDelayMs, int capMs, const QByteArray& retryAfter) {
    const qint64 cap = qMax(0, capMs);
    const int doublings = qBound(0, attempt - 1, 16);
    qint64 delay = qint64(qMax(0, baseDelayMs)) << doublings;
    const QByteArray header = retryAfter.trimmed();
    if (!header.isEmpty()) {
        bool isNumber = false;
        const qint64 seconds = header.toLongLong(&isNumber);
        if (isNumber) {
            delay = qMax<qint64>(0, seconds) * 1000;
        } else {
            const QDateTime when = QDateTime::fromString(QString::fromLatin1(header), Qt::RFC2822Date);
            if (when.isValid())
                delay = qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
        }
    }
    return int(qMin(delay, cap));
}

} // namespace vl::RetryPolicy
