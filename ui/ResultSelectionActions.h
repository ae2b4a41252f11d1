#pragma once

#include "ResultSelection.h"

#include <QObject>
#include <QPointer>
#include <functional>

class QAbstractItemView;
class QAction;
class QMenu;

namespace vl {

class ClusterResultsModel;

// The actions on the cards selected in the results grid: export them, find images similar to the
// first, copy their file paths, open their folders in the file manager, compare two. Each action is
// enabled only when it applies (opening folders needs files on this computer; comparing needs
// exactly two items), carries its shortcut (active while the grid has focus) and appears in the
// grid's context menu; the window adds them to its menu. Work that needs the server or a dialog is
// signalled; copying and opening folders happen here.
class ResultSelectionActions : public QObject {
    Q_OBJECT
public:
    ResultSelectionActions(QAbstractItemView* grid, QObject* parent = nullptr);

    void setResults(ClusterResultsModel* results); // the grid's model: its selection model follows it
    ResultSelection selection() const;

    QAction* exportAction() const { return m_export; }
    QAction* findSimilarAction() const { return m_findSimilar; }
    QAction* copyPathsAction() const { return m_copyPaths; }
    QAction* openFolderAction() const { return m_openFolder; }
    QAction* compareAction() const { return m_compare; }
    QList<QAction*> actions() const;
    void addTo(QMenu* menu) const;

    // How folders are opened (QDesktopServices::openUrl by default; tests record instead).
    using UrlOpener = std::function<bool(const QUrl&)>;
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

    void copyPaths() const;
    void openFolders() const;

signals:
    void exportRequested(const QStringList& mediaIds);
    void findSimilarRequested(const QString& mediaId);
    void compareRequested(const vl::Preview& left, const vl::Preview& right);
    void selectionChanged(const vl::ResultSelection& selection);

private:
    QAction* makeAction(const QString& text, const QString& iconName, const QKeySequence& shortcut,
                        const QString& toolTip);
    QList<int> selectedRows() const;
    void update();

    QAbstractItemView* m_grid;
    QPointer<ClusterResultsModel> m_results;
    UrlOpener m_openUrl;
    QAction* m_export;
    QAction* m_findSimilar;
    QAction* m_copyPaths;
    QAction* m_openFolder;
    QAction* m_compare;
};

} // namespace vl
