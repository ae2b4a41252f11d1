#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace vl {

class Session;
struct ExportOptions;

// The questions around dataset actions (which folder, really delete, where to export, which
// enrichment models) and the messages after them. The work itself is the session's models'
// (DatasetActions, DatasetExporter, EnrichmentModelsModel); this class only asks and reports.
class DatasetDialogs : public QObject {
    Q_OBJECT
public:
    explicit DatasetDialogs(QWidget* window);

    void setSession(Session* session);
    void setFoldersAllowed(bool allowed) { m_foldersAllowed = allowed; }

    void chooseFolder();
    void addFolder(const QString& path);
    void enrich(const QString& datasetId);
    void exportDataset(const QString& datasetId);
    void exportMedia(const QString& datasetId, const QStringList& mediaIds); // chosen items only
    void remove(const QString& datasetId);
    void reindex(const QString& datasetId);

signals:
    void message(const QString& text, bool isError);
    void progress(const QString& text); // empty clears
    void taskFollowed();                // a new task is in the tasks panel
    void datasetRemoved(const QString& datasetId);

private:
    QString datasetName(const QString& datasetId) const;
    // Asks where to save and whether to include the images; false when cancelled or busy.
    bool askExport(const QString& title, const QString& suggestedName, QString* path, ExportOptions* options);
    void connectSession();

    QWidget* m_window;
    QPointer<Session> m_session;
    bool m_foldersAllowed = true;
};

} // namespace vl
