#include "DefaultPaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#ifdef VLX_HAVE_ENGINE
#include "LocalEngine.h"
#endif

namespace vl::cli {

void setApplicationIdentity() {
    // Must match vl-explorer: AppLocalDataLocation (and so the engine's data directory) derives from these.
    QCoreApplication::setOrganizationName(QStringLiteral("VisualLayer"));
    QCoreApplication::setApplicationName(QStringLiteral("VL Explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VL_VERSION));
}

QString defaultEngineDataDir() {
#ifdef VLX_HAVE_ENGINE
    return engine::LocalEngine::defaultDataDirectory();
#else
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("engine"));
#endif
}

} // namespace vl::cli
