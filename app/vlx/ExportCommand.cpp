// export: start an export task, poll it until it finishes, download the archive.
#include "ApiClient.h"
#include "CliContext.h"
#include "Commands.h"
#include "ExportJobs.h"
#include "Terminal.h"

#include <QSaveFile>

#include <memory>

namespace vl::cli {

namespace {

const QString kSyntax = QStringLiteral("export ID [--format json|parquet] [--images] [--out FILE]");

class ExportProgress {
public:
    explicit ExportProgress(CliContext& context)
        : m_context(context)
        , m_enabled(Terminal::stderrIsTty()) {}
    ~ExportProgress() { done(); }
    void show(const ExportTask& task) {
        if (!m_enabled)
            return;
        m_context.err() << "\rexport " << task.statusText << ' ' << task.progressPercent() << "%   "
                        << Qt::flush;
        m_shown = true;
    }
    void done() {
        if (m_shown)
            m_context.err() << '\n' << Qt::flush;
        m_shown = false;
    }

private:
    CliContext& m_context;
    bool m_enabled;
    bool m_shown = false;
};

// Polls the task until it is finished; returns the exit code. `task` and `body` hold the last answer.
int pollUntilFinished(CliContext& context, const QString& datasetId, ExportTask& task, QByteArray& body) {
    ExportProgress progress(context);
    while (!task.isFinished()) {
        progress.show(task);
        context.sleep(context.pollIntervalMs());
        std::unique_ptr<ExportStatusJob> job(new ExportStatusJob(&context.client(), datasetId, task.id));
        if (const int code = context.wait(job.get()))
            return code;
        task = job->task();
        body = job->rawBody();
    }
    return ExitOk;
}

int download(CliContext& context, const ExportTask& task, const QString& path, qint64* bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return context.fail(ExitApiError,
                            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    std::unique_ptr<DownloadJob> job(new DownloadJob(&context.client(), task.downloadUrl, &file));
    if (const int code = context.wait(job.get())) {
        file.cancelWriting(); // nothing half-written is left behind
        return code;
    }
    if (!file.commit())
        return context.fail(ExitApiError,
                            QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    *bytes = job->bytesWritten();
    return ExitOk;
}

} // namespace

int runExport(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Export a dataset's metadata (and optionally images) as a ZIP."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("json (default) or parquet."),
                                    QStringLiteral("json|parquet"), QStringLiteral("json"));
    const QCommandLineOption images(QStringLiteral("images"), QStringLiteral("Include the images."));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Where to save the archive."),
                                 QStringLiteral("FILE"));
    parser.addOptions({format, images, out});
    if (const auto exit = context.parseCommand(parser, args, kSyntax, 1, 1))
        return *exit;
    ExportOptions options;
    options.format = parser.value(format).toLower();
    if (options.format != QLatin1String("json") && options.format != QLatin1String("parquet"))
        return context.usageError(kSyntax, QStringLiteral("--format is json or parquet"));
    options.includeImages = parser.isSet(images);
    const QString datasetId = parser.positionalArguments().first();
    const QString path =
        parser.isSet(out) ? parser.value(out) : QStringLiteral("export-%1.zip").arg(datasetId);
    if (const int code = context.connect())
        return code;

    std::unique_ptr<StartExportJob> start(new StartExportJob(&context.client(), datasetId, options));
    if (const int code = context.wait(start.get()))
        return code;
    ExportTask task = start->task();
    QByteArray body = start->rawBody();
    if (const int code = pollUntilFinished(context, datasetId, task, body))
        return code;
    if (task.status != ExportTask::Status::Completed) {
        const QString why =
            task.resultMessage.isEmpty() ? QStringLiteral("no reason given") : task.resultMessage;
        return context.fail(ExitApiError, QStringLiteral("export %1: %2").arg(task.statusText, why));
    }
    if (!task.downloadUrl.isValid() || task.downloadUrl.isEmpty())
        return context.fail(ExitApiError,
                            QStringLiteral("the export finished but the server gave no download_uri"));
    qint64 bytes = 0;
    if (const int code = download(context, task, path, &bytes))
        return code;
    if (context.options().json)
        context.printBody(body);
    else
        context.out() << "Saved " << path << " (" << bytes << " bytes"
                      << (task.entitiesCount >= 0 ? QStringLiteral(", %1 entities").arg(task.entitiesCount)
                                                  : QString())
                      << ")\n";
    return ExitOk;
}

} // namespace vl::cli
