// Resident memory after browsing 10,000 clusters: the results model paged in through ExploreJob, the
// grid scrolled top to bottom with every visible thumbnail decoded (GridScenario), the thumbnail cache
// full to its limit. The baseline is the same process before anything was loaded (QApplication only).
// Exits 1 when the resident set after browsing exceeds --max-mb (README "Performance" states the bound).
#include "GridScenario.h"
#include "ProcessMemory.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"clusters", "clusters browsed", "n", "10000"});
    parser.addOption({"max-mb", "bound on the resident set after browsing, MB", "mb", "480"});
    parser.addOption({"wait", "longest wait per step for the visible thumbnails, ms", "ms", "2000"});
    parser.process(app);
    const double maxMb = parser.value("max-mb").toDouble();

    const qint64 baselineKb = ProcessMemory::residentKb();
    GridScenario scenario;
    QString error;
    if (!scenario.load(parser.value("clusters").toInt(), &error)) {
        std::fprintf(stderr, "loading the results failed: %s\n", qPrintable(error));
        return 2;
    }
    const qint64 loadedKb = ProcessMemory::residentKb();
    const GridScenario::Frames frames = scenario.scrollThrough(1280, 800, parser.value("wait").toInt());
    const qint64 browsedKb = ProcessMemory::residentKb();
    if (baselineKb < 0) {
        std::printf("resident memory is not available on this platform\n");
        return 0;
    }
    std::printf("resident: %.1f MB at start (baseline), %.1f MB with %d clusters in the model, %.1f MB after "
                "scrolling %d frames (thumbnail cache %.1f MB); peak %.1f MB\n",
                baselineKb / 1024.0, loadedKb / 1024.0, scenario.rowCount(), browsedKb / 1024.0,
                int(frames.paintMs.size()), scenario.cacheUsedKb() / 1024.0,
                ProcessMemory::peakResidentKb() / 1024.0);
    std::printf("growth over the baseline: %.1f MB; bound on the total: %.0f MB\n",
                (browsedKb - baselineKb) / 1024.0, maxMb);
    if (frames.completeFrames == 0 || browsedKb / 1024.0 > maxMb) {
        std::printf("FAIL: %s\n", frames.completeFrames == 0 ? "no frame showed its thumbnails"
                                                             : "resident memory above the bound");
        return 1;
    }
    return 0;
}
