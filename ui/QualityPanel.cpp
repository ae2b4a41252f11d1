#include "QualityPanel.h"

#include "QualityCountsModel.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace vl {

QualityPanel::QualityPanel(QualityCountsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model) {
    auto* grid = new QGridLayout;
    grid->setColumnStretch(0, 1);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString issue = model->issue(row);
        auto* title = new QLabel(model->index(row).data().toString(), this);
        Row widgets{new QLabel(this), new QDoubleSpinBox(this), new QPushButton(tr("Show"), this)};
        widgets.count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        widgets.count->setMinimumWidth(
            widgets.count->fontMetrics().horizontalAdvance(QStringLiteral("≥ 00,000")));
        widgets.threshold->setRange(0.05, 1.0);
        widgets.threshold->setSingleStep(0.05);
        widgets.threshold->setDecimals(2);
        widgets.threshold->setValue(model->threshold(row));
        widgets.threshold->setToolTip(issue == QLatin1String("duplicates")
                                          ? tr("Minimum similarity of a near-duplicate (1 = identical)")
                                          : tr("Minimum confidence of the issue"));
        widgets.show->setToolTip(tr("Show these images in the grid"));
        grid->addWidget(title, row, 0);
        grid->addWidget(widgets.count, row, 1);
        grid->addWidget(widgets.threshold, row, 2);
        grid->addWidget(widgets.show, row, 3);
        m_rows.append(widgets);
        // Counting again on every arrow click would flood the server: once the edit settles.
        connect(widgets.threshold, &QDoubleSpinBox::editingFinished, this, [this, row] {
            if (m_model && !qFuzzyCompare(m_model->threshold(row), m_rows.at(row).threshold->value()))
                m_model->setThreshold(row, m_rows.at(row).threshold->value());
        });
        connect(widgets.show, &QPushButton::clicked, this, [this, row, issue] {
            const double threshold = m_rows.at(row).threshold->value();
            if (m_model && !qFuzzyCompare(m_model->threshold(row), threshold))
                m_model->setThreshold(row, threshold);
            emit showRequested(issue, threshold);
        });
        updateRow(row);
    }
    auto* hint = new QLabel(tr("Images per issue at the threshold on the right."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(grid);
    layout->addWidget(hint);
    layout->addStretch();
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                for (int row = from.row(); row <= to.row(); ++row)
                    updateRow(row);
            });
}

void QualityPanel::updateRow(int row) {
    m_rows.at(row).count->setText(countText(row));
}

QString QualityPanel::countText(int row) const {
    if (!m_model || m_model->datasetId().isEmpty())
        return QStringLiteral("–");
    const QModelIndex index = m_model->index(row);
    if (index.data(QualityCountsModel::LoadingRole).toBool())
        return QStringLiteral("…");
    const qint64 count = index.data(QualityCountsModel::CountRole).toLongLong();
    if (count < 0)
        return QStringLiteral("?");
    const QString number = QLocale().toString(count);
    return index.data(QualityCountsModel::AtLeastRole).toBool() ? QStringLiteral("≥ ") + number : number;
}

} // namespace vl
