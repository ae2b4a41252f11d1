#include "ConnectionsModel.h"

#include <QSettings>
#include <QUuid>

namespace vl {

ConnectionsModel::ConnectionsModel(SecretStore* secrets, QObject* parent)
    : QAbstractListModel(parent)
    , m_credentials(new CredentialStore(secrets, this)) {
    m_connections.append({Connection::localId(), Connection::Kind::Local, tr("Local"), {}});
    m_lastConnectionId = Connection::localId();
}

void ConnectionsModel::load(QSettings& settings) {
    beginResetModel();
    m_connections.resize(1); // keep the local engine
    const int count = settings.beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        Connection connection;
        connection.id = settings.value(QStringLiteral("id")).toString();
        connection.kind = Connection::kindFromString(settings.value(QStringLiteral("kind")).toString());
        connection.name = settings.value(QStringLiteral("name")).toString();
        connection.url = QUrl(settings.value(QStringLiteral("url")).toString());
        if (connection.id.isEmpty() || connection.kind == Connection::Kind::Local ||
            !connection.url.isValid())
            continue;
        m_connections.append(connection);
    }
    settings.endArray();
    endResetModel();
    const QString last = settings.value(QStringLiteral("lastConnection")).toString();
    m_lastConnectionId = rowOf(last) >= 0 ? last : Connection::localId();
}

void ConnectionsModel::save(QSettings& settings) const {
    settings.remove(QStringLiteral("connections"));
    settings.beginWriteArray(QStringLiteral("connections"));
    int index = 0;
    for (const Connection& connection : m_connections) {
        if (connection.kind == Connection::Kind::Local)
            continue;
        settings.setArrayIndex(index++);
        settings.setValue(QStringLiteral("id"), connection.id);
        settings.setValue(QStringLiteral("kind"), Connection::kindToString(connection.kind));
        settings.setValue(QStringLiteral("name"), connection.name);
        settings.setValue(QStringLiteral("url"), connection.url.toString());
    }
    settings.endArray();
    settings.setValue(QStringLiteral("lastConnection"), m_lastConnectionId);
}

QString ConnectionsModel::uniqueId(const QString& prefix) const {
    return prefix + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

void ConnectionsModel::append(const Connection& connection) {
    beginInsertRows({}, m_connections.size(), m_connections.size());
    m_connections.append(connection);
    endInsertRows();
}

void ConnectionsModel::addCloud(const QString& name, const QUrl& url, const Credentials& credentials,
                                DoneCallback done) {
    Connection connection{uniqueId(QStringLiteral("cloud")), Connection::Kind::Cloud, name, url};
    QPointer<ConnectionsModel> self(this);
    m_credentials->save(
        connection.id, credentials, [self, connection, done](const SecretStore::Result& result) {
            if (self && result.status == SecretStore::Status::Ok)
                self->append(connection);
            SecretStore::Result answer = result;
            answer.data = connection.id.toUtf8(); // tells the caller which id the connection got
            done(answer);
        });
}

QString ConnectionsModel::addSelfHosted(const QString& name, const QUrl& url) {
    Connection connection{uniqueId(QStringLiteral("server")), Connection::Kind::SelfHosted, name, url};
    append(connection);
    return connection.id;
}

void ConnectionsModel::remove(const QString& connectionId) {
    const int row = rowOf(connectionId);
    if (row <= 0)
        return; // unknown, or the local engine which cannot be removed
    const Connection connection = m_connections.at(row);
    beginRemoveRows({}, row, row);
    m_connections.removeAt(row);
    endRemoveRows();
    if (m_lastConnectionId == connectionId)
        m_lastConnectionId = Connection::localId();
    if (connection.needsCredentials())
        m_credentials->remove(connection.id, [](const SecretStore::Result&) {});
}

void ConnectionsModel::readCredentials(const QString& connectionId, CredentialsCallback done) const {
    const Connection* connection = find(connectionId);
    if (!connection || !connection->needsCredentials()) {
        SecretStore::Result result{SecretStore::Status::NotFound, {}, tr("No credentials are stored.")};
        done(result, {});
        return;
    }
    m_credentials->load(connectionId, [done](const CredentialStore::LoadResult& loaded) {
        SecretStore::Result result{loaded.status, {}, loaded.message};
        done(result, loaded.credentials);
    });
}

int ConnectionsModel::rowOf(const QString& connectionId) const {
    for (int row = 0; row < m_connections.size(); ++row) {
        if (m_connections.at(row).id == connectionId)
            return row;
    }
    return -1;
}

const Connection* ConnectionsModel::find(const QString& connectionId) const {
    const int row = rowOf(connectionId);
    return row < 0 ? nullptr : &m_connections.at(row);
}

int ConnectionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_connections.size();
}

QVariant ConnectionsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Connection& connection = m_connections.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return connection.name.isEmpty() ? Connection::kindDisplayName(connection.kind) : connection.name;
    case Qt::ToolTipRole:
        return connection.kind == Connection::Kind::Local
                   ? tr("Folders on this computer, indexed by the built-in engine")
                   : QStringLiteral("%1 — %2").arg(Connection::kindDisplayName(connection.kind),
                                                   connection.url.toDisplayString());
    case ConnectionIdRole:
        return connection.id;
    case KindRole:
        return static_cast<int>(connection.kind);
    case UrlRole:
        return connection.url;
    default:
        return {};
    }
}

} // namespace vl
