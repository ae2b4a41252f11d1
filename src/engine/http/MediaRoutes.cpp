#include "MediaRoutes.h"

#include "DatasetLookup.h"
#include "EngineContext.h"
#include "FolderScanner.h"
#include "HttpServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QMimeDatabase>

namespace vl::engine {

namespace {

const QString kMediaId =
    QStringLiteral("([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

ApiResponse mediaNotFound() {
    return ApiResponse::detail(404, QStringLiteral("Media not found"));
}

// The original's absolute path, only if it still resolves to a file inside the dataset folder; otherwise
// `failure` is the answer (404, or 500 when the catalogue cannot be read).
std::optional<QString> originalFile(const EngineContext& ctx, const QString& mediaId, QString* datasetId,
                                    ApiResponse* failure) {
    *failure = mediaNotFound();
    QString readError;
    const auto media = ctx.catalogue.mediaById(mediaId, &readError);
    const auto dataset = media ? ctx.catalogue.dataset(media->datasetId, &readError) : std::nullopt;
    if (!readError.isEmpty())
        *failure = DatasetLookup::catalogueError(readError);
    if (!media || !dataset)
        return std::nullopt;
    const QString folder = QFileInfo(dataset->folder).canonicalFilePath();
    const QString file = QFileInfo(QDir(folder).filePath(media->relativePath)).canonicalFilePath();
    if (!FolderScanner::isInside(folder, file))
        return std::nullopt;
    if (datasetId)
        *datasetId = dataset->id;
    return file;
}

ApiResponse serveFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return mediaNotFound();
    const QMimeType type = QMimeDatabase().mimeTypeForFileNameAndData(path, file.peek(512));
    ApiResponse r = ApiResponse::file(path, type.name().toLatin1());
    r.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("private, max-age=3600")));
    return r;
}

ApiResponse original(EngineContext& ctx, const QString& mediaId) {
    ApiResponse failure;
    const auto path = originalFile(ctx, mediaId, nullptr, &failure);
    return path ? serveFile(*path) : failure;
}

// Thumbnails come from the cache; a missing one (cache cleared) is rebuilt from the original.
ApiResponse thumbnail(EngineContext& ctx, const QString& mediaId, int size) {
    QString datasetId;
    ApiResponse failure;
    const auto source = originalFile(ctx, mediaId, &datasetId, &failure);
    if (!source)
        return failure;
    const QString cached = Indexer::thumbnailPath(ctx.thumbnailDirectory, datasetId, mediaId, size);
    const auto decode = [&] {
        QImageReader reader(*source);
        reader.setAutoTransform(true);
        reader.setAllocationLimit(256);
        const QSize full = reader.size();
        if (full.isValid() && (full.width() > size || full.height() > size))
            reader.setScaledSize(full.scaled(size, size, Qt::KeepAspectRatio));
        return reader.read();
    };
    if (!ctx.thumbnailWriter.ensure(cached, decode))
        return mediaNotFound();
    return serveFile(cached);
}

} // namespace

void MediaRoutes::install(HttpServer& server, EngineContext& ctx) {
    EngineContext* c = &ctx;
    server.route("GET", "/api/v1/media/" + kMediaId + "/original", Access::SignedOrToken,
                 [c](const ApiRequest& r) { return original(*c, r.capture(0).toLower()); });
    server.route(
        "GET", "/api/v1/media/" + kMediaId + "/thumb/(256|512)", Access::SignedOrToken,
        [c](const ApiRequest& r) { return thumbnail(*c, r.capture(0).toLower(), r.capture(1).toInt()); });
}

} // namespace vl::engine
