#include "MediaSigner.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace vl::engine {

QByteArray MediaSigner::signature(const QString& path) const {
    const QByteArray mac =
        QMessageAuthenticationCode::hash(path.toUtf8(), m_secret, QCryptographicHash::Sha256);
    return mac.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool MediaSigner::verify(const QString& path, const QString& signature) const {
    const QByteArray expected = this->signature(path);
    const QByteArray given = signature.toLatin1();
    if (m_secret.isEmpty() || given.size() != expected.size())
        return false;
    // Constant time: the comparison must not reveal how many leading characters were right.
    unsigned char diff = 0;
    for (int i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ given[i]);
    return diff == 0;
}

QString MediaSigner::signedUrl(const QUrl& baseUrl, const QString& path) const {
    QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    return base + path + QStringLiteral("?sig=") + QString::fromLatin1(signature(path));
}

QString MediaSigner::originalPath(const QString& mediaId) {
    return QStringLiteral("/api/v1/media/%1/original").arg(mediaId);
}

QString MediaSigner::thumbnailPath(const QString& mediaId, int size) {
    return QStringLiteral("/api/v1/media/%1/thumb/%2").arg(mediaId).arg(size);
}

} // namespace vl::engine
