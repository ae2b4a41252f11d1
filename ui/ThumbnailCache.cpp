#include "ThumbnailCache.h"

#include "ApiClient.h"
#include "SignatureFreeDiskCache.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QUrlQuery>
#include <QtConcurrent>

namespace vl {

// Downloaded images larger than this are refused before decoding.
static constexpr qint64 maximumDownloadBytes = 64LL * 1024 * 1024;
static constexpr int maximumRedirects = 5;
static constexpr qint64 maximumRetryDelayMs = 5 * 60 * 1000;

namespace {

// Query parameters that sign a link rather than name an image.
bool isSignatureParameter(const QString& name) {
    static const QStringList exact{QStringLiteral("sig"), QStringLiteral("expires"),
                                   QStringLiteral("signature"), QStringLiteral("key-pair-id"),
                                   QStringLiteral("policy")};
    const QString lower = name.toLower();
    return exact.contains(lower) || lower.startsWith(QLatin1String("x-amz-")) ||
           lower.startsWith(QLatin1String("x-goog-"));
}

bool isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

QUrl ThumbnailCache::stableUrl(const QUrl& url) {
    if (!url.hasQuery())
        return url;
    QUrlQuery query(url);
    for (const auto& item : query.queryItems()) {
        if (isSignatureParameter(item.first))
            query.removeAllQueryItems(item.first);
    }
    QUrl stable = url;
    if (query.isEmpty())
        stable.setQuery(QString()); // no dangling '?'
    else
        stable.setQuery(query);
    return stable;
}

QString ThumbnailCache::redirectRefusal(const QUrl& from, const QUrl& to) {
    if (!to.isValid() || (to.scheme() != QLatin1String("http") && to.scheme() != QLatin1String("https")))
        return QStringLiteral("refused a redirect to %1").arg(to.toDisplayString());
    if (from.scheme() == QLatin1String("https") && to.scheme() == QLatin1String("http"))
        return QStringLiteral("refused a redirect from HTTPS to HTTP (%1)").arg(to.toDisplayString());
    return {};
}

ThumbnailCache::ThumbnailCache(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this)) {
    m_pixmaps.setMaxCost(96 * 1024); // ~96 MB of decoded pixels
    // Leave one core for the GUI thread on small machines.
    m_decodePool.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
}

ThumbnailCache::~ThumbnailCache() {
    m_queue.clear();
    for (QNetworkReply* reply : m_downloads.keys()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_decodePool.clear();
    m_decodePool.waitForDone();
}

void ThumbnailCache::setDiskCacheDirectory(const QString& directory, qint64 maximumBytes) {
    auto* cache = new SignatureFreeDiskCache(m_network);
    cache->setCacheDirectory(directory);
    cache->setMaximumCacheSize(maximumBytes);
    m_network->setCache(cache);
}

QString ThumbnailCache::keyFor(const QUrl& url, const QSize& size) {
    return QStringLiteral("%1x%2@").arg(size.width()).arg(size.height()) + stableUrl(url).toString();
}

QString ThumbnailCache::failure(const QUrl& url) const {
    return blockedByFailure(url) ? m_failures.value(failureKey(url)).reason : QString();
}

bool ThumbnailCache::blockedByFailure(const QUrl& url) const {
    const auto it = m_failures.constFind(failureKey(url));
    if (it == m_failures.constEnd())
        return false;
    return it->permanent || QDateTime::currentMSecsSinceEpoch() < it->retryAtMs;
}

// Permanent failures stay until clear() (the connection changes); transient ones back off and retry.
void ThumbnailCache::fail(const Request& request, const QString& reason, bool permanent) {
    Failure& failure = m_failures[failureKey(request.url)];
    failure.reason = reason;
    failure.permanent = permanent;
    const qint64 delay =
        std::min<qint64>(maximumRetryDelayMs, qint64(m_retryDelayMs) << std::min(failure.attempts, 16));
    failure.retryAtMs = QDateTime::currentMSecsSinceEpoch() + delay;
    ++failure.attempts;
    emit thumbnailFailed(request.url, reason);
}

bool ThumbnailCache::contains(const QUrl& url, const QSize& size) const {
    return m_pixmaps.contains(keyFor(url, size));
}

bool ThumbnailCache::isPending(const QString& key) const {
    if (m_decoding.contains(key))
        return true;
    for (const Request& request : m_downloads) {
        if (request.key == key)
            return true;
    }
    return false;
}

QPixmap ThumbnailCache::thumbnail(const QUrl& url, const QSize& size) {
    if (url.isEmpty() || !url.isValid() || size.isEmpty())
        return {};
    const QString key = keyFor(url, size);
    if (QPixmap* pixmap = m_pixmaps.object(key))
        return *pixmap;
    if (blockedByFailure(url) || isPending(key))
        return {};
    // Move (or add) the request to the front: what is painted now is what the user looks at.
    for (int i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).key == key) {
            m_queue.move(i, 0);
            return {};
        }
    }
    m_queue.prepend({url, size, key, url, 0});
    QMetaObject::invokeMethod(this, &ThumbnailCache::pump, Qt::QueuedConnection);
    return {};
}

