#pragma once

#include <QString>

namespace vl {

// The dataset lifecycle as reported by `status_new` (preferred) or the legacy `status` field.
// Servers spell multi-word values with spaces ("READ ONLY") or underscores ("READ_ONLY").
enum class DatasetStatus { Unknown, Draft, Indexing, ReadOnly, PartialIndex, Ready, Error };

DatasetStatus datasetStatusFromString(const QString& text); // tolerant of case, spaces, underscores, legacy
QString datasetStatusToApiString(DatasetStatus status);     // "READ ONLY", "PARTIAL INDEX", ...
QString datasetStatusDisplayName(DatasetStatus status);     // "Read only", "Partial index", ...
bool datasetStatusIsBusy(DatasetStatus status);             // Draft, Indexing, ReadOnly
bool datasetStatusIsSearchable(DatasetStatus status);       // Ready, PartialIndex

} // namespace vl
