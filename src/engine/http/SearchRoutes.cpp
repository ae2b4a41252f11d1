#include "SearchRoutes.h"

#include "BoundingBox.h"
#include "Clusterer.h"
#include "DatasetLookup.h"
#include "DatasetSnapshot.h"
#include "EngineContext.h"
#include "Enricher.h"
#include "ExploreEngine.h"
#include "ExploreRequest.h"
#include "HttpServer.h"
#include "ImageAnalyzer.h"
#include "ImageDecoder.h"
#include "PerceptionPipeline.h"

#include <QJsonArray>
#include <QMap>
#include <QSet>

namespace vl::engine {

namespace {

// Explore and search need an indexed dataset: 404 when unknown, 409 while not browsable.
std::optional<ApiResponse> checkBrowsable(const DatasetLookup& dataset, const QString& id) {
    if (!dataset)
        return dataset.failure();
    // A READ ONLY dataset is being copied by an enrichment: its own rows do not change, and the API says
    // browsing stays possible meanwhile.
    if (dataset->status != DatasetState::Ready && dataset->status != DatasetState::PartialIndex &&
        dataset->status != QLatin1String(Enricher::kReadOnly))
        return ApiResponse::detail(
            409, QStringLiteral("Dataset %1 is not ready (status %2)").arg(id, dataset->status));
    return std::nullopt;
}

ApiResponse explore(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const DatasetLookup dataset(ctx.catalogue, id);
    if (!dataset)
        return dataset.failure();
    ApiResponse error;
    const auto query = ExploreRequest::parse(request, &error);
    if (!query)
        return error;
    if (auto notReady = checkBrowsable(dataset, id))
        return *notReady;
    QString readError;
    const auto snapshot = ctx.snapshots.get(ctx.catalogue, *dataset, query->objects, &readError);
    if (!snapshot)
        return DatasetLookup::catalogueError(readError);
    ExploreEngine engine(ctx.catalogue, ctx.signer, ctx.baseUrl);
    if (!query->objects)
        engine.setTextEncoder(ctx.textEncoderFor(*dataset));
    return engine.explore(*snapshot, *query);
}

// A box a few pixels across describes nothing a descriptor can match (and a sub-pixel one nothing at all).
bool isDegenerate(const vl::BoundingBox& box, const QSize& imageSize) {
    constexpr double kMinimumPixels = 4;
    if (!imageSize.isValid()) // unreadable image: the file check answers
        return false;
    const QRectF pixels = box.toPixels(imageSize);
    return pixels.width() < kMinimumPixels || pixels.height() < kMinimumPixels;
}

// The face a query is about: the largest face found in the image that lies mostly (>= half its area)
// inside the crop and fills at least 5% of it; for a whole-image query only when it shows one face. -1 if
// none.
int queryFace(const QVector<Detection>& faces, const QRect& region, bool whole) {
    int best = -1;
    int candidates = 0;
    const double regionArea = double(region.width()) * region.height();
    for (int i = 0; i < faces.size(); ++i) {
        const QRect& box = faces[i].box;
        const QRect inside = box.intersected(region);
        const double area = double(box.width()) * box.height();
        if (area <= 0 || inside.width() * double(inside.height()) < 0.5 * area || area < 0.05 * regionArea)
            continue;
        ++candidates;
        if (best < 0 || area > double(faces[best].box.width()) * faces[best].box.height())
            best = i;
    }
    return whole && candidates > 1 ? -1 : best;
}

// The learned embeddings of the (cropped) query (empty without the models): the image embedding, and the
// face embedding when the query is about one face (queryFace). A region of a large photo is cut from the
// full-size image so it keeps its detail; faces are looked for in the whole image, with their context.
AnchorRecord learnedQuery(const QByteArray& bytes, const QRectF& crop) {
    const PerceptionPipeline& pipeline = PerceptionPipeline::shared();
    AnchorRecord query;
    if (!pipeline.hasObjects() && !pipeline.hasFaces())
        return query;
    const bool whole = crop == QRectF(0, 0, 1, 1);
    const QImage image = ImageDecoder::decode(bytes, ImageAnalyzer::kDefaultMaxPixels,
                                              whole ? PerceptionPipeline::kAnalysisSide : 0)
                             .image;
    if (image.isNull())
        return query;
    const QRect region = QRectF(crop.x() * image.width(), crop.y() * image.height(),
                                crop.width() * image.width(), crop.height() * image.height())
                             .toAlignedRect()
                             .intersected(image.rect());
    query.embedding = pipeline.embed(whole ? image : image.copy(region));
    // Only the chosen face is embedded (a group photo has many).
    const QVector<Detection> faces = pipeline.faceBoxes(image);
    const int face = queryFace(faces, region, whole);
    if (face >= 0)
        query.faceEmbedding = pipeline.embedFace(image, faces[face].box);
    return query;
}

ApiResponse searchImage(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const DatasetLookup dataset(ctx.catalogue, id);
    if (auto problem = checkBrowsable(dataset, id))
        return *problem;
    QList<ValidationIssue> issues;
    ExploreRequest::parseEntityType(request, issues);
    ExploreRequest::parseGranularity(request, issues);
    if (!issues.isEmpty())
        return ApiResponse::validation(issues);
    const auto file = request.files.constFind(QStringLiteral("file"));
    if (file == request.files.constEnd() || file->content.isEmpty())
        return ApiResponse::detail(400,
                                   QStringLiteral("No query image: send it as the multipart field 'file'"));

    QRectF crop(0, 0, 1, 1);
    const QString boxText = request.parameter(QStringLiteral("bounding_box")).value_or(QString()).trimmed();
    if (!boxText.isEmpty() && boxText != QLatin1String("null")) {
        const QSize imageSize = ImageDecoder::orientedSize(file->content);
        const auto box = vl::BoundingBox::parse(boxText, imageSize);
        if (!box || !box->isValid() || isDegenerate(*box, imageSize))
            return ApiResponse::validation(
                ValidationIssue{"query", "bounding_box",
                                "Invalid bounding box: use {\"x\",\"y\",\"width\",\"height\"} fractions "
                                "(0-1) or \"x,y,w,h\" pixels "
                                "inside the image, at least 4 x 4 pixels",
                                "value_error", boxText});
        crop = QRectF(box->x, box->y, box->width, box->height);
    }
    const ImageAnalysis analysis = ImageAnalyzer::analyzeData(file->content, crop);
    if (!analysis.ok)
        return ApiResponse::validation(ValidationIssue{
            "body", "file",
            QStringLiteral("The uploaded file is not a readable image: %1").arg(analysis.skipReason),
            "value_error", file->fileName});
    // Stored as the classical descriptor followed by the learned embedding (see ExploreFilters::applyAnchor).
    AnchorRecord anchor = learnedQuery(file->content, crop);
    anchor.embedding = analysis.embedding + anchor.embedding;
    const QString anchorId = ctx.catalogue.insertAnchor(id, anchor);
    if (anchorId.isEmpty())
        return ApiResponse::detail(500, QStringLiteral("Could not store the query image"));
    return ApiResponse::json(QJsonObject{{"anchor_media_id", anchorId}, {"anchor_type", "UPLOAD"}});
}

} // namespace

// GET /explore/{id}/exploration_metadata: counts for the explore view at one granularity.
ApiResponse explorationMetadata(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const DatasetLookup dataset(ctx.catalogue, id);
    QList<ValidationIssue> issues;
    const auto level = ExploreRequest::parseGranularity(request, issues);
    ExploreRequest::parsePage(request, issues); // accepted by the cloud, validated, not needed for counts
    // entity_type is optional here; OBJECTS counts the detected objects and their labels.
    const bool objects = request.parameter(QStringLiteral("entity_type")) &&
                         ExploreRequest::parseEntityType(request, issues).value_or(false);
    if (dataset && !issues.isEmpty())
        return ApiResponse::validation(issues);
    if (auto notReady = checkBrowsable(dataset, id))
        return *notReady;
    QString readError;
    const auto snapshot = ctx.snapshots.get(ctx.catalogue, *dataset, objects, &readError);
    if (!snapshot)
        return DatasetLookup::catalogueError(readError);
    const std::vector<int>& clusters = snapshot->clusters(level.value_or(0));
    QSet<int> distinct(clusters.begin(), clusters.end());
    QMap<QString, int> labelCounts;
    for (const MediaRecord& m : snapshot->items()) {
        if (!m.label.isEmpty())
            ++labelCounts[m.label];
    }
    QJsonArray labels;
    for (auto it = labelCounts.cbegin(); it != labelCounts.cend(); ++it)
        labels.append(QJsonObject{{"name", it.key()}, {"count", it.value()}});
    return ApiResponse::json(QJsonObject{{"dataset_name", dataset->displayName},
                                         {"clusters_count", distinct.size()},
                                         {"media_count", snapshot->size()},
                                         {"labels", labels}});
}

// The media item's snapshot and index, or the error to answer.
std::optional<ApiResponse> locateMedia(EngineContext& ctx, const QString& datasetId, const QString& mediaId,
                                       std::shared_ptr<const DatasetSnapshot>* snapshot, int* index) {
    const DatasetLookup dataset(ctx.catalogue, datasetId);
    if (auto problem = checkBrowsable(dataset, datasetId))
        return problem;
    QString readError;
    *snapshot = ctx.snapshots.get(ctx.catalogue, *dataset, false, &readError);
    if (!*snapshot)
        return DatasetLookup::catalogueError(readError);
    *index = (*snapshot)->indexOfMedia(mediaId);
    if (*index < 0)
        return ApiResponse::detail(
            404, QStringLiteral("Media %1 not found in dataset %2").arg(mediaId, datasetId));
    return std::nullopt;
}

// GET /dataset/{id}/media/{media_id}/duplicates: ids of the near-duplicates of one item.
ApiResponse duplicatesOf(EngineContext& ctx, const QString& datasetId, const QString& mediaId) {
    std::shared_ptr<const DatasetSnapshot> snapshot;
    int index = -1;
    if (auto problem = locateMedia(ctx, datasetId, mediaId, &snapshot, &index))
        return *problem;
    // Read from the snapshot's k-NN graph; only an item with more near-duplicates than its list holds scans.
    const float limit = Clusterer::distanceForLevel(0);
    const NeighbourGraph& graph = snapshot->neighbours();
    std::vector<int> near;
    if (graph.mayMissBelow(index, limit)) {
        for (const VectorIndex::Hit& hit : snapshot->index().search(snapshot->vector(index), 0, limit))
            near.push_back(int(hit.id));
    } else {
        for (int h = 0; h < graph.listSize(index) && graph.list(index)[h].distance < limit; ++h)
            near.push_back(graph.list(index)[h].id);
    }
    QJsonArray ids;
    for (int i : near) {
        if (i != index)
            ids.append(snapshot->items()[i].mediaId);
    }
    return ApiResponse::json(ids);
}

// GET /image/{image_id}: one image's details, the preview object of explore.
ApiResponse image(EngineContext& ctx, const QString& mediaId) {
    QString readError;
    const auto media = ctx.catalogue.mediaById(mediaId, &readError);
    if (!readError.isEmpty())
        return DatasetLookup::catalogueError(readError);
    if (!media)
        return ApiResponse::detail(404, QStringLiteral("Image %1 not found").arg(mediaId));
    std::shared_ptr<const DatasetSnapshot> snapshot;
    int index = -1;
    if (auto problem = locateMedia(ctx, media->datasetId, mediaId, &snapshot, &index))
        return *problem;
    QJsonObject json =
        ExploreEngine(ctx.catalogue, ctx.signer, ctx.baseUrl).preview(*snapshot, index, std::nullopt);
    json.insert("id", mediaId);
    json.insert("dataset_id", media->datasetId);
    return ApiResponse::json(json);
}

std::optional<ApiResponse> SearchRoutes::browsable(const DatasetLookup& dataset, const QString& id) {
    return checkBrowsable(dataset, id);
}

void SearchRoutes::install(HttpServer& server, EngineContext& ctx) {
    EngineContext* c = &ctx;
    server.route("GET", "/api/v1/explore/([^/]+)", Access::Token,
                 [c](const ApiRequest& r) { return explore(*c, r); });
    server.route("GET", "/api/v1/explore/([^/]+)/exploration_metadata", Access::Token,
                 [c](const ApiRequest& r) { return explorationMetadata(*c, r); });
    server.route("GET", "/api/v1/dataset/([^/]+)/media/([^/]+)/duplicates", Access::Token,
                 [c](const ApiRequest& r) { return duplicatesOf(*c, r.capture(0), r.capture(1)); });
    server.route("GET", "/api/v1/image/([^/]+)", Access::Token,
                 [c](const ApiRequest& r) { return image(*c, r.capture(0)); });
    server.route("POST", "/api/v1/dataset/([^/]+)/search-image-similarity", Access::Token,
                 [c](const ApiRequest& r) { return searchImage(*c, r); });
}

} // namespace vl::engine