void ThumbnailCache::pump() {
    while (!m_queue.isEmpty() && m_downloads.size() < m_maxDownloads)
        startDownload(m_queue.takeFirst());
}

void ThumbnailCache::startDownload(const Request& request) {
    if (request.current.isLocalFile()) {
        // Local previews (files on this computer) skip the network; reading is left to the worker.
        const QString path = request.current.toLocalFile();
        m_decoding.insert(request.key);
        auto* watcher = new QFutureWatcher<DecodedImage>(this);
        connect(watcher, &QFutureWatcher<DecodedImage>::finished, this, [this, watcher, request] {
            onDecoded(request, watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run(&m_decodePool, decodeImageFile, path, request.size));
        return;
    }
    QNetworkRequest networkRequest(request.current);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
    // Qt copies the original headers, Authorization included, onto a redirect it follows itself; we
    // follow by hand and decide per hop who gets the token (followRedirect()).
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setTransferTimeout(m_transferTimeoutMs);
    if (m_client && m_client->isSameOrigin(request.current))
        m_client->authorize(networkRequest);
    QNetworkReply* reply = m_network->get(networkRequest);
    m_downloads.insert(reply, request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [this, reply](qint64 received, qint64) {
        if (received > maximumDownloadBytes) {
            m_oversized.insert(reply);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onDownloadFinished(reply); });
}

void ThumbnailCache::onDownloadFinished(QNetworkReply* reply) {
    reply->deleteLater();
    const auto found = m_downloads.find(reply);
    if (found == m_downloads.end())
        return;
    const Request request = found.value();
    m_downloads.erase(found);
    const bool cancelled = m_cancelled.remove(reply);
    const bool oversized = m_oversized.remove(reply);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (cancelled) {
        pump(); // cancelled by keepOnly(): not a failure, it may be asked again later
        return;
    }
    if (oversized) {
        fail(request, QStringLiteral("the image is larger than %1 MB").arg(maximumDownloadBytes >> 20), true);
    } else if (isRedirect(status)) {
        followRedirect(reply, request);
    } else if (reply->error() != QNetworkReply::NoError) {
        // Only a missing image is for good; timeouts (cancelled by the transfer timeout), 5xx and network
        // errors pass, so they are tried again after a back-off.
        fail(request, reply->errorString(), status == 404 || status == 410);
    } else {
        startDecode(request, reply->readAll());
    }
    pump();
}

bool ThumbnailCache::followRedirect(QNetworkReply* reply, Request request) {
    const QUrl target =
        request.current.resolved(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
    QString refusal = redirectRefusal(request.current, target);
    if (refusal.isEmpty() && ++request.hops > maximumRedirects)
        refusal = QStringLiteral("too many redirects");
    if (!refusal.isEmpty()) {
        fail(request, refusal, true);
        return false;
    }
    request.current = target; // startDownload() adds the token only if the target is the server's origin
    startDownload(request);
    return true;
}

void ThumbnailCache::startDecode(const Request& request, const QByteArray& data) {
    m_decoding.insert(request.key);
    auto* watcher = new QFutureWatcher<DecodedImage>(this);
    connect(watcher, &QFutureWatcher<DecodedImage>::finished, this, [this, watcher, request] {
        onDecoded(request, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(
        QtConcurrent::run(&m_decodePool, decodeImageData, data, request.size, request.url.fileName()));
}

void ThumbnailCache::onDecoded(const Request& request, const DecodedImage& decoded) {
    m_decoding.remove(request.key);
    if (!decoded.isValid()) {
        fail(request, decoded.error, true); // the same bytes would not decode next time either
        return;
    }
    m_failures.remove(failureKey(request.url));
    // Converting to a pixmap is cheap at thumbnail size and must happen on the GUI thread.
    auto* pixmap = new QPixmap(QPixmap::fromImage(decoded.image));
    const int costKb = qMax(1, int(qint64(pixmap->width()) * pixmap->height() * 4 / 1024));
    m_pixmaps.insert(request.key, pixmap, costKb);
    emit thumbnailReady(request.url);
}

void ThumbnailCache::keepOnly(const QSet<QUrl>& wanted) {
    for (int i = m_queue.size() - 1; i >= 0; --i) {
        if (!wanted.contains(m_queue.at(i).url))
            m_queue.removeAt(i);
    }
    const QList<QNetworkReply*> replies = m_downloads.keys();
    for (QNetworkReply* reply : replies) {
        if (!wanted.contains(m_downloads.value(reply).url)) {
            m_cancelled.insert(reply);
            reply->abort(); // finished() follows with OperationCanceledError
        }
    }
}

void ThumbnailCache::clear() {
    keepOnly({});
    m_pixmaps.clear();
    m_failures.clear();
}

} // namespace vl
