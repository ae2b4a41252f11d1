#pragma once

#include "ApiClient.h"
#include "ClusterResultsModel.h"
#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "DatasetExporter.h"
#include "DatasetListModel.h"
#include "TasksModel.h"
#include "ThumbnailCache.h"

#include <QJsonArray>
#include <QMainWindow>
#include <QPointer>

class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QProgressBar;
class QStackedWidget;
class QSystemTrayIcon;

namespace vl {

class ConnectionStatusPage;
class DatasetListWidget;
class NotificationBanner;
class SearchView;

// The application window: connection switcher and status, the dataset list, the search view, the
// tasks panel and notifications. It wires views to models and turns user requests into jobs; it
// never builds URLs or reads JSON itself.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ApiClient* client, ConnectionsModel* connections, ConnectionManager* manager,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // The local engine's learned models for the About box (id, package, upstream, licence, available).
    void setModelProvenance(const QJsonArray& models) { m_modelProvenance = models; }

    // Opens the last used connection.
    void start();

    void addFolder(const QString& path);
    void openDataset(const QString& datasetId);

    // For tests and screenshots.
    SearchView* searchView() const { return m_searchView; }
    DatasetListWidget* datasetList() const { return m_datasetList; }
    DatasetListModel* datasetModel() const { return m_datasets; }
    TasksModel* tasksModel() const { return m_tasks; }
    NotificationBanner* banner() const { return m_banner; }
    ConnectionStatusPage* connectionPage() const { return m_connectionPage; }
    QWidget* currentPage() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildToolBar();
    void buildStatusBar();
    void onConnectionStateChanged(ConnectionManager::State state);
    void onConnectionChosen(int row);
    void selectCurrentConnectionInSwitcher();
    void addConnection(bool cloud);
    void removeCurrentConnection();
    void chooseFolder();
    void openImage();
    void focusSearch();
    void enrichDataset(const QString& datasetId);
    void exportDataset(const QString& datasetId);
    void deleteDataset(const QString& datasetId);
    void onTaskFinished(const QString& datasetId, const QString& title, bool succeeded,
                        const QString& message);
    void notify(const QString& text, bool isError);
    void showTasks();
    void setTheme(const QString& name);
    void saveConnections();
    QString datasetName(const QString& datasetId) const;
    bool canAddFolders() const;

    QPointer<ApiClient> m_client;
    QPointer<ConnectionsModel> m_connections;
    QPointer<ConnectionManager> m_manager;
    DatasetListModel* m_datasets;
    ClusterResultsModel* m_results;
    TasksModel* m_tasks;
    ThumbnailCache* m_thumbnails;
    DatasetExporter* m_exporter;

    QStackedWidget* m_pages;
    ConnectionStatusPage* m_connectionPage;
    DatasetListWidget* m_datasetList;
    SearchView* m_searchView;
    NotificationBanner* m_banner;
    QDockWidget* m_tasksDock;
    QComboBox* m_connectionSwitcher;
    QLabel* m_connectionIcon = nullptr;
    QLabel* m_connectionLabel;
    QLabel* m_activityLabel;
    QProgressBar* m_activityBar;
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_addFolderAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_openImageAction = nullptr;
    QAction* m_enrichAction = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QJsonArray m_modelProvenance;
};

} // namespace vl
