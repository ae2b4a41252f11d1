#pragma once

#include <QWidget>

class QTreeView;

namespace vl {

class TasksModel;

// The followed long operations (enrichment copies, new local datasets) with status, a progress bar
// and the elapsed time; "Clear finished" removes completed rows.
class TasksPanel : public QWidget {
    Q_OBJECT
public:
    explicit TasksPanel(TasksModel* model, QWidget* parent = nullptr);

signals:
    void openRequested(const QString& datasetId);

private:
    TasksModel* m_model;
    QTreeView* m_view;
};

} // namespace vl
