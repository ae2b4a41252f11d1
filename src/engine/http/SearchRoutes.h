#pragma once

namespace vl::engine {

class HttpServer;
struct EngineContext;

// GET /explore/{id} and POST /dataset/{id}/search-image-similarity (query image upload -> anchor).
class SearchRoutes {
public:
    static void install(HttpServer& server, EngineContext& context);
};

} // namespace vl::engine
