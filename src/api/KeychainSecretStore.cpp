#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

namespace vl {

namespace {

SecretStore::Result resultFor(QKeychain::Job* job, bool isRead) {
    SecretStore::Result result;
    switch (job->error()) {
    case QKeychain::NoError:
        result.status = SecretStore::Status::Ok;
        if (isRead)
            result.data = static_cast<QKeychain::ReadPasswordJob*>(job)->binaryData();
        return result;
    case QKeychain::EntryNotFound:
        result.status = SecretStore::Status::NotFound;
        result.message = KeychainSecretStore::tr("No stored credentials were found in the keychain.");
        return result;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.status = SecretStore::Status::Unavailable;
        result.message =
            KeychainSecretStore::tr("No OS keychain is available (%1); the credentials can be used "
                                    "for this run only and will not be saved.")
                .arg(job->errorString());
        return result;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.status = SecretStore::Status::AccessDenied;
        result.message =
            KeychainSecretStore::tr("Access to the keychain was denied (%1).").arg(job->errorString());
        return result;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    result.status = SecretStore::Status::OtherError;
    result.message = KeychainSecretStore::tr("The keychain reported an error: %1").arg(job->errorString());
    return result;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject* parent)
    : KeychainSecretStore(defaultServiceName(), parent) {}

KeychainSecretStore::KeychainSecretStore(const QString& serviceName, QObject* parent)
    : SecretStore(parent)
    , m_service(serviceName) {}

void KeychainSecretStore::run(QKeychain::Job* job, bool isRead, Callback done) {
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never store secrets in a plain file
    connect(job, &QKeychain::Job::finished, this,
            [isRead, done = std::move(done)](QKeychain::Job* finishedJob) {
                done(resultFor(finishedJob, isRead));
            });
    job->start();
}

void KeychainSecretStore::read(const QString& key, Callback done) {
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    run(job, true, std::move(done));
}

void KeychainSecretStore::write(const QString& key, const QByteArray& data, Callback done) {
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setBinaryData(data);
    run(job, false, std::move(done));
}

void KeychainSecretStore::remove(const QString& key, Callback done) {
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    run(job, false, std::move(done));
}

} // namespace vl
