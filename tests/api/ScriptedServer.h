#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <QVector>

#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace vl::test {

// One part of a multipart/form-data body.
struct MultipartPart {
    QByteArray name;        // form field name (Content-Disposition name=)
    QByteArray fileName;    // filename= when present
    QByteArray contentType; // the part's Content-Type, empty when absent
    QByteArray data;
};

// Everything the server saw of one request.
struct RecordedRequest {
    QByteArray method;    // GET, POST, ...
    QString path;         // decoded path without the query, e.g. /api/v1/datasets
    QByteArray rawTarget; // the request target exactly as sent, e.g. /api/v1/explore/x?caption=a%2Bb
    QByteArray rawQuery;  // the part after '?', still percent-encoded
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    // Decoded value of one query parameter ('+' is kept as a literal plus, as servers differ on it).
    QString queryValue(const QString& name) const;
    bool hasQueryItem(const QString& name) const;
    QByteArray bearerToken() const;                // the token after "Bearer ", empty when absent
    QVector<MultipartPart> multipartParts() const; // parsed with the boundary from Content-Type
};

// A scripted answer.
struct ScriptedReply {
    enum class Mode {
        Normal,    // status line, headers, full body
        Truncated, // Content-Length announces more than is sent, then the connection closes
        Reset,     // the connection is dropped without any answer
        Hang       // nothing is ever sent (for timeouts); the socket stays open
    };
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
    int delayMs = 0;      // wait before answering
    int bytesToSend = -1; // Truncated: how much of the body is actually sent
    Mode mode = Mode::Normal;

    static ScriptedReply json(int status, const QByteArray& body);
    static ScriptedReply raw(int status, const QByteArray& body, const QByteArray& contentType);
    static ScriptedReply truncated(int status, const QByteArray& fullBody, int bytesSent);
    static ScriptedReply reset();
    static ScriptedReply hang();
    ScriptedReply& delayed(int milliseconds);
    ScriptedReply& withHeader(const QByteArray& name, const QByteArray& value);
};

// A small real HTTP/1.1 server on 127.0.0.1 (port chosen by the OS) for integration tests. Routes are
// matched by method + exact path; each route holds a sequence of replies consumed in order, the last
// one repeating. A handler, when set, is asked first and may answer any request dynamically.
// Unmatched requests get 404 {"detail":"Not Found"}. Every request is recorded.
class ScriptedServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<std::optional<ScriptedReply>(const RecordedRequest&)>;

    explicit ScriptedServer(QObject* parent = nullptr);
    ~ScriptedServer() override;

    bool listen(); // 127.0.0.1, port 0
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>

    void on(const QByteArray& method, const QString& path, const ScriptedReply& reply); // replaces the route
    void onSequence(const QByteArray& method, const QString& path, const QVector<ScriptedReply>& replies);
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void clearRoutes();

    QVector<RecordedRequest> requests() const { return m_requests; }
    QVector<RecordedRequest> requestsTo(const QString& path) const;
    int requestCount(const QByteArray& method, const QString& path) const;
    RecordedRequest lastRequest() const {
        return m_requests.isEmpty() ? RecordedRequest{} : m_requests.last();
    }
    void clearRequests() { m_requests.clear(); }

    // Closes with a TCP RST ("connection reset by peer") instead of an orderly FIN.
    static void dropWithReset(QTcpSocket* socket);

signals:
    void requestReceived(const vl::test::RecordedRequest& request);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    bool tryParseRequest(Connection& connection, RecordedRequest& out);
    ScriptedReply replyFor(const RecordedRequest& request);
    void answer(QTcpSocket* socket, const ScriptedReply& reply, bool keepAlive);

    QTcpServer* m_server;
    QMap<QTcpSocket*, Connection*> m_connections;
    QMap<QString, QVector<ScriptedReply>> m_routes; // key "METHOD path"
    Handler m_handler;
    QVector<RecordedRequest> m_requests;
};

} // namespace vl::test

Q_DECLARE_METATYPE(vl::test::RecordedRequest)
