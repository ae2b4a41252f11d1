#pragma once

#include <QByteArray>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

namespace vl {

class ConnectionManager;

// Starts the embedded engine off the GUI thread (opening the catalogue and binding the socket can take
// seconds) and hands its address to the ConnectionManager once it is up, or the reason it is not.
// The ConnectionManager's Retry on a failed local connection asks for another start.
class LocalEngineStarter : public QObject {
    Q_OBJECT
public:
    struct Endpoint {
        bool ok = false;
        QUrl url;
        QString apiKey;
        QByteArray apiSecret;
        QString error;
    };
    // Runs on a worker thread; it must only touch state that nothing else uses until it returns.
    using StartFunction = std::function<Endpoint()>;

    LocalEngineStarter(ConnectionManager* manager, StartFunction start, QObject* parent = nullptr);
    ~LocalEngineStarter() override; // waits for a start in progress: the engine must outlive it

    void start(); // no-op while a start is running
    bool isStarting() const;
    void waitForFinished();

signals:
    void finished(bool ok, const QString& error);

private:
    void onStartFinished();

    QPointer<ConnectionManager> m_manager;
    StartFunction m_start;
    QFutureWatcher<Endpoint> m_watcher;
};

} // namespace vl
