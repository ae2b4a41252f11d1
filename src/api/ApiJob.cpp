#include "ApiJob.h"

#include "ApiClient.h"
#include "ApiLogging.h"
#include "MediaUrls.h"
#include "RetryPolicy.h"
#include "Version.h"

#include <QEventLoop>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QVariant>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

namespace vl {

namespace {

bool isSuccessStatus(int status) {
    return status >= 200 && status < 300;
}

} // namespace

struct ApiJob::Private {
    QPointer<ApiClient> client;
    Method method;
    QString path;
    QString operation;
    QUrl absoluteUrl;
    QUrlQuery query;
    QByteArray requestBody;
    QByteArray contentType;
    QHttpMultiPart* multipart = nullptr;
    bool idempotent = true;
    bool expectJson = true;
    bool preferCache = false;
    int timeoutMs = 0; // 0: the client's
    bool finished = false;
    bool authRetried = false;
    bool forceNewToken = false;
    bool started = false;
    bool abortedByUser = false;
    bool autoDelete = true;
    qint64 bytesStreamed = 0;
    bool transferCut = false; // the connection ended inside the body: a network failure, retryable
    int redirects = 0;
    QUrl redirectUrl; // set while following a redirect; replaces path and query
    QUrl sentUrl;     // the URL of the attempt in flight (for the log: its path only)
    QString decodeError;
    ApiError resultError;
    QString tlsErrors;
    QTimer* retryTimer = nullptr;
    int attempts = 0;
    int httpStatus = 0;
    QByteArray body;
    ApiError error;
    QPointer<QNetworkReply> reply;
};

const char* ApiJob::methodName(Method method) {
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    }
    return "?";
}

ApiJob::ApiJob(ApiClient* client, Method method, QString path, QString operation)
    : QObject(client)
    , d(std::make_unique<Private>()) {
    d->client = client;
    d->method = method;
    d->path = std::move(path);
    d->operation = std::move(operation);
    d->idempotent = method == Method::Get || method == Method::Delete;
    d->retryTimer = new QTimer(this);
    d->retryTimer->setSingleShot(true);
    connect(d->retryTimer, &QTimer::timeout, this, [this] {
        if (!d->finished)
            send();
    });
    // Start on the next event-loop turn so the creator can connect to finished() first.
    QMetaObject::invokeMethod(this, &ApiJob::start, Qt::QueuedConnection);
}

ApiJob::~ApiJob() {
    if (d->reply) {
        d->reply->disconnect(this);
        d->reply->abort();
        d->reply->deleteLater();
    }
    if (d->started && !d->finished && d->client)
        d->client->jobFinished();
}

const ApiError& ApiJob::error() const {
    return d->error;
}

bool ApiJob::isSuccess() const {
    return d->finished && !d->error.isError();
}

bool ApiJob::isFinished() const {
    return d->finished;
}

int ApiJob::httpStatus() const {
    return d->httpStatus;
}

QByteArray ApiJob::rawBody() const {
    return d->body;
}

int ApiJob::attempts() const {
    return d->attempts;
}

QString ApiJob::operation() const {
    return d->operation;
}

void ApiJob::setAutoDelete(bool autoDelete) {
    d->autoDelete = autoDelete;
}

bool ApiJob::autoDelete() const {
    return d->autoDelete;
}

void ApiJob::setQuery(const QUrlQuery& query) {
    d->query = query;
}

void ApiJob::setIdempotent(bool idempotent) {
    d->idempotent = idempotent;
}

void ApiJob::setExpectJson(bool expectJson) {
    d->expectJson = expectJson;
}

void ApiJob::setAbsoluteUrl(const QUrl& url) {
    d->absoluteUrl = url;
}

void ApiJob::setPreferCache(bool preferCache) {
    d->preferCache = preferCache;
}

void ApiJob::setTimeout(int milliseconds) {
    d->timeoutMs = qMax(0, milliseconds);
}

int ApiJob::timeoutMs() const {
    return d->timeoutMs > 0 ? d->timeoutMs : (d->client ? d->client->timeout() : 30000);
}

