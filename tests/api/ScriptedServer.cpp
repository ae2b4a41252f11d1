#include "ScriptedServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#if defined(Q_OS_WIN)
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace vl::test {

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray boundaryFrom(const QByteArray& contentType) {
    const int at = contentType.indexOf("boundary=");
    if (at < 0)
        return {};
    QByteArray boundary = contentType.mid(at + 9);
    const int semicolon = boundary.indexOf(';');
    if (semicolon >= 0)
        boundary.truncate(semicolon);
    boundary = boundary.trimmed();
    if (boundary.size() >= 2 && boundary.startsWith('"') && boundary.endsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    return boundary;
}

QByteArray dispositionParameter(const QByteArray& disposition, const QByteArray& name) {
    const QByteArray quoted = name + "=\"";
    int at = disposition.indexOf("; " + quoted);
    if (at >= 0) {
        at += 2 + quoted.size();
        const int end = disposition.indexOf('"', at);
        return disposition.mid(at, end < 0 ? -1 : end - at);
    }
    const QByteArray bare = "; " + name + "=";
    at = disposition.indexOf(bare);
    if (at < 0)
        return {};
    at += bare.size();
    const int end = disposition.indexOf(';', at);
    return disposition.mid(at, end < 0 ? -1 : end - at).trimmed();
}

MultipartPart parsePart(const QByteArray& raw) {
    MultipartPart part;
    const int headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return part;
    const QList<QByteArray> lines = raw.left(headerEnd).split('\n');
    for (const QByteArray& rawLine : lines) {
        const QByteArray line = rawLine.trimmed();
        const int colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-disposition") {
            part.name = dispositionParameter(value, "name");
            part.fileName = dispositionParameter(value, "filename");
        } else if (name == "content-type") {
            part.contentType = value;
        }
    }
    part.data = raw.mid(headerEnd + 4);
    return part;
}

void setNoDelay(QTcpSocket* socket) {
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

} // namespace

// ---- RecordedRequest ---------------------------------------------------------------------------

QString RecordedRequest::queryValue(const QString& name) const {
    for (const QByteArray& item : rawQuery.split('&')) {
        const int eq = item.indexOf('=');
        const QByteArray key = eq < 0 ? item : item.left(eq);
        if (QUrl::fromPercentEncoding(key) == name)
            return eq < 0 ? QString() : QUrl::fromPercentEncoding(item.mid(eq + 1));
    }
    return {};
}

bool RecordedRequest::hasQueryItem(const QString& name) const {
    for (const QByteArray& item : rawQuery.split('&')) {
        const int eq = item.indexOf('=');
        if (QUrl::fromPercentEncoding(eq < 0 ? item : item.left(eq)) == name)
            return true;
    }
    return false;
}

QByteArray RecordedRequest::bearerToken() const {
    const QByteArray value = header("authorization");
    return value.startsWith("Bearer ") ? value.mid(7) : QByteArray();
}

QVector<MultipartPart> RecordedRequest::multipartParts() const {
    QVector<MultipartPart> parts;
    const QByteArray boundary = boundaryFrom(header("content-type"));
    if (boundary.isEmpty())
        return parts;
    const QByteArray delimiter = "--" + boundary;
    int at = body.indexOf(delimiter);
    while (at >= 0) {
        int partStart = at + delimiter.size();
        if (body.mid(partStart, 2) == "--")
            break; // closing delimiter
        if (body.mid(partStart, 2) == "\r\n")
            partStart += 2;
        const int next = body.indexOf("\r\n" + delimiter, partStart);
        if (next < 0)
            break;
        parts.append(parsePart(body.mid(partStart, next - partStart)));
        at = next + 2;
    }
    return parts;
}

// ---- ScriptedReply -----------------------------------------------------------------------------

ScriptedReply ScriptedReply::json(int status, const QByteArray& body) {
    ScriptedReply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

ScriptedReply ScriptedReply::raw(int status, const QByteArray& body, const QByteArray& contentType) {
    ScriptedReply reply = json(status, body);
    reply.contentType = contentType;
    return reply;
}

ScriptedReply ScriptedReply::truncated(int status, const QByteArray& fullBody, int bytesSent) {
    ScriptedReply reply = json(status, fullBody);
    reply.mode = Mode::Truncated;
    reply.bytesToSend = bytesSent;
    return reply;
}

ScriptedReply ScriptedReply::reset() {
    ScriptedReply reply;
    reply.mode = Mode::Reset;
    return reply;
}

ScriptedReply ScriptedReply::hang() {
    ScriptedReply reply;
    reply.mode = Mode::Hang;
    return reply;
}

ScriptedReply& ScriptedReply::delayed(int milliseconds) {
    delayMs = milliseconds;
    return *this;
}

ScriptedReply& ScriptedReply::withHeader(const QByteArray& name, const QByteArray& value) {
    extraHeaders.append({name, value});
    return *this;
}

// ---- ScriptedServer ----------------------------------------------------------------------------

struct ScriptedServer::Connection {
    QByteArray buffer;
};

ScriptedServer::ScriptedServer(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this)) {
    qRegisterMetaType<vl::test::RecordedRequest>();
    connect(m_server, &QTcpServer::newConnection, this, &ScriptedServer::onNewConnection);
}

ScriptedServer::~ScriptedServer() {
    for (QTcpSocket* socket : m_connections.keys())
        socket->disconnect(this);
    qDeleteAll(m_connections);
}

bool ScriptedServer::listen() {
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 ScriptedServer::port() const {
    return m_server->serverPort();
}

QUrl ScriptedServer::baseUrl() const {
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void ScriptedServer::on(const QByteArray& method, const QString& path, const ScriptedReply& reply) {
    onSequence(method, path, {reply});
}

void ScriptedServer::onSequence(const QByteArray& method, const QString& path,
                                const QVector<ScriptedReply>& replies) {
    m_routes.insert(QString::fromLatin1(method) + QLatin1Char(' ') + path, replies);
}

void ScriptedServer::clearRoutes() {
    m_routes.clear();
}

QVector<RecordedRequest> ScriptedServer::requestsTo(const QString& path) const {
    QVector<RecordedRequest> matching;
    for (const RecordedRequest& request : m_requests)
        if (request.path == path)
            matching.append(request);
    return matching;
}

int ScriptedServer::requestCount(const QByteArray& method, const QString& path) const {
    int count = 0;
    for (const RecordedRequest& request : m_requests)
        if (request.method == method && request.path == path)
            ++count;
    return count;
}

void ScriptedServer::onNewConnection() {
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        setNoDelay(socket);
        m_connections.insert(socket, new Connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            delete m_connections.take(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedServer::onReadyRead(QTcpSocket* socket) {
    Connection* connection = m_connections.value(socket);
    if (!connection)
        return;
    connection->buffer.append(socket->readAll());
    RecordedRequest request;
    while (tryParseRequest(*connection, request)) {
        m_requests.append(request);
        emit requestReceived(request);
        const ScriptedReply reply = replyFor(request);
        const bool keepAlive = false; // one request per connection keeps the script deterministic
        if (reply.mode == ScriptedReply::Mode::Hang)
            return;
        if (reply.delayMs > 0) {
            QPointer<QTcpSocket> guarded(socket);
            QTimer::singleShot(reply.delayMs, socket, [this, guarded, reply, keepAlive] {
                if (guarded)
                    answer(guarded, reply, keepAlive);
            });
        } else {
            answer(socket, reply, keepAlive);
        }
        return;
    }
}

bool ScriptedServer::tryParseRequest(Connection& connection, RecordedRequest& out) {
    QByteArray& buffer = connection.buffer;
    const int headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    RecordedRequest request;
    request.method = requestLine.value(0);
    request.rawTarget = requestLine.value(1);
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const int colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const int bodyStart = headerEnd + 4;
    if (request.header("transfer-encoding").toLower().contains("chunked")) {
        QByteArray body;
        int at = bodyStart;
        for (;;) {
            const int lineEnd = buffer.indexOf("\r\n", at);
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const int size = buffer.mid(at, lineEnd - at).split(';').value(0).trimmed().toInt(&ok, 16);
            if (!ok)
                return false;
            if (buffer.size() < lineEnd + 2 + size + 2)
                return false;
            if (size == 0) {
                at = lineEnd + 4;
                break;
            }
            body.append(buffer.mid(lineEnd + 2, size));
            at = lineEnd + 2 + size + 2;
        }
        request.body = body;
        buffer.remove(0, at);
    } else {
        const int length = request.header("content-length").toInt();
        if (buffer.size() < bodyStart + length)
            return false;
        request.body = buffer.mid(bodyStart, length);
        buffer.remove(0, bodyStart + length);
    }
    const int question = request.rawTarget.indexOf('?');
    const QByteArray rawPath = question < 0 ? request.rawTarget : request.rawTarget.left(question);
    request.rawQuery = question < 0 ? QByteArray() : request.rawTarget.mid(question + 1);
    request.path = QUrl::fromPercentEncoding(rawPath);
    out = request;
    return true;
}

ScriptedReply ScriptedServer::replyFor(const RecordedRequest& request) {
    if (m_handler) {
        if (std::optional<ScriptedReply> dynamic = m_handler(request))
            return *dynamic;
    }
    const QString key = QString::fromLatin1(request.method) + QLatin1Char(' ') + request.path;
    auto route = m_routes.find(key);
    if (route == m_routes.end() || route->isEmpty())
        return ScriptedReply::json(404, R"({"detail":"Not Found"})");
    if (route->size() > 1)
        return route->takeFirst();
    return route->first();
}

void ScriptedServer::answer(QTcpSocket* socket, const ScriptedReply& reply, bool keepAlive) {
    if (reply.mode == ScriptedReply::Mode::Reset) {
        dropWithReset(socket);
        return;
    }
    const QByteArray bodyToSend =
        reply.mode == ScriptedReply::Mode::Truncated ? reply.body.left(reply.bytesToSend) : reply.body;
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    if (!reply.contentType.isEmpty())
        head += "Content-Type: " + reply.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    head += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& header : reply.extraHeaders)
        head += header.first + ": " + header.second + "\r\n";
    socket->write(head + "\r\n" + bodyToSend);
    if (!keepAlive || reply.mode == ScriptedReply::Mode::Truncated)
        socket->disconnectFromHost(); // flushes what was written, then closes
}

void ScriptedServer::dropWithReset(QTcpSocket* socket) {
    // SO_LINGER with a zero timeout makes close() send a TCP RST: a real "connection reset by peer".
    const qintptr descriptor = socket->socketDescriptor();
    if (descriptor != -1) {
        struct linger option;
        option.l_onoff = 1;
        option.l_linger = 0;
#if defined(Q_OS_WIN)
        ::setsockopt(static_cast<SOCKET>(descriptor), SOL_SOCKET, SO_LINGER,
                     reinterpret_cast<const char*>(&option), sizeof option);
#else
        ::setsockopt(static_cast<int>(descriptor), SOL_SOCKET, SO_LINGER, &option, sizeof option);
#endif
    }
    socket->abort();
}

} // namespace vl::test
