#include "ResultSelection.h"

#include "ClusterResultsModel.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <algorithm>

namespace vl {

ResultSelection::ResultSelection(const ClusterResultsModel& results, QList<int> rows) {
    std::sort(rows.begin(), rows.end()); // the grid's order, whatever order the clicks came in
    QSet<QString> seen;
    for (int row : rows) {
        if (row < 0 || row >= results.rowCount())
            continue;
        const QVector<Preview>& previews = results.cluster(row).previews;
        ++m_cardCount;
        if (!previews.isEmpty())
            m_cardFirsts.append(previews.first());
        for (const Preview& preview : previews) {
            if (preview.mediaId.isEmpty() || !seen.contains(preview.mediaId))
                m_previews.append(preview);
            seen.insert(preview.mediaId);
        }
    }
}

QStringList ResultSelection::exportMediaIds() const {
    QStringList ids;
    for (const Preview& preview : m_previews) {
        const bool object = preview.type.compare(QLatin1String("OBJECT"), Qt::CaseInsensitive) == 0;
        const QString id = object && !preview.imageId.isEmpty() ? preview.imageId : preview.mediaId;
        if (!id.isEmpty() && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

QString ResultSelection::anchorMediaId() const {
    return m_cardFirsts.isEmpty() ? QString() : m_cardFirsts.first().mediaId;
}

QString ResultSelection::localPath(const Preview& preview) {
    const QUrl url(preview.originalUri);
    if (!url.isLocalFile())
        return {};
    return QDir::toNativeSeparators(url.toLocalFile());
}

QString ResultSelection::displayPath(const Preview& preview) {
    const QString local = localPath(preview);
    if (!local.isEmpty())
        return local;
    return preview.originalUri.isEmpty() ? preview.fileName : preview.originalUri;
}

QStringList ResultSelection::filePaths() const {
    QStringList paths;
    for (const Preview& preview : m_previews) {
        const QString path = displayPath(preview);
        if (!path.isEmpty() && !paths.contains(path))
            paths.append(path);
    }
    return paths;
}

QStringList ResultSelection::localFolders() const {
    QStringList folders;
    for (const Preview& preview : m_previews) {
        const QString path = localPath(preview);
        if (path.isEmpty())
            continue;
        const QString folder = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
        if (!folders.contains(folder))
            folders.append(folder);
    }
    return folders;
}

QVector<Preview> ResultSelection::comparePair() const {
    if (m_cardCount == 2 && m_cardFirsts.size() == 2)
        return m_cardFirsts;
    if (m_cardCount == 1 && m_previews.size() >= 2)
        return m_previews.mid(0, 2);
    return {};
}

} // namespace vl
