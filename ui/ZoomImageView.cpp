#include "ZoomImageView.h"

#include "ClusterCardDelegate.h"
#include "ObjectBoxGeometry.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <cmath>

namespace vl {

static const QSize kFullImageSize(2048, 2048);
static const QSize kFallbackSize(256, 256);

ZoomImageView::ZoomImageView(ThumbnailCache* thumbnails, const QUrl& url, const QUrl& fallbackUrl,
                             QWidget* parent)
    : QWidget(parent)
    , m_thumbnails(thumbnails)
    , m_url(url)
    , m_fallbackUrl(fallbackUrl) {
    setMinimumSize(240, 200);
    setFocusPolicy(Qt::ClickFocus);
    setCursor(Qt::OpenHandCursor);
    if (m_thumbnails)
        m_thumbnails->repaintOnArrival(this, {m_url, m_fallbackUrl});
}

QPixmap ZoomImageView::shownPixmap() const {
    if (!m_thumbnails)
        return {};
    QPixmap pixmap = m_thumbnails->thumbnail(m_url, kFullImageSize);
    if (pixmap.isNull() && m_fallbackUrl.isValid())
        pixmap = m_thumbnails->thumbnail(m_fallbackUrl, kFallbackSize);
    return pixmap;
}

QSizeF ZoomImageView::imageSize() const {
    const QPixmap pixmap = shownPixmap();
    return pixmap.isNull() ? QSizeF() : QSizeF(pixmap.size()) / pixmap.devicePixelRatio();
}

QRectF ZoomImageView::imageRect() const {
    const QSizeF size = imageSize();
    if (size.isEmpty())
        return {};
    const QSizeF fitted = ObjectBoxGeometry::fittedRect(size, QRectF(rect())).size() * m_zoom;
    const QPointF middle = QRectF(rect()).center();
    return {middle.x() - m_center.x() * fitted.width(), middle.y() - m_center.y() * fitted.height(),
            fitted.width(), fitted.height()};
}

void ZoomImageView::setView(double zoom, const QPointF& center) {
    const double z = qBound(kMinZoom, zoom, kMaxZoom);
    // At the fitted zoom the whole image shows: only the centre is meaningful.
    const QPointF c = z <= kMinZoom ? QPointF(0.5, 0.5)
                                    : QPointF(qBound(0.0, center.x(), 1.0), qBound(0.0, center.y(), 1.0));
    if (qFuzzyCompare(z, m_zoom) && qFuzzyCompare(c.x() + 1, m_center.x() + 1) &&
        qFuzzyCompare(c.y() + 1, m_center.y() + 1))
        return;
    m_zoom = z;
    m_center = c;
    update();
}

void ZoomImageView::changeView(double zoom, const QPointF& center) {
    setView(zoom, center);
    emit viewChanged(m_zoom, m_center);
}

void ZoomImageView::zoomBy(double factor) {
    zoomAbout(factor, QRectF(rect()).center());
}

void ZoomImageView::resetView() {
    changeView(kMinZoom, {0.5, 0.5});
}

// The image point under `widgetPoint` stays there.
void ZoomImageView::zoomAbout(double factor, const QPointF& widgetPoint) {
    const QRectF before = imageRect();
    const double zoom = qBound(kMinZoom, m_zoom * factor, kMaxZoom);
    if (before.isEmpty()) {
        changeView(zoom, m_center);
        return;
    }
    const QPointF fraction((widgetPoint.x() - before.left()) / before.width(),
                           (widgetPoint.y() - before.top()) / before.height());
    const QSizeF after = before.size() * (zoom / m_zoom);
    const QPointF offset = widgetPoint - QRectF(rect()).center();
    changeView(zoom, {fraction.x() - offset.x() / after.width(), fraction.y() - offset.y() / after.height()});
}

void ZoomImageView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAbout(std::pow(1.25, steps), event->position());
    event->accept();
}

void ZoomImageView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_dragFrom = event->position();
    setCursor(Qt::ClosedHandCursor);
}

void ZoomImageView::mouseMoveEvent(QMouseEvent* event) {
    const QRectF shown = imageRect();
    if (!m_dragging || shown.isEmpty())
        return;
    const QPointF delta = event->position() - m_dragFrom;
    m_dragFrom = event->position();
    changeView(m_zoom, {m_center.x() - delta.x() / shown.width(), m_center.y() - delta.y() / shown.height()});
}

void ZoomImageView::mouseReleaseEvent(QMouseEvent* event) {
    m_dragging = false;
    setCursor(Qt::OpenHandCursor);
    QWidget::mouseReleaseEvent(event);
}

void ZoomImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QPixmap pixmap = shownPixmap();
    if (pixmap.isNull()) {
        const QString failure = m_thumbnails ? m_thumbnails->failure(m_url) : QString();
        drawPlaceholder(&painter, rect(), palette(), !failure.isEmpty());
        if (!failure.isEmpty()) {
            painter.setPen(palette().color(QPalette::Text));
            painter.drawText(rect().adjusted(8, 8, -8, -8),
                             Qt::AlignBottom | Qt::AlignHCenter | Qt::TextWordWrap,
                             tr("The image could not be loaded: %1").arg(failure));
        }
        return;
    }
    // Enlarged past its pixels, the image shows them sharp rather than blurred.
    painter.setRenderHint(QPainter::SmoothPixmapTransform,
                          imageRect().width() <= pixmap.width() / pixmap.devicePixelRatio());
    painter.drawPixmap(imageRect(), pixmap, QRectF(pixmap.rect()));
}

} // namespace vl
