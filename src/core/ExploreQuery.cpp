#include "ExploreQuery.h"

#include "QueryEncoding.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vl {

namespace {

QString jsonList(const QStringList& items) {
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

} // namespace

QUrlQuery ExploreQuery::toUrlQuery() const {
    QUrlQuery query;
    addEncodedQueryItem(query, QStringLiteral("entity_type"), entityTypeToApiString(entityType));
    addEncodedQueryItem(query, QStringLiteral("threshold"), QString::number(granularity));
    addEncodedQueryItem(query, QStringLiteral("page_number"), QString::number(pageNumber));
    if (!caption.isEmpty())
        addEncodedQueryItem(query, QStringLiteral("caption"), caption);
    if (!vql.isEmpty())
        addEncodedQueryItem(query, QStringLiteral("vql"), vql);
    if (textualSimilarityThreshold)
        addEncodedQueryItem(query, QStringLiteral("textual_similarity_threshold"),
                            QString::number(*textualSimilarityThreshold));
    if (!labels.isEmpty())
        addEncodedQueryItem(query, QStringLiteral("labels"), jsonList(labels));
    if (!tags.isEmpty())
        addEncodedQueryItem(query, QStringLiteral("tags"), jsonList(tags));
    if (anchor && anchor->isValid()) {
        addEncodedQueryItem(query, QStringLiteral("anchor_media_id"), anchor->mediaId);
        addEncodedQueryItem(query, QStringLiteral("anchor_type"), anchor->typeString());
    }
    return query;
}

} // namespace vl
