// serve: run the local engine in the foreground until SIGINT / SIGTERM.
#include "CliContext.h"
#include "Commands.h"
#include "OptionValues.h"

#include <QEventLoop>
#include <QTimer>

#include <csignal>

#ifdef VLX_HAVE_ENGINE
#include "LocalEngine.h"
#endif

namespace vl::cli {

namespace {

const QString kSyntax = QStringLiteral("serve [--port N] [--data DIR]");

// Set from the signal handler, polled by a timer: the only portable thing a handler may do.
volatile std::sig_atomic_t g_stopRequested = 0;

extern "C" void requestStop(int) {
    g_stopRequested = 1;
}

#ifdef VLX_HAVE_ENGINE
void waitForStopSignal() {
    g_stopRequested = 0;
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(100);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&loop] {
        if (g_stopRequested)
            loop.quit();
    });
    poll.start();
    loop.exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}
#endif

} // namespace

int runServe(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run the local engine on 127.0.0.1 until interrupted (Ctrl+C)."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to listen on (default: any free port)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Data directory (default: VL Explorer's engine directory)."),
                                  QStringLiteral("DIR"));
    parser.addOptions({port, data});
    if (const auto exit = context.parseCommand(parser, args, kSyntax, 0, 0))
        return *exit;
    const std::optional<int> portNumber = parseIntInRange(parser.value(port), 0, 65535);
    if (!portNumber)
        return context.usageError(kSyntax, QStringLiteral("--port takes 0 to 65535"));
#ifndef VLX_HAVE_ENGINE
    Q_UNUSED(data);
    return context.fail(ExitApiError, QStringLiteral("this vlx was built without the local engine"));
#else
    const QString dataDir =
        parser.isSet(data) ? parser.value(data) : engine::LocalEngine::defaultDataDirectory();
    engine::LocalEngine engine(dataDir);
    QString error;
    if (!engine.start(quint16(*portNumber), &error))
        return context.fail(ExitApiError, QStringLiteral("cannot start the engine: %1").arg(error));
    context.out() << "listening on " << engine.url().toString() << '\n' << Qt::flush;
    waitForStopSignal();
    engine.stop();
    context.err() << "stopped\n" << Qt::flush;
    return ExitOk;
#endif
}

} // namespace vl::cli
