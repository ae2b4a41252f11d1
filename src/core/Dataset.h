#pragma once

#include "DatasetStatus.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace vl {

struct Dataset {
    QString id;
    QString displayName;
    QString description;
    QString sourceType;
    QString sourceUri;
    QString ownedBy;
    QString createdBy;
    QString sourceDatasetId; // set on enriched copies
    QString previewUri;
    QString fatalErrorMessage; // `fatal_error_msg`
    QString legacyStatus;      // raw `status`
    QString statusText;        // raw `status_new` (or `status` when absent)
    DatasetStatus status = DatasetStatus::Unknown;
    int progress = -1; // 0-100, -1 when not reported
    // Local engine extension: while its learned models still look at a READY dataset, how far (0-100);
    // -1 when not reported (the cloud, or nothing left to do).
    int perceptionProgress = -1;
    qint64 imageCount = -1; // -1 = not reported / not applicable
    qint64 objectCount = -1;
    qint64 videoCount = -1;
    QDateTime createdAt; // ISO-8601 with or without zone; naive times are taken as UTC
    QDateTime updatedAt;

    static Dataset fromJson(const QJsonObject& json);
    static QVector<Dataset> listFromJson(const QJsonArray& json);
};

} // namespace vl
