#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTreeView;

namespace vl {

class EnrichmentModelsModel;

// Choose enrichment models for a dataset (grouped by type; Coming Soon disabled; applied ones
// marked; dependencies chosen automatically with an explanation) and start the enrichment. The new
// copy's id is reported through started(); failures (409 and others) are explained in place.
class EnrichmentDialog : public QDialog {
    Q_OBJECT
public:
    // `model` lists the models for the dataset (Session::enrichmentModels()); the dialog takes it over.
    EnrichmentDialog(EnrichmentModelsModel* model, const QString& datasetName, QWidget* parent = nullptr);

    EnrichmentModelsModel* model() const { return m_model; }
    QString explanationText() const;
    QString errorText() const;

signals:
    void started(const QString& newDatasetId, const QString& title);

private:
    void showDetails(const QModelIndex& index);
    void updateButtons();
    void setError(const QString& text);

    QString m_datasetName;
    EnrichmentModelsModel* m_model;
    QTreeView* m_view;
    QLabel* m_details;
    QLabel* m_explanation;
    QLabel* m_error;
    QPushButton* m_start;
};

} // namespace vl
