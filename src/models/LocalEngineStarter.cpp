#include "LocalEngineStarter.h"

#include "ConnectionManager.h"

#include <QtConcurrent/QtConcurrentRun>

namespace vl {

LocalEngineStarter::LocalEngineStarter(ConnectionManager* manager, StartFunction start, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
    , m_start(std::move(start)) {
    connect(&m_watcher, &QFutureWatcher<Endpoint>::finished, this, &LocalEngineStarter::onStartFinished);
    if (m_manager)
        connect(m_manager, &ConnectionManager::localEngineStartRequested, this, &LocalEngineStarter::start);
}

LocalEngineStarter::~LocalEngineStarter() {
    m_watcher.disconnect(this);
    waitForFinished();
}

void LocalEngineStarter::start() {
    if (isStarting())
        return;
    if (m_manager)
        m_manager->setLocalStarting();
    m_watcher.setFuture(QtConcurrent::run(m_start));
}

bool LocalEngineStarter::isStarting() const {
    return m_watcher.isRunning();
}

void LocalEngineStarter::waitForFinished() {
    m_watcher.waitForFinished();
}

void LocalEngineStarter::onStartFinished() {
    const Endpoint endpoint = m_watcher.result();
    if (m_manager) {
        if (endpoint.ok)
            m_manager->setLocalEndpoint(endpoint.url, endpoint.apiKey, endpoint.apiSecret);
        else
            m_manager->setLocalUnavailable(endpoint.error);
    }
    emit finished(endpoint.ok, endpoint.error);
}

} // namespace vl
