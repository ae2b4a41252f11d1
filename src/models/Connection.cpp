#include "Connection.h"

#include <QCoreApplication>

namespace vl {

QString Connection::kindToString(Kind kind) {
    switch (kind) {
    case Kind::Local:
        return QStringLiteral("local");
    case Kind::Cloud:
        return QStringLiteral("cloud");
    case Kind::SelfHosted:
        return QStringLiteral("self-hosted");
    }
    return QStringLiteral("local");
}

Connection::Kind Connection::kindFromString(const QString& text) {
    if (text == QLatin1String("cloud"))
        return Kind::Cloud;
    if (text == QLatin1String("self-hosted"))
        return Kind::SelfHosted;
    return Kind::Local;
}

QString Connection::kindDisplayName(Kind kind) {
    switch (kind) {
    case Kind::Local:
        return QCoreApplication::translate("vl::Connection", "Local");
    case Kind::Cloud:
        return QCoreApplication::translate("vl::Connection", "Visual Layer Cloud");
    case Kind::SelfHosted:
        return QCoreApplication::translate("vl::Connection", "Self-hosted");
    }
    return {};
}

} // namespace vl
