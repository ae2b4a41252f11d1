#pragma once

#include "SecretStore.h"

namespace QKeychain {
class Job;
}

namespace vl {

// The OS keychain through QtKeychain (Secret Service / libsecret, macOS Keychain, Windows Credential
// Manager). Never uses QtKeychain's insecure plain-text fallback: without a keychain every call answers
// Unavailable and the caller decides (e.g. keep the credentials for this run only).
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject* parent = nullptr);
    explicit KeychainSecretStore(const QString& serviceName, QObject* parent = nullptr);

    QString serviceName() const { return m_service; }

    void read(const QString& key, Callback done) override;
    void write(const QString& key, const QByteArray& data, Callback done) override;
    void remove(const QString& key, Callback done) override;

    static QString defaultServiceName() { return QStringLiteral("VL Explorer"); }

private:
    void run(QKeychain::Job* job, bool isRead, Callback done);
    QString m_service;
};

} // namespace vl
