#pragma once

#include "ApiClient.h"
#include "ImageDecoding.h"

#include <QCache>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPixmap>
#include <QPointer>
#include <QSet>
#include <QThreadPool>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace vl {

// Thumbnails for the result grids. Downloads go through a QNetworkAccessManager with a disk cache,
// decoding runs on a private thread pool (QImageReader with a scaled size), and decoded pixmaps live
// in a memory-bounded LRU. thumbnail() never blocks: it answers from memory or queues a load, the
// most recently asked first (the tiles being painted now). keepOnly() drops queued loads and aborts
// downloads for tiles that scrolled far away.
//
// Signed links expire and change, so images are keyed by the URL without its signature parameters
// (media id path, see stableUrl()). Redirects are followed by hand: the token goes to the server's own
// origin only, HTTPS -> HTTP is refused. Only permanent failures (404/410, an undecodable image, a refused
// redirect) are remembered; timeouts, 5xx and network errors are retried after a growing back-off.
class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(QObject* parent = nullptr);
    ~ThumbnailCache() override;

    // The server's client: its token is sent to same-origin URLs only (never to a CDN).
    void setClient(ApiClient* client) { m_client = client; }
    void setDiskCacheDirectory(const QString& directory, qint64 maximumBytes = 256LL * 1024 * 1024);
    void setMemoryLimit(int kilobytes) { m_pixmaps.setMaxCost(kilobytes); }
    int memoryLimit() const { return m_pixmaps.maxCost(); }
    void setMaxConcurrentDownloads(int count) { m_maxDownloads = qMax(1, count); }
    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }
    // The first retry of a transient failure waits this long; each further failure doubles it (to 5 min).
    void setRetryDelay(int milliseconds) { m_retryDelayMs = qMax(1, milliseconds); }

    // The decoded pixmap when it is in memory; otherwise a null pixmap, and a load is queued.
    QPixmap thumbnail(const QUrl& url, const QSize& size);
    bool contains(const QUrl& url, const QSize& size) const;
    // Why the last load failed; empty when it did not (or a transient failure's back-off has passed).
    QString failure(const QUrl& url) const;

    // Cancels every queued or running load whose URL is not in `wanted`.
    void keepOnly(const QSet<QUrl>& wanted);
    void clear();

    int queuedCount() const { return m_queue.size(); }
    int downloadingCount() const { return m_downloads.size(); }
    int decodingCount() const { return m_decoding.size(); }
    int memoryUsedKb() const { return m_pixmaps.totalCost(); }

    // The URL without the parameters that sign it (our engine's sig/expires, CDN and bucket signatures):
    // what identifies the image across re-signed links.
    static QUrl stableUrl(const QUrl& url);
    // Why following a redirect from `from` to `to` is refused, or empty when it may be followed.
    static QString redirectRefusal(const QUrl& from, const QUrl& to);

signals:
    void thumbnailReady(const QUrl& url);
    void thumbnailFailed(const QUrl& url, const QString& reason);

private:
    struct Request {
        QUrl url; // as asked (signals carry it)
        QSize size;
        QString key;
        QUrl current; // the URL being fetched: url, or a redirect's target
        int hops = 0;
    };
    struct Failure {
        QString reason;
        bool permanent = false;
        qint64 retryAtMs = 0; // transient: when it may be tried again (msecs since epoch)
        int attempts = 0;
    };
    static QString keyFor(const QUrl& url, const QSize& size);
    static QString failureKey(const QUrl& url) { return stableUrl(url).toString(); }
    bool blockedByFailure(const QUrl& url) const;
    void fail(const Request& request, const QString& reason, bool permanent);
    bool followRedirect(QNetworkReply* reply, Request request);
    void pump();
    void startDownload(const Request& request);
    void onDownloadFinished(QNetworkReply* reply);
    void startDecode(const Request& request, const QByteArray& data);
    void onDecoded(const Request& request, const DecodedImage& decoded);
    bool isPending(const QString& key) const;

    QPointer<ApiClient> m_client;
    QNetworkAccessManager* m_network;
    QCache<QString, QPixmap> m_pixmaps; // cost in kilobytes
    QList<Request> m_queue;             // front = most recently asked
    QHash<QNetworkReply*, Request> m_downloads;
    QSet<QString> m_decoding;
    QHash<QString, Failure> m_failures; // by failureKey()
    QSet<QNetworkReply*> m_cancelled;   // aborted by keepOnly(): not failures
    QSet<QNetworkReply*> m_oversized;   // aborted for size: a permanent failure
    int m_transferTimeoutMs = 30000;
    int m_retryDelayMs = 2000;
    QThreadPool m_decodePool;
    int m_maxDownloads = 6;
};

} // namespace vl
