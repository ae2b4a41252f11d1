#pragma once

#include "ThumbnailProvider.h"

#include <QCache>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPixmap>
#include <QPointer>
#include <QSet>
#include <QUrl>

class QWidget;

namespace vl {

// The views' side of thumbnails: decoded pixmaps in a memory-bounded LRU, answered without ever
// blocking. A miss asks the connection's ThumbnailProvider (src/models), which queues, loads and
// decodes off the GUI thread and remembers failures; its images become pixmaps here. A new
// connection brings a new provider (setProvider()), and the pixmaps of the old one are dropped.
class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(ThumbnailProvider* provider = nullptr, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    void setProvider(ThumbnailProvider* provider);
    ThumbnailProvider* provider() const { return m_provider; }
    void setMemoryLimit(int kilobytes) { m_pixmaps.setMaxCost(kilobytes); }
    int memoryLimit() const { return m_pixmaps.maxCost(); }
    int memoryUsedKb() const { return m_pixmaps.totalCost(); }

    // The pixmap when it is in memory; otherwise a null pixmap, and a load is requested.
    QPixmap thumbnail(const QUrl& url, const QSize& size);
    bool contains(const QUrl& url, const QSize& size) const;
    // Why the last load failed; empty when it did not (or a transient failure's back-off has passed).
    QString failure(const QUrl& url) const;

    // The grid's wish list, most wanted first (visible tiles in reading order, then by distance);
    // loads for anything else are cancelled.
    void setWanted(const QList<QUrl>& urlsInOrder);
    void keepOnly(const QSet<QUrl>& wanted);
    void clear();

    // Repaints `widget` whenever one of `urls` is ready or has failed. The cache shares one load
    // between links that differ only in their signature and reports it under the link first asked,
    // so they are compared without the signature.
    void repaintOnArrival(QWidget* widget, const QList<QUrl>& urls);

    static QUrl stableUrl(const QUrl& url);
    static QString redirectRefusal(const QUrl& from, const QUrl& to);

signals:
    void thumbnailReady(const QUrl& url);
    void thumbnailFailed(const QUrl& url, const QString& reason);

private:
    QString keyFor(const QUrl& url, const QSize& size) const;
    void onReady(const QUrl& url, const QSize& size, const QImage& image);

    QPointer<ThumbnailProvider> m_provider;
    QCache<QString, QPixmap> m_pixmaps; // cost in kilobytes
    // Each link's signature-free form as a string: a grid asks for every visible tile on every paint,
    // and parsing the query each time cost more than the rest of the lookup. Bounded by clearing.
    mutable QHash<QUrl, QString> m_stableKeys;
};

} // namespace vl
