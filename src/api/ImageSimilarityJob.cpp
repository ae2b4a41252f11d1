#include "ImageSimilarityJob.h"

#include "MultipartForm.h"
#include "QueryEncoding.h"

#include <QJsonObject>
#include <QMimeDatabase>
#include <QUrl>

namespace vl {

ImageSimilarityJob::ImageSimilarityJob(ApiClient* client, const QString& datasetId,
                                       const QByteArray& imageData, const QString& fileName,
                                       EntityType entityType, int granularity,
                                       const std::optional<BoundingBox>& box)
    : ApiJob(client, Method::Post,
             QStringLiteral("/dataset/") + pathSegment(datasetId) +
                 QStringLiteral("/search-image-similarity"),
             tr("upload the query image")) {
    QUrlQuery query;
    addEncodedQueryItem(query, QStringLiteral("entity_type"), entityTypeToApiString(entityType));
    addEncodedQueryItem(query, QStringLiteral("threshold"), QString::number(granularity));
    if (box) // JSON fractions, as the documentation's curl example sends it
        addEncodedQueryItem(query, QStringLiteral("bounding_box"), box->toJsonString());
    setQuery(query);

    const QMimeType mime = QMimeDatabase().mimeTypeForFileNameAndData(fileName, imageData);
    MultipartForm form;
    form.addFile(QStringLiteral("file"), fileName.isEmpty() ? QStringLiteral("query.jpg") : fileName,
                 mime.isValid() ? mime.name().toLatin1() : QByteArray(), imageData);
    setRawBody(form.body(), form.contentType());
    setIdempotent(false); // an upload creates an anchor: never repeated automatically
}

bool ImageSimilarityJob::decode(const QJsonDocument& json) {
    m_anchor = Anchor::fromJson(json.object());
    if (!m_anchor.isValid()) {
        setDecodeError(tr("the answer has no anchor_media_id"));
        return false;
    }
    return true;
}

} // namespace vl
