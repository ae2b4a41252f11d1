#include "DatasetLookup.h"

namespace vl::engine {

DatasetLookup::DatasetLookup(const Catalogue& catalogue, const QString& id)
    : m_id(id)
    , m_dataset(catalogue.dataset(id, &m_readError)) {}

ApiResponse DatasetLookup::failure() const {
    if (readFailed())
        return catalogueError(m_readError);
    return ApiResponse::detail(404, QStringLiteral("Dataset %1 not found").arg(m_id));
}

ApiResponse DatasetLookup::catalogueError(const QString& readError) {
    return ApiResponse::detail(500,
                               QStringLiteral("The engine's catalogue could not be read: %1").arg(readError));
}

} // namespace vl::engine
