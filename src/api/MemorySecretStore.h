#pragma once

#include "SecretStore.h"

#include <QMap>

namespace vl {

// In-memory store for unit tests and "this run only" credentials. Answers asynchronously (next
// event-loop turn) like a real keychain would. Can pretend no keychain exists.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString& key, Callback done) override;
    void write(const QString& key, const QByteArray& data, Callback done) override;
    void remove(const QString& key, Callback done) override;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; } // every call answers Unavailable
    bool contains(const QString& key) const { return m_entries.contains(key); }
    int size() const { return int(m_entries.size()); }

private:
    void answerLater(Callback done, const Result& result);
    Result unavailableResult() const;

    QMap<QString, QByteArray> m_entries;
    bool m_unavailable = false;
};

} // namespace vl
