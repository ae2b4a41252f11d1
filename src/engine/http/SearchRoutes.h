#pragma once

#include "ApiMessage.h"

#include <optional>

namespace vl::engine {

class DatasetLookup;
class HttpServer;
struct EngineContext;

// GET /explore/{id} and POST /dataset/{id}/search-image-similarity (query image upload -> anchor).
class SearchRoutes {
public:
    static void install(HttpServer& server, EngineContext& context);
    // The answer when `dataset` cannot be browsed (404 unknown, 409 not ready), for the extensions.
    static std::optional<ApiResponse> browsable(const DatasetLookup& dataset, const QString& id);
};

} // namespace vl::engine
