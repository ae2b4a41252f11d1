#pragma once

#include "Cluster.h"

#include <QList>
#include <QStringList>
#include <QVector>

namespace vl {

class ClusterResultsModel;

// What a selection of result cards stands for: the previews the server sent for each selected
// cluster, in the grid's order (an item shown in two selected cards counts once). The actions on a
// selection (export, find similar, copy paths, open the folder, compare) read it; it never changes
// the results.
class ResultSelection {
public:
    ResultSelection() = default;
    ResultSelection(const ClusterResultsModel& results, QList<int> rows);

    int cardCount() const { return m_cardCount; }
    bool isEmpty() const { return m_previews.isEmpty(); }
    const QVector<Preview>& previews() const { return m_previews; }
    // The dataset items to export: images by their id, objects by their image's id.
    QStringList exportMediaIds() const;
    // The visual-search anchor: the first selected card's first item.
    QString anchorMediaId() const;
    // One line per item: the local path when the server names a file on this computer, else its
    // original URI, else its file name.
    QStringList filePaths() const;
    // The distinct folders holding the items that are local files, in order.
    QStringList localFolders() const;
    // The two items to compare: the first items of two selected cards, or the first two of one card.
    QVector<Preview> comparePair() const;

    static QString localPath(const Preview& preview); // empty when the item is no local file
    static QString displayPath(const Preview& preview);

private:
    QVector<Preview> m_previews;
    QVector<Preview> m_cardFirsts; // each card's first preview
    int m_cardCount = 0;
};

} // namespace vl
