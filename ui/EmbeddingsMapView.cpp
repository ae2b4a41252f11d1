#include "EmbeddingsMapView.h"

#include "EmbeddingsMapModel.h"
#include "ThumbnailCache.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace vl {

namespace {

constexpr int kMaxLassoVertices = 1000; // the engine takes up to 2000
constexpr QSize kHoverThumb(128, 128);

int scaleOf(const EmbeddingsMapModel* model) {
    return model && model->map().scale > 0 ? model->map().scale : 10000;
}

// `colour` at `alpha` over `background`, opaque: the layer is an opaque image (copied, never blended).
QRgb over(const QColor& colour, int alpha, const QColor& background) {
    auto mix = [alpha](int front, int back) { return (front * alpha + back * (255 - alpha)) / 255; };
    return qRgb(mix(colour.red(), background.red()), mix(colour.green(), background.green()),
                mix(colour.blue(), background.blue()));
}

// Writes pixels straight into an RGB32 image: squares of (2 * half + 1) pixels, clipped.
class PointPlotter {
public:
    PointPlotter(QImage& image, int half)
        : m_bits(image.bits())
        , m_stride(image.bytesPerLine())
        , m_width(image.width())
        , m_height(image.height())
        , m_half(half) {}
    void plot(double x, double y, QRgb colour) const {
        const int cx = int(std::floor(x)), cy = int(std::floor(y));
        const int left = std::max(0, cx - m_half), right = std::min(m_width - 1, cx + m_half);
        const int top = std::max(0, cy - m_half), bottom = std::min(m_height - 1, cy + m_half);
        for (int row = top; row <= bottom; ++row) {
            QRgb* line = reinterpret_cast<QRgb*>(m_bits + row * m_stride);
            for (int column = left; column <= right; ++column)
                line[column] = colour;
        }
    }

private:
    uchar* m_bits;
    qsizetype m_stride;
    int m_width, m_height, m_half;
};

} // namespace

EmbeddingsMapView::EmbeddingsMapView(EmbeddingsMapModel* model, ThumbnailCache* thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_thumbnails(thumbnails) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    // No tooltip: it would cover the hover card; the panel's status line says how to use the map.
    connect(model, &EmbeddingsMapModel::mapChanged, this, &EmbeddingsMapView::onMapChanged);
    connect(model, &EmbeddingsMapModel::selectionChanged, this, [this] { invalidatePoints(); });
    if (m_thumbnails) {
        connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, [this](const QUrl& url) {
            if (m_hovered >= 0 &&
                ThumbnailCache::stableUrl(url) == ThumbnailCache::stableUrl(m_model->thumbnailUrl(m_hovered)))
                update();
        });
    }
    onMapChanged();
}

QPointF EmbeddingsMapView::toWidget(const QPointF& mapPoint) const {
    return m_offset + mapPoint * m_scale;
}

QPointF EmbeddingsMapView::toMap(const QPointF& widgetPoint) const {
    return (widgetPoint - m_offset) / m_scale;
}

// The points' bounding box fills the canvas (aspect kept): the projection rarely uses the whole square.
void EmbeddingsMapView::fitToMap() {
    QRectF bounds(0, 0, scaleOf(m_model), scaleOf(m_model));
    if (m_model && m_model->map().size() > 1) {
        const QVector<QPointF>& points = m_model->map().positions;
        const auto [minX, maxX] = std::minmax_element(
            points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
        const auto [minY, maxY] = std::minmax_element(
            points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.y() < b.y(); });
        bounds = QRectF(QPointF(minX->x(), minY->y()), QPointF(maxX->x(), maxY->y()));
        const double least = scaleOf(m_model) / 50.0; // a map of near-identical points is not blown up
        bounds.adjust(-least, -least, least, least);
    }
    const double margin = 14;
    m_scale = std::max(
        1e-6, std::min((width() - 2 * margin) / bounds.width(), (height() - 2 * margin) / bounds.height()));
    m_offset = QPointF(width() / 2.0, height() / 2.0) - bounds.center() * m_scale;
    invalidatePoints();
}

void EmbeddingsMapView::zoomBy(double factor, const QPointF& around) {
    const QPointF anchor = toMap(around);
    m_scale = std::clamp(m_scale * factor, 1e-4, 50.0);
    m_offset = around - anchor * m_scale;
    invalidatePoints();
}

void EmbeddingsMapView::onMapChanged() {
    setHovered(-1);
    buildGrid();
    fitToMap();
}

