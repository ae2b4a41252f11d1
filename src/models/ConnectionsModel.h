#pragma once

#include "Connection.h"
#include "CredentialStore.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QVector>
#include <functional>

class QSettings;

namespace vl {

// The saved connections. Row 0 is always the local engine. Cloud credentials are written to the
// SecretStore (keychain) only, through CredentialStore; save() writes ids, kinds, names and URLs, never a key
// or secret.
class ConnectionsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { ConnectionIdRole = Qt::UserRole + 1, KindRole, UrlRole };
    using Credentials = ApiCredentials;
    using CredentialsCallback =
        std::function<void(const SecretStore::Result& result, const Credentials& credentials)>;
    using DoneCallback = std::function<void(const SecretStore::Result& result)>;

    explicit ConnectionsModel(SecretStore* secrets, QObject* parent = nullptr);

    void load(QSettings& settings);
    void save(QSettings& settings) const;

    // Stores the credentials first; the connection is added only when the keychain accepted them.
    void addCloud(const QString& name, const QUrl& url, const Credentials& credentials, DoneCallback done);
    QString addSelfHosted(const QString& name, const QUrl& url);
    void remove(const QString& connectionId); // also forgets its credentials
    void readCredentials(const QString& connectionId, CredentialsCallback done) const;

    int rowOf(const QString& connectionId) const;
    const Connection& connection(int row) const { return m_connections.at(row); }
    const Connection* find(const QString& connectionId) const;

    QString lastConnectionId() const { return m_lastConnectionId; }
    void setLastConnectionId(const QString& connectionId) { m_lastConnectionId = connectionId; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QString uniqueId(const QString& prefix) const;
    void append(const Connection& connection);

    CredentialStore* m_credentials;
    QVector<Connection> m_connections;
    QString m_lastConnectionId;
};

} // namespace vl
