#include "LocalEngine.h"

#include "DatasetRoutes.h"
#include "EmbeddingsMapRoute.h"
#include "EngineContext.h"
#include "EngineInfo.h"
#include "EnrichmentRoutes.h"
#include "ExportRoutes.h"
#include "HttpServer.h"
#include "InferenceRuntime.h"
#include "MediaRoutes.h"
#include "PerceptionPipeline.h"
#include "RequestAuthenticator.h"
#include "SearchRoutes.h"
#include "Version.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace vl::engine {

namespace {

QByteArray randomHex(int bytes) {
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::system()->bounded(256));
    return raw.toHex();
}

} // namespace

struct LocalEngine::Private {
    EngineContext context;
    HttpServer server;
    RequestAuthenticator authenticator;
    QString apiKey;
    QByteArray apiSecret;
    std::unique_ptr<QLockFile> lock; // one engine per data directory
    bool routesInstalled = false;
    bool running = false;

    std::optional<ApiResponse> authorize(const ApiRequest& request, Access access) const {
        if (access == Access::Public)
            return std::nullopt;
        const QString authorization = request.headers.value(QStringLiteral("authorization"));
        const QString signature = request.queryValue(QStringLiteral("sig"));
        // A valid token opens the path even when the link's signature has expired (the app sends both).
        if (access == Access::SignedOrToken && !signature.isEmpty() &&
            (authorization.isEmpty() || authenticator.rejectReason(authorization))) {
            const QString expires = request.queryValue(QStringLiteral("expires"));
            switch (
                context.signer.check(request.path, expires, signature, QDateTime::currentSecsSinceEpoch())) {
            case MediaSigner::Verdict::Valid:
                return std::nullopt;
            case MediaSigner::Verdict::Expired:
                return ApiResponse::detail(
                    403, QStringLiteral(
                             "The signed media URL expired at %1; fetch the page again for a fresh link")
                             .arg(QDateTime::fromSecsSinceEpoch(expires.toLongLong(), Qt::UTC)
                                      .toString(Qt::ISODate)));
            case MediaSigner::Verdict::Invalid:
                break;
            }
            return ApiResponse::detail(403, QStringLiteral("Invalid media signature"));
        }
        const auto reason = authenticator.rejectReason(authorization);
        if (!reason)
            return std::nullopt;
        ApiResponse denied = ApiResponse::detail(401, *reason);
        denied.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
        return denied;
    }

    void installRoutes() {
        if (routesInstalled)
            return;
        routesInstalled = true;
        server.setAuthorizer([this](const ApiRequest& r, Access a) { return authorize(r, a); });
        server.route("GET", "/api/v1/healthcheck", Access::Public, [](const ApiRequest&) {
            return ApiResponse::json(QJsonObject{
                {"status", "Green"}, {"service-health-message", "none"}, {"version", VL_VERSION}});
        });
        server.route("GET", "/api/v1/version", Access::Public, [](const ApiRequest&) {
            return ApiResponse::json(QJsonObject{{"version", VL_VERSION}});
        });
        DatasetRoutes::install(server, context);
        SearchRoutes::install(server, context);
        EmbeddingsMapRoute::install(server, context);
        MediaRoutes::install(server, context);
        EnrichmentRoutes::install(server, context);
        ExportRoutes::install(server, context);
    }

    // Keeps the key pair of earlier runs so configured clients stay valid; creates one on first start.
    void loadCredentials() {
        QString ignored; // a missing or unreadable engine.json means a first start: new credentials
        const auto info = vl::EngineInfo::load(context.dataDirectory, &ignored);
        if (info && !info->apiKey.isEmpty() && !info->apiSecret.isEmpty()) {
            apiKey = info->apiKey;
            apiSecret = info->apiSecret;
        } else {
            apiKey = QStringLiteral("local-") + QString::fromLatin1(randomHex(12));
            apiSecret = randomHex(32);
        }
        authenticator.setCredentials(apiKey, apiSecret);
        // Media links are signed with a secret of this run only (never stored): a leaked link dies with
        // its expiry or the engine's next start, whichever comes first.
        context.signer.setSecret(QByteArray::fromHex(randomHex(32)));
    }
};

LocalEngine::LocalEngine(const QString& dataDirectory, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>()) {
    d->context.dataDirectory = dataDirectory;
    d->context.thumbnailDirectory = QDir(dataDirectory).filePath(QStringLiteral("thumbs"));
}

LocalEngine::~LocalEngine() {
    stop();
}

std::optional<vl::EngineInfo> LocalEngine::runningElsewhere(const QString& dataDirectory) {
    QLockFile lock(QDir(dataDirectory).filePath(QStringLiteral("engine.lock")));
    lock.setStaleLockTime(0); // as in start(): only a lock whose process is gone is stale
    if (lock.tryLock(0)) {
        lock.unlock();
        return std::nullopt;
    }
    QString ignored;
    return vl::EngineInfo::load(dataDirectory, &ignored);
}

