#include "ApiJob.h"

#include "ApiClient.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif

namespace vl {

namespace {

bool isSuccessStatus(int status) {
    return status >= 200 && status < 300;
}

bool isRetryableGatewayStatus(int status) {
    return status == 502 || status == 503 || status == 504;
}

} // namespace

ApiJob::ApiJob(ApiClient* client, Method method, QString path, QString operation)
    : QObject(client)
    , m_client(client)
    , m_method(method)
    , m_path(std::move(path))
    , m_operation(std::move(operation))
    , m_idempotent(method == Method::Get || method == Method::Delete)
    , m_retryTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        if (!m_finished)
            send();
    });
    // Start on the next event-loop turn so the creator can connect to finished() first.
    QMetaObject::invokeMethod(this, &ApiJob::start, Qt::QueuedConnection);
}

ApiJob::~ApiJob() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_started && !m_finished && m_client)
        m_client->jobFinished();
}

void ApiJob::setJsonBody(const QJsonDocument& body) {
    setRawBody(body.toJson(QJsonDocument::Compact), "application/json");
}

void ApiJob::setRawBody(const QByteArray& body, const QByteArray& contentType) {
    m_requestBody = body;
    m_contentType = contentType;
}

void ApiJob::setMultipart(QHttpMultiPart* multipart) {
    m_multipart = multipart;
    if (m_multipart)
        m_multipart->setParent(this);
    m_idempotent = false;
}

bool ApiJob::decode(const QJsonDocument&) {
    return true;
}

