#include "ExploreJob.h"

#include "ApiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace vl {

namespace {

// QUrlQuery leaves '+' (and a few other sub-delimiters) unencoded, and servers decode '+' as a space.
// Passing fully percent-encoded values makes a '+' travel as %2B and a space as %20.
void addEncodedItem(QUrlQuery& query, const QString& key, const QString& value) {
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

QString jsonList(const QStringList& items) {
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

} // namespace

QUrlQuery ExploreQuery::toUrlQuery() const {
    QUrlQuery query;
    addEncodedItem(query, QStringLiteral("entity_type"), entityTypeToApiString(entityType));
    addEncodedItem(query, QStringLiteral("threshold"), QString::number(granularity));
    addEncodedItem(query, QStringLiteral("page_number"), QString::number(pageNumber));
    if (!caption.isEmpty())
        addEncodedItem(query, QStringLiteral("caption"), caption);
    if (!vql.isEmpty())
        addEncodedItem(query, QStringLiteral("vql"), vql);
    if (textualSimilarityThreshold)
        addEncodedItem(query, QStringLiteral("textual_similarity_threshold"),
                       QString::number(*textualSimilarityThreshold));
    if (!labels.isEmpty())
        addEncodedItem(query, QStringLiteral("labels"), jsonList(labels));
    if (!tags.isEmpty())
        addEncodedItem(query, QStringLiteral("tags"), jsonList(tags));
    if (anchor && anchor->isValid()) {
        addEncodedItem(query, QStringLiteral("anchor_media_id"), anchor->mediaId);
        addEncodedItem(query, QStringLiteral("anchor_type"), anchor->typeString());
    }
    return query;
}

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
