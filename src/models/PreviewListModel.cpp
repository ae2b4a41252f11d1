#include "PreviewListModel.h"

#include "ClusterResultsModel.h"

#include <QMimeData>

namespace vl {

PreviewListModel::PreviewListModel(QObject* parent)
    : QAbstractListModel(parent) {}

void PreviewListModel::setPreviews(const QVector<Preview>& previews) {
    beginResetModel();
    m_previews = previews;
    endResetModel();
}

QUrl PreviewListModel::fullImageUrl(const Preview& preview) {
    if (preview.imageUrl.isValid() && !preview.imageUrl.isEmpty())
        return preview.imageUrl;
    if (preview.mediaUrl.isValid() && !preview.mediaUrl.isEmpty())
        return preview.mediaUrl;
    return preview.thumbUrl;
}

QUrl PreviewListModel::thumbnailUrl(const Preview& preview) {
    return preview.thumbUrl.isValid() && !preview.thumbUrl.isEmpty() ? preview.thumbUrl
                                                                     : fullImageUrl(preview);
}

QRectF PreviewListModel::objectBox(const Preview& preview) {
    if (!preview.boundingBox || !preview.boundingBox->isValid() || preview.boundingBox->isWholeImage())
        return {};
    const BoundingBox& box = *preview.boundingBox;
    return {box.x, box.y, box.width, box.height};
}

int PreviewListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_previews.size();
}

QVariant PreviewListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Preview& preview = m_previews.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case FileNameRole:
        return preview.fileName.isEmpty() ? preview.mediaId : preview.fileName;
    case Qt::ToolTipRole:
        return preview.caption.isEmpty() ? preview.fileName : preview.caption;
    case MediaIdRole:
        return preview.mediaId;
    case ThumbnailUrlRole:
        return thumbnailUrl(preview);
    case ImageUrlRole:
        return fullImageUrl(preview);
    case CaptionRole:
        return preview.caption;
    case LabelsRole:
        return preview.labels;
    case RelevanceTextRole:
        return ClusterResultsModel::relevanceText(preview.relevanceScore, preview.relevanceScoreType);
    case ObjectBoxRole:
        return objectBox(preview);
    default:
        return {};
    }
}

Qt::ItemFlags PreviewListModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList PreviewListModel::mimeTypes() const {
    return {QString::fromLatin1(ClusterResultsModel::mediaMimeType)};
}

QMimeData* PreviewListModel::mimeData(const QModelIndexList& indexes) const {
    if (indexes.isEmpty())
        return nullptr;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(ClusterResultsModel::mediaMimeType),
                  data(indexes.first(), MediaIdRole).toString().toUtf8());
    return mime;
}

} // namespace vl
