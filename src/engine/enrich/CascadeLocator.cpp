#include "CascadeLocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace vl::engine {

QStringList CascadeLocator::searchDirectories() {
    QStringList directories;
    const QString overridden = qEnvironmentVariable("VL_OPENCV_DATA");
    if (!overridden.isEmpty())
        directories << overridden;
    if (QCoreApplication::instance()) {
        const QString appDir = QCoreApplication::applicationDirPath();
        directories << appDir + QStringLiteral("/opencv") << appDir + QStringLiteral("/../share/opencv4");
    }
#ifdef VL_OPENCV_INSTALL_PREFIX
    directories << QStringLiteral(VL_OPENCV_INSTALL_PREFIX "/share/opencv4")
                << QStringLiteral(VL_OPENCV_INSTALL_PREFIX "/share/OpenCV")
                << QStringLiteral(VL_OPENCV_INSTALL_PREFIX "/etc");
#endif
    directories << QStringLiteral("/usr/share/opencv4") << QStringLiteral("/usr/local/share/opencv4")
                << QStringLiteral("/opt/homebrew/share/opencv4") << QStringLiteral("/usr/share/OpenCV")
                << QStringLiteral("C:/opencv/build/etc");
    directories.removeDuplicates();
    return directories;
}

QString CascadeLocator::find(const QString& fileName, QString* error) {
    const QStringList directories = searchDirectories();
    for (const QString& directory : directories) {
        for (const QString& sub :
             {QString(), QStringLiteral("/haarcascades"), QStringLiteral("/lbpcascades")}) {
            const QFileInfo candidate(directory + sub + QLatin1Char('/') + fileName);
            if (candidate.isFile() && candidate.isReadable())
                return candidate.absoluteFilePath();
        }
    }
    if (error)
        *error =
            QStringLiteral("OpenCV cascade %1 not found in %2. Install OpenCV's data files (Debian/Ubuntu: "
                           "opencv-data) or set VL_OPENCV_DATA to the folder holding haarcascades/.")
                .arg(fileName, directories.join(QStringLiteral(", ")));
    return {};
}

} // namespace vl::engine
