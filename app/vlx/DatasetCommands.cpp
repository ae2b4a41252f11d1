// datasets, dataset, delete, add-folder
#include "ApiClient.h"
#include "CliContext.h"
#include "Commands.h"
#include "DatasetJobs.h"
#include "DatasetWaiter.h"
#include "TablePrinter.h"

#include <QDir>
#include <QFileInfo>

#include <memory>

namespace vl::cli {

namespace {

QString count(qint64 value) {
    return value < 0 ? QStringLiteral("-") : QString::number(value);
}

QString date(const QDateTime& dateTime) {
    return dateTime.isValid() ? dateTime.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString statusOf(const Dataset& dataset) {
    return dataset.statusText.isEmpty() ? datasetStatusToApiString(dataset.status) : dataset.statusText;
}

void printDataset(QTextStream& out, const Dataset& dataset) {
    QVector<QPair<QString, QString>> fields = {
        {QStringLiteral("id"), dataset.id},
        {QStringLiteral("name"), dataset.displayName},
        {QStringLiteral("status"), statusOf(dataset)},
    };
    if (dataset.progress >= 0)
        fields.append({QStringLiteral("progress"), QStringLiteral("%1%").arg(dataset.progress)});
    fields.append({QStringLiteral("images"), count(dataset.imageCount)});
    fields.append({QStringLiteral("objects"), count(dataset.objectCount)});
    fields.append({QStringLiteral("videos"), count(dataset.videoCount)});
    if (!dataset.description.isEmpty())
        fields.append({QStringLiteral("description"), dataset.description});
    if (!dataset.sourceType.isEmpty())
        fields.append({QStringLiteral("source"), dataset.sourceType});
    if (!dataset.sourceDatasetId.isEmpty())
        fields.append({QStringLiteral("enriched from"), dataset.sourceDatasetId});
    fields.append({QStringLiteral("created"), date(dataset.createdAt)});
    if (!dataset.fatalErrorMessage.isEmpty())
        fields.append({QStringLiteral("error"), dataset.fatalErrorMessage});
    TablePrinter::printFields(out, fields);
}

} // namespace

int runDatasets(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the datasets this account can see."));
    if (const auto exit = context.parseCommand(parser, args, QStringLiteral("datasets"), 0, 0))
        return *exit;
    if (const int code = context.connect())
        return code;
    std::unique_ptr<ListDatasetsJob> job(new ListDatasetsJob(&context.client()));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json) {
        context.printBody(job->rawBody());
        return ExitOk;
    }
    TablePrinter table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("STATUS"),
                        QStringLiteral("IMAGES"), QStringLiteral("CREATED")});
    table.setRightAligned(3);
    for (const Dataset& dataset : job->datasets())
        table.addRow({dataset.id, dataset.displayName, statusOf(dataset), count(dataset.imageCount),
                      date(dataset.createdAt)});
    if (table.rowCount() == 0) {
        context.out() << "No datasets.\n";
        return ExitOk;
    }
    table.print(context.out());
    return ExitOk;
}

int runDataset(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show one dataset."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    const QCommandLineOption wait(
        QStringLiteral("wait"),
        QStringLiteral("Poll until the dataset is READY (exit 0) or ERROR (exit 1)."));
    parser.addOption(wait);
    if (const auto exit = context.parseCommand(parser, args, QStringLiteral("dataset ID [--wait]"), 1, 1))
        return *exit;
    if (const int code = context.connect())
        return code;
    const QString id = parser.positionalArguments().first();
    if (parser.isSet(wait)) {
        DatasetWaiter waiter(context);
        const int code = waiter.waitUntilSettled(id);
        if (context.options().json && !waiter.lastBody().isEmpty())
            context.printBody(waiter.lastBody());
        else if (!waiter.dataset().id.isEmpty() && code != ExitNetwork && code != ExitAuth)
            printDataset(context.out(), waiter.dataset());
        return code;
    }
    std::unique_ptr<GetDatasetJob> job(new GetDatasetJob(&context.client(), id));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json)
        context.printBody(job->rawBody());
    else
        printDataset(context.out(), job->dataset());
    return ExitOk;
}

int runDelete(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Delete a dataset."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    if (const auto exit = context.parseCommand(parser, args, QStringLiteral("delete ID"), 1, 1))
        return *exit;
    if (const int code = context.connect())
        return code;
    const QString id = parser.positionalArguments().first();
    std::unique_ptr<DeleteDatasetJob> job(new DeleteDatasetJob(&context.client(), id));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json)
        context.printBody(job->rawBody());
    else
        context.out() << "Deleted dataset " << id << '\n';
    return ExitOk;
}

int runAddFolder(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Create a dataset from a folder on the server's machine (self-hosted or local engine)."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Folder of images."));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Dataset name (default: folder name)."), QStringLiteral("N"));
    parser.addOption(name);
    if (const auto exit =
            context.parseCommand(parser, args, QStringLiteral("add-folder PATH [--name N]"), 1, 1))
        return *exit;
    // The server reads the folder itself, so it needs an absolute path; relative ones are taken from here.
    const QFileInfo folder(parser.positionalArguments().first());
    const QString path = QDir::cleanPath(folder.absoluteFilePath());
    const QString datasetName = parser.isSet(name) ? parser.value(name) : folder.fileName();
    if (datasetName.trimmed().isEmpty())
        return context.usageError(QStringLiteral("add-folder PATH [--name N]"),
                                  QStringLiteral("--name is empty"));
    if (const int code = context.connect())
        return code;
    std::unique_ptr<CreateDatasetFromFolderJob> job(
        new CreateDatasetFromFolderJob(&context.client(), path, datasetName));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json)
        context.printBody(job->rawBody());
    else
        context.out() << job->datasetId() << '\n';
    return ExitOk;
}

} // namespace vl::cli
