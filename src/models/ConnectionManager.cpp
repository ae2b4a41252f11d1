#include "ConnectionManager.h"

#include "ApiClient.h"
#include "ConnectionsModel.h"
#include "DatasetJobs.h"

namespace vl {

ConnectionManager::ConnectionManager(ApiClient* client, ConnectionsModel* connections, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_connections(connections) {}

ConnectionManager::~ConnectionManager() {
    if (m_verifyJob)
        m_verifyJob->disconnect(this);
}

void ConnectionManager::setLocalEndpoint(const QUrl& url, const QString& apiKey,
                                         const QByteArray& apiSecret) {
    m_localUrl = url;
    m_localKey = apiKey;
    m_localSecret = apiSecret;
    m_localUnavailable.clear();
    const bool waiting = waitingForLocalEngine();
    m_localStarting = false;
    if (waiting)
        connectLocal();
}

void ConnectionManager::setLocalUnavailable(const QString& reason) {
    m_localUrl.clear();
    m_localUnavailable = reason;
    const bool waiting = waitingForLocalEngine();
    m_localStarting = false;
    if (waiting)
        connectLocal();
}

void ConnectionManager::setLocalStarting() {
    m_localUrl.clear();
    m_localUnavailable.clear();
    m_localStarting = true;
}

bool ConnectionManager::waitingForLocalEngine() const {
    return m_localStarting && m_state == State::Connecting && m_current.kind == Connection::Kind::Local;
}

void ConnectionManager::connectLocal() {
    if (m_localStarting)
        return; // connects when the engine reports back
    if (!m_localUrl.isValid() || m_localUrl.isEmpty()) {
        fail(m_localUnavailable.isEmpty()
                 ? tr("The local engine is not running.")
                 : tr("The local engine could not start: %1").arg(m_localUnavailable));
        return;
    }
    configure(m_localUrl, m_localKey, m_localSecret);
    verify();
}

void ConnectionManager::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ConnectionManager::fail(const QString& reason) {
    m_failureReason = reason;
    setState(State::Failed);
    emit failed(reason);
}

void ConnectionManager::disconnectFromServer() {
    ++m_attempt;
    if (m_verifyJob) {
        m_verifyJob->disconnect(this);
        m_verifyJob->abort();
    }
    if (m_client)
        m_client->clearCredentials();
    setState(State::Disconnected);
}

void ConnectionManager::connectTo(const QString& connectionId) {
    disconnectFromServer();
    const Connection* connection = m_connections ? m_connections->find(connectionId) : nullptr;
    if (!connection) {
        fail(tr("The saved connection no longer exists."));
        return;
    }
    m_current = *connection;
    m_failureReason.clear();
    m_connections->setLastConnectionId(connectionId);
    setState(State::Connecting);

    switch (m_current.kind) {
    case Connection::Kind::Local:
        connectLocal();
        return;
    case Connection::Kind::SelfHosted:
        configure(m_current.url, {}, {});
        verify();
        return;
    case Connection::Kind::Cloud: {
        const int attempt = m_attempt;
        QPointer<ConnectionManager> self(this);
        m_connections->readCredentials(
            connectionId,
            [self, attempt](const SecretStore::Result& result, const ConnectionsModel::Credentials& creds) {
                if (!self || self->m_attempt != attempt)
                    return;
                if (result.status != SecretStore::Status::Ok) {
                    self->fail(tr("The API key for this connection could not be read from the keychain: %1")
                                   .arg(result.message.isEmpty() ? tr("not found") : result.message));
                    return;
                }
                self->configure(self->m_current.url, creds.apiKey, creds.apiSecret);
                self->verify();
            });
        return;
    }
    }
}

void ConnectionManager::retry() {
    if (m_current.id.isEmpty())
        return;
    const bool engineDown = !m_localStarting && (!m_localUrl.isValid() || m_localUrl.isEmpty());
    if (m_current.kind == Connection::Kind::Local && engineDown)
        emit localEngineStartRequested(); // a listener marks the engine as starting before we connect
    connectTo(m_current.id);
}

void ConnectionManager::configure(const QUrl& url, const QString& apiKey, const QByteArray& apiSecret) {
    if (!m_client)
        return;
    m_client->setBaseUrl(url);
    if (apiKey.isEmpty())
        m_client->clearCredentials();
    else
        m_client->setCredentials(apiKey, apiSecret);
}

void ConnectionManager::verify() {
    if (!m_client) {
        fail(tr("No API client."));
        return;
    }
    auto* job = new ListDatasetsJob(m_client);
    m_verifyJob = job;
    connect(job, &ApiJob::finished, this, &ConnectionManager::onVerifyFinished);
}

void ConnectionManager::onVerifyFinished(ApiJob* job) {
    if (job != m_verifyJob)
        return;
    m_verifyJob = nullptr;
    if (job->isSuccess()) {
        setState(State::Connected);
        emit connected();
        return;
    }
    fail(explain(job->error(), m_client ? m_client->baseUrl() : QUrl()));
}

void ConnectionManager::testConnection(const QUrl& url, const QString& apiKey, const QByteArray& apiSecret,
                                       TestCallback done) {
    auto* probe = new ApiClient(this);
    probe->setBaseUrl(url);
    probe->setMaxRetries(0); // a person is waiting on the answer
    probe->setTimeout(15000);
    if (!apiKey.isEmpty())
        probe->setCredentials(apiKey, apiSecret);
    auto* job = new ListDatasetsJob(probe);
    connect(job, &ApiJob::finished, this, [probe, url, done, job] {
        ListDatasetsJob* finished = job;
        if (finished->isSuccess()) {
            const int count = finished->datasets().size();
            done(true, count == 1 ? tr("Connected: 1 dataset visible.")
                                  : tr("Connected: %1 datasets visible.").arg(count));
        } else {
            done(false, explain(finished->error(), url));
        }
        probe->deleteLater();
    });
}

QString ConnectionManager::explain(const ApiError& error, const QUrl& url) {
    const QString host = url.host().isEmpty() ? url.toDisplayString() : url.host();
    QString reason;
    switch (error.kind) {
    case ApiError::Kind::Authentication:
        reason = tr("The server rejected the API key or secret (401). Check both values; an API secret is "
                    "shown only once when it is created.");
        break;
    case ApiError::Kind::Forbidden:
        reason = tr("The account is not allowed to use the API (403).");
        break;
    case ApiError::Kind::Network:
        reason = tr("Cannot reach %1. The computer may be offline, or the address is wrong.").arg(host);
        break;
    case ApiError::Kind::Timeout:
        reason = tr("%1 did not answer in time.").arg(host);
        break;
    case ApiError::Kind::Tls:
        reason = tr("The secure connection to %1 failed; its certificate is not trusted.").arg(host);
        break;
    case ApiError::Kind::NotFound:
        reason = tr("%1 answered, but it does not look like a Visual Layer server (404).").arg(host);
        break;
    case ApiError::Kind::Server:
        reason = tr("%1 has a server error (%2).").arg(host).arg(error.httpStatus);
        break;
    case ApiError::Kind::BadResponse:
        reason = tr("%1 sent an answer that is not a Visual Layer response.").arg(host);
        break;
    default:
        reason = error.message.isEmpty() ? tr("The connection to %1 failed.").arg(host) : error.message;
        return reason;
    }
    if (!error.detail.isEmpty())
        reason += QLatin1Char(' ') + tr("Details: %1").arg(error.detail);
    return reason;
}

} // namespace vl
