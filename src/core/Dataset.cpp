#include "Dataset.h"

#include "JsonRead.h"

#include <algorithm>
#include <cmath>

namespace vl {

static int progressPercent(const QJsonValue& value) {
    const std::optional<double> progress = JsonRead::number(value);
    if (!progress || *progress < 0)
        return -1;
    return static_cast<int>(std::lround(std::min(*progress, 100.0)));
}

Dataset Dataset::fromJson(const QJsonObject& json) {
    using namespace JsonRead;
    Dataset dataset;
    dataset.id = firstString(json, {"id", "dataset_id"});
    dataset.displayName = firstString(json, {"display_name", "name"});
    dataset.description = string(json.value(QLatin1String("description")));
    dataset.sourceType = string(json.value(QLatin1String("source_type")));
    dataset.sourceUri = string(json.value(QLatin1String("source_uri")));
    dataset.ownedBy = string(json.value(QLatin1String("owned_by")));
    dataset.createdBy = string(json.value(QLatin1String("created_by")));
    dataset.sourceDatasetId = string(json.value(QLatin1String("source_dataset_id")));
    dataset.previewUri = string(json.value(QLatin1String("preview_uri")));
    dataset.fatalErrorMessage = string(json.value(QLatin1String("fatal_error_msg")));
    dataset.legacyStatus = string(json.value(QLatin1String("status")));
    // `status_new` is authoritative; `status` is the retiring legacy field and only a fallback.
    const QString newStatus = string(json.value(QLatin1String("status_new")));
    dataset.statusText = newStatus.isEmpty() ? dataset.legacyStatus : newStatus;
    dataset.status = datasetStatusFromString(newStatus);
    if (dataset.status == DatasetStatus::Unknown)
        dataset.status = datasetStatusFromString(dataset.legacyStatus);
    dataset.progress = progressPercent(json.value(QLatin1String("progress")));
    dataset.perceptionProgress = progressPercent(json.value(QLatin1String("perception_progress")));
    dataset.imageCount = integerOr(json.value(QLatin1String("n_images")), -1);
    dataset.objectCount = integerOr(json.value(QLatin1String("n_objects")), -1);
    dataset.videoCount = integerOr(json.value(QLatin1String("n_videos")), -1);
    dataset.createdAt = dateTime(json.value(QLatin1String("created_at")));
    dataset.updatedAt = dateTime(json.value(QLatin1String("updated_at")));
    return dataset;
}

QVector<Dataset> Dataset::listFromJson(const QJsonArray& json) {
    QVector<Dataset> datasets;
    datasets.reserve(json.size());
    for (const QJsonValue& item : json) {
        // Skip anything that is not a dataset object rather than producing an empty row.
        if (!item.isObject())
            continue;
        Dataset dataset = fromJson(item.toObject());
        if (!dataset.id.isEmpty())
            datasets.append(dataset);
    }
    return datasets;
}

} // namespace vl
