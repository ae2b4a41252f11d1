#pragma once

#include "Cluster.h"

#include <QAbstractListModel>
#include <QVector>

namespace vl {

// The members of one opened cluster (its previews), for the members grid and the media viewer.
class PreviewListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        MediaIdRole = Qt::UserRole + 1,
        ThumbnailUrlRole, // QUrl
        ImageUrlRole,     // QUrl of the full image
        CaptionRole,
        LabelsRole,
        FileNameRole,
        RelevanceTextRole,
        ObjectBoxRole // QRectF: the object's box in fractions of its image, null for a whole image
    };

    explicit PreviewListModel(QObject* parent = nullptr);
    void setPreviews(const QVector<Preview>& previews);
    const Preview& preview(int row) const { return m_previews.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    static QUrl fullImageUrl(const Preview& preview);
    static QUrl thumbnailUrl(const Preview& preview);
    static QRectF objectBox(const Preview& preview); // null unless a box inside the image

private:
    QVector<Preview> m_previews;
};

} // namespace vl