void EmbeddingsMapView::buildGrid() {
    m_cellStart.fill(0, kGridCells * kGridCells + 1);
    m_cellItems.clear();
    if (!m_model)
        return;
    const EmbeddingsMapData& map = m_model->map();
    const double cellSize = double(scaleOf(m_model)) / kGridCells;
    QVector<int> cellOf(map.size());
    for (int i = 0; i < map.size(); ++i) {
        const int cx = std::clamp(int(map.positions[i].x() / cellSize), 0, kGridCells - 1);
        const int cy = std::clamp(int(map.positions[i].y() / cellSize), 0, kGridCells - 1);
        cellOf[i] = cy * kGridCells + cx;
        ++m_cellStart[cellOf[i] + 1];
    }
    for (int c = 0; c < kGridCells * kGridCells; ++c)
        m_cellStart[c + 1] += m_cellStart[c];
    m_cellItems.resize(map.size());
    QVector<int> fill = m_cellStart;
    for (int i = 0; i < map.size(); ++i)
        m_cellItems[fill[cellOf[i]]++] = i;
}

int EmbeddingsMapView::pointAt(const QPointF& widgetPoint, double radiusPixels) const {
    if (!m_model || m_cellItems.isEmpty())
        return -1;
    const EmbeddingsMapData& map = m_model->map();
    const QPointF centre = toMap(widgetPoint);
    const double radius = radiusPixels / m_scale;
    const double cellSize = double(scaleOf(m_model)) / kGridCells;
    const int x0 = std::max(0, int((centre.x() - radius) / cellSize));
    const int x1 = std::min(kGridCells - 1, int((centre.x() + radius) / cellSize));
    const int y0 = std::max(0, int((centre.y() - radius) / cellSize));
    const int y1 = std::min(kGridCells - 1, int((centre.y() + radius) / cellSize));
    int best = -1;
    double bestDistance = radius * radius;
    for (int cy = y0; cy <= y1; ++cy) {
        for (int cx = x0; cx <= x1; ++cx) {
            const int cell = cy * kGridCells + cx;
            for (int k = m_cellStart[cell]; k < m_cellStart[cell + 1]; ++k) {
                const QPointF d = map.positions[m_cellItems[k]] - centre;
                const double distance = d.x() * d.x() + d.y() * d.y();
                if (distance <= bestDistance) {
                    bestDistance = distance;
                    best = m_cellItems[k];
                }
            }
        }
    }
    return best;
}

// The point layer: the background and one pass writing pixels; with a selection, the other points are
// faded and drawn first.
void EmbeddingsMapView::renderPoints() {
    if (m_points.size() != size())
        m_points = QImage(size(), QImage::Format_RGB32);
    const QColor background = palette().base().color();
    m_points.fill(background);
    m_pointsValid = true;
    m_renderedOffset = m_offset;
    if (!m_model || m_points.isNull())
        return;
    const EmbeddingsMapData& map = m_model->map();
    const QVector<QColor>& colours = m_model->colours();
    const bool selecting = !m_model->selectionPolygon().isEmpty();
    QVector<QRgb> full(colours.size()), faded(colours.size());
    for (int l = 0; l < colours.size(); ++l) {
        full[l] = over(colours[l], 255, background);
        faded[l] = over(colours[l], 55, background);
    }
    QVector<char> chosen(selecting ? map.size() : 0, 0);
    for (int i : m_model->selection())
        chosen[i] = 1;
    // Bigger dots when zoomed in, and when there are few enough that they rarely hide each other.
    const int half = (m_scale * scaleOf(m_model) > 1500 ? 2 : 1) + (map.size() < 5000 ? 1 : 0);
    const PointPlotter plotter(m_points, half);
    const QPointF* positions = map.positions.constData();
    const int* labels = map.labelOf.constData();
    const double scale = m_scale, left = m_offset.x(), top = m_offset.y();
    const QRgb* normal = selecting ? faded.constData() : full.constData();
    for (int i = 0; i < map.size(); ++i) {
        if (!selecting || !chosen[i])
            plotter.plot(left + positions[i].x() * scale, top + positions[i].y() * scale, normal[labels[i]]);
    }
    for (int i : m_model->selection())
        plotter.plot(left + positions[i].x() * scale, top + positions[i].y() * scale, full[labels[i]]);
}

void EmbeddingsMapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!m_model || m_model->map().size() == 0)
        return paintEmptyText(painter);
    if (!m_pointsValid || m_points.size() != size())
        renderPoints();
    painter.drawImage(m_offset - m_renderedOffset, m_points); // shifted only while a pan drags
    painter.setRenderHint(QPainter::Antialiasing);
    const QPolygonF& selection = m_model->selectionPolygon();
    if (!m_drawing && selection.size() >= 3) {
        QPolygonF shown;
        for (const QPointF& p : selection)
            shown << toWidget(p);
        painter.setPen(QPen(palette().highlight().color(), 1.5, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolygon(shown);
    }
    if (m_drawing && m_lasso.size() > 1) {
        QColor fill = palette().highlight().color();
        fill.setAlpha(40);
        painter.setPen(QPen(palette().highlight().color(), 1.5));
        painter.setBrush(fill);
        painter.drawPolygon(m_lasso);
    }
    if (m_hovered >= 0)
        paintHoverCard(painter);
}

void EmbeddingsMapView::paintEmptyText(QPainter& painter) {
    painter.setPen(palette().placeholderText().color());
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No map to show"));
}

// A ring around the hovered point and a card with its thumbnail (loaded on demand, repainted on arrival)
// and label, kept inside the widget.
void EmbeddingsMapView::paintHoverCard(QPainter& painter) {
    const EmbeddingsMapData& map = m_model->map();
    const QPointF centre = toWidget(map.positions[m_hovered]);
    painter.setPen(QPen(palette().text().color(), 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(centre, 5, 5);

    const QString label = map.labels.value(map.labelOf[m_hovered]);
    QPixmap thumb;
    if (m_thumbnails)
        thumb = m_thumbnails->thumbnail(m_model->thumbnailUrl(m_hovered), kHoverThumb);
    const QSize picture =
        thumb.isNull() ? kHoverThumb : thumb.size().scaled(kHoverThumb, Qt::KeepAspectRatio);
    const int textHeight = fontMetrics().height() + 4;
    QRectF card(0, 0, std::max(picture.width(), fontMetrics().horizontalAdvance(label)) + 12,
                picture.height() + textHeight + 12);
    QPointF at = centre + QPointF(14, 14);
    if (at.x() + card.width() > width())
        at.setX(centre.x() - 14 - card.width());
    if (at.y() + card.height() > height())
        at.setY(centre.y() - 14 - card.height());
    card.moveTopLeft(QPointF(std::max(0.0, at.x()), std::max(0.0, at.y())));
    painter.setPen(QPen(palette().mid().color()));
    painter.setBrush(palette().window());
    painter.drawRoundedRect(card, 4, 4);
    const QRectF pictureRect(card.left() + 6, card.top() + 6, picture.width(), picture.height());
    if (thumb.isNull()) {
        painter.setPen(palette().placeholderText().color());
        painter.drawText(pictureRect, Qt::AlignCenter, tr("loading…"));
    } else {
        painter.drawPixmap(pictureRect.toRect(), thumb);
    }
    painter.setPen(QPen(m_model->colourOf(map.labelOf[m_hovered]).darker(110)));
    painter.drawText(QRectF(card.left() + 6, pictureRect.bottom() + 4, card.width() - 12, textHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
}

void EmbeddingsMapView::setHovered(int index) {
    if (index == m_hovered)
        return;
    m_hovered = index;
    update();
}

void EmbeddingsMapView::resizeEvent(QResizeEvent*) {
    fitToMap();
}

void EmbeddingsMapView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_drawing = true;
        m_lasso = QPolygonF({event->position()});
        setHovered(-1);
    } else if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        m_panning = true;
        m_lastPan = event->position();
        setCursor(Qt::ClosedHandCursor);
    }
}

void EmbeddingsMapView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    if (m_drawing) {
        const QPointF d = pos - m_lasso.last();
        if (d.x() * d.x() + d.y() * d.y() >= 9) { // a vertex every 3 px keeps the polygon small
            m_lasso << pos;
            update();
        }
        return;
    }
    if (m_panning) {
        m_offset += pos - m_lastPan;
        m_lastPan = pos;
        return update(); // the cached layer is drawn shifted until the pan ends
    }
    setHovered(pointAt(pos));
}

void EmbeddingsMapView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning && (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton)) {
        m_panning = false;
        unsetCursor();
        return invalidatePoints();
    }
    if (!m_drawing || event->button() != Qt::LeftButton)
        return;
    m_drawing = false;
    m_lasso << event->position();
    QPolygonF polygon;
    const int step = int(m_lasso.size() / kMaxLassoVertices) + 1;
    for (int i = 0; i < m_lasso.size(); i += step) {
        // Tenths of a map unit: the filter chip writes vertices with one decimal, so the grid's filter
        // tests exactly the polygon this selection was made with.
        const QPointF p = toMap(m_lasso[i]);
        polygon << QPointF(std::round(p.x() * 10) / 10, std::round(p.y() * 10) / 10);
    }
    m_lasso.clear();
    // A click (no area to speak of) clears the selection.
    if (polygon.size() < 3 || polygon.boundingRect().width() * m_scale < 3 ||
        polygon.boundingRect().height() * m_scale < 3)
        polygon.clear();
    if (polygon.isEmpty())
        m_model->clearSelection();
    else
        m_model->select(polygon);
    update();
    emit lassoFinished(polygon);
}

void EmbeddingsMapView::mouseDoubleClickEvent(QMouseEvent*) {
    fitToMap();
}

void EmbeddingsMapView::wheelEvent(QWheelEvent* event) {
    zoomBy(std::pow(1.0015, event->angleDelta().y()), event->position());
}

void EmbeddingsMapView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && !m_model->selectionPolygon().isEmpty()) {
        m_model->clearSelection();
        emit lassoFinished({});
        return;
    }
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Minus) {
        zoomBy(event->key() == Qt::Key_Plus ? 1.25 : 0.8, rect().center());
        return;
    }
    QWidget::keyPressEvent(event);
}

void EmbeddingsMapView::leaveEvent(QEvent*) {
    setHovered(-1);
}

} // namespace vl
