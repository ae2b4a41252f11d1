#pragma once

#include "ApiJob.h"
#include "Cluster.h"
#include "ExploreQuery.h"

namespace vl {

class ExploreJob : public ApiJob {
    Q_OBJECT
public:
    ExploreJob(ApiClient* client, const QString& datasetId, const ExploreQuery& query);
    const ExploreResult& result() const { return m_result; }
    const ExploreQuery& query() const { return m_exploreQuery; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    ExploreQuery m_exploreQuery;
    ExploreResult m_result;
};

} // namespace vl
