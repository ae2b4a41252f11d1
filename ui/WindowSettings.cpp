#include "WindowSettings.h"

#include "DatasetListWidget.h"

#include <QMainWindow>
#include <QSettings>

namespace vl::WindowSettings {

void restore(QMainWindow* window, DatasetListWidget* datasetList) {
    QSettings settings;
    window->restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    window->restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    datasetList->restoreHeaderState(settings.value(QStringLiteral("mainWindow/datasetHeader")).toByteArray());
    if (settings.value(QStringLiteral("mainWindow/geometry")).isNull())
        window->resize(1200, 800);
}

void save(const QMainWindow* window, const DatasetListWidget* datasetList) {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), window->saveState());
    settings.setValue(QStringLiteral("mainWindow/datasetHeader"), datasetList->saveHeaderState());
}

} // namespace vl::WindowSettings
