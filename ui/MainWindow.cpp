#include "MainWindow.h"

#include "AboutDialog.h"
#include "ConnectionStatusPage.h"
#include "ConnectionSwitcher.h"
#include "ConnectionsModel.h"
#include "DatasetDialogs.h"
#include "DatasetListModel.h"
#include "DatasetListWidget.h"
#include "DropHandler.h"
#include "EmbeddingsMapModel.h"
#include "EmbeddingsMapPanel.h"
#include "Icons.h"
#include "NotificationBanner.h"
#include "QualityCountsModel.h"
#include "QualityPanel.h"
#include "ResultSelectionActions.h"
#include "SavedViewsModel.h"
#include "SavedViewsPanel.h"
#include "SearchView.h"
#include "Session.h"
#include "SessionManager.h"
#include "ShortcutSheet.h"
#include "StatusIndicators.h"
#include "TasksModel.h"
#include "TasksPanel.h"
#include "Theme.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"
#include "TrayIcon.h"
#include "VisualSearchPane.h"
#include "WindowSettings.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace vl {

MainWindow::MainWindow(SessionManager* sessions, ConnectionsModel* connections, ConnectionManager* manager,
                       QWidget* parent)
    : QMainWindow(parent)
    , m_sessions(sessions)
    , m_connections(connections)
    , m_manager(manager)
    , m_thumbnails(new ThumbnailCache(nullptr, this))
    , m_pages(new QStackedWidget(this))
    , m_connectionPage(new ConnectionStatusPage(this))
    , m_banner(new NotificationBanner(this))
    , m_dialogs(new DatasetDialogs(this))
    , m_tray(new TrayIcon(this)) {
    setWindowTitle(tr("VL Explorer"));
    setWindowIcon(icon("app"));
    buildPages();
    buildMenus();
    buildToolBar();
    m_status = new StatusIndicators(statusBar());

    auto* drops = new DropHandler(this, [this](const QMimeData* mime) {
        return m_pages->currentWidget() == m_searchView &&
               m_searchView->visualSearchPane()->acceptMimeData(mime);
    });
    connect(drops, &DropHandler::folderDropped, this, &MainWindow::addFolder);
    connect(drops, &DropHandler::dropRefused, this, [this](const QString& why) { notify(why, true); });
    connect(m_manager, &ConnectionManager::stateChanged, this, &MainWindow::onConnectionStateChanged);
    connect(m_connectionPage, &ConnectionStatusPage::retryRequested, m_manager, &ConnectionManager::retry);
    connect(m_connectionPage, &ConnectionStatusPage::chooseConnectionRequested, m_switcher,
            &ConnectionSwitcher::openPopup);
    connect(m_switcher, &ConnectionSwitcher::message, this, &MainWindow::notify);
    connect(m_dialogs, &DatasetDialogs::message, this, &MainWindow::notify);
    connect(m_dialogs, &DatasetDialogs::taskFollowed, this, &MainWindow::showTasks);
    connect(m_dialogs, &DatasetDialogs::progress, m_status, &StatusIndicators::showProgress);
    connect(m_dialogs, &DatasetDialogs::datasetRemoved, this, [this](const QString& id) {
        if (m_searchView->datasetId() == id && m_pages->currentWidget() == m_searchView)
            showDatasetList();
    });
    connect(m_sessions, &SessionManager::sessionChanged, this, &MainWindow::bindSession);
    bindSession(m_sessions->current());

    WindowSettings::restore(this, m_datasetList);
    m_tasksDock->hide(); // shown again when a task is followed
}

