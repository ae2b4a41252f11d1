#pragma once

#include <QPointer>
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
    void setModel(TasksModel* model); // the connection's tasks (a new connection brings new ones)

signals:
    void openRequested(const QString& datasetId);

private:
    QPointer<TasksModel> m_model;
    QTreeView* m_view;
};

} // namespace vl
