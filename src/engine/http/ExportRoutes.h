#pragma once

namespace vl::engine {

class HttpServer;
struct EngineContext;

// Export: export_context_async, export_entities_async, export_status and the zip download under /cdn.
class ExportRoutes {
public:
    static void install(HttpServer& server, EngineContext& ctx);
};

} // namespace vl::engine
