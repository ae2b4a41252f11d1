// login / logout: the API key and secret for one server, kept in the OS keychain.
#include "ApiClient.h"
#include "CliContext.h"
#include "Commands.h"
#include "DatasetJobs.h"
#include "KeychainCredentials.h"
#include "Terminal.h"

#include <memory>

namespace vl::cli {

namespace {

// The server URL normalised the way CliContext::connect() does, so both find the same keychain entry.
std::optional<QUrl> serverFor(CliContext& context, const QString& syntax) {
    if (context.options().server.isEmpty()) {
        context.usageError(
            syntax, QStringLiteral("%1 needs --server URL").arg(syntax.section(QLatin1Char(' '), 0, 0)));
        return std::nullopt;
    }
    const QUrl url(context.options().server);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        context.fail(ExitUsage, QStringLiteral("--server needs an http:// or https:// URL"));
        return std::nullopt;
    }
    context.client().setBaseUrl(url);
    return context.client().baseUrl();
}

bool prompt(const char* label, bool hidden, QString* value) {
    if (Terminal::stdinIsTty()) {
        std::fputs(label, stderr);
        std::fflush(stderr);
    }
    return hidden ? Terminal::readHiddenLine(value) : Terminal::readLine(value);
}

// Tries the credentials once so a typo is caught now, not at the next command. Returns the exit code.
int checkCredentials(CliContext& context, const ApiCredentials& credentials) {
    context.client().setCredentials(credentials.apiKey, credentials.apiSecret);
    context.client().setMaxRetries(0);
    std::unique_ptr<ListDatasetsJob> job(new ListDatasetsJob(&context.client()));
    job->waitForFinished();
    const int code = CliContext::exitCodeFor(job->error());
    if (code == ExitAuth || code == ExitNetwork)
        return context.fail(code, job->error().message + QStringLiteral("\nThe credentials were not saved."));
    if (code != ExitOk)
        context.err() << "vlx: warning: could not check the credentials: " << job->error().message << '\n';
    return ExitOk;
}

} // namespace

int runLogin(CliContext& context, const QStringList& args) {
    const QString syntax = QStringLiteral("login");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prompt for an API key and secret (the secret is not echoed), check them against --server and "
        "store them in the system keychain."));
    if (const auto exit = context.parseCommand(parser, args, syntax, 0, 0))
        return *exit;
    if (context.options().noAuth)
        return context.usageError(syntax, QStringLiteral("login makes no sense with --no-auth"));
    const std::optional<QUrl> server = serverFor(context, syntax);
    if (!server)
        return ExitUsage;
    ApiCredentials credentials;
    QString key;
    QString secret;
    if (!prompt("API key: ", false, &key) || !prompt("API secret: ", true, &secret))
        return context.fail(ExitUsage, QStringLiteral("no credentials read from standard input"));
    credentials.apiKey = key.trimmed();
    credentials.apiSecret = secret.trimmed().toUtf8();
    secret.fill(QLatin1Char(' ')); // do not keep a second copy of the secret around
    if (!credentials.isValid())
        return context.fail(ExitAuth, QStringLiteral("the API key and secret must not be empty"));
    if (const int code = checkCredentials(context, credentials))
        return code;
    const SecretStore::Result saved = KeychainCredentials::save(*server, credentials);
    if (saved.status != SecretStore::Status::Ok)
        return context.fail(ExitApiError,
                            QStringLiteral("could not store the credentials in the system keychain: %1\n"
                                           "Set VL_API_KEY and VL_API_SECRET instead.")
                                .arg(saved.message));
    context.out() << "Saved the credentials for " << server->toString() << " in the system keychain.\n";
    return ExitOk;
}

int runLogout(CliContext& context, const QStringList& args) {
    const QString syntax = QStringLiteral("logout");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Remove the credentials stored for --server."));
    if (const auto exit = context.parseCommand(parser, args, syntax, 0, 0))
        return *exit;
    const std::optional<QUrl> server = serverFor(context, syntax);
    if (!server)
        return ExitUsage;
    const SecretStore::Result removed = KeychainCredentials::remove(*server);
    if (removed.status == SecretStore::Status::NotFound) {
        context.out() << "No stored credentials for " << server->toString() << ".\n";
        return ExitOk;
    }
    if (removed.status != SecretStore::Status::Ok)
        return context.fail(
            ExitApiError,
            QStringLiteral("could not remove the credentials from the keychain: %1").arg(removed.message));
    context.out() << "Removed the credentials for " << server->toString() << ".\n";
    return ExitOk;
}

} // namespace vl::cli
