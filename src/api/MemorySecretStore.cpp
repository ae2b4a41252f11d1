#include "MemorySecretStore.h"

#include <QMetaObject>

namespace vl {

void MemorySecretStore::answerLater(Callback done, const Result& result) {
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
}

SecretStore::Result MemorySecretStore::unavailableResult() const {
    return {Status::Unavailable,
            {},
            tr("No OS keychain is available; the credentials can be used for this run only.")};
}

void MemorySecretStore::read(const QString& key, Callback done) {
    if (m_unavailable)
        return answerLater(std::move(done), unavailableResult());
    const auto found = m_entries.constFind(key);
    if (found == m_entries.constEnd())
        return answerLater(std::move(done), {Status::NotFound, {}, tr("No stored secret for %1.").arg(key)});
    answerLater(std::move(done), {Status::Ok, *found, {}});
}

void MemorySecretStore::write(const QString& key, const QByteArray& data, Callback done) {
    if (m_unavailable)
        return answerLater(std::move(done), unavailableResult());
    m_entries.insert(key, data);
    answerLater(std::move(done), {Status::Ok, {}, {}});
}

void MemorySecretStore::remove(const QString& key, Callback done) {
    if (m_unavailable)
        return answerLater(std::move(done), unavailableResult());
    if (m_entries.remove(key) == 0)
        return answerLater(std::move(done), {Status::NotFound, {}, tr("No stored secret for %1.").arg(key)});
    answerLater(std::move(done), {Status::Ok, {}, {}});
}

} // namespace vl
