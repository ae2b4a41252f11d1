#pragma once

#include "ThumbnailCache.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

namespace vl {

// One image that can be zoomed (wheel, about the pointer) and panned (drag). The view is a zoom
// (1 = the whole image fitted) and the image point shown at the centre, in fractions of the image,
// so two views of images of different sizes stay aligned when one follows the other
// (CompareDialog). The image comes through the thumbnail cache (loaded and decoded off the GUI
// thread), its thumbnail standing in until the full image arrives.
class ZoomImageView : public QWidget {
    Q_OBJECT
public:
    static constexpr double kMinZoom = 1.0;
    static constexpr double kMaxZoom = 32.0;

    ZoomImageView(ThumbnailCache* thumbnails, const QUrl& url, const QUrl& fallbackUrl,
                  QWidget* parent = nullptr);

    double zoom() const { return m_zoom; }
    QPointF center() const { return m_center; }
    // Shows the given view without announcing it (the follower's side of synchronisation).
    void setView(double zoom, const QPointF& center);
    void zoomBy(double factor); // about the centre; announced
    void resetView();           // fitted; announced
    QPixmap shownPixmap() const;
    // Where the image is drawn in this widget's coordinates for the current view.
    QRectF imageRect() const;
    QSize sizeHint() const override { return {480, 420}; }

signals:
    void viewChanged(double zoom, const QPointF& center); // by the user (wheel, drag, keys)

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QSizeF imageSize() const;
    void zoomAbout(double factor, const QPointF& widgetPoint);
    void changeView(double zoom, const QPointF& center);

    QPointer<ThumbnailCache> m_thumbnails;
    QUrl m_url;
    QUrl m_fallbackUrl;
    double m_zoom = 1.0;
    QPointF m_center{0.5, 0.5};
    QPointF m_dragFrom;
    bool m_dragging = false;
};

} // namespace vl
