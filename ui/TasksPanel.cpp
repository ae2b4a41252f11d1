#include "TasksPanel.h"

#include "TasksModel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace vl {

namespace {

// A progress bar in the progress column.
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        const int progress = index.data(TasksModel::ProgressRole).toInt();
        if (progress < 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 3, -2, -3);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = progress;
        bar.text = QStringLiteral("%1%").arg(progress);
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        QStyle* style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

} // namespace

TasksPanel::TasksPanel(TasksModel* model, QWidget* parent)
    : QWidget(parent)
    , m_view(new QTreeView(this)) {
    setModel(model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setItemDelegateForColumn(TasksModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->header()->setSectionResizeMode(TasksModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->setColumnWidth(TasksModel::ProgressColumn, 120);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        if (index.data(TasksModel::SucceededRole).toBool())
            emit openRequested(index.data(TasksModel::DatasetIdRole).toString());
    });
    auto* clear = new QPushButton(tr("Clear finished"), this);
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_model)
            m_model->removeFinished();
    });
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
}

void TasksPanel::setModel(TasksModel* model) {
    m_model = model;
    m_view->setModel(model);
}

} // namespace vl
