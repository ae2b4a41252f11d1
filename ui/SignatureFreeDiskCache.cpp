#include "SignatureFreeDiskCache.h"

#include "ThumbnailCache.h"

namespace vl {

QNetworkCacheMetaData SignatureFreeDiskCache::stable(QNetworkCacheMetaData metaData) {
    metaData.setUrl(ThumbnailCache::stableUrl(metaData.url()));
    return metaData;
}

QNetworkCacheMetaData SignatureFreeDiskCache::metaData(const QUrl& url) {
    return QNetworkDiskCache::metaData(ThumbnailCache::stableUrl(url));
}

void SignatureFreeDiskCache::updateMetaData(const QNetworkCacheMetaData& metaData) {
    QNetworkDiskCache::updateMetaData(stable(metaData));
}

QIODevice* SignatureFreeDiskCache::data(const QUrl& url) {
    return QNetworkDiskCache::data(ThumbnailCache::stableUrl(url));
}

bool SignatureFreeDiskCache::remove(const QUrl& url) {
    return QNetworkDiskCache::remove(ThumbnailCache::stableUrl(url));
}

QIODevice* SignatureFreeDiskCache::prepare(const QNetworkCacheMetaData& metaData) {
    return QNetworkDiskCache::prepare(stable(metaData));
}

} // namespace vl
