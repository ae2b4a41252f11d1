#include "MediaSigner.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>

namespace vl::engine {

QByteArray MediaSigner::signature(const QString& path, qint64 expires) const {
    const QByteArray message = path.toUtf8() + "?expires=" + QByteArray::number(expires);
    const QByteArray mac = QMessageAuthenticationCode::hash(message, m_secret, QCryptographicHash::Sha256);
    return mac.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

MediaSigner::Verdict MediaSigner::check(const QString& path, const QString& expires, const QString& signature,
                                        qint64 now) const {
    bool numeric = false;
    const qint64 expiry = expires.toLongLong(&numeric);
    if (m_secret.isEmpty() || !numeric)
        return Verdict::Invalid;
    const QByteArray expected = this->signature(path, expiry);
    const QByteArray given = signature.toLatin1();
    if (given.size() != expected.size())
        return Verdict::Invalid;
    // Constant time: the comparison must not reveal how many leading characters were right.
    unsigned char diff = 0;
    for (int i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ given[i]);
    if (diff != 0)
        return Verdict::Invalid;
    return now > expiry ? Verdict::Expired : Verdict::Valid;
}

QString MediaSigner::signedUrl(const QUrl& baseUrl, const QString& path) const {
    const qint64 expires = QDateTime::currentSecsSinceEpoch() + m_lifetimeSeconds;
    const QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    return base + path + QStringLiteral("?expires=%1&sig=").arg(expires) +
           QString::fromLatin1(signature(path, expires));
}

QString MediaSigner::originalPath(const QString& mediaId) {
    return QStringLiteral("/api/v1/media/%1/original").arg(mediaId);
}

QString MediaSigner::thumbnailPath(const QString& mediaId, int size) {
    return QStringLiteral("/api/v1/media/%1/thumb/%2").arg(mediaId).arg(size);
}

} // namespace vl::engine