void MainWindow::buildPages() {
    Session* session = m_sessions->current();
    m_datasetList = new DatasetListWidget(session->datasets(), this);
    m_searchView = new SearchView(session->results(), m_thumbnails, this);
    m_pages->addWidget(m_connectionPage);
    m_pages->addWidget(m_datasetList);
    m_pages->addWidget(m_searchView);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_tasksDock = new QDockWidget(tr("Tasks"), this);
    m_tasksDock->setObjectName(QStringLiteral("tasksDock"));
    m_tasksPanel = new TasksPanel(session->tasks(), m_tasksDock);
    m_tasksDock->setWidget(m_tasksPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_tasksDock);
    m_tasksDock->hide();

    connect(m_datasetList, &DatasetListWidget::openRequested, this, &MainWindow::openDataset);
    connect(m_datasetList, &DatasetListWidget::enrichRequested, m_dialogs, &DatasetDialogs::enrich);
    connect(m_datasetList, &DatasetListWidget::exportRequested, m_dialogs, &DatasetDialogs::exportDataset);
    connect(m_datasetList, &DatasetListWidget::deleteRequested, m_dialogs, &DatasetDialogs::remove);
    connect(m_datasetList, &DatasetListWidget::reindexRequested, m_dialogs, &DatasetDialogs::reindex);
    connect(m_searchView, &SearchView::backRequested, this, &MainWindow::showDatasetList);
    connect(m_searchView, &SearchView::enrichRequested, this,
            [this] { m_dialogs->enrich(m_searchView->datasetId()); });
    connect(m_searchView, &SearchView::openImageRequested, this, &MainWindow::openImage);
    connect(m_tasksPanel, &TasksPanel::openRequested, this, &MainWindow::openDataset);
    connect(m_searchView, &SearchView::exportSelectionRequested, m_dialogs, &DatasetDialogs::exportMedia);
    buildSavedViews();
    buildQuality();
    buildMap();
}

// The embeddings map (a local engine extension): hidden, with its menu entry, on servers without it.
void MainWindow::buildMap() {
    m_map = new EmbeddingsMapModel(this);
    m_mapDock = new QDockWidget(tr("Map"), this);
    m_mapDock->setObjectName(QStringLiteral("mapDock"));
    m_mapPanel = new EmbeddingsMapPanel(m_map, m_thumbnails, m_mapDock);
    m_mapDock->setWidget(m_mapPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_mapDock);
    resizeDocks({m_mapDock}, {400}, Qt::Horizontal); // room for the map (a saved layout overrides it)
    connect(m_mapPanel, &EmbeddingsMapPanel::regionSelected, this, [this](const QPolygonF& polygon) {
        if (m_pages->currentWidget() != m_searchView && !m_map->datasetId().isEmpty())
            openDataset(m_map->datasetId());
        if (m_pages->currentWidget() == m_searchView)
            m_searchView->showMapRegion(polygon);
    });
    connect(m_map, &EmbeddingsMapModel::stateChanged, this, [this](EmbeddingsMapModel::State state) {
        const bool available = state != EmbeddingsMapModel::State::Unavailable;
        m_mapDock->toggleViewAction()->setVisible(available);
        if (!available)
            m_mapDock->hide();
    });
}

void MainWindow::buildQuality() {
    m_quality = new QualityCountsModel(this);
    m_qualityDock = new QDockWidget(tr("Quality"), this);
    m_qualityDock->setObjectName(QStringLiteral("qualityDock"));
    m_qualityPanel = new QualityPanel(m_quality, m_qualityDock);
    m_qualityDock->setWidget(m_qualityPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_qualityDock);
    connect(m_qualityPanel, &QualityPanel::showRequested, this,
            [this](const QString& issue, double threshold) {
                if (m_pages->currentWidget() != m_searchView && !m_quality->datasetId().isEmpty())
                    openDataset(m_quality->datasetId());
                if (m_pages->currentWidget() == m_searchView)
                    m_searchView->showIssue(issue, threshold);
            });
}

void MainWindow::buildSavedViews() {
    m_savedViews = new SavedViewsModel(this);
    m_savedViewsDock = new QDockWidget(tr("Saved views"), this);
    m_savedViewsDock->setObjectName(QStringLiteral("savedViewsDock"));
    m_savedViewsPanel = new SavedViewsPanel(m_savedViews, m_savedViewsDock);
    m_savedViewsPanel->setCurrentView([this] { return m_searchView->currentView(); });
    m_savedViewsDock->setWidget(m_savedViewsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_savedViewsDock);
    connect(m_savedViewsPanel, &SavedViewsPanel::restoreRequested, this, &MainWindow::restoreView);
}

