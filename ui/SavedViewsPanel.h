#pragma once

#include "SavedView.h"

#include <QPointer>
#include <QWidget>
#include <functional>

class QLabel;
class QListView;
class QPushButton;

namespace vl {

class SavedViewsModel;

// The saved views of the open dataset: one click restores a view; "Save view…" names the current
// search; Rename (or F2, or double-click) edits a name in place; Delete removes one.
class SavedViewsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SavedViewsPanel(SavedViewsModel* model, QWidget* parent = nullptr);

    // What "Save view…" saves (the search view's current query).
    using CurrentView = std::function<SavedView()>;
    void setCurrentView(CurrentView current) { m_current = std::move(current); }
    int saveCurrentView(const QString& name); // the row saved; -1 when there is nothing to save into
    void askToSave();                         // asks for a name, then saves
    void renameSelected();
    void removeSelected();
    QListView* list() const { return m_list; }
    void updateState(); // after the scope changes

signals:
    void restoreRequested(const vl::SavedView& view);

private:
    int selectedRow() const;

    QPointer<SavedViewsModel> m_model;
    CurrentView m_current;
    QListView* m_list;
    QLabel* m_empty;
    QPushButton* m_save;
    QPushButton* m_rename;
    QPushButton* m_remove;
};

} // namespace vl
