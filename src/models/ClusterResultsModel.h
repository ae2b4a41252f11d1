#pragma once

#include "Anchor.h"
#include "ApiClient.h"
#include "ApiError.h"
#include "ApiJob.h"
#include "BoundingBox.h"
#include "Cluster.h"
#include "ExploreQuery.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QVector>
#include <optional>

namespace vl {

class ExploreJob;
class ImageSimilarityJob;

// The clusters of one explore query. Page 0 loads on search(); further pages (100 clusters each)
// load through fetchMore() as the view scrolls, until the server answers an empty page.
// searchByImage() first uploads the query image (ImageSimilarityJob) and then explores around the
// returned anchor.
class ClusterResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        ClusterIdRole = Qt::UserRole + 1,
        ItemCountRole,      // qint64: images (or objects for object clusters)
        CaptionRole,        // first caption of the cluster or of a preview
        LabelsRole,         // QStringList, most frequent first as sent
        RelevanceScoreRole, // double or invalid
        RelevanceTextRole,  // "distance 0.12 (lower = more similar)"
        ThumbnailUrlsRole,  // QList<QUrl> of preview thumbnails
        FirstMediaIdRole,   // media id of the first preview (drag source / "find similar")
        PreviewBoxesRole    // QList<QRectF>, one per thumbnail: the object's box in fractions, null for none
    };
    static constexpr const char* mediaMimeType = "application/x-vl-media-id";
    // With the media id, a drag carries the image's URL and file name so a drop target can show it.
    static constexpr const char* kMediaUrlMimeType = "application/x-vl-media-url";
    static constexpr const char* kMediaNameMimeType = "application/x-vl-media-name";
    static constexpr int kPageSize = 100; // clusters per explore page (the server's fixed page size)

    explicit ClusterResultsModel(QObject* parent = nullptr);
    ~ClusterResultsModel() override;

    void setClient(ApiClient* client);
    // The dataset the results belong to (the one place that knows which dataset is being searched).
    void setDataset(const QString& datasetId);
    void search(const QString& datasetId, const ExploreQuery& query);
    void searchByImage(const QString& datasetId, const ExploreQuery& query, const QByteArray& imageData,
                       const QString& fileName, const std::optional<BoundingBox>& box);
    void clear();

    const Cluster& cluster(int row) const { return m_clusters.at(row); }
    QString datasetId() const { return m_datasetId; }
    const ExploreQuery& currentQuery() const { return m_query; }
    bool isLoading() const { return m_job != nullptr; }
    bool isExhausted() const { return m_exhausted; }
    int pagesLoaded() const { return m_nextPage; }
    // True when the last page was full, so scrolling on may load more.
    bool mayHaveMore() const {
        return !m_exhausted && !m_clusters.isEmpty() && m_clusters.size() % kPageSize == 0;
    }
    bool queryRanksResults() const; // true when results are ordered by similarity to a query

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

    // "distance 0.12 (lower = more similar)" for cosine distances, "score 0.87" otherwise.
    static QString relevanceText(const std::optional<double>& score, const QString& scoreType);

signals:
    void loadingChanged(bool loading);
    void pageLoaded(int pageNumber, int clusterCount);
    void searchFailed(const vl::ApiError& error);
    void uploadProgress(qint64 sent, qint64 total);
    void anchorReady(const vl::Anchor& anchor);

private:
    void startJob(ApiJob* job);
    void cancelJob();
    void loadPage(int pageNumber);
    void onExploreFinished(ExploreJob* job);
    void onUploadFinished(ImageSimilarityJob* job);

    QPointer<ApiClient> m_client;
    QPointer<ApiJob> m_job;
    QString m_datasetId;
    ExploreQuery m_query;
    bool m_hasQuery = false;
    bool m_exhausted = false;
    int m_nextPage = 0;
    QVector<Cluster> m_clusters;
};

} // namespace vl
