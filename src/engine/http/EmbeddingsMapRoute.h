#pragma once

namespace vl::engine {

class HttpServer;
struct EngineContext;

// GET /api/v1/dataset/{id}/embeddings_map[?entity_type=IMAGES|OBJECTS]: a local extension (the cloud has
// no such route) for the desktop's map view. Answers every item's media id, its position on the
// snapshot's EmbeddingsMap (integer map units 0..scale) and a label for colouring, as parallel arrays:
// {"entity_type","method","scale","explained_variance","labels":[names],"media_ids":[..],"x":[..],"y":[..],
//  "label":[index into labels]}. Arrays rather than one object per point keep 50k items near 3 MB.
class EmbeddingsMapRoute {
public:
    static void install(HttpServer& server, EngineContext& context);
};

} // namespace vl::engine
