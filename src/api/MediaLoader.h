#pragma once

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QThreadPool>
#include <QUrl>

namespace vl {

class ApiClient;
class MediaJob;

// One image being fetched and decoded by MediaLoader. Emits finished() exactly once (success,
// failure or cancel) and then deletes itself.
class MediaLoad : public QObject {
    Q_OBJECT
public:
    QUrl url() const { return m_url; }
    QSize boundingSize() const { return m_boundingSize; }
    bool isSuccess() const { return !m_image.isNull(); }
    bool isCancelled() const { return m_cancelled; }
    bool isPermanentFailure() const { return m_permanent; }
    const QImage& image() const { return m_image; } // scaled into boundingSize, never enlarged
    QString errorString() const { return m_error; }

    void cancel(); // finished() follows at once with isCancelled()

signals:
    void finished(vl::MediaLoad* load);
    void retryScheduled(int attempt, int delayMs);

private:
    friend class MediaLoader;
    MediaLoad(const QUrl& url, const QSize& boundingSize, QObject* parent);
    void finish(const QImage& image, const QString& error, bool permanent);

    QUrl m_url;
    QSize m_boundingSize;
    QImage m_image;
    QString m_error;
    bool m_permanent = false;
    bool m_cancelled = false;
    bool m_finished = false;
    QPointer<MediaJob> m_job;
};

// Thumbnails and originals for the views: fetched through the connection's ApiClient (its network
// manager, auth, timeout, retry table and redirect rules: MediaJob), optionally answered from a disk
// cache keyed without link signatures, and decoded on a private thread pool (QImageReader with a
// scaled size), never on the caller's thread. Local files (file: URLs) are read by the pool directly.
class MediaLoader : public QObject {
    Q_OBJECT
public:
    explicit MediaLoader(ApiClient* client, QObject* parent = nullptr);
    ~MediaLoader() override;

    void setDiskCacheDirectory(const QString& directory, qint64 maximumBytes = 256LL * 1024 * 1024);
    void setTransferTimeout(int milliseconds) { m_timeoutMs = milliseconds; } // 0: the client's timeout
    void setMaximumBytes(qint64 bytes) { m_maximumBytes = bytes; }
    ApiClient* client() const { return m_client; }

    // Starts fetching `url` and decoding it scaled into `boundingSize` (empty: original size).
    MediaLoad* load(const QUrl& url, const QSize& boundingSize);

private:
    void decode(MediaLoad* load, const QByteArray& data, const QString& localPath);

    QPointer<ApiClient> m_client;
    QThreadPool m_decodePool;
    int m_timeoutMs = 0;
    qint64 m_maximumBytes = 64LL * 1024 * 1024;
};

} // namespace vl
