#include "DatasetStatus.h"

#include <QCoreApplication>
#include <QHash>

namespace vl {

// Normalises "read_only", "Read-Only", " READ  ONLY " to "READ ONLY".
static QString normalisedStatus(const QString& text) {
    QString normalised = text.toUpper();
    normalised.replace(QLatin1Char('_'), QLatin1Char(' '));
    normalised.replace(QLatin1Char('-'), QLatin1Char(' '));
    return normalised.simplified();
}

DatasetStatus datasetStatusFromString(const QString& text) {
    // `status_new` values first, then the legacy `status` enum mapped onto the new lifecycle.
    static const QHash<QString, DatasetStatus> statuses = {
        {QStringLiteral("DRAFT"), DatasetStatus::Draft},
        {QStringLiteral("INDEXING"), DatasetStatus::Indexing},
        {QStringLiteral("READ ONLY"), DatasetStatus::ReadOnly},
        {QStringLiteral("READONLY"), DatasetStatus::ReadOnly},
        {QStringLiteral("PARTIAL INDEX"), DatasetStatus::PartialIndex},
        {QStringLiteral("READY"), DatasetStatus::Ready},
        {QStringLiteral("ERROR"), DatasetStatus::Error},
        // Legacy: new datasets start as status=NEW while status_new=DRAFT.
        {QStringLiteral("NEW"), DatasetStatus::Draft},
        {QStringLiteral("INITIALIZING"), DatasetStatus::Indexing},
        {QStringLiteral("UPLOADING"), DatasetStatus::Indexing},
        {QStringLiteral("PRE PROCESSING"), DatasetStatus::Indexing},
        {QStringLiteral("PREPROCESSING"), DatasetStatus::Indexing},
        {QStringLiteral("PROCESSING"), DatasetStatus::Indexing},
        {QStringLiteral("SAVING"), DatasetStatus::Indexing},
        {QStringLiteral("UPDATING"), DatasetStatus::ReadOnly},
        {QStringLiteral("ENRICHING"), DatasetStatus::ReadOnly},
        {QStringLiteral("COMPLETED"), DatasetStatus::Ready},
        {QStringLiteral("FATAL ERROR"), DatasetStatus::Error},
        {QStringLiteral("FAILED"), DatasetStatus::Error},
    };
    return statuses.value(normalisedStatus(text), DatasetStatus::Unknown);
}

QString datasetStatusToApiString(DatasetStatus status) {
    switch (status) {
    case DatasetStatus::Draft:
        return QStringLiteral("DRAFT");
    case DatasetStatus::Indexing:
        return QStringLiteral("INDEXING");
    case DatasetStatus::ReadOnly:
        return QStringLiteral("READ ONLY");
    case DatasetStatus::PartialIndex:
        return QStringLiteral("PARTIAL INDEX");
    case DatasetStatus::Ready:
        return QStringLiteral("READY");
    case DatasetStatus::Error:
        return QStringLiteral("ERROR");
    case DatasetStatus::Unknown:
        break;
    }
    return QStringLiteral("UNKNOWN");
}

// Shown on the status badges: translated (resources/translations).
QString datasetStatusDisplayName(DatasetStatus status) {
    switch (status) {
    case DatasetStatus::Draft:
        return QCoreApplication::translate("vl::DatasetStatus", "Draft");
    case DatasetStatus::Indexing:
        return QCoreApplication::translate("vl::DatasetStatus", "Indexing");
    case DatasetStatus::ReadOnly:
        return QCoreApplication::translate("vl::DatasetStatus", "Read only");
    case DatasetStatus::PartialIndex:
        return QCoreApplication::translate("vl::DatasetStatus", "Partial index");
    case DatasetStatus::Ready:
        return QCoreApplication::translate("vl::DatasetStatus", "Ready");
    case DatasetStatus::Error:
        return QCoreApplication::translate("vl::DatasetStatus", "Error");
    case DatasetStatus::Unknown:
        break;
    }
    return QCoreApplication::translate("vl::DatasetStatus", "Unknown");
}

bool datasetStatusIsBusy(DatasetStatus status) {
    return status == DatasetStatus::Draft || status == DatasetStatus::Indexing ||
           status == DatasetStatus::ReadOnly;
}

bool datasetStatusIsSearchable(DatasetStatus status) {
    return status == DatasetStatus::Ready || status == DatasetStatus::PartialIndex;
}

} // namespace vl
