#include "CliContext.h"

#include "ApiClient.h"
#include "ApiJob.h"
#include "DefaultPaths.h"
#include "EngineInfo.h"
#include "KeychainCredentials.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <cstdio>

namespace vl::cli {

namespace {

constexpr int kDefaultPollMs = 2000;

const QString kServerOption = QStringLiteral("server");
const QString kEngineOption = QStringLiteral("engine");
const QString kJsonOption = QStringLiteral("json");
const QString kNoAuthOption = QStringLiteral("no-auth");
const QString kTimeoutOption = QStringLiteral("timeout");

bool isHttpUrl(const QUrl& url) {
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

} // namespace

CliContext::CliContext()
    : m_out(stdout)
    , m_err(stderr) {}

CliContext::~CliContext() = default;

QList<QCommandLineOption> CliContext::globalOptions() {
    return {
        QCommandLineOption(kServerOption,
                           QStringLiteral("Visual Layer server, e.g. https://app.visual-layer.com."),
                           QStringLiteral("URL")),
        QCommandLineOption(kEngineOption, QStringLiteral("Use the local engine whose data directory is DIR."),
                           QStringLiteral("DIR")),
        QCommandLineOption(kJsonOption, QStringLiteral("Print response bodies exactly as received.")),
        QCommandLineOption(kNoAuthOption, QStringLiteral("Send no credentials (self-hosted servers).")),
        QCommandLineOption(kTimeoutOption, QStringLiteral("Seconds to wait for each request (default 30)."),
                           QStringLiteral("SECONDS")),
    };
}

bool CliContext::readGlobalOptions(const QCommandLineParser& parser) {
    if (parser.isSet(kServerOption))
        m_options.server = parser.value(kServerOption);
    if (parser.isSet(kEngineOption))
        m_options.engineDir = parser.value(kEngineOption);
    m_options.json = m_options.json || parser.isSet(kJsonOption);
    m_options.noAuth = m_options.noAuth || parser.isSet(kNoAuthOption);
    if (parser.isSet(kTimeoutOption)) {
        bool ok = false;
        const int seconds = parser.value(kTimeoutOption).toInt(&ok);
        if (!ok || seconds <= 0 || seconds > 24 * 3600) {
            fail(ExitUsage, QStringLiteral("--timeout takes a positive number of seconds"));
            return false;
        }
        m_options.timeoutSeconds = seconds;
    }
    return true;
}

std::optional<int> CliContext::parseCommand(QCommandLineParser& parser, const QStringList& args,
                                            const QString& syntax, int minPositional, int maxPositional) {
    parser.addOptions(globalOptions());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args))
        return usageError(syntax, parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1); // Qt's own "Usage:" line names the binary
        m_out << "Usage: vlx " << syntax << '\n' << text;
        m_out.flush();
        return ExitOk;
    }
    const qsizetype count = parser.positionalArguments().size();
    if (count < minPositional)
        return usageError(syntax, QStringLiteral("missing argument"));
    if (maxPositional >= 0 && count > maxPositional)
        return usageError(
            syntax, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().last()));
    if (!readGlobalOptions(parser))
        return ExitUsage;
    return std::nullopt;
}

int CliContext::usageError(const QString& syntax, const QString& problem) {
    m_err << "vlx: " << problem << '\n'
          << "usage: vlx " << syntax << '\n'
          << "Run \"vlx " << syntax.section(QLatin1Char(' '), 0, 0) << " --help\" for details.\n";
    m_err.flush();
    return ExitUsage;
}

