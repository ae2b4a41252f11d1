#include "ExploreJob.h"

#include "ApiClient.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace vl {

ExploreJob::ExploreJob(ApiClient* client, const QString& datasetId, const ExploreQuery& query)
    : ApiJob(client, Method::Get, QStringLiteral("/explore/") + pathSegment(datasetId),
             tr("explore the dataset"))
    , m_exploreQuery(query) {
    setQuery(query.toUrlQuery());
}

bool ExploreJob::decode(const QJsonDocument& json) {
    const QJsonObject object = json.object();
    if (!json.isObject() || !object.value(QLatin1String("clusters")).isArray()) {
        setDecodeError(tr("the answer has no clusters list"));
        return false;
    }
    m_result = ExploreResult::fromJson(object, client() ? client()->baseUrl() : QUrl());
    return true;
}

} // namespace vl
