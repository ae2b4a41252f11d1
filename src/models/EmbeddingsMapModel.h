#pragma once

#include "ApiError.h"
#include "EmbeddingsMapData.h"

#include <QAbstractListModel>
#include <QColor>
#include <QPointer>
#include <QUrl>

namespace vl {

class ApiClient;
class EmbeddingsMapJob;

// One dataset's embeddings map for the map view: the points (loaded through EmbeddingsMapJob from the
// local engine's extension), a colour per label, and the lasso selection. Its rows are the legend:
// one per label, most frequent first. Servers without the extension answer 404: the state becomes
// Unavailable and the view hides itself.
class EmbeddingsMapModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class State { Empty, Loading, Ready, Unavailable, Failed };
    enum Role { CountRole = Qt::UserRole + 1, LabelIndexRole };

    explicit EmbeddingsMapModel(QObject* parent = nullptr);
    ~EmbeddingsMapModel() override;

    void setClient(ApiClient* client); // forgets the map; the state becomes Empty
    void setDataset(const QString& datasetId);
    void reload();
    QString datasetId() const { return m_datasetId; }
    State state() const { return m_state; }
    QString errorText() const { return m_error.message; }

    const EmbeddingsMapData& map() const { return m_map; }
    QColor colourOf(int labelIndex) const { return m_colours.value(labelIndex); }
    const QVector<QColor>& colours() const { return m_colours; }
    // Where the 256 px thumbnail of point `index` is served (by media id, with the client's token).
    QUrl thumbnailUrl(int index) const;

    // The lasso: the points inside `polygon` (map units) become the selection.
    void select(const QPolygonF& polygon);
    void clearSelection();
    const QPolygonF& selectionPolygon() const { return m_polygon; }
    const QVector<int>& selection() const { return m_selected; }
    QStringList selectedMediaIds() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // Distinct colours for `count` labels; "unlabelled" is grey wherever it is.
    static QVector<QColor> paletteFor(const QStringList& labels);

signals:
    void stateChanged(vl::EmbeddingsMapModel::State state);
    void mapChanged();
    void selectionChanged();

private:
    void setState(State state);
    void onLoaded(EmbeddingsMapJob* job);
    void abort();

    QPointer<ApiClient> m_client;
    QPointer<EmbeddingsMapJob> m_job;
    QString m_datasetId;
    State m_state = State::Empty;
    ApiError m_error;
    EmbeddingsMapData m_map;
    QVector<QColor> m_colours;
    QVector<int> m_legend; // label indices, most frequent first
    QVector<int> m_counts; // by label index
    QPolygonF m_polygon;
    QVector<int> m_selected;
};

} // namespace vl
