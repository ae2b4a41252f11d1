#pragma once

#include "ApiJob.h"
#include "ExploreQuery.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QVector>

namespace vl {

class ApiClient;
class ExploreJob;

// How many images of a dataset show each quality issue the explore API filters by — blur, dark,
// bright, near-duplicates, outliers (low uniqueness) — each at its own adjustable threshold. A
// count is one explore query with that filter, paged to its end (at most kMaxPages pages; beyond
// that the count says "at least"), summing the clusters' image counts. Changing a threshold counts
// that issue again; a new dataset counts them all.
class QualityCountsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IssueRole = Qt::UserRole + 1, // blur, dark, bright, duplicates, outliers
        CountRole,                    // qint64; -1 while unknown
        ThresholdRole,                // double 0..1 (for duplicates: the similarity)
        LoadingRole,                  // bool
        AtLeastRole                   // bool: the page limit was reached, the count is a minimum
    };
    static constexpr int kMaxPages = 20;

    explicit QualityCountsModel(QObject* parent = nullptr);
    ~QualityCountsModel() override;

    void setClient(ApiClient* client);
    void setDataset(const QString& datasetId);
    QString datasetId() const { return m_datasetId; }
    void setThreshold(int row, double threshold);
    double threshold(int row) const { return m_issues.at(row).threshold; }
    QString issue(int row) const { return m_issues.at(row).name; }
    int rowOf(const QString& issue) const;
    // The explore query that lists an issue's images (what the count pages through).
    ExploreQuery queryFor(int row) const;
    bool isLoading() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

signals:
    void loadingChanged(bool loading);

private:
    struct Issue {
        QString name;
        QString title;
        double threshold = 0;
        qint64 count = -1;
        bool atLeast = false;
        int page = 0;
        QPointer<ExploreJob> job;
    };
    void count(int row);
    void loadPage(int row);
    void onPage(int row, ExploreJob* job);
    void abort(int row);

    QPointer<ApiClient> m_client;
    QString m_datasetId;
    QVector<Issue> m_issues;
};

} // namespace vl
