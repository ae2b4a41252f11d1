#include "SearchRoutes.h"

#include "BoundingBox.h"
#include "EngineContext.h"
#include "ExploreEngine.h"
#include "ExploreRequest.h"
#include "HttpServer.h"
#include "ImageAnalyzer.h"

#include <QBuffer>
#include <QImageReader>

namespace vl::engine {

namespace {

// Explore and search need an indexed dataset: 404 when unknown, 409 while not browsable.
std::optional<ApiResponse> checkBrowsable(const std::optional<DatasetRecord>& dataset, const QString& id) {
    if (!dataset)
        return ApiResponse::detail(404, QStringLiteral("Dataset %1 not found").arg(id));
    if (dataset->status != DatasetState::Ready && dataset->status != DatasetState::PartialIndex)
        return ApiResponse::detail(
            409, QStringLiteral("Dataset %1 is not ready (status %2)").arg(id, dataset->status));
    return std::nullopt;
}

ApiResponse explore(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const auto dataset = ctx.catalogue.dataset(id);
    if (!dataset)
        return ApiResponse::detail(404, QStringLiteral("Dataset %1 not found").arg(id));
    ApiResponse error;
    const auto query = ExploreRequest::parse(request, &error);
    if (!query)
        return error;
    if (auto notReady = checkBrowsable(dataset, id))
        return *notReady;
    const auto snapshot = ctx.snapshots.get(ctx.catalogue, *dataset);
    return ExploreEngine(ctx.catalogue, ctx.signer, ctx.baseUrl).explore(*snapshot, *query);
}

// Size after EXIF orientation, which is what box fractions and pixels refer to.
QSize orientedSize(const QByteArray& data) {
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    QSize size = reader.size();
    if (reader.transformation() & QImageIOHandler::TransformationRotate90)
        size.transpose();
    return size;
}

ApiResponse searchImage(EngineContext& ctx, const ApiRequest& request) {
    const QString id = request.capture(0);
    const auto dataset = ctx.catalogue.dataset(id);
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
        const auto box = vl::BoundingBox::parse(boxText, orientedSize(file->content));
        if (!box || !box->isValid())
            return ApiResponse::validation(
                ValidationIssue{"query", "bounding_box",
                                "Invalid bounding box: use {\"x\",\"y\",\"width\",\"height\"} fractions "
                                "(0-1) or \"x,y,w,h\" pixels "
                                "inside the image",
                                "value_error", boxText});
        crop = QRectF(box->x, box->y, box->width, box->height);
    }
    const ImageAnalysis analysis = ImageAnalyzer::analyzeData(file->content, crop);
    if (!analysis.ok)
        return ApiResponse::validation(ValidationIssue{
            "body", "file",
            QStringLiteral("The uploaded file is not a readable image: %1").arg(analysis.skipReason),
            "value_error", file->fileName});
    const QString anchorId = ctx.catalogue.insertAnchor(id, analysis.embedding);
    if (anchorId.isEmpty())
        return ApiResponse::detail(500, QStringLiteral("Could not store the query image"));
    return ApiResponse::json(QJsonObject{{"anchor_media_id", anchorId}, {"anchor_type", "UPLOAD"}});
}

} // namespace

void SearchRoutes::install(HttpServer& server, EngineContext& ctx) {
    EngineContext* c = &ctx;
    server.route("GET", "/api/v1/explore/([^/]+)", Access::Token,
                 [c](const ApiRequest& r) { return explore(*c, r); });
    server.route("POST", "/api/v1/dataset/([^/]+)/search-image-similarity", Access::Token,
                 [c](const ApiRequest& r) { return searchImage(*c, r); });
}

} // namespace vl::engine
