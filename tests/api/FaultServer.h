#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslKey>
#endif

class QTcpSocket;

namespace vl::test {

// One answer of the FaultServer, given to every request until replaced.
struct FaultReply {
    enum class Mode {
        Normal,       // status line, headers, the whole body, then close
        Stall,        // the request is read and never answered (the socket stays open)
        CloseMidBody, // headers and half the body, then an orderly close (FIN)
        ResetMidBody  // headers and half the body, then a TCP reset (RST)
    };
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    Mode mode = Mode::Normal;
};

// A loopback HTTP/1.1 server that answers every request with one scripted fault, in plain text or
// over TLS with a certificate the test supplies. ScriptedServer routes by path; this one exists for
// what ScriptedServer cannot do: resets after part of the body, TLS, and very large bodies.
class FaultServer : public QTcpServer {
    Q_OBJECT
public:
    explicit FaultServer(QObject* parent = nullptr);
    ~FaultServer() override;

#if QT_CONFIG(ssl)
    void useTls(const QSslCertificate& certificate, const QSslKey& key);
#endif
    bool start(); // 127.0.0.1, port chosen by the OS
    QUrl baseUrl() const;

    void setReply(const FaultReply& reply) {
        m_reply = reply;
    }
    int requestCount() const {
        return m_requestLines.size();
    } // complete requests read
    QList<QByteArray> requestLines() const {
        return m_requestLines;
    } // e.g. "GET /api/v1/datasets HTTP/1.1"
    void resetCount() {
        m_requestLines.clear();
    }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onReadyRead(QTcpSocket* socket);
    void answer(QTcpSocket* socket);

    FaultReply m_reply;
    QList<QByteArray> m_requestLines;
    QHash<QTcpSocket*, QByteArray> m_pending; // bytes received per connection, not yet a request
    bool m_tls = false;
#if QT_CONFIG(ssl)
    QSslCertificate m_certificate;
    QSslKey m_key;
#endif
};

} // namespace vl::test
