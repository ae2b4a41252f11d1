#include "MediaLoader.h"

#include "ApiClient.h"
#include "ImageDecoding.h"
#include "MediaJob.h"
#include "SignatureFreeDiskCache.h"

#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QThread>
#include <QtConcurrent>

namespace vl {

MediaLoad::MediaLoad(const QUrl& url, const QSize& boundingSize, QObject* parent)
    : QObject(parent)
    , m_url(url)
    , m_boundingSize(boundingSize) {}

void MediaLoad::cancel() {
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_job) {
        m_job->disconnect(this);
        m_job->abort();
    }
    finish({}, tr("cancelled"), false);
}

void MediaLoad::finish(const QImage& image, const QString& error, bool permanent) {
    if (m_finished)
        return;
    m_finished = true;
    m_image = image;
    m_error = error;
    m_permanent = permanent;
    emit finished(this);
    deleteLater();
}

MediaLoader::MediaLoader(ApiClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client) {
    // Leave one core for the GUI thread on small machines.
    m_decodePool.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
}

MediaLoader::~MediaLoader() {
    m_decodePool.clear();
    m_decodePool.waitForDone();
}

void MediaLoader::setDiskCacheDirectory(const QString& directory, qint64 maximumBytes) {
    if (!m_client)
        return;
    auto* cache = new SignatureFreeDiskCache(m_client->network());
    cache->setCacheDirectory(directory);
    cache->setMaximumCacheSize(maximumBytes);
    m_client->network()->setCache(cache); // the network takes ownership
}

MediaLoad* MediaLoader::load(const QUrl& url, const QSize& boundingSize) {
    auto* load = new MediaLoad(url, boundingSize, this);
    if (url.isLocalFile()) {
        decode(load, {}, url.toLocalFile());
        return load;
    }
    if (!m_client) {
        QMetaObject::invokeMethod(
            load, [load] { load->finish({}, MediaLoad::tr("not connected"), false); }, Qt::QueuedConnection);
        return load;
    }
    auto* job = new MediaJob(m_client, url, m_maximumBytes, m_timeoutMs);
    load->m_job = job;
    connect(job, &ApiJob::retryScheduled, load, &MediaLoad::retryScheduled);
    connect(job, &ApiJob::finished, load, [this, load, job] {
        if (job->isOversized()) {
            load->finish({}, tr("the image is larger than %1 MB").arg(m_maximumBytes >> 20), true);
        } else if (!job->isSuccess()) {
            load->finish({}, job->error().message, job->isPermanentFailure());
        } else {
            decode(load, job->data(), QString());
        }
    });
    return load;
}

void MediaLoader::decode(MediaLoad* load, const QByteArray& data, const QString& localPath) {
    auto* watcher = new QFutureWatcher<DecodedImage>(load);
    connect(watcher, &QFutureWatcher<DecodedImage>::finished, load, [load, watcher] {
        const DecodedImage decoded = watcher->result();
        // The same bytes would not decode next time either: a decoding failure is permanent.
        load->finish(decoded.image, decoded.error, !decoded.isValid());
    });
    const QSize size = load->boundingSize();
    if (!localPath.isEmpty())
        watcher->setFuture(QtConcurrent::run(&m_decodePool, decodeImageFile, localPath, size));
    else
        watcher->setFuture(
            QtConcurrent::run(&m_decodePool, decodeImageData, data, size, load->url().fileName()));
}

} // namespace vl