// A view belongs to the dataset the panel shows; from the dataset list, that dataset opens first.
void MainWindow::restoreView(const SavedView& view) {
    if (m_pages->currentWidget() != m_searchView || m_searchView->datasetId() != m_savedViews->datasetId())
        openDataset(m_savedViews->datasetId());
    if (m_pages->currentWidget() == m_searchView)
        m_searchView->applyView(view);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_addFolderAction =
        file->addAction(icon("folder-add"), tr("Add folder…"), m_dialogs, &DatasetDialogs::chooseFolder);
    m_addFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_addFolderAction->setToolTip(
        tr("Create a dataset from a folder of images (or drop a folder on the window)"));
    m_openImageAction = file->addAction(icon("image-open"), tr("Open image…"), this, &MainWindow::openImage);
    m_openImageAction->setShortcut(QKeySequence::Open);
    file->addSeparator();
    m_switcher = new ConnectionSwitcher(m_connections, m_manager, this);
    file->addAction(icon("connection-cloud"), tr("Connect to Visual Layer Cloud…"), m_switcher,
                    [this] { m_switcher->addConnection(true); });
    file->addAction(icon("connection-server"), tr("Add self-hosted server…"), m_switcher,
                    [this] { m_switcher->addConnection(false); });
    file->addAction(tr("Remove this connection"), m_switcher, &ConnectionSwitcher::removeCurrentConnection);
    file->addSeparator();
    file->addAction(tr("Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_refreshAction =
        view->addAction(icon("refresh"), tr("Refresh"), this, [this] { datasetModel()->refresh(); });
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    view->addAction(icon("search"), tr("Search"), this, &MainWindow::focusSearch)
        ->setShortcut(QKeySequence::Find);
    m_enrichAction = view->addAction(icon("enrich"), tr("Enrich dataset…"), this, &MainWindow::enrichCurrent);
    QAction* tasks = m_tasksDock->toggleViewAction();
    tasks->setIcon(icon("tasks"));
    view->addAction(tasks);
    view->addAction(m_savedViewsDock->toggleViewAction());
    view->addAction(m_qualityDock->toggleViewAction());
    view->addAction(m_mapDock->toggleViewAction());
    view->addMenu(Theme::createMenu(this));

    QMenu* selection = menuBar()->addMenu(tr("&Selection"));
    m_searchView->selectionActions()->addTo(selection);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(icon("keyboard"), tr("Keyboard shortcuts"), this, [this] { ShortcutSheet(this).exec(); })
        ->setShortcut(QKeySequence(QStringLiteral("?")));
    help->addAction(tr("About VL Explorer"), this, [this] { AboutDialog(m_modelProvenance, this).exec(); });
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addWidget(m_switcher);
    bar->addSeparator();
    bar->addAction(m_addFolderAction);
    bar->addAction(m_refreshAction);
    bar->addAction(m_enrichAction);
    bar->addAction(m_openImageAction);
    bar->addAction(m_tasksDock->toggleViewAction());
    bar->addSeparator();
    bar->addAction(m_searchView->selectionActions()->findSimilarAction());
    bar->addAction(m_searchView->selectionActions()->compareAction());
    bar->addAction(m_searchView->selectionActions()->exportAction());
}

// A new connection brings a new session: the views show its models, the thumbnails come from its
// provider, and its signals reach the window until it is deleted.
void MainWindow::bindSession(Session* session) {
    m_datasetList->setModel(session->datasets());
    m_searchView->setSession(session);
    m_tasksPanel->setModel(session->tasks());
    m_thumbnails->setProvider(session->thumbnails());
    m_dialogs->setSession(session);
    m_status->setSession(session);
    m_savedViews->setScope({}, {});
    m_quality->setClient(session->client());
    m_map->setClient(session->client());
    connect(session, &Session::authenticationFailed, this, [this](const ApiError& error) {
        notify(ConnectionManager::explain(error, m_manager->current().url), true);
    });
    connect(session->datasets(), &DatasetListModel::refreshFailed, this, [this](const ApiError& error) {
        notify(tr("The dataset list could not be refreshed: %1").arg(error.message), true);
    });
    connect(session->tasks(), &TasksModel::taskFinished, this, &MainWindow::onTaskFinished);
}

void MainWindow::start() {
    m_switcher->selectCurrent();
    m_manager->connectTo(m_connections->lastConnectionId());
}

Session* MainWindow::session() const {
    return m_sessions->current();
}

DatasetListModel* MainWindow::datasetModel() const {
    return session()->datasets();
}

TasksModel* MainWindow::tasksModel() const {
    return session()->tasks();
}

QWidget* MainWindow::currentPage() const {
    return m_pages->currentWidget();
}

void MainWindow::onConnectionStateChanged(ConnectionManager::State state) {
    const Connection& connection = m_manager->current();
    m_switcher->selectCurrent();
    m_status->showConnection(connection, state,
                             connection.kind == Connection::Kind::Local && m_manager->isLocalStarting());
    if (m_connectionPage->showState(*m_manager))
        m_pages->setCurrentWidget(m_connectionPage);
    else if (state == ConnectionManager::State::Connected)
        showDatasetList();
    const bool foldersAllowed = connection.kind != Connection::Kind::Cloud;
    m_dialogs->setFoldersAllowed(foldersAllowed);
    m_addFolderAction->setEnabled(foldersAllowed);
}

void MainWindow::addFolder(const QString& path) {
    m_dialogs->addFolder(path);
}

void MainWindow::showDatasetList() {
    m_pages->setCurrentWidget(m_datasetList);
    m_datasetList->view()->setFocus();
}

void MainWindow::openDataset(const QString& datasetId) {
    DatasetListModel* datasets = datasetModel();
    const int row = datasets->rowOf(datasetId);
    const QString whyNot =
        row < 0 ? tr("That dataset is not in the list (yet).") : datasets->whyNotSearchable(datasetId);
    if (!whyNot.isEmpty()) {
        if (row < 0)
            datasets->refresh();
        notify(whyNot, true);
        return;
    }
    m_savedViews->setScope(session()->connectionId(), datasetId);
    if (m_quality->datasetId() != datasetId)
        m_quality->setDataset(datasetId);
    m_map->setDataset(datasetId);
    m_searchView->setDataset(datasetId, datasets->index(row, 0).data().toString());
    m_pages->setCurrentWidget(m_searchView);
    m_searchView->grid()->setFocus();
}

void MainWindow::focusSearch() {
    if (m_pages->currentWidget() == m_searchView)
        m_searchView->focusQuery();
    else if (m_pages->currentWidget() == m_datasetList)
        m_datasetList->focusFilter();
}

void MainWindow::enrichCurrent() {
    const QString id = m_pages->currentWidget() == m_searchView ? m_searchView->datasetId()
                                                                : m_datasetList->currentDatasetId();
    if (id.isEmpty())
        notify(tr("Select a dataset to enrich first."), true);
    else
        m_dialogs->enrich(id);
}

void MainWindow::openImage() {
    if (m_pages->currentWidget() != m_searchView) {
        const QString id = m_datasetList->currentDatasetId();
        if (id.isEmpty()) {
            notify(tr("Open a dataset first: visual search looks for similar images inside one dataset."),
                   true);
            return;
        }
        openDataset(id);
    }
    if (m_pages->currentWidget() == m_searchView)
        m_searchView->chooseImageFile();
}

void MainWindow::onTaskFinished(const QString&, const QString& title, bool succeeded,
                                const QString& message) {
    notify(succeeded ? tr("%1: ready to search.").arg(title) : tr("%1 failed: %2").arg(title, message),
           !succeeded);
    m_tray->showTaskFinished(title, succeeded, message);
    datasetModel()->refresh();
}

void MainWindow::notify(const QString& text, bool isError) {
    m_banner->showMessage(text, isError);
}

void MainWindow::showTasks() {
    if (!m_tasksDock->isVisible())
        resizeDocks({m_tasksDock}, {160}, Qt::Vertical); // a strip, not half the window
    m_tasksDock->show();
    m_tasksDock->raise();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    WindowSettings::save(this, m_datasetList);
    m_switcher->save();
    event->accept();
}

} // namespace vl
