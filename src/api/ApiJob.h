#pragma once

#include "ApiError.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QNetworkReply;
class QTimer;

namespace vl {

class ApiClient;

// One request to one endpoint. Create one with `new SomeJob(client, ...)` (the client becomes its
// parent) and connect to finished(): jobs start themselves on the next event-loop turn, emit
// finished() exactly once (success, error or abort) and then delete themselves later (see
// setAutoDelete). Retries and the 401 re-mint happen inside the job; attempts() counts them.
// The client does the central work: base URL, auth header, timeout, retries for idempotent requests,
// and error mapping. Subclasses only describe the request and decode the body.
class ApiJob : public QObject {
    Q_OBJECT
public:
    enum class Method { Get, Post, Put, Delete };

    ~ApiJob() override;

    const ApiError& error() const { return m_error; }
    bool isSuccess() const { return m_finished && !m_error.isError(); }
    bool isFinished() const { return m_finished; }
    int httpStatus() const { return m_httpStatus; }
    QByteArray rawBody() const { return m_body; } // the response body as received (vlx --json prints it)
    int attempts() const { return m_attempts; }
    QString operation() const { return m_operation; } // e.g. "list datasets", used in error messages

    void abort(); // cancels; finished() follows with Kind::Cancelled

    // By default a job deletes itself (deleteLater) after finished(). Turn that off to keep reading its
    // results later; the job then stays owned by its client (its QObject parent) or whoever deletes it.
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

    // For command-line use: runs a local event loop until finished. Never call on the GUI thread.
    // A job that has been waited on does not delete itself: it stays owned by its client (its parent)
    // so the caller can read the results; the caller may delete it.
    bool waitForFinished();

signals:
    void finished(vl::ApiJob* job);
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);

protected:
    ApiJob(ApiClient* client, Method method, QString path, QString operation);

    // Describe the request (call from the subclass constructor).
    void setQuery(const QUrlQuery& query) { m_query = query; }
    void setJsonBody(const QJsonDocument& body);
    void setMultipart(QHttpMultiPart* multipart); // job takes ownership; rebuilt never (uploads do not retry)
    // A prepared body (e.g. multipart built by MultipartForm): can be sent again after a 401 re-mint.
    void setRawBody(const QByteArray& body, const QByteArray& contentType);
    void setIdempotent(bool idempotent) { m_idempotent = idempotent; }
    void setExpectJson(bool expectJson) { m_expectJson = expectJson; }
    void setAbsoluteUrl(const QUrl& url) { m_absoluteUrl = url; } // e.g. a download URI

    // Decode a successful body; return false and call setDecodeError() when it is malformed.
    virtual bool decode(const QJsonDocument& json);
    virtual bool decodeRaw(const QByteArray& body); // default: parse JSON and call decode(json)
    void setDecodeError(const QString& why);
    // For a server that answers 2xx with an error envelope ({"status":"error","message":..}).
    void setResultError(const ApiError& error);
    // Streaming: return true when the chunk of a successful body was consumed (not buffered).
    // A job that consumed bytes is never retried (the output would be corrupt).
    virtual bool receiveChunk(const QByteArray& chunk);
    ApiClient* client() const;
    static QString pathSegment(const QString& text); // percent-encodes an id for use inside a path

private:
    friend class ApiClient;
    void start();
    void send();
    void onReadyRead();
    void onReplyFinished();
    bool followRedirect(QNetworkReply* reply);
    ApiError classify(QNetworkReply* reply, const QByteArray& body) const;
    ApiError decodeSuccess(QNetworkReply* reply, const QByteArray& body);
    bool shouldRetry(const ApiError& error) const;
    int retryDelayMs(QNetworkReply* reply) const;
    void finish(const ApiError& error);

    QPointer<ApiClient> m_client;
    Method m_method;
    QString m_path;
    QString m_operation;
    QUrl m_absoluteUrl;
    QUrlQuery m_query;
    QByteArray m_requestBody;
    QByteArray m_contentType;
    QHttpMultiPart* m_multipart = nullptr;
    bool m_idempotent = true;
    bool m_expectJson = true;
    bool m_finished = false;
    bool m_authRetried = false;
    bool m_forceNewToken = false;
    bool m_started = false;
    bool m_abortedByUser = false;
    bool m_autoDelete = true;
    qint64 m_bytesStreamed = 0;
    bool m_transferCut = false; // the connection ended inside the body: a network failure, retryable
    int m_redirects = 0;
    QUrl m_redirectUrl; // set while following a redirect; replaces path and query
    QString m_decodeError;
    ApiError m_resultError;
    QString m_tlsErrors;
    QTimer* m_retryTimer = nullptr;
    int m_attempts = 0;
    int m_httpStatus = 0;
    QByteArray m_body;
    ApiError m_error;
    QPointer<QNetworkReply> m_reply;
};

} // namespace vl
