#include "ImageSelectionWidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace vl {

static constexpr qreal kGrabDistance = 6;       // widget pixels around an edge that grab it
static constexpr qreal kMinimumDisplaySize = 4; // smaller boxes are treated as a click

ImageSelectionWidget::ImageSelectionWidget(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(160, 120);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void ImageSelectionWidget::setImage(const QImage& display, const QSize& originalSize) {
    m_display = display;
    m_originalSize = originalSize.isValid() ? originalSize : display.size();
    m_selection = {};
    m_drag = Drag::None;
    update();
}

void ImageSelectionWidget::clearImage() {
    m_display = {};
    m_originalSize = {};
    m_selection = {};
    update();
}

QRectF ImageSelectionWidget::imageRect() const {
    if (m_display.isNull() || !m_originalSize.isValid())
        return {};
    const QSizeF fitted = QSizeF(m_originalSize).scaled(QSizeF(size()) - QSizeF(8, 8), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
}

qreal ImageSelectionWidget::scale() const {
    const QRectF rect = imageRect();
    return m_originalSize.width() > 0 ? rect.width() / m_originalSize.width() : 1.0;
}

QPointF ImageSelectionWidget::toImage(const QPointF& widgetPoint) const {
    const QRectF rect = imageRect();
    const qreal s = scale();
    if (s <= 0)
        return {};
    return (widgetPoint - rect.topLeft()) / s;
}

QPointF ImageSelectionWidget::toWidget(const QPointF& imagePoint) const {
    return imageRect().topLeft() + imagePoint * scale();
}

QRectF ImageSelectionWidget::clampedToImage(const QRectF& rect) const {
    return rect.normalized().intersected(QRectF(QPointF(0, 0), QSizeF(m_originalSize)));
}

void ImageSelectionWidget::setSelection(const QRectF& originalPixels) {
    m_selection = clampedToImage(originalPixels);
    update();
}

void ImageSelectionWidget::clearSelection() {
    const bool had = !m_selection.isEmpty();
    m_selection = {};
    m_drag = Drag::None;
    update();
    if (had)
        emit selectionCleared();
}

std::optional<BoundingBox> ImageSelectionWidget::boundingBox() const {
    if (m_selection.isEmpty() || !m_originalSize.isValid())
        return std::nullopt;
    return BoundingBox::fromPixels(m_selection, m_originalSize).clamped();
}

ImageSelectionWidget::Edges ImageSelectionWidget::edgesAt(const QPointF& p) const {
    if (m_selection.isEmpty())
        return NoEdge;
    const QRectF box(toWidget(m_selection.topLeft()), toWidget(m_selection.bottomRight()));
    if (!box.adjusted(-kGrabDistance, -kGrabDistance, kGrabDistance, kGrabDistance).contains(p))
        return NoEdge;
    Edges edges;
    if (qAbs(p.x() - box.left()) <= kGrabDistance)
        edges |= Left;
    else if (qAbs(p.x() - box.right()) <= kGrabDistance)
        edges |= Right;
    if (qAbs(p.y() - box.top()) <= kGrabDistance)
        edges |= Top;
    else if (qAbs(p.y() - box.bottom()) <= kGrabDistance)
        edges |= Bottom;
    return edges;
}

void ImageSelectionWidget::updateCursor(const QPointF& position) {
    if (!hasImage()) {
        unsetCursor();
        return;
    }
    const Edges edges = m_drag == Drag::Resize ? m_dragEdges : edgesAt(position);
    if (edges == (Left | Top) || edges == (Right | Bottom))
        setCursor(Qt::SizeFDiagCursor);
    else if (edges == (Right | Top) || edges == (Left | Bottom))
        setCursor(Qt::SizeBDiagCursor);
    else if (edges & (Left | Right))
        setCursor(Qt::SizeHorCursor);
    else if (edges & (Top | Bottom))
        setCursor(Qt::SizeVerCursor);
    else if (m_drag == Drag::Move || (!m_selection.isEmpty() && QRectF(toWidget(m_selection.topLeft()),
                                                                       toWidget(m_selection.bottomRight()))
                                                                    .contains(position)))
        setCursor(Qt::SizeAllCursor);
    else
        setCursor(Qt::CrossCursor);
}

void ImageSelectionWidget::mousePressEvent(QMouseEvent* event) {
    if (!hasImage() || event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QPointF position = event->position();
    m_pressImagePoint = toImage(position);
    m_pressSelection = m_selection;
    m_dragEdges = edgesAt(position);
    const QRectF box(toWidget(m_selection.topLeft()), toWidget(m_selection.bottomRight()));
    if (m_dragEdges != NoEdge)
        m_drag = Drag::Resize;
    else if (!m_selection.isEmpty() && box.contains(position))
        m_drag = Drag::Move;
    else if (imageRect().contains(position))
        m_drag = Drag::Create;
    else
        m_drag = Drag::None;
    updateCursor(position);
}

void ImageSelectionWidget::mouseMoveEvent(QMouseEvent* event) {
    const QPointF position = event->position();
    if (m_drag == Drag::None) {
        updateCursor(position);
        return;
    }
    const QPointF point = toImage(position);
    const QRectF bounds(QPointF(0, 0), QSizeF(m_originalSize));
    switch (m_drag) {
    case Drag::Create:
        m_selection = clampedToImage(QRectF(m_pressImagePoint, point));
        break;
    case Drag::Move: {
        QPointF delta = point - m_pressImagePoint;
        QRectF moved = m_pressSelection.translated(delta);
        // Keep the size while moving: push back inside instead of shrinking.
        moved.moveLeft(qBound(0.0, moved.left(), bounds.width() - moved.width()));
        moved.moveTop(qBound(0.0, moved.top(), bounds.height() - moved.height()));
        m_selection = moved;
        break;
    }
    case Drag::Resize: {
        QRectF resized = m_pressSelection;
        const QPointF clamped(qBound(0.0, point.x(), bounds.width()),
                              qBound(0.0, point.y(), bounds.height()));
        if (m_dragEdges & Left)
            resized.setLeft(clamped.x());
        if (m_dragEdges & Right)
            resized.setRight(clamped.x());
        if (m_dragEdges & Top)
            resized.setTop(clamped.y());
        if (m_dragEdges & Bottom)
            resized.setBottom(clamped.y());
        m_selection = resized.normalized();
        break;
    }
    case Drag::None:
        break;
    }
    update();
}

void ImageSelectionWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (m_drag == Drag::None || event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const Drag finished = m_drag;
    m_drag = Drag::None;
    updateCursor(event->position());
    const qreal s = scale();
    if (m_selection.width() * s < kMinimumDisplaySize || m_selection.height() * s < kMinimumDisplaySize) {
        // A click (or a sliver): restore what was there before a move/resize, clear after a create.
        if (finished == Drag::Create) {
            m_selection = m_pressSelection;
            clearSelection();
        } else {
            m_selection = m_pressSelection;
            update();
        }
        return;
    }
    settle();
}

void ImageSelectionWidget::mouseDoubleClickEvent(QMouseEvent* event) {
    if (!hasImage() || event->button() != Qt::LeftButton)
        return;
    m_drag = Drag::None;
    m_selection = QRectF(QPointF(0, 0), QSizeF(m_originalSize));
    update();
    settle();
}

void ImageSelectionWidget::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && !m_selection.isEmpty()) {
        clearSelection();
        return;
    }
    QPointF step;
    switch (event->key()) {
    case Qt::Key_Left:
        step = {-1, 0};
        break;
    case Qt::Key_Right:
        step = {1, 0};
        break;
    case Qt::Key_Up:
        step = {0, -1};
        break;
    case Qt::Key_Down:
        step = {0, 1};
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    if (m_selection.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    // One screen pixel per press (ten with Shift), converted to original pixels.
    const qreal pixels = (event->modifiers() & Qt::ShiftModifier ? 10.0 : 1.0) / qMax(scale(), 1e-6);
    step *= pixels;
    const QRectF bounds(QPointF(0, 0), QSizeF(m_originalSize));
    if (event->modifiers() & Qt::ControlModifier) {
        QRectF resized = m_selection;
        resized.setRight(qBound(resized.left() + 1, resized.right() + step.x(), bounds.right()));
        resized.setBottom(qBound(resized.top() + 1, resized.bottom() + step.y(), bounds.bottom()));
        m_selection = resized;
    } else {
        QRectF moved = m_selection.translated(step);
        moved.moveLeft(qBound(0.0, moved.left(), bounds.width() - moved.width()));
        moved.moveTop(qBound(0.0, moved.top(), bounds.height() - moved.height()));
        m_selection = moved;
    }
    m_nudged = true;
    update();
}

void ImageSelectionWidget::keyReleaseEvent(QKeyEvent* event) {
    // Auto-repeat sends release/press pairs; settle only when the key is really let go.
    if (m_nudged && !event->isAutoRepeat()) {
        m_nudged = false;
        settle();
        return;
    }
    QWidget::keyReleaseEvent(event);
}

void ImageSelectionWidget::settle() {
    if (const auto box = boundingBox())
        emit selectionSettled(*box);
}

void ImageSelectionWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    if (m_display.isNull())
        return;
    const QRectF target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(target, m_display);
    if (m_selection.isEmpty())
        return;
    const QRectF box(toWidget(m_selection.topLeft()), toWidget(m_selection.bottomRight()));
    // Dim everything outside the box.
    QPainterPath outside;
    outside.addRect(target);
    QPainterPath inside;
    inside.addRect(box);
    painter.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 110));
    const QColor accent = palette().color(QPalette::Highlight);
    painter.setPen(QPen(accent, 2));
    painter.drawRect(box);
    painter.setBrush(accent);
    painter.setPen(QPen(Qt::white, 1));
    const qreal handle = 7;
    for (const QPointF& corner :
         {box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight(),
          QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()),
          QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y())})
        painter.drawEllipse(corner, handle / 2, handle / 2);
    const QString size =
        QStringLiteral("%1 × %2").arg(qRound(m_selection.width())).arg(qRound(m_selection.height()));
    painter.setPen(Qt::white);
    const QRectF label(box.left(), box.top() - 20, 120, 18);
    if (label.top() >= 0)
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, size);
}

} // namespace vl
