#pragma once

#include "Cluster.h"
#include "ThumbnailCache.h"

#include <QDialog>
#include <QPointer>

namespace vl {

// One media item: the full image (loaded and decoded off the GUI thread through the thumbnail
// cache), its bounding box when it is an object, caption, labels, file name and "Find similar".
class MediaViewerDialog : public QDialog {
    Q_OBJECT
public:
    MediaViewerDialog(const Preview& preview, ThumbnailCache* thumbnails, QWidget* parent = nullptr);

signals:
    void findSimilarRequested(const QString& mediaId);

private:
    Preview m_preview;
};

// Paints an image scaled to fit, with boxes given as fractions of the image.
class BoxedImageView : public QWidget {
    Q_OBJECT
public:
    BoxedImageView(ThumbnailCache* thumbnails, const QUrl& url, const QUrl& fallbackUrl,
                   QWidget* parent = nullptr);
    void setBoxes(const QVector<QRectF>& fractions) {
        m_boxes = fractions;
        update();
    }
    QSize sizeHint() const override { return {720, 520}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QPointer<ThumbnailCache> m_thumbnails;
    QUrl m_url;
    QUrl m_fallbackUrl;
    QVector<QRectF> m_boxes;
};

} // namespace vl
