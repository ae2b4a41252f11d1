#pragma once

#include "ApiError.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkRequest;

namespace vl {

class ApiJob;

// Central handling for every request: one QNetworkAccessManager, the server's base URL (cloud,
// self-hosted or the local engine), HS256 JWT auth minted from key + secret (re-minted before expiry
// and once on a 401), timeouts, retries with backoff for idempotent requests, and the count of
// requests in flight. Never blocks; lives on the thread that uses it.
class ApiClient : public QObject {
    Q_OBJECT
public:
    explicit ApiClient(QObject* parent = nullptr);
    ~ApiClient() override;

    // e.g. https://app.visual-layer.com (with or without /api/v1); stored without /api/v1 and without a
    // trailing slash, so baseUrl() is the server root media URIs are resolved against.
    void setBaseUrl(const QUrl& baseUrl);
    QUrl baseUrl() const { return m_baseUrl; }
    QUrl apiUrl(const QString& path) const; // baseUrl + /api/v1 + path (path may hold %-encoded ids)

    // Cloud and local engine: key + secret. Empty key = no Authorization header (self-hosted).
    void setCredentials(const QString& apiKey, const QByteArray& apiSecret);
    void clearCredentials();
    bool hasCredentials() const { return !m_apiKey.isEmpty(); }
    void setTokenLifetime(int seconds); // default 600; drops the cached token

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; } // default 30000, per attempt
    int timeout() const { return m_timeoutMs; }
    void setMaxRetries(int retries) { m_maxRetries = retries; } // default 3
    int maxRetries() const { return m_maxRetries; }
    void setRetryBaseDelay(int milliseconds) { m_retryBaseDelayMs = milliseconds; } // default 500, doubles
    int retryBaseDelay() const { return m_retryBaseDelayMs; }
    void setMaxRetryAfter(int milliseconds) { m_maxRetryAfterMs = milliseconds; } // cap on Retry-After, 30000
    int maxRetryAfter() const { return m_maxRetryAfterMs; }

    // "app.visual-layer.com" -> https://app.visual-layer.com, "localhost:2080" -> http://localhost:2080;
    // text with a scheme is taken as is. Invalid input gives an invalid QUrl.
    static QUrl serverUrlFromUserInput(const QString& text);

    // A possibly relative URL (e.g. a download_uri "/cdn/..") made absolute against the server.
    QUrl resolveUrl(const QUrl& url) const;
    // True when `url` has the server's scheme, host and port: only those requests carry the token.
    bool isSameOrigin(const QUrl& url) const;

    // Takes url, credentials, timeouts and retry settings from `other` (a session's own client is set
    // up like the connection manager's, then lives and dies with the session).
    void copySettingsFrom(const ApiClient& other);

    int activeRequests() const { return m_active; }
    QNetworkAccessManager* network() const { return m_network; }

    // Attaches the Authorization header (minting a fresh token when the cached one is near expiry).
    void authorize(QNetworkRequest& request, bool forceNewToken = false);

signals:
    void activityChanged(int activeRequests);
    void authenticationFailed(const vl::ApiError& error); // a 401 survived one re-mint
    // Some job's transient failure will be tried again in delayMs (ApiJob::retryScheduled, relayed).
    void retryScheduled(const QString& operation, int attempt, int delayMs);

private:
    friend class ApiJob;
    void jobStarted();
    void jobFinished();

    QNetworkAccessManager* m_network;
    QUrl m_baseUrl;
    QString m_apiKey;
    QByteArray m_apiSecret;
    QByteArray m_token;
    qint64 m_tokenExpiresAt = 0;
    int m_tokenLifetime = 600;
    int m_timeoutMs = 30000;
    int m_maxRetries = 3;
    int m_retryBaseDelayMs = 500;
    int m_maxRetryAfterMs = 30000;
    int m_active = 0;
};

} // namespace vl