bool ApiJob::decodeRaw(const QByteArray& body) {
    if (!m_expectJson) {
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
    return m_client;
}

void ApiJob::setDecodeError(const QString& why) {
    m_decodeError = why;
}

void ApiJob::setResultError(const ApiError& error) {
    m_resultError = error;
}

bool ApiJob::receiveChunk(const QByteArray&) {
    return false;
}

QString ApiJob::pathSegment(const QString& text) {
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

void ApiJob::abort() {
    if (m_finished)
        return;
    m_abortedByUser = true;
    m_retryTimer->stop();
    if (m_reply) {
        m_reply->abort(); // finished() follows synchronously and ends the job as Cancelled
        return;
    }
    finish(ApiError::make(ApiError::Kind::Cancelled, tr("cancelled"), m_operation));
}

bool ApiJob::waitForFinished() {
    m_autoDelete = false;
    if (!m_finished) {
        QEventLoop loop;
        connect(this, &ApiJob::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return isSuccess();
}

void ApiJob::start() {
    if (m_finished || m_started)
        return;
    if (!m_client) {
        finish(ApiError::make(ApiError::Kind::Network, tr("the connection was closed"), m_operation));
        return;
    }
    m_started = true;
    m_client->jobStarted();
    send();
}

void ApiJob::send() {
    if (!m_client) {
        finish(ApiError::make(ApiError::Kind::Network, tr("the connection was closed"), m_operation));
        return;
    }
    ++m_attempts;
    m_body.clear();
    m_httpStatus = 0;
    m_tlsErrors.clear();

    QUrl url = m_redirectUrl;
    if (!url.isValid()) {
        url = m_absoluteUrl.isValid() ? m_client->resolveUrl(m_absoluteUrl) : m_client->apiUrl(m_path);
        if (!m_query.isEmpty())
            url.setQuery(m_query);
    }
    if (!url.isValid() || url.isRelative()) {
        finish(ApiError::make(ApiError::Kind::Network, tr("no server address is set"), m_operation));
        return;
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_client->timeout());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("VL-Explorer/" VL_VERSION));
    // Redirects are followed by hand (see followRedirect) so the token never reaches another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_expectJson)
        request.setRawHeader("Accept", "application/json");
    if (m_client->hasCredentials() && m_client->isSameOrigin(url))
        m_client->authorize(request, m_forceNewToken);
    m_forceNewToken = false;

    QNetworkAccessManager* network = m_client->network();
    QNetworkReply* reply = nullptr;
    switch (m_method) {
    case Method::Get:
        reply = network->get(request);
        break;
    case Method::Delete:
        reply = network->deleteResource(request);
        break;
    case Method::Post:
    case Method::Put:
        if (m_multipart) {
            reply = m_method == Method::Post ? network->post(request, m_multipart)
                                             : network->put(request, m_multipart);
        } else {
            if (!m_contentType.isEmpty())
                request.setHeader(QNetworkRequest::ContentTypeHeader, m_contentType);
            reply = m_method == Method::Post ? network->post(request, m_requestBody)
                                             : network->put(request, m_requestBody);
        }
        break;
    }
    m_reply = reply;
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
        m_tlsErrors = texts.join(QStringLiteral("; "));
    });
#endif
}

void ApiJob::onReadyRead() {
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray chunk = m_reply->readAll();
    if (isSuccessStatus(status) && receiveChunk(chunk))
        m_bytesStreamed += chunk.size();
    else
        m_body.append(chunk);
}

void ApiJob::onReplyFinished() {
    QNetworkReply* reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    if (m_finished)
        return;
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray rest = reply->isOpen() ? reply->readAll() : QByteArray();
    if (isSuccessStatus(m_httpStatus) && !rest.isEmpty() && receiveChunk(rest))
        m_bytesStreamed += rest.size();
    else
        m_body.append(rest);

    if (m_abortedByUser) {
        finish(ApiError::make(ApiError::Kind::Cancelled, tr("cancelled"), m_operation));
        return;
    }
    if (followRedirect(reply))
        return;
    m_transferCut = reply->error() != QNetworkReply::NoError && m_httpStatus > 0;
    ApiError error = classify(reply, m_body);
    if (!error.isError())
        error = decodeSuccess(reply, m_body);
    if (!error.isError()) {
        finish(error);
        return;
    }
    const bool canResend = !m_multipart; // a QHttpMultiPart body cannot be replayed
    if (m_httpStatus == 401 && m_client && m_client->hasCredentials() && !m_authRetried && canResend) {
        // The token may have been rejected for clock skew or a rotated secret: mint a new one, once.
        m_authRetried = true;
        m_forceNewToken = true;
        send();
        return;
    }
    if (shouldRetry(error)) {
        m_retryTimer->start(retryDelayMs(reply));
        return;
    }
    if (m_httpStatus == 401 && m_client)
        emit m_client->authenticationFailed(error);
    finish(error);
}

bool ApiJob::followRedirect(QNetworkReply* reply) {
    constexpr int kMaxRedirects = 5;
    const QVariant target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute);
    const bool isRedirect = m_httpStatus == 301 || m_httpStatus == 302 || m_httpStatus == 303 ||
                            m_httpStatus == 307 || m_httpStatus == 308;
    // Only reads follow redirects: re-sending a POST/DELETE elsewhere is never done silently.
    if (!isRedirect || !target.isValid() || m_method != Method::Get)
        return false;
    const QUrl next = reply->url().resolved(target.toUrl());
    if (m_redirects >= kMaxRedirects || !next.isValid() ||
        (reply->url().scheme() == QLatin1String("https") && next.scheme() != QLatin1String("https")))
        return false; // too many, or a downgrade from https: reported as the 3xx it is
    ++m_redirects;
    m_redirectUrl = next;
    --m_attempts; // a redirect is not a retry
    send();
    return true;
}

