#include "ResultSelectionActions.h"

#include "ClusterResultsModel.h"
#include "Icons.h"

#include <QAbstractItemView>
#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QMenu>
#include <QUrl>

namespace vl {

// Opening a folder per item would flood the desktop with windows: a few at most.
static constexpr int kMaxFoldersOpened = 5;

ResultSelectionActions::ResultSelectionActions(QAbstractItemView* grid, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
    , m_openUrl([](const QUrl& url) { return QDesktopServices::openUrl(url); }) {
    m_export =
        makeAction(tr("Export selection…"), QStringLiteral("export"), QKeySequence(Qt::CTRL | Qt::Key_E),
                   tr("Export the selected items (metadata, optionally the images) to a ZIP archive"));
    m_findSimilar = makeAction(tr("Find similar"), QStringLiteral("similar"),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
                               tr("Search for images like the first selected one"));
    m_copyPaths = makeAction(tr("Copy file paths"), QString(), QKeySequence::Copy,
                             tr("Copy the selected items' file paths (one a line)"));
    m_openFolder = makeAction(tr("Open in file manager"), QStringLiteral("open"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                              tr("Show the folders holding the selected files"));
    m_compare = makeAction(tr("Compare…"), QString(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                           tr("Two images side by side: select two cards, or one card of two or more"));
    connect(m_export, &QAction::triggered, this, [this] {
        const QStringList ids = selection().exportMediaIds();
        if (!ids.isEmpty())
            emit exportRequested(ids);
    });
    connect(m_findSimilar, &QAction::triggered, this, [this] {
        const QString id = selection().anchorMediaId();
        if (!id.isEmpty())
            emit findSimilarRequested(id);
    });
    connect(m_copyPaths, &QAction::triggered, this, &ResultSelectionActions::copyPaths);
    connect(m_openFolder, &QAction::triggered, this, &ResultSelectionActions::openFolders);
    connect(m_compare, &QAction::triggered, this, [this] {
        const QVector<Preview> pair = selection().comparePair();
        if (pair.size() == 2)
            emit compareRequested(pair.at(0), pair.at(1));
    });
    m_grid->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_grid->addActions(actions());
    update();
}

QAction* ResultSelectionActions::makeAction(const QString& text, const QString& iconName,
                                            const QKeySequence& shortcut, const QString& toolTip) {
    auto* action = new QAction(text, this);
    if (!iconName.isEmpty())
        action->setIcon(icon(iconName));
    action->setShortcut(shortcut);
    // Only while the grid (or its viewport) has focus: Ctrl+C in the query box copies its text.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(toolTip, shortcut.toString(QKeySequence::NativeText)));
    return action;
}

QList<QAction*> ResultSelectionActions::actions() const {
    return {m_findSimilar, m_compare, m_export, m_copyPaths, m_openFolder};
}

void ResultSelectionActions::addTo(QMenu* menu) const {
    menu->addActions(actions());
}

void ResultSelectionActions::setResults(ClusterResultsModel* results) {
    m_results = results;
    if (m_grid->selectionModel()) {
        connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &ResultSelectionActions::update, Qt::UniqueConnection);
    }
    if (results) {
        connect(results, &QAbstractItemModel::modelReset, this, &ResultSelectionActions::update,
                Qt::UniqueConnection);
    }
    update();
}

QList<int> ResultSelectionActions::selectedRows() const {
    QList<int> rows;
    if (!m_grid->selectionModel())
        return rows;
    for (const QModelIndex& index : m_grid->selectionModel()->selectedIndexes())
        rows.append(index.row());
    return rows;
}

ResultSelection ResultSelectionActions::selection() const {
    if (!m_results || m_grid->model() != m_results)
        return {};
    return ResultSelection(*m_results, selectedRows());
}

void ResultSelectionActions::update() {
    const ResultSelection current = selection();
    m_export->setEnabled(!current.exportMediaIds().isEmpty());
    m_findSimilar->setEnabled(!current.anchorMediaId().isEmpty());
    m_copyPaths->setEnabled(!current.filePaths().isEmpty());
    m_openFolder->setEnabled(!current.localFolders().isEmpty());
    m_compare->setEnabled(current.comparePair().size() == 2);
    emit selectionChanged(current);
}

void ResultSelectionActions::copyPaths() const {
    const QStringList paths = selection().filePaths();
    if (!paths.isEmpty())
        QGuiApplication::clipboard()->setText(paths.join(QLatin1Char('\n')));
}

void ResultSelectionActions::openFolders() const {
    const QStringList folders = selection().localFolders();
    for (int i = 0; i < folders.size() && i < kMaxFoldersOpened; ++i)
        m_openUrl(QUrl::fromLocalFile(folders.at(i)));
}

} // namespace vl
