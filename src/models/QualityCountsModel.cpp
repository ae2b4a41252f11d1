#include "QualityCountsModel.h"

#include "ApiClient.h"
#include "ExploreJob.h"
#include "Vql.h"

#include <QLocale>
#include <tuple>

namespace vl {

QualityCountsModel::QualityCountsModel(QObject* parent)
    : QAbstractListModel(parent) {
    // Thresholds a first look would use: clearly affected images, and near-identical duplicates.
    const QList<std::tuple<QString, QString, double>> issues = {
        {QStringLiteral("blur"), tr("Blurry"), 0.5},
        {QStringLiteral("dark"), tr("Dark"), 0.5},
        {QStringLiteral("bright"), tr("Bright"), 0.5},
        {QStringLiteral("duplicates"), tr("Near-duplicates"), 0.9},
        {QStringLiteral("outliers"), tr("Outliers (low uniqueness)"), 0.7}};
    for (const auto& [name, title, threshold] : issues) {
        Issue issue;
        issue.name = name;
        issue.title = title;
        issue.threshold = threshold;
        m_issues.append(issue);
    }
}

QualityCountsModel::~QualityCountsModel() {
    for (int row = 0; row < m_issues.size(); ++row)
        abort(row);
}

void QualityCountsModel::setClient(ApiClient* client) {
    m_client = client;
    setDataset({});
}

void QualityCountsModel::setDataset(const QString& datasetId) {
    m_datasetId = datasetId;
    for (int row = 0; row < m_issues.size(); ++row)
        count(row);
}

void QualityCountsModel::setThreshold(int row, double threshold) {
    if (row < 0 || row >= m_issues.size())
        return;
    m_issues[row].threshold = qBound(0.0, threshold, 1.0);
    count(row);
}

int QualityCountsModel::rowOf(const QString& issue) const {
    for (int row = 0; row < m_issues.size(); ++row) {
        if (m_issues.at(row).name == issue)
            return row;
    }
    return -1;
}

ExploreQuery QualityCountsModel::queryFor(int row) const {
    const Issue& issue = m_issues.at(row);
    Vql vql;
    if (issue.name == QLatin1String("duplicates"))
        vql.duplicates(issue.threshold);
    else
        vql.issue(issue.name, issue.threshold, 1.0);
    ExploreQuery query;
    query.vql = vql.toJsonString();
    return query;
}

bool QualityCountsModel::isLoading() const {
    for (const Issue& issue : m_issues) {
        if (issue.job)
            return true;
    }
    return false;
}

void QualityCountsModel::abort(int row) {
    if (ExploreJob* job = m_issues[row].job) {
        job->disconnect(this);
        job->abort();
    }
    m_issues[row].job = nullptr;
}

void QualityCountsModel::count(int row) {
    const bool wasLoading = isLoading();
    abort(row);
    Issue& issue = m_issues[row];
    issue.count = -1;
    issue.atLeast = false;
    issue.page = 0;
    if (m_client && !m_datasetId.isEmpty())
        loadPage(row);
    emit dataChanged(index(row), index(row));
    if (wasLoading != isLoading())
        emit loadingChanged(isLoading());
}

void QualityCountsModel::loadPage(int row) {
    ExploreQuery query = queryFor(row);
    query.pageNumber = m_issues[row].page;
    auto* job = new ExploreJob(m_client, m_datasetId, query);
    m_issues[row].job = job;
    connect(job, &ApiJob::finished, this, [this, row, job] { onPage(row, job); });
}

void QualityCountsModel::onPage(int row, ExploreJob* job) {
    Issue& issue = m_issues[row];
    issue.job = nullptr;
    if (job->isSuccess()) {
        qint64 images = 0;
        for (const Cluster& cluster : job->result().clusters)
            images += cluster.imageCount >= 0 ? cluster.imageCount : cluster.previews.size();
        issue.count = qMax<qint64>(issue.count, 0) + images;
        const bool more = !job->result().clusters.isEmpty();
        if (more && ++issue.page < kMaxPages) {
            loadPage(row);
            return; // the count shows once complete
        }
        issue.atLeast = more;
    }
    emit dataChanged(index(row), index(row));
    if (!isLoading())
        emit loadingChanged(false);
}

int QualityCountsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_issues.size());
}

QVariant QualityCountsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_issues.size())
        return {};
    const Issue& issue = m_issues.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return issue.title;
    case IssueRole:
        return issue.name;
    case CountRole:
        return issue.job ? qint64(-1) : issue.count;
    case ThresholdRole:
        return issue.threshold;
    case LoadingRole:
        return bool(issue.job);
    case AtLeastRole:
        return issue.atLeast;
    default:
        return {};
    }
}

} // namespace vl
