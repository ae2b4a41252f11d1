#pragma once

#include <QPointer>
#include <QVector>
#include <QWidget>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;

namespace vl {

class QualityCountsModel;

// The dataset's quality at a glance: per issue (blurry, dark, bright, near-duplicates, outliers) its
// image count at a threshold that can be adjusted, and "Show", which filters the grid to it.
class QualityPanel : public QWidget {
    Q_OBJECT
public:
    explicit QualityPanel(QualityCountsModel* model, QWidget* parent = nullptr);

    QString countText(int row) const;
    QDoubleSpinBox* thresholdBox(int row) const { return m_rows.at(row).threshold; }
    QPushButton* showButton(int row) const { return m_rows.at(row).show; }

signals:
    void showRequested(const QString& issue, double threshold);

private:
    struct Row {
        QLabel* count;
        QDoubleSpinBox* threshold;
        QPushButton* show;
    };
    void updateRow(int row);

    QPointer<QualityCountsModel> m_model;
    QVector<Row> m_rows;
};

} // namespace vl
