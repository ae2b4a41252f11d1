#include "ClusterResultsModel.h"

#include "PreviewListModel.h"

#include "ApiClient.h"
#include "ExploreJob.h"
#include "ImageSimilarityJob.h"

#include <QMimeData>
#include <QUrl>

namespace vl {

ClusterResultsModel::ClusterResultsModel(QObject* parent)
    : QAbstractListModel(parent) {}

ClusterResultsModel::~ClusterResultsModel() {
    if (m_job)
        m_job->disconnect(this);
}

void ClusterResultsModel::setClient(ApiClient* client) {
    cancelJob();
    m_client = client;
    clear();
}

void ClusterResultsModel::cancelJob() {
    if (!m_job)
        return;
    m_job->disconnect(this);
    m_job->abort();
    m_job = nullptr;
    emit loadingChanged(false);
}

void ClusterResultsModel::startJob(ApiJob* job) {
    m_job = job;
    emit loadingChanged(true);
}

void ClusterResultsModel::clear() {
    cancelJob();
    m_hasQuery = false;
    m_exhausted = false;
    m_nextPage = 0;
    beginResetModel();
    m_clusters.clear();
    endResetModel();
}

void ClusterResultsModel::setDataset(const QString& datasetId) {
    clear();
    m_datasetId = datasetId;
}

void ClusterResultsModel::search(const QString& datasetId, const ExploreQuery& query) {
    clear();
    if (!m_client)
        return;
    m_datasetId = datasetId;
    m_query = query;
    m_hasQuery = true;
    loadPage(0);
}

void ClusterResultsModel::searchByImage(const QString& datasetId, const ExploreQuery& query,
                                        const QByteArray& imageData, const QString& fileName,
                                        const std::optional<BoundingBox>& box) {
    clear();
    if (!m_client)
        return;
    m_datasetId = datasetId;
    m_query = query;
    auto* job = new ImageSimilarityJob(m_client, datasetId, imageData, fileName, query.entityType,
                                       query.granularity, box);
    connect(job, &ApiJob::uploadProgress, this, &ClusterResultsModel::uploadProgress);
    connect(job, &ApiJob::finished, this, [this, job] { onUploadFinished(job); });
    startJob(job);
}

void ClusterResultsModel::onUploadFinished(ImageSimilarityJob* job) {
    if (job != m_job)
        return;
    m_job = nullptr;
    if (!job->isSuccess()) {
        emit loadingChanged(false);
        emit searchFailed(job->error());
        return;
    }
    const Anchor anchor = job->anchor();
    m_query.anchor = anchor;
    m_hasQuery = true;
    emit anchorReady(anchor);
    emit loadingChanged(false);
    loadPage(0);
}

void ClusterResultsModel::loadPage(int pageNumber) {
    ExploreQuery pageQuery = m_query;
    pageQuery.pageNumber = pageNumber;
    auto* job = new ExploreJob(m_client, m_datasetId, pageQuery);
    connect(job, &ApiJob::finished, this, [this, job] { onExploreFinished(job); });
    startJob(job);
}

void ClusterResultsModel::onExploreFinished(ExploreJob* job) {
    if (job != m_job)
        return;
    m_job = nullptr;
    ExploreJob* explore = job;
    if (!job->isSuccess()) {
        emit loadingChanged(false);
        emit searchFailed(job->error());
        return;
    }
    const QVector<Cluster>& clusters = explore->result().clusters;
    const int page = explore->query().pageNumber;
    m_nextPage = page + 1;
    if (clusters.isEmpty()) {
        m_exhausted = true; // the API has no page count: an empty page is the end
    } else {
        beginInsertRows({}, m_clusters.size(), m_clusters.size() + clusters.size() - 1);
        m_clusters += clusters;
        endInsertRows();
    }
    emit loadingChanged(false);
    emit pageLoaded(page, clusters.size());
}

bool ClusterResultsModel::queryRanksResults() const {
    return m_query.anchor.has_value() || !m_query.caption.isEmpty() ||
           m_query.vql.contains(QLatin1String("\"text\"")) ||
           m_query.vql.contains(QLatin1String("similarity"));
}

bool ClusterResultsModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_client && m_hasQuery && !m_exhausted && !m_job && m_nextPage > 0;
}

void ClusterResultsModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        loadPage(m_nextPage);
}

int ClusterResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_clusters.size();
}

static qint64 itemCount(const Cluster& cluster) {
    if (cluster.type.compare(QLatin1String("OBJECTS"), Qt::CaseInsensitive) == 0 && cluster.objectCount >= 0)
        return cluster.objectCount;
    if (cluster.imageCount >= 0)
        return cluster.imageCount;
    return cluster.previews.size();
}

static QString clusterCaption(const Cluster& cluster) {
    if (!cluster.captions.isEmpty())
        return cluster.captions.first();
    for (const Preview& preview : cluster.previews) {
        if (!preview.caption.isEmpty())
            return preview.caption;
    }
    return {};
}

QVariant ClusterResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Cluster& cluster = m_clusters.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case CaptionRole: {
        const QString caption = clusterCaption(cluster);
        if (!caption.isEmpty() || role == CaptionRole)
            return caption;
        return cluster.previews.isEmpty() ? cluster.clusterId : cluster.previews.first().fileName;
    }
    case Qt::ToolTipRole:
        return tr("%1 items\n%2")
            .arg(itemCount(cluster))
            .arg(relevanceText(cluster.relevanceScore, cluster.relevanceScoreType));
    case ClusterIdRole:
        return cluster.clusterId;
    case ItemCountRole:
        return itemCount(cluster);
    case LabelsRole:
        return cluster.labels;
    case RelevanceScoreRole:
        return cluster.relevanceScore ? QVariant(*cluster.relevanceScore) : QVariant();
    case RelevanceTextRole:
        // A plain browse has no query to be relevant to; its scores (often 0.0) would mislead.
        return queryRanksResults() ? relevanceText(cluster.relevanceScore, cluster.relevanceScoreType)
                                   : QString();
    case PreviewBoxesRole: {
        QList<QRectF> boxes;
        for (const Preview& preview : cluster.previews)
            boxes.append(PreviewListModel::objectBox(preview));
        return QVariant::fromValue(boxes);
    }
    case ThumbnailUrlsRole: {
        QList<QUrl> urls;
        for (const Preview& preview : cluster.previews)
            urls.append(preview.thumbUrl.isValid() ? preview.thumbUrl : preview.mediaUrl);
        return QVariant::fromValue(urls);
    }
    case FirstMediaIdRole:
        return cluster.previews.isEmpty() ? QString() : cluster.previews.first().mediaId;
    default:
        return {};
    }
}

Qt::ItemFlags ClusterResultsModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!m_clusters.at(index.row()).previews.isEmpty())
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

QStringList ClusterResultsModel::mimeTypes() const {
    return {QString::fromLatin1(mediaMimeType)};
}

QMimeData* ClusterResultsModel::mimeData(const QModelIndexList& indexes) const {
    for (const QModelIndex& index : indexes) {
        const QString mediaId = data(index, FirstMediaIdRole).toString();
        if (mediaId.isEmpty())
            continue;
        auto* mime = new QMimeData;
        mime->setData(QString::fromLatin1(mediaMimeType), mediaId.toUtf8());
        const Preview& preview = m_clusters.at(index.row()).previews.first();
        mime->setData(QString::fromLatin1(kMediaUrlMimeType),
                      PreviewListModel::fullImageUrl(preview).toEncoded());
        mime->setData(QString::fromLatin1(kMediaNameMimeType), preview.fileName.toUtf8());
        mime->setText(data(index, Qt::DisplayRole).toString());
        return mime;
    }
    return nullptr;
}

QString ClusterResultsModel::relevanceText(const std::optional<double>& score, const QString& scoreType) {
    if (!score)
        return {};
    const QString value = QString::number(*score, 'f', 2);
    if (scoreType.isEmpty() || scoreType.contains(QLatin1String("distance"), Qt::CaseInsensitive))
        return tr("distance %1 (lower = more similar)").arg(value);
    return tr("%1 %2 (higher = more similar)")
        .arg(QString(scoreType).replace(QLatin1Char('_'), QLatin1Char(' ')), value);
}

} // namespace vl
