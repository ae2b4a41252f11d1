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

    // The decoded pixmap when it is in memory; otherwise a null pixmap, and a load is queued.
    QPixmap thumbnail(const QUrl& url, const QSize& size);
    bool contains(const QUrl& url, const QSize& size) const;
    QString failure(const QUrl& url) const { return m_failures.value(url); }

    // Cancels every queued or running load whose URL is not in `wanted`.
    void keepOnly(const QSet<QUrl>& wanted);
    void clear();

    int queuedCount() const { return m_queue.size(); }
    int downloadingCount() const { return m_downloads.size(); }
    int decodingCount() const { return m_decoding.size(); }
    int memoryUsedKb() const { return m_pixmaps.totalCost(); }

signals:
    void thumbnailReady(const QUrl& url);
    void thumbnailFailed(const QUrl& url, const QString& reason);

private:
    struct Request {
        QUrl url;
        QSize size;
        QString key;
    };
    static QString keyFor(const QUrl& url, const QSize& size);
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
    QHash<QUrl, QString> m_failures;
    QThreadPool m_decodePool;
    int m_maxDownloads = 6;
};

} // namespace vl
