#include "ThumbnailCache.h"

#include "ApiClient.h"

#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QtConcurrent>

namespace vl {

// Downloaded images larger than this are refused before decoding.
static constexpr qint64 maximumDownloadBytes = 64LL * 1024 * 1024;

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
    auto* cache = new QNetworkDiskCache(m_network);
    cache->setCacheDirectory(directory);
    cache->setMaximumCacheSize(maximumBytes);
    m_network->setCache(cache);
}

QString ThumbnailCache::keyFor(const QUrl& url, const QSize& size) {
    return QStringLiteral("%1x%2@").arg(size.width()).arg(size.height()) + url.toString();
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
    if (m_failures.contains(url) || isPending(key))
        return {};
    // Move (or add) the request to the front: what is painted now is what the user looks at.
    for (int i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).key == key) {
            m_queue.move(i, 0);
            return {};
        }
    }
    m_queue.prepend({url, size, key});
    QMetaObject::invokeMethod(this, &ThumbnailCache::pump, Qt::QueuedConnection);
    return {};
}

void ThumbnailCache::pump() {
    while (!m_queue.isEmpty() && m_downloads.size() < m_maxDownloads)
        startDownload(m_queue.takeFirst());
}

void ThumbnailCache::startDownload(const Request& request) {
    if (request.url.isLocalFile()) {
        // Local previews (files on this computer) skip the network; reading is left to the worker.
        const QString path = request.url.toLocalFile();
        m_decoding.insert(request.key);
        auto* watcher = new QFutureWatcher<DecodedImage>(this);
        connect(watcher, &QFutureWatcher<DecodedImage>::finished, this, [this, watcher, request] {
            onDecoded(request, watcher->result());
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run(&m_decodePool, decodeImageFile, path, request.size));
        return;
    }
    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::NoLessSafeRedirectPolicy);
    networkRequest.setTransferTimeout(30000);
    if (m_client && m_client->isSameOrigin(request.url))
        m_client->authorize(networkRequest);
    QNetworkReply* reply = m_network->get(networkRequest);
    m_downloads.insert(reply, request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > maximumDownloadBytes)
            reply->abort();
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
    if (reply->error() == QNetworkReply::OperationCanceledError) {
        pump(); // cancelled by keepOnly(): not a failure, it may be asked again later
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        const QString reason = reply->errorString();
        m_failures.insert(request.url, reason);
        emit thumbnailFailed(request.url, reason);
        pump();
        return;
    }
    startDecode(request, reply->readAll());
    pump();
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
        m_failures.insert(request.url, decoded.error);
        emit thumbnailFailed(request.url, decoded.error);
        return;
    }
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
        if (!wanted.contains(m_downloads.value(reply).url))
            reply->abort(); // finished() follows with OperationCanceledError
    }
}

void ThumbnailCache::clear() {
    keepOnly({});
    m_pixmaps.clear();
    m_failures.clear();
}

} // namespace vl
