#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace vl::engine {

// Signs media paths so that image URLs load with a plain GET, like the cloud's CDN links, and expire like
// them: path?expires=<unix seconds>&sig=base64url(HMAC-SHA256(secret, path + "?expires=" + expires)).
// The signature binds the exact path and the expiry, so a link opens no other file and cannot be
// extended. The engine draws a new secret at every start: links do not outlive the engine that made them.
// Clients re-fetch explore pages for fresh links; they cache images by media id, not by URL.
class MediaSigner {
public:
    static constexpr int kDefaultLifetimeSeconds = 3600;

    enum class Verdict { Valid, Invalid, Expired };

    explicit MediaSigner(QByteArray secret = {})
        : m_secret(std::move(secret)) {}
    void setSecret(const QByteArray& secret) { m_secret = secret; }
    void setLifetime(int seconds) { m_lifetimeSeconds = seconds; }
    int lifetime() const { return m_lifetimeSeconds; }

    QByteArray signature(const QString& path, qint64 expires) const;
    // `expires` and `signature` as they came in the query; `now` in unix seconds.
    Verdict check(const QString& path, const QString& expires, const QString& signature, qint64 now) const;
    // baseUrl + path + "?expires=...&sig=...", valid for lifetime() seconds from now.
    QString signedUrl(const QUrl& baseUrl, const QString& path) const;

    // The media routes: files are only ever addressed by media id, never by a path.
    static QString originalPath(const QString& mediaId);
    static QString thumbnailPath(const QString& mediaId, int size); // size 256 or 512

private:
    QByteArray m_secret;
    int m_lifetimeSeconds = kDefaultLifetimeSeconds;
};

} // namespace vl::engine
