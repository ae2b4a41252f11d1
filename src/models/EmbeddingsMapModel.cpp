#include "EmbeddingsMapModel.h"

#include "ApiClient.h"
#include "EmbeddingsMapJob.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace vl {

namespace {

const QString kUnlabelled = QStringLiteral("unlabelled");

} // namespace

EmbeddingsMapModel::EmbeddingsMapModel(QObject* parent)
    : QAbstractListModel(parent) {}

EmbeddingsMapModel::~EmbeddingsMapModel() {
    abort();
}

void EmbeddingsMapModel::setClient(ApiClient* client) {
    abort();
    m_client = client;
    m_datasetId.clear();
    beginResetModel();
    m_map = {};
    m_colours.clear();
    m_legend.clear();
    m_counts.clear();
    endResetModel();
    clearSelection();
    emit mapChanged();
    setState(State::Empty);
}

void EmbeddingsMapModel::setDataset(const QString& datasetId) {
    if (datasetId == m_datasetId && (m_state == State::Ready || m_state == State::Loading))
        return;
    m_datasetId = datasetId;
    reload();
}

void EmbeddingsMapModel::reload() {
    abort();
    if (!m_client || m_datasetId.isEmpty())
        return setState(State::Empty);
    m_job = new EmbeddingsMapJob(m_client, m_datasetId);
    EmbeddingsMapJob* job = m_job;
    connect(job, &ApiJob::finished, this, [this, job] { onLoaded(job); });
    setState(State::Loading);
}

void EmbeddingsMapModel::onLoaded(EmbeddingsMapJob* job) {
    if (job != m_job)
        return;
    m_job.clear();
    m_error = job->error();
    if (!job->isSuccess()) {
        if (m_error.kind == ApiError::Kind::Cancelled)
            return;
        // A server without the extension: no route (404) or no such method (405).
        const bool missing = m_error.kind == ApiError::Kind::NotFound || m_error.httpStatus == 405;
        return setState(missing ? State::Unavailable : State::Failed);
    }
    beginResetModel();
    m_map = job->map();
    m_colours = paletteFor(m_map.labels);
    m_counts = QVector<int>(m_map.labels.size(), 0);
    for (int label : m_map.labelOf)
        ++m_counts[label];
    m_legend.resize(m_map.labels.size());
    std::iota(m_legend.begin(), m_legend.end(), 0);
    std::stable_sort(m_legend.begin(), m_legend.end(),
                     [this](int a, int b) { return m_counts[a] > m_counts[b]; });
    endResetModel();
    clearSelection();
    emit mapChanged();
    setState(State::Ready);
}

void EmbeddingsMapModel::abort() {
    if (m_job)
        m_job->abort();
    m_job.clear();
}

void EmbeddingsMapModel::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QUrl EmbeddingsMapModel::thumbnailUrl(int index) const {
    if (!m_client || index < 0 || index >= m_map.size())
        return {};
    return m_client->apiUrl(QStringLiteral("/media/") +
                            QString::fromLatin1(QUrl::toPercentEncoding(m_map.mediaIds[index])) +
                            QStringLiteral("/thumb/256"));
}

void EmbeddingsMapModel::select(const QPolygonF& polygon) {
    m_polygon = polygon;
    m_selected = m_map.inside(polygon);
    emit selectionChanged();
}

void EmbeddingsMapModel::clearSelection() {
    if (m_polygon.isEmpty() && m_selected.isEmpty())
        return;
    m_polygon.clear();
    m_selected.clear();
    emit selectionChanged();
}

QStringList EmbeddingsMapModel::selectedMediaIds() const {
    QStringList ids;
    ids.reserve(m_selected.size());
    for (int i : m_selected)
        ids.append(m_map.mediaIds[i]);
    return ids;
}

int EmbeddingsMapModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_legend.size());
}

QVariant EmbeddingsMapModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_legend.size())
        return {};
    const int label = m_legend[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return m_map.labels[label];
    case Qt::DecorationRole:
        return m_colours[label];
    case Qt::ToolTipRole:
        return tr("%1: %n points", nullptr, m_counts[label]).arg(m_map.labels[label]);
    case CountRole:
        return m_counts[label];
    case LabelIndexRole:
        return label;
    default:
        return {};
    }
}

// Hues spread by the golden angle, so neighbours in the legend differ clearly whatever the count.
QVector<QColor> EmbeddingsMapModel::paletteFor(const QStringList& labels) {
    QVector<QColor> colours;
    colours.reserve(labels.size());
    int coloured = 0;
    for (const QString& label : labels) {
        if (label == kUnlabelled) {
            colours.append(QColor(150, 150, 150));
            continue;
        }
        const int hue = int(std::fmod(20 + coloured * 137.508, 360.0));
        const int value = coloured % 2 ? 200 : 235;
        colours.append(QColor::fromHsv(hue, 190, value));
        ++coloured;
    }
    return colours;
}

} // namespace vl
