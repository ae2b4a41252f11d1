// Start-up: time from spawning vl-explorer to its first painted window (the app prints "first paint"
// when VL_EXIT_AFTER_FIRST_PAINT is set: app/vl-explorer/FirstPaintProbe), against a bare Qt Widgets
// window program stopped the same way (bench_bare_window), measured alike with QProcess: runs alternate
// between the two, one warm-up run each is dropped, the ratio is of the medians. Both run offscreen
// (unless QT_QPA_PLATFORM says otherwise) with HOME and the XDG directories in a temporary directory, so
// the app starts as on a fresh account with the Local connection (its engine starts on a worker thread).
// Exits 1 when the ratio exceeds --max-ratio (default 1.5).
#include "BenchStats.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

namespace {

// Milliseconds from start() to the "first paint" line; -1 when the program failed or timed out.
double timeToFirstPaint(const QString& program, const QProcessEnvironment& environment) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    process.start(program, {});
    double ms = -1;
    while (ms < 0 && process.waitForReadyRead(30000)) {
        while (process.canReadLine()) {
            if (process.readLine().startsWith("first paint"))
                ms = timer.nsecsElapsed() / 1e6;
        }
    }
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    return ms;
}

QProcessEnvironment isolatedEnvironment(const QTemporaryDir& home) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("HOME", home.path());
    environment.insert("XDG_CONFIG_HOME", home.filePath("config"));
    environment.insert("XDG_DATA_HOME", home.filePath("data"));
    environment.insert("XDG_CACHE_HOME", home.filePath("cache"));
    environment.insert("VL_EXIT_AFTER_FIRST_PAINT", "1");
    if (environment.value("QT_QPA_PLATFORM").isEmpty())
        environment.insert("QT_QPA_PLATFORM", "offscreen");
    return environment;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"runs", "timed runs of each program", "n", "7"});
    parser.addOption({"max-ratio", "target: app / bare window, medians", "r", "1.5"});
    parser.addOption({"app", "the program measured", "path", VL_EXPLORER_PATH});
    parser.addOption({"baseline", "the bare window program", "path", VL_BARE_WINDOW_PATH});
    parser.process(app);
    const int runs = parser.value("runs").toInt();
    const double maxRatio = parser.value("max-ratio").toDouble();

    QTemporaryDir home;
    const QProcessEnvironment environment = isolatedEnvironment(home);
    QVector<double> appMs, bareMs;
    for (int run = -1; run < runs; ++run) { // run -1 warms the disk cache and creates the app's files
        const double bare = timeToFirstPaint(parser.value("baseline"), environment);
        const double full = timeToFirstPaint(parser.value("app"), environment);
        if (bare < 0 || full < 0) {
            std::printf("FAIL: %s printed no \"first paint\"\n",
                        qPrintable(bare < 0 ? parser.value("baseline") : parser.value("app")));
            return 1;
        }
        if (run >= 0) {
            bareMs.append(bare);
            appMs.append(full);
        }
    }
    const double app50 = BenchStats::median(appMs), bare50 = BenchStats::median(bareMs);
    std::printf("spawn to first painted window, median of %d runs: vl-explorer %.0f ms (min %.0f, max %.0f), "
                "bare Qt Widgets window %.0f ms (min %.0f, max %.0f)\n",
                runs, app50, BenchStats::percentile(appMs, 0), BenchStats::percentile(appMs, 1), bare50,
                BenchStats::percentile(bareMs, 0), BenchStats::percentile(bareMs, 1));
    std::printf("ratio %.2f (target <= %.2f)\n", app50 / bare50, maxRatio);
    if (app50 / bare50 > maxRatio) {
        std::printf("FAIL: vl-explorer takes %.2f x the bare window to show\n", app50 / bare50);
        return 1;
    }
    return 0;
}
