#pragma once

#include "EngineInfo.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace vl::engine {

// The embedded Visual Layer engine: serves the Visual Layer REST API over folders on disk, on
// 127.0.0.1 only. The app starts it in-process and talks to it over HTTP exactly as to the cloud;
// `vlx serve` runs it standalone. Writes DATA_DIR/engine.json {url, api_key, api_secret} (mode 0600).
class LocalEngine : public QObject {
    Q_OBJECT
public:
    explicit LocalEngine(const QString& dataDirectory, QObject* parent = nullptr);
    ~LocalEngine() override; // stops the server and waits for background work to pause safely

    // Binds 127.0.0.1:port (0 = a free port), opens/migrates the catalogue, resumes unfinished
    // indexing, writes engine.json, and returns once connections are accepted.
    bool start(quint16 port = 0, QString* error = nullptr);
    void stop();
    bool isRunning() const;

    QUrl url() const; // e.g. http://127.0.0.1:40123
    QString apiKey() const;
    QByteArray apiSecret() const;
    QString dataDirectory() const;
    // How long signed media links stay valid (default MediaSigner::kDefaultLifetimeSeconds, one hour).
    void setMediaLinkLifetime(int seconds);

    // Blocks until no dataset is queued or indexing (tests, `vlx add-folder --wait`). False on timeout.
    bool waitForIdle(int timeoutMs) const;
    // Image files decoded by the indexer since this start (a resumed run must not redo finished files).
    int analysedFileCount() const;

    // The default data directory for the app (QStandardPaths::AppLocalDataLocation + "/engine").
    static QString defaultDataDirectory();
    // The engine another process (e.g. `vlx serve`) runs on this data directory: its engine.json while that
    // process holds the directory's lock; nullopt when no other engine holds it. Lets the app use that engine
    // instead of failing to start a second one.
    static std::optional<vl::EngineInfo> runningElsewhere(const QString& dataDirectory);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace vl::engine
