#include "KeychainCredentials.h"

#include "KeychainSecretStore.h"

#include <QEventLoop>

namespace vl::cli {

namespace {

template <typename Result, typename Start> Result runSynchronously(Start start) {
    KeychainSecretStore keychain;
    CredentialStore store(&keychain);
    QEventLoop loop;
    Result result;
    bool done = false;
    start(store, [&](const Result& answer) {
        result = answer;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return result;
}

} // namespace

QString KeychainCredentials::connectionId(const QUrl& server) {
    return QStringLiteral("vlx:") + server.toString(QUrl::StripTrailingSlash);
}

CredentialStore::LoadResult KeychainCredentials::load(const QUrl& server) {
    return runSynchronously<CredentialStore::LoadResult>(
        [&](CredentialStore& store, auto done) { store.load(connectionId(server), done); });
}

SecretStore::Result KeychainCredentials::save(const QUrl& server, const ApiCredentials& credentials) {
    return runSynchronously<SecretStore::Result>(
        [&](CredentialStore& store, auto done) { store.save(connectionId(server), credentials, done); });
}

SecretStore::Result KeychainCredentials::remove(const QUrl& server) {
    return runSynchronously<SecretStore::Result>(
        [&](CredentialStore& store, auto done) { store.remove(connectionId(server), done); });
}

} // namespace vl::cli
