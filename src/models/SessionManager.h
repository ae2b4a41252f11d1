#pragma once

#include "ConnectionManager.h"

#include <QObject>
#include <QPointer>

namespace vl {

class Session;

// Keeps one Session per connection: when the connection manager reports Connected, a new session
// is built on its settings and the dataset list refreshed; when it starts connecting elsewhere or
// fails, the old session gives way to an empty one. The previous session is deleted after
// sessionChanged() (views re-bind first), which aborts whatever it still had in flight.
class SessionManager : public QObject {
    Q_OBJECT
public:
    explicit SessionManager(ConnectionManager* connections, QObject* parent = nullptr);
    ~SessionManager() override;

    Session* current() const { return m_session; } // never null
    // Where thumbnails are kept on disk (every session's media loader uses it); empty = memory only.
    void setThumbnailCacheDirectory(const QString& directory) { m_thumbnailCacheDirectory = directory; }

signals:
    void sessionChanged(vl::Session* session);

private:
    void onStateChanged(ConnectionManager::State state);
    void replace(Session* session);

    QPointer<ConnectionManager> m_connections;
    Session* m_session;
    QString m_thumbnailCacheDirectory;
};

} // namespace vl
