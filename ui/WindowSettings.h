#pragma once

class QMainWindow;

namespace vl {

class DatasetListWidget;

// The window's size, docks and dataset-list columns, kept between runs (QSettings "mainWindow/...").
namespace WindowSettings {
void restore(QMainWindow* window, DatasetListWidget* datasetList);
void save(const QMainWindow* window, const DatasetListWidget* datasetList);
} // namespace WindowSettings

} // namespace vl
