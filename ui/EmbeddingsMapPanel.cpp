#include "EmbeddingsMapPanel.h"

#include "EmbeddingsMapModel.h"
#include "EmbeddingsMapView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace vl {

EmbeddingsMapPanel::EmbeddingsMapPanel(EmbeddingsMapModel* model, ThumbnailCache* thumbnails, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new EmbeddingsMapView(model, thumbnails, this))
    , m_legend(new QListView(this))
    , m_status(new QLabel(this))
    , m_clear(new QPushButton(tr("Clear selection"), this)) {
    m_legend->setModel(model);
    // The legend as wrapping chips under the canvas: the dock is tall and narrow.
    m_legend->setViewMode(QListView::ListMode);
    m_legend->setFlow(QListView::LeftToRight);
    m_legend->setWrapping(true);
    m_legend->setResizeMode(QListView::Adjust);
    m_legend->setSpacing(2);
    m_legend->setUniformItemSizes(false);
    m_legend->setSelectionMode(QAbstractItemView::NoSelection);
    m_legend->setMaximumHeight(96);
    m_legend->setToolTip(tr("Point colours by label (folder label, else the first object found)"));
    m_status->setWordWrap(true);
    m_clear->setEnabled(false);

    auto* footer = new QHBoxLayout;
    footer->addWidget(m_status, 1);
    footer->addWidget(m_clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);
    layout->addLayout(footer);

    connect(m_view, &EmbeddingsMapView::lassoFinished, this, &EmbeddingsMapPanel::regionSelected);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_model->clearSelection();
        emit regionSelected({});
    });
    connect(model, &EmbeddingsMapModel::stateChanged, this, &EmbeddingsMapPanel::updateStatus);
    connect(model, &EmbeddingsMapModel::selectionChanged, this, &EmbeddingsMapPanel::updateStatus);
    connect(model, &EmbeddingsMapModel::mapChanged, this, &EmbeddingsMapPanel::updateStatus);
    updateStatus();
}

QString EmbeddingsMapPanel::statusText() const {
    return m_status->text();
}

void EmbeddingsMapPanel::updateStatus() {
    const int selected = int(m_model->selection().size());
    m_clear->setEnabled(!m_model->selectionPolygon().isEmpty());
    switch (m_model->state()) {
    case EmbeddingsMapModel::State::Empty:
        return m_status->setText(tr("Open a dataset to see its map."));
    case EmbeddingsMapModel::State::Loading:
        return m_status->setText(tr("Projecting the dataset's vectors…"));
    case EmbeddingsMapModel::State::Unavailable:
        return m_status->setText(tr("This server has no embeddings map (a local engine extension)."));
    case EmbeddingsMapModel::State::Failed:
        return m_status->setText(tr("The map could not be loaded: %1").arg(m_model->errorText()));
    case EmbeddingsMapModel::State::Ready:
        break;
    }
    QString text = tr("%n images, projected with %1", nullptr, m_model->map().size())
                       .arg(m_model->map().method.toUpper());
    if (!m_model->selectionPolygon().isEmpty())
        text += tr(" · %n selected: the grid shows them", nullptr, selected);
    else
        text += tr(" · drag around points to filter the grid; wheel zooms, right-drag pans");
    m_status->setText(text);
}

} // namespace vl
