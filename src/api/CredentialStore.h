#pragma once

#include "SecretStore.h"

#include <QByteArray>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace vl {

// An API key + secret pair for one cloud connection.
struct ApiCredentials {
    QString apiKey;
    QByteArray apiSecret;
    bool isValid() const { return !apiKey.isEmpty() && !apiSecret.isEmpty(); }
};

// Saves, loads and removes the credentials of a connection in a SecretStore (the OS keychain in the
// app, memory in tests): one entry "cloud:<connection-id>" holding compact JSON {api_key, api_secret}.
// Never writes anything to disk itself. When the store answers Unavailable, callers can offer to use
// the credentials for this run only.
class CredentialStore : public QObject {
    Q_OBJECT
public:
    using Status = SecretStore::Status;
    struct LoadResult {
        Status status = Status::Ok;
        ApiCredentials credentials; // valid only when status == Ok
        QString message;            // human-readable when status != Ok
    };
    using Done = std::function<void(const SecretStore::Result&)>;
    using LoadDone = std::function<void(const LoadResult&)>;

    explicit CredentialStore(SecretStore* store, QObject* parent = nullptr);

    void save(const QString& connectionId, const ApiCredentials& credentials, Done done);
    void load(const QString& connectionId, LoadDone done);
    void remove(const QString& connectionId, Done done);

    static QString keyFor(const QString& connectionId); // "cloud:<connection-id>"
    static QByteArray encode(const ApiCredentials& credentials);
    static std::optional<ApiCredentials> decode(const QByteArray& entry);

private:
    QPointer<SecretStore> m_store;
};

} // namespace vl
