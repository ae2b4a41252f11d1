#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace vl::engine {

// Signs media paths so that image URLs load with a plain GET, like the cloud's CDN links:
// sig = base64url(HMAC-SHA256(engine secret, path)). The signature binds the exact path, so a
// signed thumbnail URL cannot be edited into any other file.
class MediaSigner {
public:
    explicit MediaSigner(QByteArray secret = {})
        : m_secret(std::move(secret)) {}
    void setSecret(const QByteArray& secret) { m_secret = secret; }

    QByteArray signature(const QString& path) const;
    bool verify(const QString& path, const QString& signature) const;
    // baseUrl + path + "?sig=..."
    QString signedUrl(const QUrl& baseUrl, const QString& path) const;

    // The media routes: files are only ever addressed by media id, never by a path.
    static QString originalPath(const QString& mediaId);
    static QString thumbnailPath(const QString& mediaId, int size); // size 256 or 512

private:
    QByteArray m_secret;
};

} // namespace vl::engine
