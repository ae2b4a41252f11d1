#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace vl::engine {

// Checks `Authorization: Bearer <jwt>` exactly as the cloud expects clients to sign: HS256 keyed by the
// API secret, header kid == API key, sub == API key, iss "sdk", exp required (with a small leeway).
class RequestAuthenticator {
public:
    static constexpr int kLeewaySeconds = 30;

    RequestAuthenticator(QString apiKey = {}, QByteArray apiSecret = {})
        : m_apiKey(std::move(apiKey))
        , m_apiSecret(std::move(apiSecret)) {}
    void setCredentials(const QString& apiKey, const QByteArray& apiSecret) {
        m_apiKey = apiKey;
        m_apiSecret = apiSecret;
    }

    // nullopt when the header carries a valid token, else the reason to put in the 401 detail.
    std::optional<QString> rejectReason(const QString& authorizationHeader) const;

private:
    QString m_apiKey;
    QByteArray m_apiSecret;
};

} // namespace vl::engine
