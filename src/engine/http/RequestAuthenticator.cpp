#include "RequestAuthenticator.h"

#include "Jwt.h"

#include <QDateTime>

namespace vl::engine {

std::optional<QString> RequestAuthenticator::rejectReason(const QString& authorizationHeader) const {
    if (authorizationHeader.isEmpty())
        return QStringLiteral("Not authenticated");
    const QString prefix = QStringLiteral("Bearer ");
    if (!authorizationHeader.startsWith(prefix, Qt::CaseInsensitive))
        return QStringLiteral("Invalid authentication scheme: expected a Bearer token");
    const QByteArray token = authorizationHeader.mid(prefix.size()).trimmed().toLatin1();
    QString whyNot;
    const auto decoded =
        vl::Jwt::verify(token, m_apiSecret, QDateTime::currentDateTimeUtc(), kLeewaySeconds, &whyNot);
    if (!decoded)
        return QStringLiteral("Invalid token: %1")
            .arg(whyNot.isEmpty() ? QStringLiteral("verification failed") : whyNot);
    if (decoded->header.value(QStringLiteral("kid")).toString() != m_apiKey)
        return QStringLiteral("Invalid token: unknown key id");
    if (decoded->claims.value(QStringLiteral("sub")).toString() != m_apiKey)
        return QStringLiteral("Invalid token: subject does not match the key id");
    if (decoded->claims.value(QStringLiteral("iss")).toString() != QLatin1String("sdk"))
        return QStringLiteral("Invalid token: issuer must be \"sdk\"");
    const QJsonValue exp = decoded->claims.value(QStringLiteral("exp"));
    if (!exp.isDouble())
        return QStringLiteral("Invalid token: missing expiry (exp)");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (qint64(exp.toDouble()) < now - kLeewaySeconds)
        return QStringLiteral("Token has expired");
    return std::nullopt;
}

} // namespace vl::engine
