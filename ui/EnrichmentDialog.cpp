#include "EnrichmentDialog.h"

#include "Theme.h"

#include "EnrichmentModelsModel.h"
#include "Icons.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace vl {

EnrichmentDialog::EnrichmentDialog(EnrichmentModelsModel* model, const QString& datasetName, QWidget* parent)
    : QDialog(parent)
    , m_datasetName(datasetName)
    , m_model(model)
    , m_view(new QTreeView(this))
    , m_details(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_error(new QLabel(this))
    , m_start(new QPushButton(icon("enrich"), tr("Start enrichment"), this)) {
    m_model->setParent(this);
    setWindowTitle(tr("Enrich %1").arg(datasetName));
    auto* intro = new QLabel(tr("Enrichment runs AI models over the dataset and creates an enriched copy; "
                                "the original stays unchanged. Choose at most one model per type."),
                             this);
    intro->setWordWrap(true);
    m_view->setModel(m_model);
    m_view->setObjectName(QStringLiteral("enrichmentModels"));
    m_view->header()->setSectionResizeMode(EnrichmentModelsModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->setUniformRowHeights(true);
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setMinimumWidth(220);
    m_details->setText(tr("Loading the models available for this dataset…"));
    m_explanation->setWordWrap(true);
    m_explanation->setStyleSheet(QStringLiteral("color: palette(link);"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(Theme::errorTextStyle());
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, [this] {
        setError({});
        m_model->startEnrichment();
        updateButtons();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_explanation);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(760, 480);

    connect(m_model, &EnrichmentModelsModel::loaded, this, [this] {
        m_view->expandAll();
        for (int column = 1; column < EnrichmentModelsModel::ColumnCount; ++column)
            m_view->resizeColumnToContents(column);
        m_details->setText(tr("Select a model to read about it."));
        updateButtons();
    });
    connect(m_model, &EnrichmentModelsModel::loadFailed, this, [this](const ApiError& error) {
        m_details->clear();
        setError(tr("The models could not be loaded: %1").arg(error.message));
    });
    connect(m_model, &EnrichmentModelsModel::selectionExplained, m_explanation, &QLabel::setText);
    connect(m_model, &EnrichmentModelsModel::selectionChanged, this, &EnrichmentDialog::updateButtons);
    connect(m_model, &EnrichmentModelsModel::enrichmentFailed, this,
            [this](const ApiError&, const QString& why) {
                setError(why);
                updateButtons();
            });
    connect(m_model, &EnrichmentModelsModel::enrichmentStarted, this, [this](const QString& newId) {
        emit started(newId, tr("Enriching %1").arg(m_datasetName));
        accept();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &EnrichmentDialog::showDetails);
    updateButtons();
}

void EnrichmentDialog::showDetails(const QModelIndex& index) {
    const QModelIndex first = index.siblingAtColumn(0);
    if (!first.isValid() || first.data(EnrichmentModelsModel::IsTypeRole).toBool()) {
        m_details->setText(first.isValid() ? first.data().toString() : QString());
        return;
    }
    QString html =
        QStringLiteral("<b>%1</b><br><i>%2 · %3</i><p>%4</p>")
            .arg(first.data().toString().toHtmlEscaped(),
                 first.siblingAtColumn(EnrichmentModelsModel::VendorColumn).data().toString().toHtmlEscaped(),
                 EnrichmentModelsModel::typeDisplayName(
                     first.data(EnrichmentModelsModel::TypeRole).toString()),
                 first.data(EnrichmentModelsModel::DescriptionRole).toString().toHtmlEscaped());
    const QStringList dependencies = first.data(EnrichmentModelsModel::DependenciesRole).toStringList();
    if (!dependencies.isEmpty()) {
        QStringList names;
        for (const QString& type : dependencies)
            names << EnrichmentModelsModel::typeDisplayName(type).toLower();
        html += tr("<p>Needs %1: a model for it is chosen automatically unless already applied.</p>")
                    .arg(names.join(QStringLiteral(", ")));
    }
    if (!first.data(EnrichmentModelsModel::ActiveRole).toBool())
        html += tr("<p>Coming soon: not available yet.</p>");
    else if (first.data(EnrichmentModelsModel::AppliedRole).toBool())
        html += tr("<p>Already applied to this dataset.</p>");
    m_details->setText(html);
}

void EnrichmentDialog::updateButtons() {
    m_start->setEnabled(m_model->hasSelection() && !m_model->isStarting() && !m_model->isLoading());
}

void EnrichmentDialog::setError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

QString EnrichmentDialog::explanationText() const {
    return m_explanation->text();
}

QString EnrichmentDialog::errorText() const {
    return m_error->text();
}

} // namespace vl
