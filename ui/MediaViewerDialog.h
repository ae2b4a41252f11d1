#pragma once

#include "Cluster.h"
#include "ThumbnailCache.h"

#include <QDialog>
#include <QPointer>

namespace vl {

class BoxedImageView;

// One media item: the full image (loaded and decoded off the GUI thread through the thumbnail
// cache), its bounding box when it is an object, caption, labels, file name and "Find similar".
class MediaViewerDialog : public QDialog {
    Q_OBJECT
public:
    MediaViewerDialog(const Preview& preview, ThumbnailCache* thumbnails, QWidget* parent = nullptr);

    BoxedImageView* imageView() const { return m_view; }

signals:
    void findSimilarRequested(const QString& mediaId);

private:
    Preview m_preview;
    BoxedImageView* m_view;
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
    // Where the boxes are drawn for an image of `imageSize` fitted into this widget.
    QVector<QRectF> boxesOnScreen(const QSizeF& imageSize) const;
    // The picture shown now (full image, else its thumbnail); null while both load.
    QPixmap shownPixmap() const;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QPointer<ThumbnailCache> m_thumbnails;
    QUrl m_url;
    QUrl m_fallbackUrl;
    QVector<QRectF> m_boxes;
};

} // namespace vl
