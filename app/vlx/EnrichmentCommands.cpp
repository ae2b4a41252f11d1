// models, context, enrich
#include "ApiClient.h"
#include "CliContext.h"
#include "Commands.h"
#include "DatasetWaiter.h"
#include "EnrichmentJobs.h"
#include "TablePrinter.h"

#include <memory>

namespace vl::cli {

int runModels(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the enrichment models available for a dataset."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    if (const auto exit = context.parseCommand(parser, args, QStringLiteral("models ID"), 1, 1))
        return *exit;
    if (const int code = context.connect())
        return code;
    std::unique_ptr<ListModelsJob> job(
        new ListModelsJob(&context.client(), parser.positionalArguments().first()));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json) {
        context.printBody(job->rawBody());
        return ExitOk;
    }
    TablePrinter table({QStringLiteral("TYPE"), QStringLiteral("MODEL_ID"), QStringLiteral("NAME"),
                        QStringLiteral("STATUS"), QStringLiteral("VENDOR"), QStringLiteral("NEEDS")});
    for (const EnrichmentModel& model : job->models())
        table.addRow({model.type, model.id, model.name, model.status, model.vendor,
                      model.dependencies.join(QLatin1Char(','))});
    table.print(context.out());
    return ExitOk;
}

int runContext(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Show which enrichment models a dataset has applied."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    if (const auto exit = context.parseCommand(parser, args, QStringLiteral("context ID"), 1, 1))
        return *exit;
    if (const int code = context.connect())
        return code;
    std::unique_ptr<EnrichmentContextJob> job(
        new EnrichmentContextJob(&context.client(), parser.positionalArguments().first()));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json) {
        context.printBody(job->rawBody());
        return ExitOk;
    }
    const EnrichmentContext& enrichment = job->context();
    TablePrinter::printFields(context.out(), {{QStringLiteral("context"), enrichment.contextId},
                                              {QStringLiteral("status"), enrichment.status}});
    if (enrichment.appliedModels.isEmpty()) {
        context.out() << "No enrichment models applied.\n";
        return ExitOk;
    }
    TablePrinter table({QStringLiteral("TYPE"), QStringLiteral("MODEL_ID")});
    for (auto it = enrichment.appliedModels.begin(); it != enrichment.appliedModels.end(); ++it)
        table.addRow({it.key(), it.value()});
    table.print(context.out());
    return ExitOk;
}

int runEnrich(CliContext& context, const QStringList& args) {
    const QString syntax = QStringLiteral("enrich ID TYPE=MODEL_ID... [--wait]");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Apply enrichment models; the result is a new dataset whose id is printed.\n"
                       "Example: vlx enrich ID CAPTION_IMAGES=vl_image_captioner_v00"));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    parser.addPositionalArgument(QStringLiteral("TYPE=MODEL_ID"),
                                 QStringLiteral("Enrichment type and model id."));
    const QCommandLineOption wait(
        QStringLiteral("wait"),
        QStringLiteral("Poll the new dataset until it is READY (exit 0) or ERROR (exit 1)."));
    parser.addOption(wait);
    if (const auto exit = context.parseCommand(parser, args, syntax, 2, -1))
        return *exit;
    EnrichmentRequest request;
    const QStringList selections = parser.positionalArguments().mid(1);
    for (const QString& selection : selections) {
        const QString type = selection.section(QLatin1Char('='), 0, 0).trimmed();
        const QString model = selection.section(QLatin1Char('='), 1).trimmed();
        if (!selection.contains(QLatin1Char('=')) || type.isEmpty() || model.isEmpty())
            return context.usageError(syntax, QStringLiteral("\"%1\" is not TYPE=MODEL_ID").arg(selection));
        if (request.models.contains(type))
            return context.usageError(syntax, QStringLiteral("%1 is given twice").arg(type));
        request.models.insert(type, model);
    }
    if (const int code = context.connect())
        return code;
    std::unique_ptr<EnrichDatasetJob> job(
        new EnrichDatasetJob(&context.client(), parser.positionalArguments().first(), request));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json)
        context.printBody(job->rawBody());
    else
        context.out() << job->newDatasetId() << '\n' << Qt::flush;
    if (!parser.isSet(wait))
        return ExitOk;
    DatasetWaiter waiter(context);
    const int code = waiter.waitUntilSettled(job->newDatasetId());
    if (code == ExitOk && context.options().json)
        context.printBody(waiter.lastBody());
    else if (code == ExitOk)
        context.err() << "Dataset " << job->newDatasetId() << " is " << waiter.dataset().statusText << '\n'
                      << Qt::flush;
    return code;
}

} // namespace vl::cli
