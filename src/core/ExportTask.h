#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace vl {

struct ExportTask {
    enum class Status { Unknown, Init, InProgress, Completed, Failed, Rejected };
    QString id;
    QString datasetId;
    Status status = Status::Unknown;
    QString statusText;
    double progress = 0; // as sent (0-1 or 0-100; see progressPercent)
    qint64 entitiesCount = -1;
    QUrl downloadUrl; // relative download_uri resolved against the server
    QString resultMessage;
    QDateTime createdAt;

    bool isFinished() const; // Completed, Failed or Rejected
    int progressPercent() const;
    static ExportTask fromJson(const QJsonObject& json, const QUrl& baseUrl);
};

} // namespace vl
