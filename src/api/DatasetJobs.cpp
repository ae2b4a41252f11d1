#include "DatasetJobs.h"

#include "ApiClient.h"
#include "JsonRead.h"
#include "QueryEncoding.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace vl {

ListDatasetsJob::ListDatasetsJob(ApiClient* client)
    : ApiJob(client, Method::Get, QStringLiteral("/datasets"), tr("list datasets")) {}

bool ListDatasetsJob::decode(const QJsonDocument& json) {
    // The documented answer is a bare array; tolerate {"datasets": [...]} as well.
    if (json.isObject() && json.object().value(QLatin1String("datasets")).isArray()) {
        m_datasets = Dataset::listFromJson(json.object().value(QLatin1String("datasets")).toArray());
        return true;
    }
    if (!json.isArray()) {
        setDecodeError(tr("expected a list of datasets"));
        return false;
    }
    m_datasets = Dataset::listFromJson(json.array());
    return true;
}

GetDatasetJob::GetDatasetJob(ApiClient* client, const QString& datasetId)
    : ApiJob(client, Method::Get, QStringLiteral("/dataset/") + pathSegment(datasetId),
             tr("get the dataset")) {
    m_dataset.id = datasetId;
}

bool GetDatasetJob::decode(const QJsonDocument& json) {
    if (!json.isObject()) {
        setDecodeError(tr("expected a dataset object"));
        return false;
    }
    const QString requestedId = m_dataset.id;
    m_dataset = Dataset::fromJson(json.object());
    if (m_dataset.id.isEmpty())
        m_dataset.id = requestedId;
    return true;
}

DeleteDatasetJob::DeleteDatasetJob(ApiClient* client, const QString& datasetId)
    : ApiJob(client, Method::Delete, QStringLiteral("/dataset/") + pathSegment(datasetId),
             tr("delete the dataset")) {
    setExpectJson(false); // the answer's shape is undocumented; an empty body is fine
}

bool DeleteDatasetJob::decode(const QJsonDocument&) {
    return true;
}

CreateDatasetFromFolderJob::CreateDatasetFromFolderJob(ApiClient* client, const QString& folderPath,
                                                       const QString& name)
    : ApiJob(client, Method::Post, QStringLiteral("/process"), tr("create the dataset")) {
    QUrlQuery query;
    addEncodedQueryItem(query, QStringLiteral("path"), folderPath);
    addEncodedQueryItem(query, QStringLiteral("name"), name);
    setQuery(query);
    setRawBody({}, "application/x-www-form-urlencoded"); // no body; the parameters are in the query
}

bool CreateDatasetFromFolderJob::decode(const QJsonDocument& json) {
    if (!json.isObject()) {
        setDecodeError(tr("expected an object with dataset_id"));
        return false;
    }
    const QJsonObject object = json.object();
    if (JsonRead::string(object.value(QLatin1String("status")))
            .compare(QLatin1String("error"), Qt::CaseInsensitive) == 0) {
        // The on-prem endpoint answers 200 with its own error envelope.
        ApiError error = ApiError::make(ApiError::Kind::Http,
                                        ApiError::parseDetail(QJsonDocument(object).toJson()), operation());
        error.httpStatus = httpStatus();
        setResultError(error);
        return false;
    }
    m_datasetId = JsonRead::firstString(object, {"dataset_id", "id"});
    if (m_datasetId.isEmpty()) {
        setDecodeError(tr("the answer has no dataset_id"));
        return false;
    }
    return true;
}

ReindexDatasetJob::ReindexDatasetJob(ApiClient* client, const QString& datasetId)
    : ApiJob(client, Method::Post,
             QStringLiteral("/dataset/") + pathSegment(datasetId) + QStringLiteral("/reindex"),
             tr("rescan the dataset")) {
    setRawBody({}, "application/json");
    setIdempotent(false); // a second start would be refused as a conflict, not repeated
}

bool ReindexDatasetJob::decode(const QJsonDocument&) {
    return true; // the status change is seen through the dataset list
}

} // namespace vl
