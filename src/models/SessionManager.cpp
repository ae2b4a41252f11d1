#include "SessionManager.h"

#include "DatasetListModel.h"
#include "Session.h"
#include "ThumbnailProvider.h"

namespace vl {

SessionManager::SessionManager(ConnectionManager* connections, QObject* parent)
    : QObject(parent)
    , m_connections(connections)
    , m_session(new Session(this)) {
    connect(connections, &ConnectionManager::stateChanged, this, &SessionManager::onStateChanged);
}

SessionManager::~SessionManager() = default;

void SessionManager::onStateChanged(ConnectionManager::State state) {
    if (!m_connections)
        return;
    if (state == ConnectionManager::State::Connected) {
        auto* session = new Session(*m_connections->client(), m_connections->current().id, this);
        if (!m_thumbnailCacheDirectory.isEmpty())
            session->thumbnails()->setDiskCacheDirectory(m_thumbnailCacheDirectory);
        replace(session);
        session->datasets()->refresh();
    } else if (m_session->hasServer()) {
        replace(new Session(this)); // connecting elsewhere, or lost: nothing more goes to the old server
    }
}

void SessionManager::replace(Session* session) {
    Session* previous = m_session;
    m_session = session;
    emit sessionChanged(session);
    previous->deleteLater();
}

} // namespace vl
