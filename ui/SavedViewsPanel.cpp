#include "SavedViewsPanel.h"

#include "SavedViewsModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace vl {

SavedViewsPanel::SavedViewsPanel(SavedViewsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_list(new QListView(this))
    , m_empty(new QLabel(this))
    , m_save(new QPushButton(tr("Save view…"), this))
    , m_rename(new QPushButton(tr("Rename"), this))
    , m_remove(new QPushButton(tr("Delete"), this)) {
    m_list->setObjectName(QStringLiteral("savedViewsList"));
    m_list->setModel(model);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_save->setToolTip(tr("Name the current search (text, filters, entity type, granularity, anchor)"));

    auto* remove = new QAction(tr("Delete"), m_list);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, &SavedViewsPanel::removeSelected);
    auto* rename = new QAction(tr("Rename"), m_list);
    connect(rename, &QAction::triggered, this, &SavedViewsPanel::renameSelected);
    m_list->addActions({rename, remove});
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_remove);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_empty);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &SavedViewsPanel::askToSave);
    connect(m_rename, &QPushButton::clicked, this, &SavedViewsPanel::renameSelected);
    connect(m_remove, &QPushButton::clicked, this, &SavedViewsPanel::removeSelected);
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex& index) {
        if (m_model && index.isValid())
            emit restoreRequested(m_model->view(index.row()));
    });
    connect(model, &QAbstractItemModel::modelReset, this, &SavedViewsPanel::updateState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &SavedViewsPanel::updateState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SavedViewsPanel::updateState);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SavedViewsPanel::updateState);
    updateState();
}

void SavedViewsPanel::updateState() {
    const bool scoped = m_model && !m_model->datasetId().isEmpty();
    const bool empty = !m_model || m_model->rowCount() == 0;
    m_empty->setText(!scoped ? tr("Open a dataset to see its saved views.")
                             : tr("No saved views yet: search, then \"Save view…\"."));
    m_empty->setVisible(empty);
    m_save->setEnabled(scoped && m_current);
    m_rename->setEnabled(selectedRow() >= 0);
    m_remove->setEnabled(selectedRow() >= 0);
}

int SavedViewsPanel::selectedRow() const {
    const QModelIndexList rows = m_list->selectionModel()->selectedIndexes();
    return rows.isEmpty() ? -1 : rows.first().row();
}

int SavedViewsPanel::saveCurrentView(const QString& name) {
    if (!m_model || !m_current)
        return -1;
    SavedView view = m_current();
    view.name = name;
    const int row = m_model->save(view);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
    return row;
}

void SavedViewsPanel::askToSave() {
    if (!m_model || !m_current)
        return;
    const SavedView current = m_current();
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save view"),
                                               tr("Name for this view (%1):").arg(current.description()),
                                               QLineEdit::Normal, current.text, &ok);
    if (ok && !name.trimmed().isEmpty())
        saveCurrentView(name);
}

void SavedViewsPanel::renameSelected() {
    const int row = selectedRow();
    if (row >= 0)
        m_list->edit(m_model->index(row));
}

void SavedViewsPanel::removeSelected() {
    const int row = selectedRow();
    if (row >= 0 && m_model)
        m_model->remove(row);
}

} // namespace vl