void ApiJob::setJsonBody(const QJsonDocument& body) {
    setRawBody(body.toJson(QJsonDocument::Compact), "application/json");
}

void ApiJob::setRawBody(const QByteArray& body, const QByteArray& contentType) {
    d->requestBody = body;
    d->contentType = contentType;
}

void ApiJob::setMultipart(QHttpMultiPart* multipart) {
    d->multipart = multipart;
    if (d->multipart)
        d->multipart->setParent(this);
    d->idempotent = false;
}

bool ApiJob::decode(const QJsonDocument&) {
    return true;
}

bool ApiJob::decodeRaw(const QByteArray& body) {
    if (!d->expectJson) {
        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
        return parseError.error == QJsonParseError::NoError ? decode(json) : true;
    }
    if (body.trimmed().isEmpty()) {
        setDecodeError(tr("the body was empty"));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setDecodeError(
            tr("not valid JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
        return false;
    }
    return decode(json);
}

ApiClient* ApiJob::client() const {
    return d->client;
}

void ApiJob::setDecodeError(const QString& why) {
    d->decodeError = why;
}

void ApiJob::setResultError(const ApiError& error) {
    d->resultError = error;
}

bool ApiJob::receiveChunk(const QByteArray&) {
    return false;
}

QString ApiJob::pathSegment(const QString& text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

void ApiJob::abort() {
    if (d->finished)
        return;
    d->abortedByUser = true;
    d->retryTimer->stop();
    if (d->reply) {
        d->reply->abort(); // finished() follows synchronously and ends the job as Cancelled
        return;
    }
    finish(ApiError::make(ApiError::Kind::Cancelled, tr("cancelled"), d->operation));
}

bool ApiJob::waitForFinished() {
    d->autoDelete = false;
    if (!d->finished) {
        QEventLoop loop;
        connect(this, &ApiJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return isSuccess();
}

void ApiJob::start() {
    if (d->finished || d->started)
        return;
    if (!d->client) {
        finish(ApiError::make(ApiError::Kind::Network, tr("the connection was closed"), d->operation));
        return;
    }
    d->started = true;
    connect(this, &ApiJob::retryScheduled, d->client,
            [client = d->client, operation = d->operation](int attempt, int delay) {
                if (client)
                    emit client->retryScheduled(operation, attempt, delay);
            });
    d->client->jobStarted();
    send();
}

void ApiJob::send() {
    if (!d->client) {
        finish(ApiError::make(ApiError::Kind::Network, tr("the connection was closed"), d->operation));
        return;
    }
    ++d->attempts;
    d->body.clear();
    d->httpStatus = 0;
    d->tlsErrors.clear();

    QUrl url = d->redirectUrl;
    if (!url.isValid()) {
        url = d->absoluteUrl.isValid() ? d->client->resolveUrl(d->absoluteUrl) : d->client->apiUrl(d->path);
        if (!d->query.isEmpty())
            url.setQuery(d->query);
    }
    if (!url.isValid() || url.isRelative()) {
        finish(ApiError::make(ApiError::Kind::Network, tr("no server address is set"), d->operation));
        return;
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs());
    // The client's network may carry a disk cache for media; API answers never come from it.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         d->preferCache ? QNetworkRequest::PreferCache : QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, d->preferCache);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("VL-Explorer/" VL_VERSION));
    // Redirects are followed by hand (see followRedirect) so the token never reaches another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (d->expectJson)
        request.setRawHeader("Accept", "application/json");
    if (d->client->hasCredentials() && d->client->isSameOrigin(url))
        d->client->authorize(request, d->forceNewToken);
    d->forceNewToken = false;

    d->sentUrl = url;
    qCDebug(vlApi).noquote() << "send" << methodName(d->method) << url.path() << "attempt" << d->attempts;
    QNetworkAccessManager* network = d->client->network();
    QNetworkReply* reply = nullptr;
    switch (d->method) {
    case Method::Get:
        reply = network->get(request);
        break;
    case Method::Delete:
        reply = network->deleteResource(request);
        break;
    case Method::Post:
    case Method::Put:
        if (d->multipart) {
            reply = d->method == Method::Post ? network->post(request, d->multipart)
                                              : network->put(request, d->multipart);
        } else {
            if (!d->contentType.isEmpty())
                request.setHeader(QNetworkRequest::ContentTypeHeader, d->contentType);
            reply = d->method == Method::Post ? network->post(request, d->requestBody)
                                              : network->put(request, d->requestBody);
        }
        break;
    }
    d->reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &ApiJob::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    connect(reply, &QNetworkReply::uploadProgress, this, &ApiJob::uploadProgress);
    connect(reply, &QNetworkReply::downloadProgress, this, &ApiJob::downloadProgress);
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        // Recorded for the message only: TLS errors are never ignored.
        QStringList texts;
        for (const QSslError& error : errors)
            texts.append(error.errorString());
        d->tlsErrors = texts.join(QStringLiteral("; "));
    });
#endif
}

void ApiJob::onReadyRead() {
    if (!d->reply)
        return;
    const int status = d->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray chunk = d->reply->readAll();
    if (isSuccessStatus(status) && receiveChunk(chunk))
        d->bytesStreamed += chunk.size();
    else
        d->body.append(chunk);
}

void ApiJob::onReplyFinished() {
    QNetworkReply* reply = d->reply;
    if (!reply)
        return;
    d->reply = nullptr;
    reply->deleteLater();
    if (d->finished)
        return;
    d->httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray rest = reply->isOpen() ? reply->readAll() : QByteArray();
    if (isSuccessStatus(d->httpStatus) && !rest.isEmpty() && receiveChunk(rest))
        d->bytesStreamed += rest.size();
    else
        d->body.append(rest);

    if (d->abortedByUser) {
        finish(ApiError::make(ApiError::Kind::Cancelled, tr("cancelled"), d->operation));
        return;
    }
    if (followRedirect(reply))
        return;
    d->transferCut = reply->error() != QNetworkReply::NoError && d->httpStatus > 0;
    ApiError error = classify(reply, d->body);
    if (!error.isError())
        error = decodeSuccess(reply, d->body);
    if (!error.isError()) {
        finish(error);
        return;
    }
    const bool canResend = !d->multipart; // a QHttpMultiPart body cannot be replayed
    if (d->httpStatus == 401 && d->client && d->client->hasCredentials() && !d->authRetried && canResend) {
        // The token may have been rejected for clock skew or a rotated secret: mint a new one, once.
        d->authRetried = true;
        d->forceNewToken = true;
        send();
        return;
    }
    if (shouldRetry(error)) {
        scheduleRetry(reply, error);
        return;
    }
    if (d->httpStatus == 401 && d->client)
        emit d->client->authenticationFailed(error);
    finish(error);
}

bool ApiJob::followRedirect(QNetworkReply* reply) {
    constexpr int kMaxRedirects = 5;
    const QVariant target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute);
    const int status = d->httpStatus;
    const bool isRedirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    // Only reads follow redirects: re-sending a POST/DELETE elsewhere is never done silently.
    if (!isRedirect || !target.isValid() || d->method != Method::Get)
        return false;
    const QUrl next = reply->url().resolved(target.toUrl());
    // Too many, not http(s) (a file: URL would read this computer's disk), or a downgrade from https:
    // reported as the 3xx it is. send() decides per hop whether the token goes along (same origin).
    if (d->redirects >= kMaxRedirects || !MediaUrls::redirectRefusal(reply->url(), next).isEmpty())
        return false;
    ++d->redirects;
    d->redirectUrl = next;
    --d->attempts; // a redirect is not a retry
    send();
    return true;
}

ApiError ApiJob::classify(QNetworkReply* reply, const QByteArray& body) const {
    const QNetworkReply::NetworkError networkError = reply->error();
    if (networkError == QNetworkReply::OperationCanceledError ||
        networkError == QNetworkReply::TimeoutError) {
        // Not a user abort (handled before): the per-attempt transfer timeout fired.
        const int seconds = qMax(1, timeoutMs() / 1000);
        ApiError error = ApiError::make(ApiError::Kind::Timeout,
                                        tr("no data for %n second(s)", nullptr, seconds), d->operation);
        error.httpStatus = d->httpStatus;
        return error;
    }
    if (networkError == QNetworkReply::SslHandshakeFailedError || !d->tlsErrors.isEmpty()) {
        const QString why = d->tlsErrors.isEmpty() ? reply->errorString() : d->tlsErrors;
        return ApiError::make(ApiError::Kind::Tls, why, d->operation);
    }
    if (d->httpStatus > 0 && !isSuccessStatus(d->httpStatus))
        return ApiError::fromHttp(d->httpStatus, body, d->operation);
    if (networkError != QNetworkReply::NoError) {
        if (d->httpStatus > 0) {
            ApiError error = ApiError::make(
                ApiError::Kind::BadResponse,
                tr("the connection closed before the response was complete (%n byte(s) received)", nullptr,
                   int(body.size() + d->bytesStreamed)),
                d->operation);
            error.httpStatus = d->httpStatus;
            return error;
        }
        return ApiError::make(ApiError::Kind::Network, reply->errorString(), d->operation);
    }
    return {};
}

ApiError ApiJob::decodeSuccess(QNetworkReply* reply, const QByteArray& body) {
    const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
    const qint64 received = body.size() + d->bytesStreamed;
    // Compressed bodies are decoded by Qt, so their Content-Length does not match what we hold.
    if (announced.isValid() && reply->rawHeader("Content-Encoding").isEmpty() &&
        received < announced.toLongLong()) {
        d->transferCut = true;
        ApiError error = ApiError::make(
            ApiError::Kind::BadResponse,
            tr("the body was cut off (%1 of %2 bytes received)").arg(received).arg(announced.toLongLong()),
            d->operation);
        error.httpStatus = d->httpStatus;
        return error;
    }
    d->decodeError.clear();
    d->resultError = {};
    if (decodeRaw(body))
        return {};
    if (d->resultError.isError())
        return d->resultError;
    ApiError error =
        ApiError::make(ApiError::Kind::BadResponse,
                       d->decodeError.isEmpty() ? tr("unexpected content") : d->decodeError, d->operation);
    error.httpStatus = d->httpStatus;
    return error;
}

bool ApiJob::shouldRetry(const ApiError& error) const {
    if (!d->client || !d->idempotent || d->bytesStreamed > 0 || d->attempts > d->client->maxRetries())
        return false;
    return RetryPolicy::isRetryable(error, d->transferCut);
}

void ApiJob::scheduleRetry(QNetworkReply* reply, const ApiError& error) {
    const int delay = RetryPolicy::delayMs(d->attempts, d->client->retryBaseDelay(),
                                           d->client->maxRetryAfter(), reply->rawHeader("Retry-After"));
    qCInfo(vlApi).noquote() << "retry" << methodName(d->method) << d->sentUrl.path() << "status"
                            << error.httpStatus << "attempt" << d->attempts << "in" << delay << "ms";
    d->retryTimer->start(delay);
    emit retryScheduled(d->attempts, delay);
}

void ApiJob::finish(const ApiError& error) {
    if (d->finished)
        return;
    d->finished = true;
    d->error = error;
    if (d->error.isError() && d->error.httpStatus == 0)
        d->error.httpStatus = d->httpStatus;
    d->retryTimer->stop();
    if (d->error.isError() && d->error.kind != ApiError::Kind::Cancelled)
        qCInfo(vlApi).noquote() << "failed" << methodName(d->method) << d->sentUrl.path() << "status"
                                << d->error.httpStatus << "attempt" << d->attempts;
    if (d->started && d->client)
        d->client->jobFinished();
    emit finished(this);
    if (d->autoDelete)
        deleteLater();
}

} // namespace vl
