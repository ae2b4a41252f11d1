# vlui: the widgets of the desktop app (views only: data arrives through vlmodels).
if(NOT TARGET vlmodels)
    message(STATUS "vlui skipped: vlmodels not available yet")
    return()
endif()

set(VLUI_SOURCES
    AboutDialog.cpp AboutDialog.h
    ClusterCardDelegate.cpp ClusterCardDelegate.h
    ClusterMembersDialog.cpp ClusterMembersDialog.h
    CompareDialog.cpp CompareDialog.h
    ConnectionDialogs.cpp ConnectionDialogs.h
    ConnectionStatusPage.cpp ConnectionStatusPage.h
    ConnectionSwitcher.cpp ConnectionSwitcher.h
    DatasetDialogs.cpp DatasetDialogs.h
    DatasetListWidget.cpp DatasetListWidget.h
    DatasetStatusDelegate.cpp DatasetStatusDelegate.h
    DropHandler.cpp DropHandler.h
    EmbeddingsMapPanel.cpp EmbeddingsMapPanel.h
    EmbeddingsMapView.cpp EmbeddingsMapView.h
    EnrichmentDialog.cpp EnrichmentDialog.h
    FilterChipsBar.cpp FilterChipsBar.h
    Icons.cpp Icons.h
    ImageSelectionWidget.cpp ImageSelectionWidget.h
    MainWindow.cpp MainWindow.h
    MediaViewerDialog.cpp MediaViewerDialog.h
    NotificationBanner.cpp NotificationBanner.h
    ObjectBoxGeometry.cpp ObjectBoxGeometry.h
    QualityPanel.cpp QualityPanel.h
    ResultSelectionActions.cpp ResultSelectionActions.h
    SavedViewsPanel.cpp SavedViewsPanel.h
    SearchView.cpp SearchView.h
    ShortcutSheet.cpp ShortcutSheet.h
    StatusIndicators.cpp StatusIndicators.h
    TasksPanel.cpp TasksPanel.h
    Theme.cpp Theme.h
    ThumbnailCache.cpp ThumbnailCache.h
    ThumbnailGridView.cpp ThumbnailGridView.h
    Translations.cpp Translations.h
    TrayIcon.cpp TrayIcon.h
    VisualSearchPane.cpp VisualSearchPane.h
    WindowSettings.cpp WindowSettings.h
    ZoomImageView.cpp ZoomImageView.h
)
list(TRANSFORM VLUI_SOURCES PREPEND ${CMAKE_CURRENT_LIST_DIR}/)
add_library(vlui STATIC ${VLUI_SOURCES} ${PROJECT_SOURCE_DIR}/resources/resources.qrc)
target_include_directories(vlui PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(vlui PUBLIC vlmodels Qt6::Widgets Qt6::Concurrent Qt6::Svg
                           PRIVATE vl_build_flags)
include(${PROJECT_SOURCE_DIR}/resources/translations/translations.cmake)
