#pragma once

#include "ApiClient.h"
#include "ApiError.h"
#include "ApiJob.h"
#include "EnrichmentModel.h"

#include <QAbstractItemModel>
#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QVector>

namespace vl {

class EnrichDatasetJob;

// The enrichment catalogue of one dataset as a two-level tree: enrichment types, each with its
// models. Only Active models can be chosen, at most one per type; the model applied in the
// dataset's context is marked. Choosing a model whose type depends on other types also chooses a
// model for each of those (unless already applied), and un-choosing a type un-chooses the types
// that depend on it; every such automatic change is explained through selectionExplained().
class EnrichmentModelsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, VendorColumn, StatusColumn, ColumnCount };
    enum Role {
        ModelIdRole = Qt::UserRole + 1,
        TypeRole,
        DescriptionRole,
        DependenciesRole, // QStringList of types
        ActiveRole,
        AppliedRole,
        IsTypeRole // true on the type (group) rows
    };

    explicit EnrichmentModelsModel(QObject* parent = nullptr);
    ~EnrichmentModelsModel() override;

    // Loads list_models and the context through the API.
    void load(ApiClient* client, const QString& datasetId);
    bool isLoading() const { return m_pendingJobs > 0; }
    // Sets the catalogue directly (what load() does with the answers).
    void setCatalogue(const QVector<EnrichmentModel>& models, const EnrichmentContext& context);

    // Selection. Return false (with the reason in *why) when the model cannot be chosen.
    bool selectModel(const QString& modelId, QString* why = nullptr);
    void deselectType(const QString& type, QString* why = nullptr);
    QString selectedModel(const QString& type) const { return m_selection.value(type); }
    EnrichmentRequest request() const;
    bool hasSelection() const { return !m_selection.isEmpty(); }

    // Starts POST enrich_dataset with the current selection.
    void startEnrichment();
    bool isStarting() const { return m_enrichJob != nullptr; }

    const EnrichmentModel* modelById(const QString& modelId) const;
    QVector<EnrichmentModel> models() const; // the whole catalogue, type by type
    const EnrichmentContext& context() const { return m_context; }
    static QString typeDisplayName(const QString& type); // CAPTION_OBJECTS -> "Caption objects"

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void loadFailed(const vl::ApiError& error);
    void selectionChanged();
    void selectionExplained(const QString& explanation);
    void enrichmentStarted(const QString& newDatasetId);
    void enrichmentFailed(const vl::ApiError& error, const QString& explanation);

private:
    struct TypeGroup {
        QString type;
        QVector<EnrichmentModel> models;
    };
    const EnrichmentModel* firstActiveModel(const QString& type) const;
    bool isApplied(const EnrichmentModel& model) const;
    bool collectDependencies(const EnrichmentModel& model, QMap<QString, QString>& chosen, QStringList& notes,
                             QString* why) const;
    void notifySelectionRows();
    void onJobFinished(ApiJob* job);
    void onEnrichFinished(EnrichDatasetJob* job);
    QString explainEnrichError(const ApiError& error) const;

    QPointer<ApiClient> m_client;
    QString m_datasetId;
    int m_pendingJobs = 0;
    QVector<EnrichmentModel> m_loadedModels;
    EnrichmentContext m_loadedContext;
    QVector<TypeGroup> m_groups;
    EnrichmentContext m_context;
    QMap<QString, QString> m_selection; // type -> model id
    QPointer<ApiJob> m_enrichJob;
    QVector<QPointer<ApiJob>> m_loadJobs;
};

} // namespace vl