ApiError ApiJob::classify(QNetworkReply* reply, const QByteArray& body) const {
    const QNetworkReply::NetworkError networkError = reply->error();
    if (networkError == QNetworkReply::OperationCanceledError ||
        networkError == QNetworkReply::TimeoutError) {
        // Not a user abort (handled before): the per-attempt transfer timeout fired.
        const int seconds = m_client ? qMax(1, m_client->timeout() / 1000) : 0;
        ApiError error = ApiError::make(ApiError::Kind::Timeout,
                                        tr("no data for %n second(s)", nullptr, seconds), m_operation);
        error.httpStatus = m_httpStatus;
        return error;
    }
    if (networkError == QNetworkReply::SslHandshakeFailedError || !m_tlsErrors.isEmpty()) {
        const QString why = m_tlsErrors.isEmpty() ? reply->errorString() : m_tlsErrors;
        return ApiError::make(ApiError::Kind::Tls, why, m_operation);
    }
    if (m_httpStatus > 0 && !isSuccessStatus(m_httpStatus))
        return ApiError::fromHttp(m_httpStatus, body, m_operation);
    if (networkError != QNetworkReply::NoError) {
        if (m_httpStatus > 0) {
            ApiError error = ApiError::make(
                ApiError::Kind::BadResponse,
                tr("the connection closed before the response was complete (%n byte(s) received)", nullptr,
                   int(body.size() + m_bytesStreamed)),
                m_operation);
            error.httpStatus = m_httpStatus;
            return error;
        }
        return ApiError::make(ApiError::Kind::Network, reply->errorString(), m_operation);
    }
    return {};
}

ApiError ApiJob::decodeSuccess(QNetworkReply* reply, const QByteArray& body) {
    const QVariant announced = reply->header(QNetworkRequest::ContentLengthHeader);
    const qint64 received = body.size() + m_bytesStreamed;
    // Compressed bodies are decoded by Qt, so their Content-Length does not match what we hold.
    if (announced.isValid() && reply->rawHeader("Content-Encoding").isEmpty() &&
        received < announced.toLongLong()) {
        m_transferCut = true;
        ApiError error = ApiError::make(
            ApiError::Kind::BadResponse,
            tr("the body was cut off (%1 of %2 bytes received)").arg(received).arg(announced.toLongLong()),
            m_operation);
        error.httpStatus = m_httpStatus;
        return error;
    }
    m_decodeError.clear();
    m_resultError = {};
    if (decodeRaw(body))
        return {};
    if (m_resultError.isError())
        return m_resultError;
    ApiError error =
        ApiError::make(ApiError::Kind::BadResponse,
                       m_decodeError.isEmpty() ? tr("unexpected content") : m_decodeError, m_operation);
    error.httpStatus = m_httpStatus;
    return error;
}

bool ApiJob::shouldRetry(const ApiError& error) const {
    if (!m_client || !m_idempotent || m_bytesStreamed > 0 || m_attempts > m_client->maxRetries())
        return false;
    switch (error.kind) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::RateLimited:
        return true;
    case ApiError::Kind::Server:
    case ApiError::Kind::Http:
        return isRetryableGatewayStatus(error.httpStatus);
    case ApiError::Kind::BadResponse:
        return m_transferCut; // a reset or close inside the body, not a malformed body
    default:
        return false;
    }
}

int ApiJob::retryDelayMs(QNetworkReply* reply) const {
    const qint64 cap = qMax(0, m_client->maxRetryAfter());
    const int doublings = qBound(0, m_attempts - 1, 16);
    qint64 delay = qint64(qMax(0, m_client->retryBaseDelay())) << doublings;
    const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        bool isNumber = false;
        const qint64 seconds = retryAfter.toLongLong(&isNumber);
        if (isNumber) {
            delay = qMax<qint64>(0, seconds) * 1000;
        } else {
            const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
            if (when.isValid())
                delay = qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
        }
    }
    return int(qMin(delay, cap));
}

void ApiJob::finish(const ApiError& error) {
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (m_error.isError() && m_error.httpStatus == 0)
        m_error.httpStatus = m_httpStatus;
    m_retryTimer->stop();
    if (m_started && m_client)
        m_client->jobFinished();
    emit finished(this);
    if (m_autoDelete)
        deleteLater();
}

} // namespace vl
