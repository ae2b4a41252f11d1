#pragma once

#include "Catalogue.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vl::engine {

struct ScannedFile {
    QString relativePath; // '/'-separated
    FileStamp stamp;
};

struct FolderScan {
    bool folderExists = false;
    QVector<ScannedFile> files;      // candidate media, sidecars and hidden files excluded
    QVector<SkippedRecord> rejected; // files refused before analysis (links leaving the folder)
};

// Lists a dataset folder recursively and reads what sits next to images: caption sidecars
// (`photo.txt` / `photo.caption` / `photo.jpg.txt`) and class-per-folder labels.
class FolderScanner {
public:
    static FolderScan scan(const QString& folder);
    // The sidecar caption of an image, or an empty string.
    static QString sidecarCaption(const QString& absoluteImagePath);
    // First-level subfolder name per relative path when images sit in at least two subfolders.
    static QHash<QString, QString> classLabels(const QStringList& relativePaths);
    static bool isInside(const QString& canonicalFolder, const QString& canonicalFile);
};

} // namespace vl::engine
