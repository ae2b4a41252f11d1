#include "ExportTask.h"

#include "Cluster.h"
#include "JsonRead.h"

#include <algorithm>
#include <cmath>

namespace vl {

static ExportTask::Status exportStatusFromString(const QString& text) {
    QString normalised = text.trimmed().toUpper();
    normalised.replace(QLatin1Char(' '), QLatin1Char('_'));
    if (normalised == QLatin1String("INIT") || normalised == QLatin1String("PENDING") ||
        normalised == QLatin1String("QUEUED"))
        return ExportTask::Status::Init;
    if (normalised == QLatin1String("IN_PROGRESS") || normalised == QLatin1String("RUNNING"))
        return ExportTask::Status::InProgress;
    if (normalised == QLatin1String("COMPLETED") || normalised == QLatin1String("DONE"))
        return ExportTask::Status::Completed;
    if (normalised == QLatin1String("FAILED") || normalised == QLatin1String("ERROR"))
        return ExportTask::Status::Failed;
    if (normalised == QLatin1String("REJECTED"))
        return ExportTask::Status::Rejected;
    return ExportTask::Status::Unknown;
}

bool ExportTask::isFinished() const {
    return status == Status::Completed || status == Status::Failed || status == Status::Rejected;
}

int ExportTask::progressPercent() const {
    if (status == Status::Completed)
        return 100;
    // Units are undocumented: values up to 1 are fractions, larger ones percentages.
    const double percent = progress <= 1.0 ? progress * 100.0 : progress;
    return static_cast<int>(std::lround(std::clamp(percent, 0.0, 100.0)));
}

ExportTask ExportTask::fromJson(const QJsonObject& json, const QUrl& baseUrl) {
    using namespace JsonRead;
    ExportTask task;
    task.id = firstString(json, {"id", "export_task_id", "task_id"});
    task.datasetId = string(json.value(QLatin1String("dataset_id")));
    task.statusText = string(json.value(QLatin1String("status")));
    task.status = exportStatusFromString(task.statusText);
    task.progress = numberOr(json.value(QLatin1String("progress")), 0);
    task.entitiesCount = integerOr(json.value(QLatin1String("entities_count")), -1);
    task.downloadUrl = resolveMediaUrl(string(json.value(QLatin1String("download_uri"))), baseUrl);
    task.resultMessage = string(json.value(QLatin1String("result_message")));
    task.createdAt = dateTime(json.value(QLatin1String("created_at")));
    return task;
}

} // namespace vl
