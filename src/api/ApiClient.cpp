#include "ApiClient.h"

#include "ApiJob.h"
#include "Jwt.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace vl {

namespace {

// Tokens are re-minted this long before they expire, so a request never leaves with a dying token.
constexpr qint64 kRefreshMarginSeconds = 60;

QString withoutTrailingSlashes(QString path) {
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

} // namespace

ApiClient::ApiClient(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this)) {
    // Every request follows redirects by hand (ApiJob::followRedirect) so the token stays on its origin.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ApiClient::~ApiClient() {
    // Jobs are our children; delete them before the network manager so they can abort their replies.
    const QList<ApiJob*> jobs = findChildren<ApiJob*>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(jobs);
}

QUrl ApiClient::serverUrlFromUserInput(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.contains(QLatin1String("://")))
        return QUrl(trimmed, QUrl::StrictMode);
    // No scheme given: loopback servers (local engine, port-forwarded on-prem) speak plain HTTP,
    // anything else is assumed to be HTTPS.
    QUrl url(QStringLiteral("https://") + trimmed, QUrl::StrictMode);
    const QString host = url.host();
    if (host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") ||
        host == QLatin1String("::1"))
        url.setScheme(QStringLiteral("http"));
    return url;
}

void ApiClient::setBaseUrl(const QUrl& baseUrl) {
    QUrl normalized = baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = withoutTrailingSlashes(normalized.path());
    if (path.endsWith(QLatin1String("/api/v1")))
        path.chop(int(qstrlen("/api/v1")));
    normalized.setPath(withoutTrailingSlashes(path));
    m_baseUrl = normalized;
}

QUrl ApiClient::apiUrl(const QString& path) const {
    QUrl url = m_baseUrl;
    const QString suffix = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
    url.setPath(m_baseUrl.path(QUrl::FullyEncoded) + QLatin1String("/api/v1") + suffix, QUrl::TolerantMode);
    return url;
}

QUrl ApiClient::resolveUrl(const QUrl& url) const {
    if (!url.isRelative())
        return url;
    QUrl root = m_baseUrl;
    if (!root.path().endsWith(QLatin1Char('/')))
        root.setPath(root.path() + QLatin1Char('/'));
    QUrl relative = url;
    // "/cdn/x" is relative to the server root, which may itself sit under a path prefix.
    if (relative.path().startsWith(QLatin1Char('/')))
        relative.setPath(relative.path().mid(1));
    return root.resolved(relative);
}

bool ApiClient::isSameOrigin(const QUrl& url) const {
    return url.scheme().compare(m_baseUrl.scheme(), Qt::CaseInsensitive) == 0 &&
           url.host().compare(m_baseUrl.host(), Qt::CaseInsensitive) == 0 &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               m_baseUrl.port(m_baseUrl.scheme() == QLatin1String("https") ? 443 : 80);
}

void ApiClient::setCredentials(const QString& apiKey, const QByteArray& apiSecret) {
    m_apiKey = apiKey;
    m_apiSecret = apiSecret;
    m_token.clear();
    m_tokenExpiresAt = 0;
}

void ApiClient::copySettingsFrom(const ApiClient& other) {
    setBaseUrl(other.m_baseUrl);
    setCredentials(other.m_apiKey, other.m_apiSecret);
    m_tokenLifetime = other.m_tokenLifetime;
    m_timeoutMs = other.m_timeoutMs;
    m_maxRetries = other.m_maxRetries;
    m_retryBaseDelayMs = other.m_retryBaseDelayMs;
    m_maxRetryAfterMs = other.m_maxRetryAfterMs;
}

void ApiClient::setTokenLifetime(int seconds) {
    m_tokenLifetime = qMax(1, seconds);
    m_token.clear();
    m_tokenExpiresAt = 0;
}

void ApiClient::clearCredentials() {
    setCredentials({}, {});
}

void ApiClient::authorize(QNetworkRequest& request, bool forceNewToken) {
    if (!hasCredentials())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    if (forceNewToken || m_token.isEmpty() || nowSeconds >= m_tokenExpiresAt - kRefreshMarginSeconds) {
        m_token = Jwt::mint(m_apiKey, m_apiSecret, now, m_tokenLifetime);
        m_tokenExpiresAt = nowSeconds + m_tokenLifetime;
    }
    request.setRawHeader("Authorization", "Bearer " + m_token);
}

void ApiClient::jobStarted() {
    ++m_active;
    emit activityChanged(m_active);
}

void ApiClient::jobFinished() {
    m_active = qMax(0, m_active - 1);
    emit activityChanged(m_active);
}

} // namespace vl
