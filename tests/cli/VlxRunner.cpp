#include "VlxRunner.h"

#include <QDir>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>

QString VlxResult::describe() const {
    return QStringLiteral("exit %1%2\n--- stdout ---\n%3\n--- stderr ---\n%4")
        .arg(exitCode)
        .arg(finished ? QString() : QStringLiteral(" (did not finish)"), QString::fromUtf8(out),
             QString::fromUtf8(err));
}

VlxRunner::VlxRunner() {
    environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"VL_API_KEY", "VL_API_SECRET", "VLX_POLL_INTERVAL_MS"})
        environment.remove(QLatin1String(name));
    environment.insert(QStringLiteral("HOME"), m_home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), xdgDataHome());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent/vlx-test"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.insert(QStringLiteral("VLX_POLL_INTERVAL_MS"), QStringLiteral("20"));
}

QString VlxRunner::xdgDataHome() const {
    return m_home.filePath(QStringLiteral("data"));
}

QString VlxRunner::binary() {
    return QStringLiteral(VLX_BINARY);
}

VlxResult VlxRunner::run(const QStringList& arguments, int timeoutMs) const {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(m_home.path());
    VlxResult result;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(binary(), arguments);
    if (!process.waitForStarted(10000))
        return result;
    process.write(standardInput);
    process.closeWriteChannel();
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
    } else {
        result.finished = process.exitStatus() == QProcess::NormalExit;
        result.exitCode = process.exitCode();
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}
