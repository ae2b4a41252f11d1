#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace vl {

// HS256 JSON Web Tokens as Visual Layer uses them: header {alg:HS256, typ:JWT, kid:<api key>},
// claims {sub:<api key>, iat, exp (integer seconds), iss:"sdk"}, HMAC-SHA256 keyed by the secret.
class Jwt {
public:
    static QByteArray sign(const QJsonObject& header, const QJsonObject& claims, const QByteArray& secret);
    static QByteArray mint(const QString& apiKey, const QByteArray& apiSecret, const QDateTime& issuedAt,
                           int lifetimeSeconds);

    struct Decoded {
        QJsonObject header;
        QJsonObject claims;
    };
    // Splits and decodes without verifying (for inspecting kid/exp).
    static std::optional<Decoded> decode(const QByteArray& token);
    // Verifies the signature in constant time, alg == HS256, and exp > now - leeway. Returns the claims.
    static std::optional<Decoded> verify(const QByteArray& token, const QByteArray& secret,
                                         const QDateTime& now, int leewaySeconds = 30,
                                         QString* whyNot = nullptr);
    static QByteArray base64Url(const QByteArray& data);
    static QByteArray fromBase64Url(const QByteArray& data);
};

} // namespace vl
