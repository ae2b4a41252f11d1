#include "CredentialStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>

namespace vl {

namespace {

void answerLater(QObject* context, std::function<void()> answer) {
    QMetaObject::invokeMethod(context, std::move(answer), Qt::QueuedConnection);
}

SecretStore::Result storeMissing() {
    return {SecretStore::Status::Unavailable,
            {},
            CredentialStore::tr(
                "No credential store is available; the credentials can be used for this run only.")};
}

} // namespace

CredentialStore::CredentialStore(SecretStore* store, QObject* parent)
    : QObject(parent)
    , m_store(store) {}

QString CredentialStore::keyFor(const QString& connectionId) {
    return QStringLiteral("cloud:") + connectionId;
}

QByteArray CredentialStore::encode(const ApiCredentials& credentials) {
    QJsonObject object;
    object.insert(QStringLiteral("api_key"), credentials.apiKey);
    object.insert(QStringLiteral("api_secret"), QString::fromUtf8(credentials.apiSecret));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ApiCredentials> CredentialStore::decode(const QByteArray& entry) {
    const QJsonDocument json = QJsonDocument::fromJson(entry);
    if (!json.isObject())
        return std::nullopt;
    const QJsonObject object = json.object();
    ApiCredentials credentials;
    credentials.apiKey = object.value(QLatin1String("api_key")).toString();
    credentials.apiSecret = object.value(QLatin1String("api_secret")).toString().toUtf8();
    if (!credentials.isValid())
        return std::nullopt;
    return credentials;
}

void CredentialStore::save(const QString& connectionId, const ApiCredentials& credentials, Done done) {
    if (!m_store)
        return answerLater(this, [done] { done(storeMissing()); });
    if (!credentials.isValid()) {
        return answerLater(this, [done] {
            done({Status::OtherError, {}, tr("Both an API key and an API secret are needed.")});
        });
    }
    m_store->write(keyFor(connectionId), encode(credentials), std::move(done));
}

void CredentialStore::load(const QString& connectionId, LoadDone done) {
    if (!m_store) {
        return answerLater(this, [done] {
            const SecretStore::Result missing = storeMissing();
            done({missing.status, {}, missing.message});
        });
    }
    m_store->read(keyFor(connectionId), [done = std::move(done)](const SecretStore::Result& result) {
        if (result.status != Status::Ok)
            return done({result.status, {}, result.message});
        const std::optional<ApiCredentials> credentials = decode(result.data);
        if (!credentials)
            return done(
                {Status::OtherError, {}, tr("The stored credentials are damaged; enter them again.")});
        done({Status::Ok, *credentials, {}});
    });
}

void CredentialStore::remove(const QString& connectionId, Done done) {
    if (!m_store)
        return answerLater(this, [done] { done(storeMissing()); });
    m_store->remove(keyFor(connectionId), std::move(done));
}

} // namespace vl
