// VL Explorer: a native browser for Visual Layer datasets (cloud, self-hosted, or folders on this
// computer served by the embedded engine).

#include "AfterFirstPaint.h"
#include "ApiClient.h"
#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "FirstPaintProbe.h"
#include "Icons.h"
#include "KeychainSecretStore.h"
#include "LocalEngineStarter.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "Theme.h"
#include "Translations.h"
#include "Version.h"

#ifdef VL_HAVE_ENGINE
#include "LearnedModelFiles.h"
#include "LocalEngine.h"
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <memory>

namespace {

void setIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorer"));
    QCoreApplication::setApplicationName(QStringLiteral("vl-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VL_VERSION));
}

void describe(QCommandLineParser& parser, const QCommandLineOption& theme) {
    parser.setApplicationDescription(QStringLiteral("Browse and search Visual Layer datasets."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("folder"),
                                 QStringLiteral("A folder of images to add as a local dataset (optional)."));
    parser.addOption(theme);
}

// --help and --version print and exit. They are answered before a QApplication exists, which aborts when
// there is no display: `vl-explorer --version` must work on a server or in CI.
bool asksOnlyForText(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--version" || arg == "-v" || arg == "--help" || arg == "-h" || arg == "-?" ||
            arg == "--help-all")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[]) {
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("system, light or dark."),
                                         QStringLiteral("theme"));
    if (asksOnlyForText(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        describe(parser, themeOption);
        parser.process(app); // prints the help or the version and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("VL Explorer"));
    // Wayland's app id and the taskbar's match with the installed .desktop file and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(VL_APP_ID));
    // Before any window exists: the app follows the system language when a translation is compiled in.
    vl::Translations::install(QLocale::system());
    vl::initUiResources();
    FirstPaintProbe::installIfRequested(); // VL_EXIT_AFTER_FIRST_PAINT: bench_startup's stopwatch

    QCommandLineParser parser;
    describe(parser, themeOption);
    parser.process(app);

    QSettings settings;
    const QString theme = parser.isSet(themeOption) ? parser.value(themeOption)
                                                    : settings.value(QStringLiteral("ui/theme")).toString();
    vl::Theme::apply(vl::Theme::fromString(theme));

    vl::KeychainSecretStore secrets;
    vl::ConnectionsModel connections(&secrets);
    connections.load(settings);
    vl::ApiClient client;
    vl::ConnectionManager manager(&client, &connections);

#ifdef VL_HAVE_ENGINE
    // The engine serves the same REST API as the cloud on 127.0.0.1; the app talks to it over HTTP.
    // It is created here (GUI thread, it has no signals) but started on a worker thread, and only once
    // the window has been painted (AfterFirstPaint): loading its catalogue and learned models would
    // otherwise take CPU from the first frame. Until then the Local connection shows as starting. The
    // starter waits for a start in progress before the engine is destroyed.
    auto engine = std::make_unique<vl::engine::LocalEngine>(vl::engine::LocalEngine::defaultDataDirectory());
    vl::engine::LocalEngine* engineForWorker = engine.get();
    vl::LocalEngineStarter starter(&manager, [engineForWorker] {
        vl::LocalEngineStarter::Endpoint endpoint;
        endpoint.ok = engineForWorker->start(0, &endpoint.error);
        if (endpoint.ok) {
            endpoint.url = engineForWorker->url();
            endpoint.apiKey = engineForWorker->apiKey();
            endpoint.apiSecret = engineForWorker->apiSecret();
        } else if (const auto other =
                       vl::engine::LocalEngine::runningElsewhere(engineForWorker->dataDirectory())) {
            // `vlx serve` already runs on our data directory: use that engine, over HTTP like any other.
            endpoint = {true, other->url, other->apiKey, other->apiSecret, {}};
        }
        return endpoint;
    });
    manager.setLocalStarting();
#else
    manager.setLocalUnavailable(QStringLiteral("this build does not include the local engine"));
#endif

    // One session (client, models, thumbnails) per connection; the window shows the current one.
    vl::SessionManager sessions(&manager);
    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (!cacheDir.isEmpty())
        sessions.setThumbnailCacheDirectory(cacheDir + QStringLiteral("/thumbnails"));
    vl::MainWindow window(&sessions, &connections, &manager);
#ifdef VL_HAVE_ENGINE
    window.setModelProvenance(vl::engine::LearnedModelFiles::instance().provenance());
#endif
    window.show();
    window.start();
#ifdef VL_HAVE_ENGINE
    AfterFirstPaint::run(&window, [&starter] { starter.start(); });
#endif

    const QStringList folders = parser.positionalArguments();
    if (!folders.isEmpty()) {
        const QString folder = QFileInfo(folders.first()).absoluteFilePath();
        // Added once the connection is up (the dataset is created on the server it points at).
        QObject::connect(
            &manager, &vl::ConnectionManager::connected, &window,
            [&window, folder] { window.addFolder(folder); }, Qt::SingleShotConnection);
    }
    const int status = app.exec();
    connections.save(settings);
    return status;
}
