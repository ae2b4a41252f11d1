#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace vl {

// Where cloud credentials live. Asynchronous because the OS keychain may prompt or be slow.
// Every call answers exactly once through its callback, on the caller's thread.
class SecretStore : public QObject {
    Q_OBJECT
public:
    enum class Status { Ok, NotFound, Unavailable, AccessDenied, OtherError };
    struct Result {
        Status status = Status::Ok;
        QByteArray data;
        QString message; // human-readable when status != Ok
    };
    using Callback = std::function<void(const Result&)>;

    using QObject::QObject;
    virtual void read(const QString& key, Callback done) = 0;
    virtual void write(const QString& key, const QByteArray& data, Callback done) = 0;
    virtual void remove(const QString& key, Callback done) = 0;
};

} // namespace vl
