#include "ExploreEngine.h"

#include "DatasetSnapshot.h"
#include "ExploreFilters.h"
#include "ExploreJson.h"
#include "ExploreRanking.h"
#include "ExploreSelection.h"

#include <QJsonArray>

#include <algorithm>

namespace vl::engine {

QJsonObject ExploreEngine::preview(const DatasetSnapshot& snapshot, int index,
                                   std::optional<float> score) const {
    return ExploreJson(m_signer, m_baseUrl).preview(snapshot, index, score);
}

std::optional<QVector<int>> ExploreEngine::select(const DatasetSnapshot& snapshot,
                                                  const ExploreRequest& request, ApiResponse* error) const {
    ExploreSelection selection(snapshot.size());
    if (auto problem = ExploreFilters(m_catalogue, snapshot, m_textEncoder.get()).apply(request, selection)) {
        if (error)
            *error = *problem;
        return std::nullopt;
    }
    QVector<int> alive;
    for (int i = 0; i < snapshot.size(); ++i) {
        if (selection.isAlive(i))
            alive.append(i);
    }
    return alive;
}

ApiResponse ExploreEngine::explore(const DatasetSnapshot& snapshot, const ExploreRequest& request) const {
    const QJsonObject emptyResult{{"clusters", QJsonArray()}, {"metadata", QJsonObject()}};
    if (request.objects != snapshot.isObjects()) // the route passes the snapshot the entity type asks for
        return ApiResponse::json(emptyResult);
    ExploreSelection selection(snapshot.size());
    if (auto error = ExploreFilters(m_catalogue, snapshot, m_textEncoder.get()).apply(request, selection))
        return *error;

    const bool byGroups = !selection.groups.empty();
    const std::vector<int>& assignment = byGroups ? selection.groups : snapshot.clusters(request.granularity);
    const QVector<ExploreRanking::Cluster> order = ExploreRanking::order(snapshot, selection, assignment);

    const ExploreJson json(m_signer, m_baseUrl);
    const QString grouping = byGroups ? selection.groupKey : QString::number(request.granularity);
    QJsonArray clusters;
    // 64-bit and clamped: the page is validated, but a page past the end must never index the list.
    const qint64 begin = std::max<qint64>(0, qint64(request.page) * ExploreRequest::kClustersPerPage);
    const qint64 end = std::min<qint64>(order.size(), begin + ExploreRequest::kClustersPerPage);
    for (qint64 k = begin; k < end; ++k)
        clusters.append(
            json.cluster(snapshot, order[int(k)], selection, grouping, request.granularity, byGroups));
    return ApiResponse::json(QJsonObject{{"clusters", clusters}, {"metadata", QJsonObject()}});
}

} // namespace vl::engine
