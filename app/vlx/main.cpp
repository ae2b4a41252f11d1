#include "CliContext.h"
#include "Commands.h"
#include "DefaultPaths.h"
#include "Version.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace vl::cli;

namespace {

// Splits "vlx [global options] COMMAND [command arguments]" at the command name; the command then parses
// its own arguments (where the global options are accepted too, e.g. "vlx datasets --json").
int dispatch(CliContext& context, const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addOptions(CliContext::globalOptions());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show help."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("Show the version."));
    parser.addOption(help);
    parser.addOption(version);
    if (!parser.parse(arguments)) {
        context.err() << "vlx: " << parser.errorText() << "\n\n" << usageText();
        return ExitUsage;
    }
    if (parser.isSet(version)) {
        context.out() << "vlx " << VL_VERSION << '\n';
        return ExitOk;
    }
    const QStringList rest = parser.positionalArguments();
    if (parser.isSet(help) || (!rest.isEmpty() && rest.first() == QLatin1String("help"))) {
        context.out() << usageText();
        return ExitOk;
    }
    if (rest.isEmpty()) {
        context.err() << "vlx: no command given\n\n" << usageText();
        return ExitUsage;
    }
    const Command* command = findCommand(rest.first());
    if (!command) {
        context.err() << "vlx: unknown command \"" << rest.first() << "\"\n\n" << usageText();
        return ExitUsage;
    }
    if (!context.readGlobalOptions(parser))
        return ExitUsage;
    return command->run(context, rest);
}

} // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    CliContext context;
    const int exitCode = dispatch(context, QCoreApplication::arguments());
    context.out().flush();
    context.err().flush();
    return exitCode;
}
