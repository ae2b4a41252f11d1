#pragma once

namespace vl::engine {

class HttpServer;
struct EngineContext;

// GET /enrichment/{id}/list_models, GET /enrichment/{id}/context, POST /dataset/{id}/enrich_dataset.
class EnrichmentRoutes {
public:
    static void install(HttpServer& server, EngineContext& context);
};

} // namespace vl::engine
