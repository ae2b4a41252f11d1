#pragma once

#include <QByteArray>

namespace vl::test {
// Documented payloads live in JobPayloads.cpp: moc mis-reads "//" inside raw string literals.
extern const QByteArray kDatasetBody;
extern const QByteArray kModelsBody;
extern const QByteArray kExploreBody;
extern const QByteArray kExportTaskBody;
} // namespace vl::test