bool LocalEngine::start(quint16 port, QString* error) {
    if (d->running)
        return true;
    EngineContext& ctx = d->context;
    if (!QDir().mkpath(ctx.dataDirectory) || !QDir().mkpath(ctx.thumbnailDirectory)) {
        if (error)
            *error = QStringLiteral("Cannot create the engine data directory %1").arg(ctx.dataDirectory);
        return false;
    }
    // Two engines on one catalogue would index the same folders twice and fight over engine.json.
    d->lock = std::make_unique<QLockFile>(QDir(ctx.dataDirectory).filePath(QStringLiteral("engine.lock")));
    d->lock->setStaleLockTime(0); // only a lock whose process is gone is stale
    if (!d->lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        d->lock->getLockInfo(&pid, &host, &app);
        if (error)
            *error = QStringLiteral("Another engine (process %1) is already using %2")
                         .arg(pid)
                         .arg(ctx.dataDirectory);
        d->lock.reset();
        return false;
    }
    if (!ctx.catalogue.open(QDir(ctx.dataDirectory).filePath(QStringLiteral("catalogue.sqlite")), error)) {
        d->lock.reset();
        return false;
    }
    d->loadCredentials();
    // Indexing, perception and enrichment run one image per core: a network call must not fan out again.
    InferenceRuntime::setThreadsPerCall(1);
    ctx.perceiver = std::make_unique<Perceiver>(ctx.catalogue, PerceptionPipeline::shared(),
                                                [&ctx](const QString& id) { ctx.snapshots.invalidate(id); });
    // A dataset that indexing made READY goes on to the learned models.
    ctx.indexer = std::make_unique<Indexer>(ctx.catalogue, ctx.thumbnailDirectory, [&ctx](const QString& id) {
        ctx.snapshots.invalidate(id);
        const auto dataset = ctx.catalogue.dataset(id);
        if (dataset && dataset->status == DatasetState::Ready)
            ctx.perceiver->enqueue(id);
    });
    ctx.models = std::make_unique<ModelRegistry>(QDir(ctx.dataDirectory).filePath(QStringLiteral("models")));
    ctx.enricher = std::make_unique<Enricher>(ctx.catalogue, ctx.claims, *ctx.models, ctx.thumbnailDirectory,
                                              [&ctx](const QString& id) { ctx.snapshots.invalidate(id); });
    ctx.exports = std::make_unique<ExportTasks>(QDir(ctx.dataDirectory).filePath(QStringLiteral("exports")));
    d->installRoutes();
    // The base URL is in every signed link a handler writes: set it before the first request is served.
    const auto setBaseUrl = [&ctx](quint16 bound) {
        ctx.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bound));
    };
    if (!d->server.start(port, error, setBaseUrl)) {
        ctx.exports.reset();
        ctx.enricher.reset();
        ctx.indexer.reset();
        ctx.perceiver.reset();
        ctx.catalogue.close();
        d->lock.reset();
        return false;
    }
    vl::EngineInfo info{ctx.baseUrl, d->apiKey, d->apiSecret};
    QString saveError;
    if (!info.save(ctx.dataDirectory, &saveError)) {
        if (error)
            *error = saveError;
        stop();
        return false;
    }
    d->running = true;
    // Datasets left INDEXING (engine stopped or killed) continue from what was committed.
    // An enrichment cut short by a stop does not resume: its copy reports why and its source is usable again.
    for (const DatasetRecord& dataset : ctx.catalogue.datasets()) {
        if (!dataset.sourceDatasetId.isEmpty() && dataset.status == DatasetState::Indexing)
            ctx.catalogue.setDatasetState(dataset.id, DatasetState::Error, dataset.progress,
                                          QStringLiteral("Enrichment interrupted by an engine stop"));
        else if (dataset.status == QLatin1String(Enricher::kReadOnly))
            ctx.catalogue.setDatasetState(dataset.id, DatasetState::Ready, 100);
        else if (dataset.status == DatasetState::Indexing || dataset.status == DatasetState::Draft)
            ctx.indexer->enqueue(dataset.id);
    }
    // Datasets indexed before the learned models were installed (or updated) get them now.
    for (const DatasetRecord& dataset : ctx.catalogue.datasets()) {
        if (dataset.status == DatasetState::Ready)
            ctx.perceiver->enqueue(dataset.id);
    }
    return true;
}

void LocalEngine::stop() {
    // Indexing must not run on while the server closes its connections: what is committed at stop()
    // is what the next start resumes from.
    if (d->context.indexer)
        d->context.indexer->requestStop();
    if (d->context.perceiver)
        d->context.perceiver->requestStop();
    if (d->context.enricher) // an enrichment must not finish during the server's stop either
        d->context.enricher->requestStop();
    d->server.stop();
    if (d->context.enricher)
        d->context.enricher->stop();
    if (d->context.exports)
        d->context.exports->stop();
    d->context.exports.reset();
    d->context.enricher.reset();
    if (d->context.indexer)
        d->context.indexer->stop();
    d->context.indexer.reset();
    if (d->context.perceiver)
        d->context.perceiver->stop();
    d->context.perceiver.reset();
    d->context.catalogue.close();
    d->lock.reset();
    d->running = false;
}

bool LocalEngine::waitForIdle(int timeoutMs) const {
    const auto& ctx = d->context;
    return (!ctx.indexer || ctx.indexer->waitForIdle(timeoutMs)) &&
           (!ctx.perceiver || ctx.perceiver->waitForIdle(timeoutMs)) &&
           (!ctx.enricher || ctx.enricher->waitForIdle(timeoutMs)) &&
           (!ctx.exports || ctx.exports->waitForIdle(timeoutMs));
}

int LocalEngine::analysedFileCount() const {
    return d->context.indexer ? d->context.indexer->analysedFileCount() : 0;
}

bool LocalEngine::isRunning() const {
    return d->running;
}

QUrl LocalEngine::url() const {
    return d->context.baseUrl;
}

QString LocalEngine::apiKey() const {
    return d->apiKey;
}

QByteArray LocalEngine::apiSecret() const {
    return d->apiSecret;
}

void LocalEngine::setMediaLinkLifetime(int seconds) {
    d->context.signer.setLifetime(seconds);
}

QString LocalEngine::dataDirectory() const {
    return d->context.dataDirectory;
}

QString LocalEngine::defaultDataDirectory() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("engine"));
}

} // namespace vl::engine
