#include "SignatureFreeDiskCache.h"

#include "MediaUrls.h"

namespace vl {

QNetworkCacheMetaData SignatureFreeDiskCache::stable(QNetworkCacheMetaData metaData) {
    metaData.setUrl(MediaUrls::stable(metaData.url()));
    return metaData;
}

QNetworkCacheMetaData SignatureFreeDiskCache::metaData(const QUrl& url) {
    return QNetworkDiskCache::metaData(MediaUrls::stable(url));
}

void SignatureFreeDiskCache::updateMetaData(const QNetworkCacheMetaData& metaData) {
    QNetworkDiskCache::updateMetaData(stable(metaData));
}

QIODevice* SignatureFreeDiskCache::data(const QUrl& url) {
    return QNetworkDiskCache::data(MediaUrls::stable(url));
}

bool SignatureFreeDiskCache::remove(const QUrl& url) {
    return QNetworkDiskCache::remove(MediaUrls::stable(url));
}

QIODevice* SignatureFreeDiskCache::prepare(const QNetworkCacheMetaData& metaData) {
    return QNetworkDiskCache::prepare(stable(metaData));
}

} // namespace vl
