#pragma once

#include "CredentialStore.h"

#include <QUrl>

namespace vl::cli {

// Synchronous access to vlx's entries in the OS keychain: one entry per server, keyed by the server's
// root URL. Runs a local event loop until the keychain answers (vlx has no GUI to keep responsive).
class KeychainCredentials {
public:
    static QString connectionId(const QUrl& server); // "vlx:https://app.visual-layer.com"
    static CredentialStore::LoadResult load(const QUrl& server);
    static SecretStore::Result save(const QUrl& server, const ApiCredentials& credentials);
    static SecretStore::Result remove(const QUrl& server);
};

} // namespace vl::cli
