#pragma once

#include <QPointer>
#include <QPolygonF>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace vl {

class EmbeddingsMapModel;
class EmbeddingsMapView;
class ThumbnailCache;

// The Map dock's content: the map canvas, its legend (labels with colours and counts), a status line
// (points, projection, how many are selected) and "Clear selection". A closed lasso asks for the grid to
// be filtered to it (regionSelected); clearing asks for the filter to go (an empty polygon).
class EmbeddingsMapPanel : public QWidget {
    Q_OBJECT
public:
    EmbeddingsMapPanel(EmbeddingsMapModel* model, ThumbnailCache* thumbnails, QWidget* parent = nullptr);

    EmbeddingsMapView* view() const { return m_view; }
    QListView* legend() const { return m_legend; }
    QString statusText() const;

signals:
    void regionSelected(const QPolygonF& mapPolygon);

private:
    void updateStatus();

    QPointer<EmbeddingsMapModel> m_model;
    EmbeddingsMapView* m_view;
    QListView* m_legend;
    QLabel* m_status;
    QPushButton* m_clear;
};

} // namespace vl
