// The JSON decoders of src/core on arbitrary bytes: whatever a server (or an attacker in between) answers,
// decoding must not crash. Every object found at the top level or inside a top-level array goes through
// every decoder, since a client cannot choose what the server sends.
#include "Anchor.h"
#include "ApiError.h"
#include "Cluster.h"
#include "Dataset.h"
#include "EnrichmentModel.h"
#include "ExportTask.h"
#include "FuzzInput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace {

void decodeObject(const QJsonObject& object) {
    const QUrl base(QStringLiteral("https://app.visual-layer.com"));
    vl::Dataset::fromJson(object);
    vl::Preview::fromJson(object, base);
    vl::Cluster::fromJson(object, base);
    vl::ExploreResult::fromJson(object, base);
    vl::EnrichmentModel::fromJson(object);
    vl::EnrichmentContext::fromJson(object);
    vl::ExportTask::fromJson(object, base);
    vl::Anchor::fromJson(object);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes = vl::fuzz::bytesOf(data, size);
    // ApiError reads bodies that need not be JSON at all; the first byte picks the status it is read with.
    const int status = size > 0 ? 400 + data[0] % 200 : 500;
    QStringList fields;
    vl::ApiError::parseDetail(bytes, &fields);
    vl::ApiError::fromHttp(status, bytes, QStringLiteral("fuzz"));

    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (document.isObject())
        decodeObject(document.object());
    if (document.isArray()) {
        const QJsonArray array = document.array();
        vl::Dataset::listFromJson(array);
        vl::EnrichmentModel::listFromJson(array);
        for (const QJsonValue& item : array)
            decodeObject(item.toObject());
    }
    return 0;
}
