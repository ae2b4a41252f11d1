#pragma once

namespace vl::engine {

class HttpServer;
struct EngineContext;

// GET /api/v1/media/{media_id}/original and /thumb/{256|512}: files addressed by id only, read
// only from inside their dataset's folder (or the thumbnail cache), with signed-URL or token access.
class MediaRoutes {
public:
    static void install(HttpServer& server, EngineContext& context);
};

} // namespace vl::engine
