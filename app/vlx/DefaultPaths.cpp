#include "DefaultPaths.h"
#include "Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#ifdef VLX_HAVE_ENGINE
#include "LocalEngine.h"
#endif

namespace vl::cli {

void setApplicationIdentity() {
    // Must match app/vl-explorer/main.cpp: AppLocalDataLocation (and so the engine's data directory) derives
    // from these.
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorer"));
    QCoreApplication::setApplicationName(QStringLiteral("vl-explorer"));
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
