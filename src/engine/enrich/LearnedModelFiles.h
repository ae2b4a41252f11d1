#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace vl::engine {

// Where the learned models (BlazeFace, the COCO detector, the face embedder, ...) are on this machine.
// They are prepared at set-up by packaging/models/prepare-models.sh into one folder with a manifest.json;
// nothing is downloaded at run time, and the engine runs without them (each model class then reports
// unavailableReason() through its error()).
//
// The folder is, in order: $VL_MODELS_DIR when set (used as is, even when it holds no manifest, so tests and
// users can point at an empty folder), else the first with a manifest of: <application dir>/../share/
// vl-explorer/models (installed; Version.h's VL_DATA_FROM_BIN), <app>.app/Contents/Resources/models (macOS),
// the source tree's build/models (VL_MODELS_BUILD_DIR, fixed at compile time) for developer builds, and
// vl-explorer/models in the user's and system's data folders (QStandardPaths::GenericDataLocation).
// Immutable after construction, so thread-safe.
class LearnedModelFiles {
public:
    // Searches the locations above.
    LearnedModelFiles();
    // Reads `directory`/manifest.json only (tests).
    explicit LearnedModelFiles(const QString& directory);

    // The process-wide instance, created on first use (after QCoreApplication, so the installed location is
    // known).
    static const LearnedModelFiles& instance();

    // The folder used (may not exist) and the folders that were considered.
    QString directory() const { return m_directory; }
    QStringList searchedDirectories() const { return m_searched; }

    // Absolute path of the model's file, empty when the manifest does not list it or the file is missing.
    QString path(const QString& modelId) const;
    // Empty when path() is usable, else a sentence saying why and how to fix it.
    QString unavailableReason(const QString& modelId) const;
    // The model's manifest entry (input normalisation, output names, labels, ...; format in
    // packaging/models/manifest.py), empty when not listed.
    QJsonObject entry(const QString& modelId) const { return m_models.value(modelId); }
    // One object per model in the manifest, in its order: id, package (npm name@version), file, upstream,
    // licence, converter (when converted at set-up), available; for the README and the About box.
    QJsonArray provenance() const;

private:
    void read(const QString& directory);

    QString m_directory;
    QStringList m_searched;
    QString m_manifestError;              // why the manifest could not be used (empty when it was read)
    QHash<QString, QJsonObject> m_models; // id -> manifest entry
    QStringList m_order;                  // ids in manifest order
};

} // namespace vl::engine
