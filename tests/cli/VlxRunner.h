#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

// Runs the real vlx binary as a child process while the calling thread's event loop keeps turning
// (so an in-process ScriptedServer can answer it).
struct VlxResult {
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
    QString describe() const; // for failure messages
};

class VlxRunner {
public:
    VlxRunner();
    // A clean environment: no VL_API_* variables, XDG dirs and HOME inside a private temporary directory,
    // no reachable D-Bus session (so no real keychain is touched), fast polling.
    QProcessEnvironment environment;
    QByteArray standardInput;

    VlxResult run(const QStringList& arguments, int timeoutMs = 60000) const;
    QString homePath() const { return m_home.path(); }
    QString xdgDataHome() const;
    static QString binary();

private:
    QTemporaryDir m_home;
};
