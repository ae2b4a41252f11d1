#include "MainWindow.h"

#include "AboutDialog.h"

#include "ConnectionDialogs.h"
#include "ConnectionStatusPage.h"
#include "DatasetJobs.h"
#include "DatasetListWidget.h"
#include "EnrichmentDialog.h"
#include "Icons.h"
#include "NotificationBanner.h"
#include "SearchView.h"
#include "ShortcutSheet.h"
#include "TasksPanel.h"
#include "Theme.h"
#include "ThumbnailGridView.h"
#include "VisualSearchPane.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace vl {

MainWindow::MainWindow(ApiClient* client, ConnectionsModel* connections, ConnectionManager* manager,
                       QWidget* parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_connections(connections)
    , m_manager(manager)
    , m_datasets(new DatasetListModel(this))
    , m_results(new ClusterResultsModel(this))
    , m_tasks(new TasksModel(this))
    , m_thumbnails(new ThumbnailCache(this))
    , m_exporter(new DatasetExporter(client, this))
    , m_pages(new QStackedWidget(this))
    , m_connectionPage(new ConnectionStatusPage(this))
    , m_banner(new NotificationBanner(this)) {
    setWindowTitle(tr("VL Explorer"));
    setWindowIcon(icon("app"));
    setAcceptDrops(true);
    m_thumbnails->setClient(client);
    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (!cacheDir.isEmpty())
        m_thumbnails->setDiskCacheDirectory(cacheDir + QStringLiteral("/thumbnails"));

    m_datasetList = new DatasetListWidget(m_datasets, this);
    m_searchView = new SearchView(m_results, m_thumbnails, this);
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
    auto* tasksPanel = new TasksPanel(m_tasks, m_tasksDock);
    m_tasksDock->setWidget(tasksPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_tasksDock);
    m_tasksDock->hide();

    buildActions();
    buildToolBar();
    buildStatusBar();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(icon("app"), this);
        m_tray->setToolTip(tr("VL Explorer"));
        m_tray->show();
    }

    connect(m_manager, &ConnectionManager::stateChanged, this, &MainWindow::onConnectionStateChanged);
    connect(m_connectionPage, &ConnectionStatusPage::retryRequested, m_manager, &ConnectionManager::retry);
    connect(m_connectionPage, &ConnectionStatusPage::chooseConnectionRequested, this, [this] {
        m_connectionSwitcher->setFocus();
        m_connectionSwitcher->showPopup();
    });
    connect(m_client, &ApiClient::authenticationFailed, this, [this](const ApiError& error) {
        notify(ConnectionManager::explain(error, m_client->baseUrl()), true);
    });
    connect(m_datasets, &DatasetListModel::refreshFailed, this, [this](const ApiError& error) {
        notify(tr("The dataset list could not be refreshed: %1").arg(error.message), true);
    });
    connect(m_datasetList, &DatasetListWidget::openRequested, this, &MainWindow::openDataset);
    connect(m_datasetList, &DatasetListWidget::enrichRequested, this, &MainWindow::enrichDataset);
    connect(m_datasetList, &DatasetListWidget::exportRequested, this, &MainWindow::exportDataset);
    connect(m_datasetList, &DatasetListWidget::deleteRequested, this, &MainWindow::deleteDataset);
    connect(m_searchView, &SearchView::backRequested, this, [this] {
        m_pages->setCurrentWidget(m_datasetList);
        m_datasetList->view()->setFocus();
    });
    connect(m_searchView, &SearchView::enrichRequested, this,
            [this] { enrichDataset(m_searchView->datasetId()); });
    connect(m_searchView, &SearchView::openImageRequested, this, &MainWindow::openImage);
    connect(tasksPanel, &TasksPanel::openRequested, this, &MainWindow::openDataset);
    connect(m_tasks, &TasksModel::taskFinished, this, &MainWindow::onTaskFinished);
    connect(m_exporter, &DatasetExporter::progressChanged, this, [this](int percent, const QString& stage) {
        statusBar()->showMessage(tr("%1… %2%").arg(stage).arg(percent));
    });
    connect(m_exporter, &DatasetExporter::finished, this, [this](bool ok, const QString& message) {
        statusBar()->clearMessage();
        notify(message, !ok);
    });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_datasetList->restoreHeaderState(
        settings.value(QStringLiteral("mainWindow/datasetHeader")).toByteArray());
    if (settings.value(QStringLiteral("mainWindow/geometry")).isNull())
        resize(1200, 800);
    m_tasksDock->hide(); // shown again when a task is followed
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_addFolderAction =
        file->addAction(icon("folder-add"), tr("Add folder…"), this, &MainWindow::chooseFolder);
    m_addFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_addFolderAction->setToolTip(
        tr("Create a dataset from a folder of images (or drop a folder on the window)"));
    m_openImageAction = file->addAction(icon("image-open"), tr("Open image…"), this, &MainWindow::openImage);
    m_openImageAction->setShortcut(QKeySequence::Open);
    file->addSeparator();
    file->addAction(icon("connection-cloud"), tr("Connect to Visual Layer Cloud…"), this,
                    [this] { addConnection(true); });
    file->addAction(icon("connection-server"), tr("Add self-hosted server…"), this,
                    [this] { addConnection(false); });
    file->addAction(tr("Remove this connection"), this, &MainWindow::removeCurrentConnection);
    file->addSeparator();
    QAction* quit = file->addAction(tr("Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_refreshAction = view->addAction(icon("refresh"), tr("Refresh"), m_datasets, &DatasetListModel::refresh);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    QAction* find = view->addAction(icon("search"), tr("Search"), this, &MainWindow::focusSearch);
    find->setShortcut(QKeySequence::Find);
    m_enrichAction = view->addAction(icon("enrich"), tr("Enrich dataset…"), this, [this] {
        const QString id = m_pages->currentWidget() == m_searchView ? m_searchView->datasetId()
                                                                    : m_datasetList->currentDatasetId();
        if (id.isEmpty())
            notify(tr("Select a dataset to enrich first."), true);
        else
            enrichDataset(id);
    });
    QAction* tasks = m_tasksDock->toggleViewAction();
    tasks->setIcon(icon("tasks"));
    view->addAction(tasks);
    QMenu* theme = view->addMenu(tr("Theme"));
    m_themeGroup = new QActionGroup(this);
    const QString currentTheme = Theme::toString(Theme::current());
    for (const auto& [name, label] :
         {std::pair{QStringLiteral("system"), tr("System")}, std::pair{QStringLiteral("light"), tr("Light")},
          std::pair{QStringLiteral("dark"), tr("Dark")}}) {
        QAction* action = theme->addAction(label);
        action->setCheckable(true);
        action->setChecked(name == currentTheme);
        action->setData(name);
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, name = name] { setTheme(name); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = help->addAction(icon("keyboard"), tr("Keyboard shortcuts"), this, [this] {
        ShortcutSheet sheet(this);
        sheet.exec();
    });
    shortcuts->setShortcut(QKeySequence(QStringLiteral("?")));
    help->addAction(tr("About VL Explorer"), this, [this] {
        AboutDialog about(m_modelProvenance, this);
        about.exec();
    });
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_connectionSwitcher = new QComboBox(bar);
    m_connectionSwitcher->setObjectName(QStringLiteral("connectionSwitcher"));
    m_connectionSwitcher->setModel(m_connections);
    m_connectionSwitcher->setMinimumContentsLength(18);
    m_connectionSwitcher->setToolTip(tr("Where the datasets come from"));
    connect(m_connectionSwitcher, qOverload<int>(&QComboBox::activated), this,
            &MainWindow::onConnectionChosen);
    bar->addWidget(m_connectionSwitcher);
    auto* connectButton = new QToolButton(bar);
    connectButton->setIcon(icon("connection-cloud"));
    connectButton->setText(tr("Connect"));
    connectButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connectButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(connectButton);
    menu->addAction(icon("connection-cloud"), tr("Visual Layer Cloud…"), this,
                    [this] { addConnection(true); });
    menu->addAction(icon("connection-server"), tr("Self-hosted server…"), this,
                    [this] { addConnection(false); });
    connectButton->setMenu(menu);
    bar->addWidget(connectButton);
    bar->addSeparator();
    bar->addAction(m_addFolderAction);
    bar->addAction(m_refreshAction);
    bar->addAction(m_enrichAction);
    bar->addAction(m_openImageAction);
    bar->addAction(m_tasksDock->toggleViewAction());
}

void MainWindow::buildStatusBar() {
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_activityLabel = new QLabel(this);
    m_activityBar = new QProgressBar(this);
    m_activityBar->setRange(0, 0); // busy indicator
    m_activityBar->setMaximumWidth(90);
    m_activityBar->setMaximumHeight(12);
    m_activityBar->hide();
    m_connectionIcon = new QLabel(this);
    statusBar()->addWidget(m_connectionIcon);
    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_activityLabel);
    statusBar()->addPermanentWidget(m_activityBar);
    connect(m_client, &ApiClient::activityChanged, this, [this](int active) {
        m_activityBar->setVisible(active > 0);
        m_activityLabel->setText(
            active > 0 ? (active == 1 ? tr("1 request running") : tr("%1 requests running").arg(active))
                       : QString());
    });
}

void MainWindow::start() {
    selectCurrentConnectionInSwitcher();
    m_manager->connectTo(m_connections->lastConnectionId());
}

QWidget* MainWindow::currentPage() const {
    return m_pages->currentWidget();
}

void MainWindow::selectCurrentConnectionInSwitcher() {
    const QString id =
        m_manager->current().id.isEmpty() ? m_connections->lastConnectionId() : m_manager->current().id;
    const int row = m_connections->rowOf(id);
    if (row >= 0)
        m_connectionSwitcher->setCurrentIndex(row);
}

void MainWindow::onConnectionChosen(int row) {
    if (row < 0)
        return;
    const QString id = m_connections->connection(row).id;
    if (id == m_manager->current().id && m_manager->state() == ConnectionManager::State::Connected)
        return;
    m_manager->connectTo(id);
    saveConnections();
}

void MainWindow::onConnectionStateChanged(ConnectionManager::State state) {
    const Connection& connection = m_manager->current();
    const QString name =
        connection.name.isEmpty() ? Connection::kindDisplayName(connection.kind) : connection.name;
    const QString iconName = connection.kind == Connection::Kind::Cloud ? QStringLiteral("connection-cloud")
                             : connection.kind == Connection::Kind::SelfHosted
                                 ? QStringLiteral("connection-server")
                                 : QStringLiteral("connection-local");
    selectCurrentConnectionInSwitcher();
    switch (state) {
    case ConnectionManager::State::Connecting:
        if (connection.kind == Connection::Kind::Local && m_manager->isLocalStarting()) {
            m_connectionLabel->setText(tr("%1 — starting…").arg(name));
            m_connectionPage->showStartingEngine();
        } else {
            m_connectionLabel->setText(tr("%1 — connecting…").arg(name));
            m_connectionPage->showConnecting(name);
        }
        m_pages->setCurrentWidget(m_connectionPage);
        break;
    case ConnectionManager::State::Connected:
        m_connectionLabel->setText(tr("%1 — connected").arg(name));
        m_datasets->setClient(m_client);
        m_results->setClient(m_client);
        m_tasks->setClient(m_client);
        m_thumbnails->clear();
        m_datasets->refresh();
        m_pages->setCurrentWidget(m_datasetList);
        m_datasetList->view()->setFocus();
        break;
    case ConnectionManager::State::Failed:
        m_connectionLabel->setText(tr("%1 — not connected").arg(name));
        m_connectionPage->showFailure(name, m_manager->failureReason());
        m_pages->setCurrentWidget(m_connectionPage);
        break;
    case ConnectionManager::State::Disconnected:
        m_connectionLabel->setText(tr("Not connected"));
        break;
    }
    m_connectionLabel->setToolTip(connection.url.toDisplayString());
    m_connectionIcon->setPixmap(icon(iconName).pixmap(16, 16));
    m_addFolderAction->setEnabled(canAddFolders());
}

bool MainWindow::canAddFolders() const {
    return m_manager->current().kind != Connection::Kind::Cloud;
}

void MainWindow::addConnection(bool cloud) {
    ConnectionDialog dialog(cloud ? ConnectionDialog::Kind::Cloud : ConnectionDialog::Kind::SelfHosted,
                            m_manager, m_connections, this);
    if (dialog.exec() != QDialog::Accepted || dialog.addedConnectionId().isEmpty())
        return;
    saveConnections();
    m_manager->connectTo(dialog.addedConnectionId());
}

void MainWindow::removeCurrentConnection() {
    const Connection connection = m_manager->current();
    if (connection.kind == Connection::Kind::Local || connection.id.isEmpty()) {
        notify(tr("The local connection cannot be removed."), true);
        return;
    }
    if (QMessageBox::question(
            this, tr("Remove connection"),
            tr("Remove \"%1\"? Its API key is also removed from the keychain.").arg(connection.name)) !=
        QMessageBox::Yes)
        return;
    m_connections->remove(connection.id);
    saveConnections();
    m_manager->connectTo(Connection::localId());
}

void MainWindow::saveConnections() {
    QSettings settings;
    m_connections->save(settings);
}

void MainWindow::chooseFolder() {
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Add a folder of images"), QDir::homePath());
    if (!path.isEmpty())
        addFolder(path);
}

void MainWindow::addFolder(const QString& path) {
    if (!canAddFolders()) {
        notify(
            tr("Folders can be added with the local engine or a self-hosted server. Switch to \"Local\" to "
               "browse a folder on this computer."),
            true);
        return;
    }
    const QString name = QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName();
    auto* job = new CreateDatasetFromFolderJob(m_client, QDir::toNativeSeparators(path), name);
    statusBar()->showMessage(tr("Creating a dataset from %1…").arg(name));
    connect(job, &ApiJob::finished, this, [this, name](ApiJob* finished) {
        statusBar()->clearMessage();
        if (!finished->isSuccess()) {
            notify(tr("The folder could not be added: %1").arg(finished->error().message), true);
            return;
        }
        const QString id = static_cast<CreateDatasetFromFolderJob*>(finished)->datasetId();
        m_tasks->follow(id, tr("Indexing %1").arg(name));
        showTasks();
        m_datasets->refresh();
    });
}

QString MainWindow::datasetName(const QString& datasetId) const {
    const int row = m_datasets->rowOf(datasetId);
    return row < 0 ? datasetId : m_datasets->index(row, 0).data().toString();
}

void MainWindow::openDataset(const QString& datasetId) {
    const int row = m_datasets->rowOf(datasetId);
    if (row < 0) {
        m_datasets->refresh();
        notify(tr("That dataset is not in the list (yet)."), true);
        return;
    }
    const QModelIndex index = m_datasets->index(row, 0);
    if (!index.data(DatasetListModel::SearchableRole).toBool()) {
        const int progress = index.data(DatasetListModel::ProgressRole).toInt();
        QString status = index.data(DatasetListModel::StatusTextRole).toString();
        if (progress >= 0)
            status += QStringLiteral(" %1%").arg(progress);
        notify(tr("%1 cannot be searched yet (%2).").arg(index.data().toString(), status), true);
        return;
    }
    m_searchView->setDataset(datasetId, index.data().toString());
    m_pages->setCurrentWidget(m_searchView);
    m_searchView->grid()->setFocus();
}

void MainWindow::focusSearch() {
    if (m_pages->currentWidget() == m_searchView)
        m_searchView->focusQuery();
    else if (m_pages->currentWidget() == m_datasetList)
        m_datasetList->focusFilter();
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
        if (m_pages->currentWidget() != m_searchView)
            return;
    }
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open an image to search with"), QDir::homePath(),
        tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)"));
    if (!path.isEmpty())
        m_searchView->openImageFile(path);
}

