#pragma once

namespace vl::engine {

class HttpServer;
struct EngineContext;

// /process (create a dataset from a folder), /datasets, /dataset/{id} (get, delete), the
// /dataset/{id}/skipped extension and /dataset/{id}/reindex (rescan the folder).
class DatasetRoutes {
public:
    static void install(HttpServer& server, EngineContext& context);
};

} // namespace vl::engine
