#include "DatasetStatusDelegate.h"

#include "Theme.h"

#include "DatasetListModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace vl {

namespace {

constexpr int kBadgeMargin = 6; // between the cell's edges and the badge

QFont badgeFont(QFont font) {
    font.setPointSizeF(font.pointSizeF() * 0.9);
    font.setBold(true);
    return font;
}

} // namespace

QColor DatasetStatusDelegate::badgeColor(int status) {
    switch (DatasetStatus(status)) {
    case DatasetStatus::Ready:
        return Theme::successColor();
    case DatasetStatus::PartialIndex:
        return QColor(0x3a, 0x8d, 0xb5);
    case DatasetStatus::Draft:
        return QColor(0x8a, 0x8f, 0x98);
    case DatasetStatus::Indexing:
    case DatasetStatus::ReadOnly:
        return QColor(0xd9, 0x8c, 0x1f);
    case DatasetStatus::Error:
        return QColor(0xc8, 0x3c, 0x3c);
    case DatasetStatus::Unknown:
        break;
    }
    return QColor(0x70, 0x75, 0x7d);
}

QSize DatasetStatusDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 14));
    // Wide enough for this row's badge ("Ready · finding objects 40%"), so it never runs into the next
    // column.
    const QFontMetrics badge(badgeFont(option.font));
    const QString text = index.data(DatasetListModel::StatusTextRole).toString();
    const int badgeWidth =
        qMax(badge.horizontalAdvance(text),
             badge.horizontalAdvance(datasetStatusDisplayName(DatasetStatus::PartialIndex)));
    size.setWidth(qMax(size.width(), badgeWidth + 16 + 2 * kBadgeMargin));
    return size;
}

void DatasetStatusDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QString text = index.data(DatasetListModel::StatusTextRole).toString();
    const int status = index.data(DatasetListModel::StatusRole).toInt();
    const int progress = index.data(DatasetListModel::ProgressRole).toInt();
    const bool busy = index.data(DatasetListModel::BusyRole).toBool();
    const QFont font = badgeFont(option.font);
    const QFontMetrics metrics(font);
    const bool showProgress = busy && progress >= 0;
    const int badgeHeight = metrics.height() + 2;
    const int top = option.rect.top() + (option.rect.height() - badgeHeight - (showProgress ? 5 : 0)) / 2;
    // A column narrowed by hand elides the text instead of painting over its neighbour.
    const int room = qMax(0, option.rect.width() - 2 * kBadgeMargin - 16);
    const QString shown = metrics.elidedText(text, Qt::ElideRight, room);
    const QRect badge(option.rect.left() + kBadgeMargin, top, metrics.horizontalAdvance(shown) + 16,
                      badgeHeight);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge), badgeHeight / 2.0, badgeHeight / 2.0);
    const QColor color = badgeColor(status);
    painter->fillPath(path, color);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, shown);
    if (showProgress) {
        const QRect track(badge.left(), badge.bottom() + 3, qMax(badge.width(), 60), 3);
        painter->fillRect(track, option.palette.color(QPalette::Midlight));
        painter->fillRect(
            QRect(track.left(), track.top(), track.width() * qBound(0, progress, 100) / 100, track.height()),
            color);
    }
    painter->restore();
}

} // namespace vl
