#include "FolderScanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace vl::engine {

namespace {

constexpr qint64 kMaxSidecarBytes = 64 * 1024;

bool isSidecarSuffix(const QString& suffix) {
    return suffix.compare(QLatin1String("txt"), Qt::CaseInsensitive) == 0 ||
           suffix.compare(QLatin1String("caption"), Qt::CaseInsensitive) == 0;
}

} // namespace

bool FolderScanner::isInside(const QString& canonicalFolder, const QString& canonicalFile) {
    if (canonicalFolder.isEmpty() || canonicalFile.isEmpty())
        return false;
    const QString prefix =
        canonicalFolder.endsWith(QLatin1Char('/')) ? canonicalFolder : canonicalFolder + '/';
    return canonicalFile.startsWith(prefix);
}

FolderScan FolderScanner::scan(const QString& folder) {
    FolderScan result;
    const QFileInfo root(folder);
    result.folderExists = root.isDir();
    if (!result.folderExists)
        return result;
    const QString canonicalRoot = root.canonicalFilePath();
    const QDir dir(canonicalRoot);

    // Group by directory first: a .txt/.caption file is a sidecar when an image-like sibling shares its name.
    QHash<QString, QVector<QFileInfo>> byDirectory;
    QDirIterator it(canonicalRoot, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.fileName().startsWith(QLatin1Char('.')))
            continue;
        const QString relative = dir.relativeFilePath(info.absoluteFilePath());
        if (relative.split(QLatin1Char('/')).first().startsWith(QLatin1Char('.')))
            continue; // hidden folders (.git, .thumbnails ...)
        byDirectory[info.absolutePath()].append(info);
    }
    for (auto group = byDirectory.cbegin(); group != byDirectory.cend(); ++group) {
        QSet<QString> baseNames, fileNames;
        for (const QFileInfo& f : group.value()) {
            if (!isSidecarSuffix(f.suffix())) {
                baseNames.insert(f.completeBaseName());
                fileNames.insert(f.fileName());
            }
        }
        for (const QFileInfo& f : group.value()) {
            if (isSidecarSuffix(f.suffix()) &&
                (baseNames.contains(f.completeBaseName()) || fileNames.contains(f.completeBaseName())))
                continue;
            const QString relative = dir.relativeFilePath(f.absoluteFilePath());
            const FileStamp stamp{f.size(), f.lastModified().toMSecsSinceEpoch()};
            if (f.isSymLink() && !isInside(canonicalRoot, f.canonicalFilePath())) {
                result.rejected.append(SkippedRecord{
                    relative, stamp, QStringLiteral("link to a file outside the dataset folder")});
                continue;
            }
            result.files.append(ScannedFile{relative, stamp});
        }
    }
    std::sort(result.files.begin(), result.files.end(),
              [](const ScannedFile& a, const ScannedFile& b) { return a.relativePath < b.relativePath; });
    return result;
}

QString FolderScanner::sidecarCaption(const QString& absoluteImagePath) {
    const QFileInfo image(absoluteImagePath);
    const QString stem = image.dir().filePath(image.completeBaseName());
    for (const QString& candidate :
         {stem + ".txt", stem + ".caption", absoluteImagePath + ".txt", absoluteImagePath + ".caption"}) {
        QFile file(candidate);
        if (file.size() > kMaxSidecarBytes || !file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll()).simplified();
        if (!text.isEmpty())
            return text;
    }
    return {};
}

QHash<QString, QString> FolderScanner::classLabels(const QStringList& relativePaths) {
    QHash<QString, QString> labels;
    QSet<QString> classes;
    for (const QString& path : relativePaths) {
        const int slash = path.indexOf(QLatin1Char('/'));
        if (slash > 0)
            classes.insert(path.left(slash));
    }
    for (const QString& path : relativePaths) {
        const int slash = path.indexOf(QLatin1Char('/'));
        labels.insert(path, classes.size() >= 2 && slash > 0 ? path.left(slash) : QString());
    }
    return labels;
}

} // namespace vl::engine
