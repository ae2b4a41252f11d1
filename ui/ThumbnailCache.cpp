#include "ThumbnailCache.h"

#include "MediaUrls.h"
#include "ThumbnailProvider.h"

#include <QWidget>

namespace vl {

ThumbnailCache::ThumbnailCache(ThumbnailProvider* provider, QObject* parent)
    : QObject(parent) {
    m_pixmaps.setMaxCost(96 * 1024); // ~96 MB of decoded pixels
    setProvider(provider);
}

ThumbnailCache::~ThumbnailCache() = default;

void ThumbnailCache::setProvider(ThumbnailProvider* provider) {
    if (m_provider == provider)
        return;
    if (m_provider)
        m_provider->disconnect(this);
    m_pixmaps.clear();
    m_provider = provider;
    if (!m_provider)
        return;
    connect(m_provider, &ThumbnailProvider::thumbnailReady, this, &ThumbnailCache::onReady);
    connect(m_provider, &ThumbnailProvider::thumbnailFailed, this, &ThumbnailCache::thumbnailFailed);
}

void ThumbnailCache::repaintOnArrival(QWidget* widget, const QList<QUrl>& urls) {
    QSet<QUrl> stable;
    for (const QUrl& url : urls) {
        if (url.isValid())
            stable.insert(stableUrl(url));
    }
    const auto repaintIfMine = [widget, stable](const QUrl& url) {
        if (stable.contains(stableUrl(url)))
            widget->update();
    };
    connect(this, &ThumbnailCache::thumbnailReady, widget, repaintIfMine);
    connect(this, &ThumbnailCache::thumbnailFailed, widget, repaintIfMine);
}

QUrl ThumbnailCache::stableUrl(const QUrl& url) {
    return MediaUrls::stable(url);
}

QString ThumbnailCache::redirectRefusal(const QUrl& from, const QUrl& to) {
    return MediaUrls::redirectRefusal(from, to);
}

QString ThumbnailCache::keyFor(const QUrl& url, const QSize& size) const {
    auto stable = m_stableKeys.constFind(url);
    if (stable == m_stableKeys.constEnd()) {
        if (m_stableKeys.size() >= 20000)
            m_stableKeys.clear();
        stable = m_stableKeys.insert(url, stableUrl(url).toString());
    }
    return QString::number(size.width()) + QLatin1Char('x') + QString::number(size.height()) +
           QLatin1Char('@') + *stable;
}

QPixmap ThumbnailCache::thumbnail(const QUrl& url, const QSize& size) {
    if (url.isEmpty() || !url.isValid() || size.isEmpty())
        return {};
    if (QPixmap* pixmap = m_pixmaps.object(keyFor(url, size)))
        return *pixmap;
    if (m_provider)
        m_provider->request(url, size);
    return {};
}

bool ThumbnailCache::contains(const QUrl& url, const QSize& size) const {
    return m_pixmaps.contains(keyFor(url, size));
}

QString ThumbnailCache::failure(const QUrl& url) const {
    return m_provider ? m_provider->failure(url) : QString();
}

void ThumbnailCache::setWanted(const QList<QUrl>& urlsInOrder) {
    if (m_provider)
        m_provider->setWanted(urlsInOrder);
}

void ThumbnailCache::keepOnly(const QSet<QUrl>& wanted) {
    if (m_provider)
        m_provider->keepOnly(wanted);
}

void ThumbnailCache::clear() {
    m_pixmaps.clear();
    if (m_provider)
        m_provider->clear();
}

// Converting to a pixmap is cheap at thumbnail size and must happen on the GUI thread.
void ThumbnailCache::onReady(const QUrl& url, const QSize& size, const QImage& image) {
    auto* pixmap = new QPixmap(QPixmap::fromImage(image));
    const int costKb = qMax(1, int(qint64(pixmap->width()) * pixmap->height() * 4 / 1024));
    m_pixmaps.insert(keyFor(url, size), pixmap, costKb);
    emit thumbnailReady(url);
}

} // namespace vl