void MainWindow::enrichDataset(const QString& datasetId) {
    if (datasetId.isEmpty())
        return;
    auto* dialog = new EnrichmentDialog(m_client, datasetId, datasetName(datasetId), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EnrichmentDialog::started, this, [this](const QString& newId, const QString& title) {
        m_tasks->follow(newId, title);
        showTasks();
        m_datasets->refresh();
    });
    dialog->open();
}

void MainWindow::exportDataset(const QString& datasetId) {
    if (m_exporter->isRunning()) {
        notify(tr("An export is already running."), true);
        return;
    }
    const QString name = datasetName(datasetId);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(name), QDir::homePath() + QLatin1Char('/') + name + QStringLiteral(".zip"),
        tr("ZIP archives (*.zip)"));
    if (path.isEmpty())
        return;
    const auto answer =
        QMessageBox::question(this, tr("Export %1").arg(name),
                              tr("Include the image files in the archive? (Metadata only is much "
                                 "smaller.)"),
                              QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::No);
    if (answer == QMessageBox::Cancel)
        return;
    ExportOptions options;
    options.includeImages = answer == QMessageBox::Yes;
    options.fileName = QFileInfo(path).completeBaseName();
    m_exporter->start(datasetId, options, path);
}

void MainWindow::deleteDataset(const QString& datasetId) {
    const QString name = datasetName(datasetId);
    if (QMessageBox::warning(
            this, tr("Delete dataset"),
            tr("Delete \"%1\"? The dataset and its index are removed from the server. The original "
               "image files are not touched.")
                .arg(name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    auto* job = new DeleteDatasetJob(m_client, datasetId);
    connect(job, &ApiJob::finished, this, [this, name, datasetId](ApiJob* finished) {
        if (!finished->isSuccess()) {
            notify(tr("%1 could not be deleted: %2").arg(name, finished->error().message), true);
            return;
        }
        if (m_searchView->datasetId() == datasetId && m_pages->currentWidget() == m_searchView)
            m_pages->setCurrentWidget(m_datasetList);
        notify(tr("Deleted %1.").arg(name), false);
        m_datasets->refresh();
    });
}

void MainWindow::onTaskFinished(const QString&, const QString& title, bool succeeded,
                                const QString& message) {
    notify(succeeded ? tr("%1: ready to search.").arg(title) : tr("%1 failed: %2").arg(title, message),
           !succeeded);
    if (m_tray && m_tray->isVisible()) {
        m_tray->showMessage(tr("VL Explorer"), succeeded ? tr("%1 is ready.").arg(title) : message,
                            succeeded ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    }
    m_datasets->refresh();
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

void MainWindow::setTheme(const QString& name) {
    Theme::apply(Theme::fromString(name));
    QSettings().setValue(QStringLiteral("ui/theme"), name);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/datasetHeader"), m_datasetList->saveHeaderState());
    m_connections->save(settings);
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    // Folders become datasets; anything else dropped on the search view is a query image.
    for (const QUrl& url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isDir()) {
            addFolder(info.absoluteFilePath());
            event->acceptProposedAction();
            return;
        }
    }
    if (m_pages->currentWidget() == m_searchView &&
        m_searchView->visualSearchPane()->acceptMimeData(event->mimeData())) {
        event->acceptProposedAction();
        return;
    }
    notify(tr("Drop a folder to add it as a dataset, or open a dataset and drop an image to search with it."),
           true);
}

} // namespace vl
