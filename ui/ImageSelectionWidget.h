#pragma once

#include "BoundingBox.h"

#include <QImage>
#include <QRectF>
#include <QWidget>
#include <optional>

namespace vl {

// Shows an image scaled to fit and lets the user mark a region on it with a rubber band:
// drag on empty space draws a new box; dragging an edge or corner resizes it; dragging inside moves
// it; arrows nudge it (Shift: 10 px), Ctrl+arrows resize it; Esc clears; double-click selects the
// whole image. The selection is kept in ORIGINAL image pixels, so the fractions it reports refer to
// the original image even though a reduced copy is displayed. selectionSettled() fires on mouse
// release and after keyboard nudging stops, never while dragging.
class ImageSelectionWidget : public QWidget {
    Q_OBJECT
public:
    enum Edge { NoEdge = 0, Left = 1, Right = 2, Top = 4, Bottom = 8 };
    Q_DECLARE_FLAGS(Edges, Edge)

    explicit ImageSelectionWidget(QWidget* parent = nullptr);

    // `display` may be a reduced copy; `originalSize` is the size of the file that will be uploaded.
    void setImage(const QImage& display, const QSize& originalSize);
    void clearImage();
    bool hasImage() const { return !m_display.isNull(); }
    QSize originalSize() const { return m_originalSize; }

    QRectF selection() const { return m_selection; } // original pixels; empty = none
    void setSelection(const QRectF& originalPixels);
    void clearSelection();
    std::optional<BoundingBox> boundingBox() const; // fractions of the original size

    QRectF imageRect() const; // where the image is drawn, in widget coordinates
    QPointF toImage(const QPointF& widgetPoint) const;
    QPointF toWidget(const QPointF& imagePoint) const;
    Edges edgesAt(const QPointF& widgetPoint) const; // which selection edges a point grabs

    QSize sizeHint() const override { return {360, 280}; }

signals:
    void selectionSettled(const vl::BoundingBox& box);
    void selectionCleared();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;

private:
    enum class Drag { None, Create, Move, Resize };
    QRectF clampedToImage(const QRectF& rect) const;
    qreal scale() const; // widget pixels per original pixel
    void settle();
    void updateCursor(const QPointF& position);

    QImage m_display;
    QSize m_originalSize;
    QRectF m_selection;
    Drag m_drag = Drag::None;
    Edges m_dragEdges;
    QPointF m_pressImagePoint;
    QRectF m_pressSelection;
    bool m_nudged = false;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(ImageSelectionWidget::Edges)

} // namespace vl
