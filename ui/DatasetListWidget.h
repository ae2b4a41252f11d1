#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace vl {

class DatasetListModel;

// The datasets of the current connection: a filter box, a sortable list with status badges and
// progress, and a context menu (open, enrich, export, rescan, delete). Emits requests; the window acts.
class DatasetListWidget : public QWidget {
    Q_OBJECT
public:
    explicit DatasetListWidget(DatasetListModel* model, QWidget* parent = nullptr);

    void setModel(DatasetListModel* model); // the connection's datasets (a new connection brings new ones)
    QString currentDatasetId() const;
    void focusFilter();
    void setEmptyText(const QString& text);
    QTreeView* view() const { return m_view; }
    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);

signals:
    void openRequested(const QString& datasetId);
    void enrichRequested(const QString& datasetId);
    void exportRequested(const QString& datasetId);
    void deleteRequested(const QString& datasetId);
    void reindexRequested(const QString& datasetId);
    void currentChanged(const QString& datasetId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyColumnSizing();
    void showContextMenu(const QPoint& position);
    void updateEmptyState();
    QString datasetIdAt(const QModelIndex& proxyIndex) const;

    QPointer<DatasetListModel> m_model;
    QSortFilterProxyModel* m_proxy;
    QLineEdit* m_filter;
    QTreeView* m_view;
    QLabel* m_empty;
};

} // namespace vl
