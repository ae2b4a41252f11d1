#include "Jwt.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QList>
#include <QMessageAuthenticationCode>

namespace vl {

namespace {

QByteArray compactJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray hmacSha256(const QByteArray& data, const QByteArray& secret) {
    return QMessageAuthenticationCode::hash(data, secret, QCryptographicHash::Sha256);
}

// Compares without an early exit so the time taken does not reveal how many leading bytes matched.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b) {
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

std::optional<QJsonObject> decodeJsonPart(const QByteArray& part) {
    const QByteArray json = Jwt::fromBase64Url(part);
    if (json.isEmpty())
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool fail(QString* whyNot, const QString& reason) {
    if (whyNot)
        *whyNot = reason;
    return false;
}

} // namespace

QByteArray Jwt::base64Url(const QByteArray& data) {
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray Jwt::fromBase64Url(const QByteArray& data) {
    const QByteArray::FromBase64Result result = QByteArray::fromBase64Encoding(
        data, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return {};
    return result.decoded;
}

QByteArray Jwt::sign(const QJsonObject& header, const QJsonObject& claims, const QByteArray& secret) {
    const QByteArray signingInput = base64Url(compactJson(header)) + '.' + base64Url(compactJson(claims));
    return signingInput + '.' + base64Url(hmacSha256(signingInput, secret));
}

QByteArray Jwt::mint(const QString& apiKey, const QByteArray& apiSecret, const QDateTime& issuedAt,
                     int lifetimeSeconds) {
    const qint64 iat = issuedAt.toSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("kid"), apiKey}};
    const QJsonObject claims{{QStringLiteral("sub"), apiKey},
                             {QStringLiteral("iat"), iat},
                             {QStringLiteral("exp"), iat + lifetimeSeconds},
                             {QStringLiteral("iss"), QStringLiteral("sdk")}};
    return sign(header, claims, apiSecret);
}

std::optional<Jwt::Decoded> Jwt::decode(const QByteArray& token) {
    const QList<QByteArray> parts = token.trimmed().split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const std::optional<QJsonObject> header = decodeJsonPart(parts.at(0));
    const std::optional<QJsonObject> claims = decodeJsonPart(parts.at(1));
    if (!header || !claims)
        return std::nullopt;
    return Decoded{*header, *claims};
}

std::optional<Jwt::Decoded> Jwt::verify(const QByteArray& token, const QByteArray& secret,
                                        const QDateTime& now, int leewaySeconds, QString* whyNot) {
    const QByteArray trimmed = token.trimmed();
    const std::optional<Decoded> decoded = decode(trimmed);
    if (!decoded) {
        fail(whyNot, QStringLiteral("malformed token"));
        return std::nullopt;
    }
    // Only HS256: accepting "none" or another algorithm named by the token itself is the classic JWT hole.
    if (decoded->header.value(QLatin1String("alg")).toString() != QLatin1String("HS256")) {
        fail(whyNot, QStringLiteral("unsupported algorithm (HS256 required)"));
        return std::nullopt;
    }
    const qsizetype lastDot = trimmed.lastIndexOf('.');
    const QByteArray signingInput = trimmed.left(lastDot);
    const QByteArray signature = fromBase64Url(trimmed.mid(lastDot + 1));
    if (!constantTimeEquals(signature, hmacSha256(signingInput, secret))) {
        fail(whyNot, QStringLiteral("invalid signature"));
        return std::nullopt;
    }
    const QJsonValue exp = decoded->claims.value(QLatin1String("exp"));
    if (!exp.isDouble()) {
        fail(whyNot, QStringLiteral("token has no expiry (exp)"));
        return std::nullopt;
    }
    if (static_cast<qint64>(exp.toDouble()) <= now.toSecsSinceEpoch() - leewaySeconds) {
        fail(whyNot, QStringLiteral("token expired"));
        return std::nullopt;
    }
    const QJsonValue nbf = decoded->claims.value(QLatin1String("nbf"));
    if (nbf.isDouble() && static_cast<qint64>(nbf.toDouble()) > now.toSecsSinceEpoch() + leewaySeconds) {
        fail(whyNot, QStringLiteral("token not valid yet"));
        return std::nullopt;
    }
    return decoded;
}

} // namespace vl
