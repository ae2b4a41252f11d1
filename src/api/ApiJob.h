#pragma once

#include "ApiError.h"

#include <QByteArray>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <memory>

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

    const ApiError& error() const;
    bool isSuccess() const;
    bool isFinished() const;
    int httpStatus() const;
    QByteArray rawBody() const; // the response body as received (vlx --json prints it)
    int attempts() const;
    QString operation() const; // e.g. "list datasets", used in error messages

    void abort(); // cancels; finished() follows with Kind::Cancelled

    // By default a job deletes itself (deleteLater) after finished(). Turn that off to keep reading its
    // results later; the job then stays owned by its client (its QObject parent) or whoever deletes it.
    void setAutoDelete(bool autoDelete);
    bool autoDelete() const;

    // For command-line use: runs a local event loop until finished. Never call on the GUI thread.
    // A job that has been waited on does not delete itself: it stays owned by its client (its parent)
    // so the caller can read the results; the caller may delete it.
    bool waitForFinished();

    static const char* methodName(Method method);

signals:
    // Connect with the typed job captured (connect(job, &ApiJob::finished, this, [job] { job->result(); }))
    // rather than casting the argument.
    void finished(vl::ApiJob* job);
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);
    // A transient failure (RetryPolicy) will be tried again: attempt `attempt` failed, the next one
    // starts in `delayMs`. The client relays it (ApiClient::retryScheduled) for the status bar.
    void retryScheduled(int attempt, int delayMs);

protected:
    ApiJob(ApiClient* client, Method method, QString path, QString operation);

    // Describe the request (call from the subclass constructor).
    void setQuery(const QUrlQuery& query);
    void setJsonBody(const QJsonDocument& body);
    void setMultipart(QHttpMultiPart* multipart); // job takes ownership; rebuilt never (uploads do not retry)
    // A prepared body (e.g. multipart built by MultipartForm): can be sent again after a 401 re-mint.
    void setRawBody(const QByteArray& body, const QByteArray& contentType);
    void setIdempotent(bool idempotent);
    void setExpectJson(bool expectJson);
    void setAbsoluteUrl(const QUrl& url); // e.g. a download URI
    // Media: answer from the client's disk cache when it holds the URL (API calls never use it).
    void setPreferCache(bool preferCache);
    void setTimeout(int milliseconds); // per attempt; 0 = the client's timeout

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
    void scheduleRetry(QNetworkReply* reply, const ApiError& error);
    void finish(const ApiError& error);
    int timeoutMs() const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace vl