int CliContext::connect() {
    m_client = std::make_unique<ApiClient>();
    m_client->setTimeout(m_options.timeoutSeconds * 1000);
    if (!m_options.server.isEmpty() && !m_options.engineDir.isEmpty())
        return fail(ExitUsage, QStringLiteral("use either --server or --engine, not both"));
    if (!m_options.engineDir.isEmpty())
        return connectToEngine(m_options.engineDir);
    if (!m_options.server.isEmpty()) {
        const QUrl url = QUrl::fromUserInput(m_options.server);
        if (!isHttpUrl(url) || !m_options.server.contains(QLatin1String("://")))
            return fail(ExitUsage, QStringLiteral("--server needs an http:// or https:// URL, got \"%1\"")
                                       .arg(m_options.server));
        m_client->setBaseUrl(url);
        return m_options.noAuth ? int(ExitOk) : loadCredentials(m_client->baseUrl());
    }
    const QString defaultDir = defaultEngineDataDir();
    if (QFile::exists(EngineInfo::filePath(defaultDir)))
        return connectToEngine(defaultDir);
    return fail(ExitUsage,
                QStringLiteral("no server given and no local engine found (%1 does not exist).\n"
                               "Use --server URL, --engine DIR, or start an engine with \"vlx serve\".")
                    .arg(EngineInfo::filePath(defaultDir)));
}

int CliContext::connectToEngine(const QString& dataDir) {
    QString error;
    const std::optional<EngineInfo> info = EngineInfo::load(dataDir, &error);
    if (!info)
        return fail(ExitUsage, error); // no usable engine.json: a set-up problem, not a network one
    m_client->setBaseUrl(info->url);
    if (!m_options.noAuth)
        m_client->setCredentials(info->apiKey, info->apiSecret);
    return ExitOk;
}

int CliContext::loadCredentials(const QUrl& server) {
    const QString key = qEnvironmentVariable("VL_API_KEY");
    const QByteArray secret = qgetenv("VL_API_SECRET");
    if (!key.isEmpty() && !secret.isEmpty()) {
        m_client->setCredentials(key, secret);
        return ExitOk;
    }
    if (!key.isEmpty() || !secret.isEmpty())
        return fail(ExitAuth, QStringLiteral("set both VL_API_KEY and VL_API_SECRET, or neither"));
    const CredentialStore::LoadResult stored = KeychainCredentials::load(server);
    if (stored.status == SecretStore::Status::Ok && stored.credentials.isValid()) {
        m_client->setCredentials(stored.credentials.apiKey, stored.credentials.apiSecret);
        return ExitOk;
    }
    QString why;
    if (stored.status != SecretStore::Status::NotFound && !stored.message.isEmpty())
        why = QStringLiteral(" (keychain: %1)").arg(stored.message);
    return fail(ExitAuth,
                QStringLiteral("no credentials for %1%2.\nSet VL_API_KEY and VL_API_SECRET, run "
                               "\"vlx --server %1 login\", or pass --no-auth for a self-hosted server "
                               "without authentication.")
                    .arg(server.toString(), why));
}

ApiClient& CliContext::client() {
    if (!m_client)
        m_client = std::make_unique<ApiClient>();
    return *m_client;
}

QUrl CliContext::serverUrl() const {
    return m_client ? m_client->baseUrl() : QUrl();
}

int CliContext::wait(ApiJob* job) {
    if (job->waitForFinished())
        return ExitOk;
    return fail(exitCodeFor(job->error()), job->error().message);
}

void CliContext::printBody(const QByteArray& body) {
    m_out.flush();
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly, QFileDevice::DontCloseHandle))
        return;
    stdoutFile.write(body);
    if (!body.endsWith('\n'))
        stdoutFile.write("\n");
    stdoutFile.flush();
}

int CliContext::fail(int exitCode, const QString& message) {
    m_out.flush();
    m_err << "vlx: " << message << '\n';
    m_err.flush();
    return exitCode;
}

int CliContext::exitCodeFor(const ApiError& error) {
    switch (error.kind) {
    case ApiError::Kind::None:
        return ExitOk;
    case ApiError::Kind::Authentication:
        return ExitAuth;
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Tls:
        return ExitNetwork;
    default:
        return ExitApiError;
    }
}

int CliContext::pollIntervalMs() const {
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("VLX_POLL_INTERVAL_MS", &ok);
    return ok && fromEnv > 0 ? fromEnv : kDefaultPollMs;
}

void CliContext::sleep(int milliseconds) {
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace vl::cli
