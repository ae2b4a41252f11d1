#pragma once

#include "ApiError.h"
#include "ExitCode.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>
#include <QUrl>

#include <memory>
#include <optional>

namespace vl {
class ApiClient;
class ApiJob;
} // namespace vl

namespace vl::cli {

// Options valid before or after the command name.
struct GlobalOptions {
    QString server;    // --server URL
    QString engineDir; // --engine DIR
    bool json = false; // --json: print response bodies exactly as received
    bool noAuth = false;
    int timeoutSeconds = 30;
};

// What every command shares: output streams, global options, the API client and how errors become
// messages and exit codes.
class CliContext {
public:
    CliContext();
    ~CliContext();

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    GlobalOptions& options() { return m_options; }

    static QList<QCommandLineOption> globalOptions();
    // Reads the global options from a parser that was given globalOptions(); returns false (after
    // printing) when a value is malformed.
    bool readGlobalOptions(const QCommandLineParser& parser);

    // Parses a command's own arguments (args[0] is the command name). Returns nullopt to go on, or the
    // exit code to end with: 0 after --help, ExitUsage after printing the problem and the usage line.
    std::optional<int> parseCommand(QCommandLineParser& parser, const QStringList& args,
                                    const QString& syntax, int minPositional, int maxPositional);
    int usageError(const QString& syntax, const QString& problem);

    // Picks the server and credentials (--server + env/keychain, --engine DIR, or the default engine)
    // and configures client(). Returns ExitOk or the exit code to end with (already reported).
    int connect();
    ApiClient& client();
    QUrl serverUrl() const;

    // Waits for a job; on failure prints the error and returns its exit code.
    int wait(ApiJob* job);
    // --json: writes a response body byte for byte (plus a newline when it has none).
    void printBody(const QByteArray& body);
    int fail(int exitCode, const QString& message);
    static int exitCodeFor(const ApiError& error);

    // Polling pace for --wait and export; VLX_POLL_INTERVAL_MS overrides it (tests).
    int pollIntervalMs() const;
    void sleep(int milliseconds);

private:
    int connectToEngine(const QString& dataDir);
    int loadCredentials(const QUrl& server);

    QTextStream m_out;
    QTextStream m_err;
    GlobalOptions m_options;
    std::unique_ptr<ApiClient> m_client;
};

} // namespace vl::cli
