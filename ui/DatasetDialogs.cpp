#include "DatasetDialogs.h"

#include "DatasetActions.h"
#include "DatasetExporter.h"
#include "DatasetListModel.h"
#include "EnrichmentDialog.h"
#include "Session.h"
#include "TasksModel.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

namespace vl {

DatasetDialogs::DatasetDialogs(QWidget* window)
    : QObject(window)
    , m_window(window) {}

void DatasetDialogs::setSession(Session* session) {
    m_session = session;
    connectSession();
}

void DatasetDialogs::connectSession() {
    Session* s = m_session;
    connect(s->actions(), &DatasetActions::created, this, [this, s](const QString& id, const QString& name) {
        emit progress({});
        s->tasks()->follow(id, tr("Indexing %1").arg(name));
        emit taskFollowed();
        s->datasets()->refresh();
    });
    connect(s->actions(), &DatasetActions::removed, this, [this, s](const QString& id) {
        emit datasetRemoved(id);
        emit message(tr("Deleted %1.").arg(datasetName(id)), false);
        s->datasets()->refresh();
    });
    connect(s->actions(), &DatasetActions::reindexStarted, this, [this, s](const QString& id) {
        s->tasks()->follow(id, tr("Rescanning %1").arg(datasetName(id)));
        emit taskFollowed();
        s->datasets()->refresh();
    });
    connect(s->actions(), &DatasetActions::failed, this,
            [this](DatasetActions::Action action, const QString& what, const ApiError& error) {
                emit progress({});
                const QString name = datasetName(what);
                const QString text = action == DatasetActions::Action::Create
                                         ? tr("The folder could not be added: %1").arg(error.message)
                                     : action == DatasetActions::Action::Remove
                                         ? tr("%1 could not be deleted: %2").arg(name, error.message)
                                         : tr("%1 could not be rescanned: %2").arg(name, error.message);
                emit message(text, true);
            });
    connect(
        s->exporter(), &DatasetExporter::progressChanged, this,
        [this](int percent, const QString& stage) { emit progress(tr("%1… %2%").arg(stage).arg(percent)); });
    connect(s->exporter(), &DatasetExporter::finished, this, [this](bool ok, const QString& text) {
        emit progress({});
        emit message(text, !ok);
    });
}

QString DatasetDialogs::datasetName(const QString& datasetId) const {
    const DatasetListModel* datasets = m_session ? m_session->datasets() : nullptr;
    const int row = datasets ? datasets->rowOf(datasetId) : -1;
    return row < 0 ? datasetId : datasets->index(row, 0).data().toString();
}

void DatasetDialogs::chooseFolder() {
    const QString path =
        QFileDialog::getExistingDirectory(m_window, tr("Add a folder of images"), QDir::homePath());
    if (!path.isEmpty())
        addFolder(path);
}

void DatasetDialogs::addFolder(const QString& path) {
    if (!m_foldersAllowed) {
        emit message(tr("Folders can be added with the local engine or a self-hosted server. Switch to "
                        "\"Local\" to browse a folder on this computer."),
                     true);
        return;
    }
    if (!m_session || !m_session->hasServer())
        return;
    const QString name = QFileInfo(path).fileName().isEmpty() ? path : QFileInfo(path).fileName();
    emit progress(tr("Creating a dataset from %1…").arg(name));
    m_session->actions()->createFromFolder(QDir::toNativeSeparators(path), name);
}

void DatasetDialogs::enrich(const QString& datasetId) {
    if (datasetId.isEmpty() || !m_session)
        return;
    auto* dialog = new EnrichmentDialog(m_session->enrichmentModels(datasetId, nullptr),
                                        datasetName(datasetId), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    Session* s = m_session;
    connect(dialog, &EnrichmentDialog::started, s, [this, s](const QString& newId, const QString& title) {
        s->tasks()->follow(newId, title);
        emit taskFollowed();
        s->datasets()->refresh();
    });
    dialog->open();
}

bool DatasetDialogs::askExport(const QString& title, const QString& suggestedName, QString* path,
                               ExportOptions* options) {
    if (!m_session)
        return false;
    if (m_session->exporter()->isRunning()) {
        emit message(tr("An export is already running."), true);
        return false;
    }
    *path = QFileDialog::getSaveFileName(
        m_window, title, QDir::homePath() + QLatin1Char('/') + suggestedName + QStringLiteral(".zip"),
        tr("ZIP archives (*.zip)"));
    if (path->isEmpty())
        return false;
    const auto answer = QMessageBox::question(
        m_window, title, tr("Include the image files in the archive? (Metadata only is much smaller.)"),
        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::No);
    if (answer == QMessageBox::Cancel || !m_session)
        return false;
    options->includeImages = answer == QMessageBox::Yes;
    options->fileName = QFileInfo(*path).completeBaseName();
    return true;
}

void DatasetDialogs::exportDataset(const QString& datasetId) {
    const QString name = datasetName(datasetId);
    QString path;
    ExportOptions options;
    if (askExport(tr("Export %1").arg(name), name, &path, &options))
        m_session->exporter()->start(datasetId, options, path);
}

void DatasetDialogs::exportMedia(const QString& datasetId, const QStringList& mediaIds) {
    if (mediaIds.isEmpty())
        return;
    const QString name = datasetName(datasetId);
    QString path;
    ExportOptions options;
    if (askExport(tr("Export %n selected item(s) of %1", nullptr, int(mediaIds.size())).arg(name),
                  tr("%1 selection").arg(name), &path, &options))
        m_session->exporter()->startMedia(datasetId, mediaIds, options, path);
}

void DatasetDialogs::remove(const QString& datasetId) {
    const QString name = datasetName(datasetId);
    if (QMessageBox::warning(m_window, tr("Delete dataset"),
                             tr("Delete \"%1\"? The dataset and its index are removed from the server. The "
                                "original image files are not touched.")
                                 .arg(name),
                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    if (m_session)
        m_session->actions()->remove(datasetId);
}

void DatasetDialogs::reindex(const QString& datasetId) {
    if (m_session)
        m_session->actions()->reindex(datasetId);
}

} // namespace vl
