#pragma once

#include <QImage>
#include <QPointer>
#include <QPolygonF>
#include <QUrl>
#include <QVector>
#include <QWidget>

namespace vl {

class EmbeddingsMapModel;
class ThumbnailCache;

// The embeddings map canvas: every point of the model, coloured by label, drawn into a cached image
// (pixels written directly, no item per point; redrawn when the map, the selection, the size or the zoom
// changes; while a pan drags, the cached layer is drawn shifted and redrawn once the button is released),
// a spatial grid for hover hit-testing, wheel zoom about the cursor, right- or middle-drag pan,
// double-click to fit, freehand lasso with the left button (Esc clears it). Hovering a point shows its
// thumbnail from the thumbnail cache (never loaded on the GUI thread).
class EmbeddingsMapView : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingsMapView(EmbeddingsMapModel* model, ThumbnailCache* thumbnails,
                               QWidget* parent = nullptr);

    // Map units <-> widget pixels under the current zoom and pan.
    QPointF toWidget(const QPointF& mapPoint) const;
    QPointF toMap(const QPointF& widgetPoint) const;
    int pointAt(const QPointF& widgetPoint, double radiusPixels = 6) const; // nearest point, or -1
    int hoveredPoint() const { return m_hovered; }
    void fitToMap();
    void zoomBy(double factor, const QPointF& aroundWidgetPoint);

    QSize sizeHint() const override { return {380, 380}; }
    QSize minimumSizeHint() const override { return {300, 240}; }

signals:
    // The lasso closed around these (map units); an empty polygon when it was cleared.
    void lassoFinished(const QPolygonF& mapPolygon);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void onMapChanged();
    void invalidatePoints() {
        m_pointsValid = false;
        update();
    }
    void renderPoints();
    void buildGrid();
    void setHovered(int index);
    void paintHoverCard(QPainter& painter);
    void paintEmptyText(QPainter& painter);

    QPointer<EmbeddingsMapModel> m_model;
    QPointer<ThumbnailCache> m_thumbnails;
    double m_scale = 1;       // pixels per map unit
    QPointF m_offset;         // widget position of map point (0,0)
    QImage m_points;          // the cached point layer
    QPointF m_renderedOffset; // m_offset when m_points was drawn (a pan in progress shifts the layer)
    bool m_pointsValid = false;
    // Hit-testing grid over map units: CSR (cell start offsets, point indices).
    static constexpr int kGridCells = 128;
    QVector<int> m_cellStart;
    QVector<int> m_cellItems;
    QPolygonF m_lasso; // widget pixels while drawing
    bool m_drawing = false;
    bool m_panning = false;
    QPointF m_lastPan;
    int m_hovered = -1;
    QPointF m_hoverPos;
};

} // namespace vl
