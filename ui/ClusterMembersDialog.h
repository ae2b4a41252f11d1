#pragma once

#include "Cluster.h"
#include "ThumbnailCache.h"

#include <QDialog>
#include <QPointer>

class QPushButton;

namespace vl {

class PreviewListModel;

class ThumbnailGridView;

// The members of one cluster (the previews the server sent) in a grid; Enter or double-click opens
// the media viewer, Space too; "Find similar" searches by the selected member.
class ClusterMembersDialog : public QDialog {
    Q_OBJECT
public:
    ClusterMembersDialog(const Cluster& cluster, ThumbnailCache* thumbnails, QWidget* parent = nullptr);

    QPushButton* compareButton() const { return m_compare; }
    QVector<Preview> comparePair() const;

signals:
    void findSimilarRequested(const QString& mediaId);

private:
    void openMember(const QModelIndex& index);
    void compareSelected();
    Cluster m_cluster;
    QPointer<ThumbnailCache> m_thumbnails;
    PreviewListModel* m_model;
    ThumbnailGridView* m_grid;
    QPushButton* m_compare = nullptr;
};

} // namespace vl
