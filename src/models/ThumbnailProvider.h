#pragma once

#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

namespace vl {

class ApiClient;
class MediaLoad;
class MediaLoader;

// The thumbnails one connection's views ask for: a queue served in the order the grid wants
// (setWanted(): visible tiles in reading order, then the rest by distance from the viewport; a tile
// painted since goes in at its rank, or in front when it has none), a limit on concurrent loads,
// and memory of failures. Loading and decoding are MediaLoader's (src/api); keeping pixmaps is the
// view's (ui ThumbnailCache). Only permanent failures (missing, undecodable, refused redirect, too
// large) are remembered for good; the rest back off and may be asked again after a growing delay.
class ThumbnailProvider : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailProvider(ApiClient* client, QObject* parent = nullptr);
    ~ThumbnailProvider() override;

    MediaLoader* loader() const { return m_loader; }
    void setDiskCacheDirectory(const QString& directory, qint64 maximumBytes = 256LL * 1024 * 1024);
    void setMaxConcurrentDownloads(int count) { m_maxLoads = qMax(1, count); }
    void setTransferTimeout(int milliseconds);
    // The first retry of a transient failure waits this long; each further failure doubles it (to 5 min).
    void setRetryDelay(int milliseconds) { m_retryDelayMs = qMax(1, milliseconds); }

    // Queues a load of `url` scaled into `size` unless it is loading, queued (then it moves up) or
    // blocked by a failure. thumbnailReady() or thumbnailFailed() follows.
    void request(const QUrl& url, const QSize& size);
    // The grid's wish list, most wanted first: queued loads are served in this order and every queued
    // or running load whose URL is not in the list is cancelled.
    void setWanted(const QList<QUrl>& urlsInOrder);
    // Cancels every queued or running load whose URL is not in `wanted`.
    void keepOnly(const QSet<QUrl>& wanted);
    // Why the last load failed; empty when it did not (or a transient failure's back-off has passed).
    QString failure(const QUrl& url) const;
    void clear(); // cancels everything and forgets failures

    int queuedCount() const { return m_queue.size(); }
    int downloadingCount() const { return m_running.size(); }
    QList<QUrl> queuedUrls() const; // in the order they will be served

    static QUrl stableUrl(const QUrl& url); // see MediaUrls::stable

signals:
    void thumbnailReady(const QUrl& url, const QSize& size, const QImage& image);
    void thumbnailFailed(const QUrl& url, const QString& reason);

private:
    struct Request {
        QUrl url; // as asked (signals carry it)
        QSize size;
        QString key;
        int rank = -1; // position in the wish list, -1 when not on it
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
    bool isRunning(const QString& key) const;
    int rankOf(const QUrl& url) const { return m_ranks.value(failureKey(url), -1); }
    void enqueue(Request request);
    void fail(const Request& request, const QString& reason, bool permanent);
    void pump();
    void start(const Request& request);
    void onLoaded(MediaLoad* load);

    MediaLoader* m_loader;
    QList<Request> m_queue;
    QHash<MediaLoad*, Request> m_running;
    QHash<QString, Failure> m_failures; // by failureKey()
    QHash<QString, int> m_ranks;        // by failureKey(): the wish list
    int m_retryDelayMs = 2000;
    int m_maxLoads = 6;
};

} // namespace vl
