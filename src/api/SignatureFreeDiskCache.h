#pragma once

#include <QNetworkDiskCache>

namespace vl {

// A disk cache whose entries are keyed by the URL without its signature parameters
// (MediaUrls::stable), so that a re-signed link to the same image is answered from disk.
class SignatureFreeDiskCache : public QNetworkDiskCache {
    Q_OBJECT
public:
    using QNetworkDiskCache::QNetworkDiskCache;

    QNetworkCacheMetaData metaData(const QUrl& url) override;
    void updateMetaData(const QNetworkCacheMetaData& metaData) override;
    QIODevice* data(const QUrl& url) override;
    bool remove(const QUrl& url) override;
    QIODevice* prepare(const QNetworkCacheMetaData& metaData) override;

private:
    static QNetworkCacheMetaData stable(QNetworkCacheMetaData metaData);
};

} // namespace vl
