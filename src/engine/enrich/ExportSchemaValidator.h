#pragma once

#include <QJsonObject>
#include <QStringList>

namespace vl::engine {

// Checks a metadata.json document against the Visual Layer export schema 1.1 as documented
// (visual-layer-api.md section 7): required keys and their JSON types, enumerations, "48.27KB" sizes,
// timestamps without time zone, total_media_items = number of items, and object boxes [x, y, w, h] in whole
// pixels inside their image. Returns one message per problem, each starting with its JSON path; empty =
// valid.
class ExportSchemaValidator {
public:
    static QStringList validate(const QJsonObject& document);
};

} // namespace vl::engine
