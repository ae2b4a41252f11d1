#include "ThumbnailProvider.h"

#include "ApiClient.h"
#include "MediaLoader.h"
#include "MediaUrls.h"

#include <QDateTime>

namespace vl {

static constexpr qint64 kMaxRetryDelayMs = 5 * 60 * 1000;

ThumbnailProvider::ThumbnailProvider(ApiClient* client, QObject* parent)
    : QObject(parent)
    , m_loader(new MediaLoader(client, this)) {}

ThumbnailProvider::~ThumbnailProvider() {
    m_queue.clear();
    const QList<MediaLoad*> loads = m_running.keys();
    m_running.clear();
    for (MediaLoad* load : loads) {
        load->disconnect(this);
        load->cancel();
    }
}

QUrl ThumbnailProvider::stableUrl(const QUrl& url) {
    return MediaUrls::stable(url);
}

void ThumbnailProvider::setDiskCacheDirectory(const QString& directory, qint64 maximumBytes) {
    m_loader->setDiskCacheDirectory(directory, maximumBytes);
}

void ThumbnailProvider::setTransferTimeout(int milliseconds) {
    m_loader->setTransferTimeout(milliseconds);
}

QString ThumbnailProvider::keyFor(const QUrl& url, const QSize& size) {
    return QStringLiteral("%1x%2@").arg(size.width()).arg(size.height()) + stableUrl(url).toString();
}

QString ThumbnailProvider::failure(const QUrl& url) const {
    return blockedByFailure(url) ? m_failures.value(failureKey(url)).reason : QString();
}

bool ThumbnailProvider::blockedByFailure(const QUrl& url) const {
    const auto it = m_failures.constFind(failureKey(url));
    if (it == m_failures.constEnd())
        return false;
    return it->permanent || QDateTime::currentMSecsSinceEpoch() < it->retryAtMs;
}

// Permanent failures stay until clear() (the connection changes); transient ones back off and retry.
void ThumbnailProvider::fail(const Request& request, const QString& reason, bool permanent) {
    Failure& failure = m_failures[failureKey(request.url)];
    failure.reason = reason;
    failure.permanent = permanent;
    const qint64 delay =
        std::min<qint64>(kMaxRetryDelayMs, qint64(m_retryDelayMs) << std::min(failure.attempts, 16));
    failure.retryAtMs = QDateTime::currentMSecsSinceEpoch() + delay;
    ++failure.attempts;
    emit thumbnailFailed(request.url, reason);
}

bool ThumbnailProvider::isRunning(const QString& key) const {
    for (const Request& request : m_running) {
        if (request.key == key)
            return true;
    }
    return false;
}

void ThumbnailProvider::request(const QUrl& url, const QSize& size) {
    if (url.isEmpty() || !url.isValid() || size.isEmpty())
        return;
    const QString key = keyFor(url, size);
    if (blockedByFailure(url) || isRunning(key))
        return;
    for (int i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).key == key) {
            enqueue(m_queue.takeAt(i)); // asked again: it is on screen now
            return;
        }
    }
    enqueue({url, size, key, rankOf(url)});
    QMetaObject::invokeMethod(this, &ThumbnailProvider::pump, Qt::QueuedConnection);
}

// A ranked request goes before the first one ranked after it; an unranked one (painted, but not yet
// on the grid's wish list) goes in front: what is painted now is what the user looks at.
void ThumbnailProvider::enqueue(Request request) {
    request.rank = rankOf(request.url);
    if (request.rank < 0) {
        m_queue.prepend(request);
        return;
    }
    int at = 0;
    while (at < m_queue.size() && (m_queue.at(at).rank < 0 || m_queue.at(at).rank <= request.rank))
        ++at;
    m_queue.insert(at, request);
}

void ThumbnailProvider::setWanted(const QList<QUrl>& urlsInOrder) {
    m_ranks.clear();
    QSet<QUrl> wanted;
    for (const QUrl& url : urlsInOrder) {
        m_ranks.insert(failureKey(url), m_ranks.size());
        wanted.insert(url);
    }
    keepOnly(wanted);
    for (Request& request : m_queue)
        request.rank = rankOf(request.url);
    std::stable_sort(m_queue.begin(), m_queue.end(),
                     [](const Request& a, const Request& b) { return unsigned(a.rank) < unsigned(b.rank); });
}

QList<QUrl> ThumbnailProvider::queuedUrls() const {
    QList<QUrl> urls;
    for (const Request& request : m_queue)
        urls.append(request.url);
    return urls;
}

void ThumbnailProvider::pump() {
    while (!m_queue.isEmpty() && m_running.size() < m_maxLoads)
        start(m_queue.takeFirst());
}

void ThumbnailProvider::start(const Request& request) {
    MediaLoad* load = m_loader->load(request.url, request.size);
    m_running.insert(load, request);
    connect(load, &MediaLoad::finished, this, &ThumbnailProvider::onLoaded);
}

void ThumbnailProvider::onLoaded(MediaLoad* load) {
    const auto found = m_running.find(load);
    if (found == m_running.end())
        return;
    const Request request = found.value();
    m_running.erase(found);
    if (load->isCancelled()) {
        pump(); // not a failure: it may be asked again later
        return;
    }
    if (load->isSuccess()) {
        m_failures.remove(failureKey(request.url));
        emit thumbnailReady(request.url, request.size, load->image());
    } else {
        fail(request, load->errorString(), load->isPermanentFailure());
    }
    pump();
}

void ThumbnailProvider::keepOnly(const QSet<QUrl>& wanted) {
    for (int i = m_queue.size() - 1; i >= 0; --i) {
        if (!wanted.contains(m_queue.at(i).url))
            m_queue.removeAt(i);
    }
    const QList<MediaLoad*> loads = m_running.keys();
    for (MediaLoad* load : loads) {
        if (!wanted.contains(m_running.value(load).url)) {
            m_running.remove(load); // frees its slot at once
            load->disconnect(this);
            load->cancel();
        }
    }
    pump();
}

void ThumbnailProvider::clear() {
    keepOnly({});
    m_failures.clear();
    m_ranks.clear();
}

} // namespace vl
