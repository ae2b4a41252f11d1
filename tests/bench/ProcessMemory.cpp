#include "ProcessMemory.h"

#include <QFile>

qint64 ProcessMemory::residentKb() {
    return statusFieldKb("VmRSS:");
}

qint64 ProcessMemory::peakResidentKb() {
    return statusFieldKb("VmHWM:");
}

qint64 ProcessMemory::statusFieldKb(const char* field) {
#ifdef Q_OS_LINUX
    QFile status(QStringLiteral("/proc/self/status"));
    // /proc files report size 0 (atEnd() is true at once): read them whole instead of line by line.
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
#else
    Q_UNUSED(field)
#endif
    return -1;
}
