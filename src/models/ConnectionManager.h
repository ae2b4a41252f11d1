#pragma once

#include "ApiClient.h"
#include "ApiError.h"
#include "ApiJob.h"
#include "Connection.h"
#include "ConnectionsModel.h"

#include <QObject>
#include <QPointer>
#include <functional>

namespace vl {

// Points the one ApiClient at a saved connection (local engine, cloud or self-hosted server),
// verifies it with a real request and reports the outcome with a reason a person can act on.
class ConnectionManager : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    Q_ENUM(State)
    using TestCallback = std::function<void(bool ok, const QString& message)>;

    ConnectionManager(ApiClient* client, ConnectionsModel* connections, QObject* parent = nullptr);
    ~ConnectionManager() override;

    // The embedded engine's address and credentials, or why it is not running.
    void setLocalEndpoint(const QUrl& url, const QString& apiKey, const QByteArray& apiSecret);
    void setLocalUnavailable(const QString& reason);
    // The engine is being started: a local connection waits ("Starting the local engine…") until
    // setLocalEndpoint() or setLocalUnavailable() says how it went.
    void setLocalStarting();
    bool isLocalStarting() const { return m_localStarting; }

    void connectTo(const QString& connectionId);
    void retry();
    void disconnectFromServer();

    // Tries key + secret (empty for none) against a server without touching the main client.
    void testConnection(const QUrl& url, const QString& apiKey, const QByteArray& apiSecret,
                        TestCallback done);

    State state() const { return m_state; }
    const Connection& current() const { return m_current; }
    QString failureReason() const { return m_failureReason; }
    ApiClient* client() const { return m_client; }

    static QString explain(const ApiError& error, const QUrl& url);

signals:
    void stateChanged(vl::ConnectionManager::State state);
    void connected();
    void failed(const QString& reason);
    // Retry on a local connection whose engine is not running: whoever owns the engine starts it again.
    void localEngineStartRequested();

private:
    void setState(State state);
    void fail(const QString& reason);
    void configure(const QUrl& url, const QString& apiKey, const QByteArray& apiSecret);
    void verify();
    void onVerifyFinished(ApiJob* job);
    void connectLocal();
    bool waitingForLocalEngine() const;

    QPointer<ApiClient> m_client;
    QPointer<ConnectionsModel> m_connections;
    QPointer<ApiJob> m_verifyJob;
    State m_state = State::Disconnected;
    Connection m_current;
    QString m_failureReason;
    int m_attempt = 0; // ignores credential answers that arrive after a newer connectTo()

    QUrl m_localUrl;
    QString m_localKey;
    QByteArray m_localSecret;
    QString m_localUnavailable;
    bool m_localStarting = false;
};

} // namespace vl
