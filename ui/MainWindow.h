#pragma once

#include "ConnectionManager.h"
#include "SavedView.h"

#include <QJsonArray>
#include <QMainWindow>
#include <QPointer>

class QActionGroup;
class QDockWidget;
class QStackedWidget;

namespace vl {

class ConnectionStatusPage;
class ConnectionSwitcher;
class ConnectionsModel;
class DatasetDialogs;
class DatasetListModel;
class DatasetListWidget;
class NotificationBanner;
class EmbeddingsMapModel;
class EmbeddingsMapPanel;
class QualityCountsModel;
class QualityPanel;
class SavedViewsModel;
class SavedViewsPanel;
class SearchView;
class Session;
class SessionManager;
class StatusIndicators;
class TasksModel;
class TasksPanel;
class ThumbnailCache;
class TrayIcon;

// The application window: pages (connection status, dataset list, search), the tasks panel, menus
// and notifications. It binds the views to the current connection's Session (src/models) and turns
// user requests into model operations; it never builds a request itself.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(SessionManager* sessions, ConnectionsModel* connections, ConnectionManager* manager,
               QWidget* parent = nullptr);

    // The local engine's learned models for the About box (id, package, upstream, licence, available).
    void setModelProvenance(const QJsonArray& models) { m_modelProvenance = models; }

    // Opens the last used connection.
    void start();

    void addFolder(const QString& path);
    void openDataset(const QString& datasetId);

    // For tests and screenshots.
    Session* session() const;
    SearchView* searchView() const { return m_searchView; }
    DatasetListWidget* datasetList() const { return m_datasetList; }
    DatasetListModel* datasetModel() const;
    TasksModel* tasksModel() const;
    NotificationBanner* banner() const { return m_banner; }
    ConnectionStatusPage* connectionPage() const { return m_connectionPage; }
    StatusIndicators* statusIndicators() const { return m_status; }
    SavedViewsModel* savedViews() const { return m_savedViews; }
    SavedViewsPanel* savedViewsPanel() const { return m_savedViewsPanel; }
    QualityCountsModel* qualityCounts() const { return m_quality; }
    QualityPanel* qualityPanel() const { return m_qualityPanel; }
    EmbeddingsMapModel* embeddingsMap() const { return m_map; }
    EmbeddingsMapPanel* mapPanel() const { return m_mapPanel; }
    QWidget* currentPage() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildPages();
    void buildMenus();
    void buildToolBar();
    void bindSession(Session* session);
    void onConnectionStateChanged(ConnectionManager::State state);
    void openImage();
    void focusSearch();
    void enrichCurrent();
    void onTaskFinished(const QString& datasetId, const QString& title, bool succeeded,
                        const QString& message);
    void notify(const QString& text, bool isError);
    void showTasks();
    void showDatasetList();
    void buildSavedViews();
    void restoreView(const SavedView& view);
    void buildQuality();
    void buildMap();

    QPointer<SessionManager> m_sessions;
    QPointer<ConnectionsModel> m_connections;
    QPointer<ConnectionManager> m_manager;
    ThumbnailCache* m_thumbnails;
    QStackedWidget* m_pages;
    ConnectionStatusPage* m_connectionPage;
    DatasetListWidget* m_datasetList = nullptr;
    SearchView* m_searchView = nullptr;
    NotificationBanner* m_banner;
    QDockWidget* m_tasksDock = nullptr;
    TasksPanel* m_tasksPanel = nullptr;
    QDockWidget* m_savedViewsDock = nullptr;
    SavedViewsModel* m_savedViews = nullptr;
    SavedViewsPanel* m_savedViewsPanel = nullptr;
    QDockWidget* m_qualityDock = nullptr;
    QualityCountsModel* m_quality = nullptr;
    QualityPanel* m_qualityPanel = nullptr;
    QDockWidget* m_mapDock = nullptr;
    EmbeddingsMapModel* m_map = nullptr;
    EmbeddingsMapPanel* m_mapPanel = nullptr;
    ConnectionSwitcher* m_switcher = nullptr;
    StatusIndicators* m_status = nullptr;
    DatasetDialogs* m_dialogs;
    TrayIcon* m_tray;
    QAction* m_addFolderAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_openImageAction = nullptr;
    QAction* m_enrichAction = nullptr;
    QJsonArray m_modelProvenance;
};

} // namespace vl
