#pragma once

#include <QStyledItemDelegate>

namespace vl {

// Paints the status column of the dataset list: a coloured badge, and a thin progress bar under it
// while the dataset is busy and reports progress.
class DatasetStatusDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor badgeColor(int status); // by vl::DatasetStatus
};

} // namespace vl
