#include "DatasetListWidget.h"

#include "DatasetListModel.h"
#include "DatasetStatusDelegate.h"
#include "Icons.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace vl {

DatasetListWidget::DatasetListWidget(DatasetListModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_empty(new QLabel(this)) {
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(DatasetListModel::SortRole);
    m_proxy->setFilterKeyColumn(DatasetListModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setPlaceholderText(tr("Filter datasets"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(icon("filter"), QLineEdit::LeadingPosition);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("datasetList"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DatasetListModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegateForColumn(DatasetListModel::StatusColumn, new DatasetStatusDelegate(m_view));
    applyColumnSizing();
    m_view->installEventFilter(this);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &DatasetListWidget::showContextMenu);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString id = datasetIdAt(index);
        if (!id.isEmpty())
            emit openRequested(id);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { emit currentChanged(datasetIdAt(current)); });

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    setEmptyText(tr("No datasets yet.\nUse \"Add folder…\" or drop a folder of images on this window."));
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DatasetListWidget::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DatasetListWidget::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DatasetListWidget::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &DatasetListWidget::updateEmptyState);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
    updateEmptyState();
}

void DatasetListWidget::setEmptyText(const QString& text) {
    m_empty->setText(text);
}

void DatasetListWidget::updateEmptyState() {
    const bool empty = m_proxy->rowCount() == 0 && m_filter->text().isEmpty();
    m_empty->setVisible(empty);
    m_view->setVisible(!empty);
}

QString DatasetListWidget::datasetIdAt(const QModelIndex& proxyIndex) const {
    return proxyIndex.isValid() ? proxyIndex.data(DatasetListModel::DatasetIdRole).toString() : QString();
}

QString DatasetListWidget::currentDatasetId() const {
    return datasetIdAt(m_view->currentIndex());
}

void DatasetListWidget::focusFilter() {
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

QByteArray DatasetListWidget::saveHeaderState() const {
    return m_view->header()->saveState();
}

void DatasetListWidget::restoreHeaderState(const QByteArray& state) {
    if (!state.isEmpty())
        m_view->header()->restoreState(state); // sort order; the saved widths may predate the sizing
    applyColumnSizing();
}

// The name takes the spare width; status, progress, counts and dates are never cut ("22 Nov 2026 …").
void DatasetListWidget::applyColumnSizing() {
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(40);
    for (int column = 0; column < DatasetListModel::ColumnCount; ++column)
        header->setSectionResizeMode(column, column == DatasetListModel::NameColumn
                                                 ? QHeaderView::Stretch
                                                 : QHeaderView::ResizeToContents);
}

bool DatasetListWidget::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Delete && !currentDatasetId().isEmpty()) {
            emit deleteRequested(currentDatasetId());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DatasetListWidget::setModel(DatasetListModel* model) {
    m_model = model;
    m_proxy->setSourceModel(model);
    updateEmptyState();
}

void DatasetListWidget::showContextMenu(const QPoint& position) {
    const QModelIndex index = m_view->indexAt(position);
    const QString id = datasetIdAt(index);
    if (id.isEmpty())
        return;
    const bool searchable = index.data(DatasetListModel::SearchableRole).toBool();
    QMenu menu(this);
    QAction* open = menu.addAction(icon("open"), tr("Open"), this, [this, id] { emit openRequested(id); });
    open->setEnabled(searchable);
    QAction* enrich =
        menu.addAction(icon("enrich"), tr("Enrich…"), this, [this, id] { emit enrichRequested(id); });
    enrich->setEnabled(searchable);
    QAction* exportAction =
        menu.addAction(icon("export"), tr("Export…"), this, [this, id] { emit exportRequested(id); });
    exportAction->setEnabled(searchable);
    QAction* rescan =
        menu.addAction(icon("refresh"), tr("Rescan folder"), this, [this, id] { emit reindexRequested(id); });
    rescan->setEnabled(!index.data(DatasetListModel::BusyRole).toBool());
    menu.addSeparator();
    menu.addAction(icon("delete"), tr("Delete…"), this, [this, id] { emit deleteRequested(id); });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace vl
