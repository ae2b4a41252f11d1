#include "FaultServer.h"

#include "ScriptedServer.h"

#include <QTcpSocket>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace vl::test {

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 429:
        return "Too Many Requests";
    case 502:
        return "Bad Gateway";
    default:
        return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Status";
    }
}

// Length of a complete request at the start of `data` (head + Content-Length body), 0 if incomplete.
qsizetype completeRequestLength(const QByteArray& data) {
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    qsizetype bodyLength = 0;
    for (const QByteArray& line : data.left(headEnd).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            bodyLength = line.mid(colon + 1).trimmed().toLongLong();
    }
    const qsizetype total = headEnd + 4 + bodyLength;
    return data.size() >= total ? total : 0;
}

} // namespace

FaultServer::FaultServer(QObject* parent)
    : QTcpServer(parent) {}

FaultServer::~FaultServer() {
    close();
}

#if QT_CONFIG(ssl)
void FaultServer::useTls(const QSslCertificate& certificate, const QSslKey& key) {
    m_tls = true;
    m_certificate = certificate;
    m_key = key;
}
#endif

bool FaultServer::start() {
    return listen(QHostAddress::LocalHost, 0);
}

QUrl FaultServer::baseUrl() const {
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(serverPort());
    return url;
}

void FaultServer::incomingConnection(qintptr descriptor) {
    QTcpSocket* socket = nullptr;
#if QT_CONFIG(ssl)
    if (m_tls) {
        auto* secure = new QSslSocket(this);
        secure->setLocalCertificate(m_certificate);
        secure->setPrivateKey(m_key);
        socket = secure;
    }
#endif
    if (!socket)
        socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        m_pending.remove(socket);
        socket->deleteLater();
    });
#if QT_CONFIG(ssl)
    if (auto* secure = qobject_cast<QSslSocket*>(socket))
        secure->startServerEncryption(); // a client that rejects the certificate just disconnects
#endif
}

void FaultServer::onReadyRead(QTcpSocket* socket) {
    QByteArray& pending = m_pending[socket];
    pending.append(socket->readAll());
    const qsizetype length = completeRequestLength(pending);
    if (length == 0)
        return;
    m_requestLines.append(pending.left(pending.indexOf("\r\n")));
    pending.remove(0, length);
    answer(socket);
}

void FaultServer::answer(QTcpSocket* socket) {
    if (m_reply.mode == FaultReply::Mode::Stall)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_reply.status) + ' ' + reasonPhrase(m_reply.status) +
                      "\r\nContent-Length: " + QByteArray::number(m_reply.body.size()) +
                      "\r\nConnection: close\r\n";
    if (!m_reply.contentType.isEmpty())
        head += "Content-Type: " + m_reply.contentType + "\r\n";
    for (const auto& header : m_reply.headers)
        head += header.first + ": " + header.second + "\r\n";
    if (m_reply.mode == FaultReply::Mode::ResetMidBody || m_reply.mode == FaultReply::Mode::CloseMidBody) {
        socket->write(head + "\r\n" + m_reply.body.left(m_reply.body.size() / 2));
        socket->flush();
        // Let the client read the head and part of the body before the connection ends.
        const bool reset = m_reply.mode == FaultReply::Mode::ResetMidBody;
        QTimer::singleShot(150, socket, [socket, reset] {
            if (reset)
                ScriptedServer::dropWithReset(socket);
            else
                socket->disconnectFromHost();
        });
        return;
    }
    socket->write(head + "\r\n" + m_reply.body);
    socket->disconnectFromHost(); // flushes, then closes
}

} // namespace vl::test
