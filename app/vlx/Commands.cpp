#include "Commands.h"

namespace vl::cli {

const QVector<Command>& commands() {
    static const QVector<Command> all = {
        {QStringLiteral("datasets"), QStringLiteral("datasets"), QStringLiteral("List datasets."),
         runDatasets},
        {QStringLiteral("dataset"), QStringLiteral("dataset ID [--wait]"),
         QStringLiteral("Show one dataset; --wait polls until it is READY or ERROR."), runDataset},
        {QStringLiteral("models"), QStringLiteral("models ID"),
         QStringLiteral("List the enrichment models for a dataset."), runModels},
        {QStringLiteral("context"), QStringLiteral("context ID"),
         QStringLiteral("Show the enrichment models applied to a dataset."), runContext},
        {QStringLiteral("enrich"), QStringLiteral("enrich ID TYPE=MODEL_ID... [--wait]"),
         QStringLiteral("Enrich a dataset into a new copy; prints the new dataset id."), runEnrich},
        {QStringLiteral("search"),
         QStringLiteral(
             "search ID [--caption T | --fts T | --semantic T [--min-similarity X]] [--labels a,b] "
             "[--tags u1,u2] [--issue NAME[:MIN-MAX]] [--duplicates X] [--uniqueness X] [--objects] "
             "[--granularity 0-4] [--max-distance X] [--page N | --all]"),
         QStringLiteral("Search or browse a dataset's clusters."), runSearch},
        {QStringLiteral("similar"),
         QStringLiteral(
             "similar ID (IMAGE | --media MEDIA_ID) [--bbox x,y,w,h] [--objects] [--granularity N] "
             "[--page N]"),
         QStringLiteral("Find media similar to an image file or to a media item."), runSimilar},
        {QStringLiteral("export"),
         QStringLiteral("export ID [--format json|parquet] [--images] [--out FILE]"),
         QStringLiteral("Export a dataset and download the archive."), runExport},
        {QStringLiteral("add-folder"), QStringLiteral("add-folder PATH [--name N]"),
         QStringLiteral("Create a dataset from a folder the server can read."), runAddFolder},
        {QStringLiteral("delete"), QStringLiteral("delete ID"), QStringLiteral("Delete a dataset."),
         runDelete},
        {QStringLiteral("serve"), QStringLiteral("serve [--port N] [--data DIR]"),
         QStringLiteral("Run the local engine until interrupted."), runServe},
        {QStringLiteral("login"), QStringLiteral("login"),
         QStringLiteral("Store an API key and secret for --server in the system keychain."), runLogin},
        {QStringLiteral("logout"), QStringLiteral("logout"),
         QStringLiteral("Remove the stored credentials for --server."), runLogout},
    };
    return all;
}

const Command* findCommand(const QString& name) {
    for (const Command& command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QString usageText() {
    QString text = QStringLiteral(
        "Usage: vlx [--server URL | --engine DIR] [--json] [--no-auth] [--timeout SECONDS] COMMAND ...\n"
        "       vlx --version\n\n"
        "Talks to a Visual Layer server (cloud, self-hosted, or the local engine).\n"
        "Credentials: VL_API_KEY and VL_API_SECRET, else the keychain entry saved by \"vlx login\".\n"
        "Without --server or --engine, vlx uses the local engine of VL Explorer when it is running.\n\n"
        "Commands:\n");
    int width = 0;
    for (const Command& command : commands())
        width = std::max(width, int(command.name.size()));
    for (const Command& command : commands())
        text += QStringLiteral("  %1  %2\n").arg(command.name.leftJustified(width), command.summary);
    text += QStringLiteral("\nRun \"vlx COMMAND --help\" for a command's options.\n"
                           "Exit codes: 0 ok, 1 API error, 2 usage, 3 authentication, 4 network.\n");
    return text;
}

} // namespace vl::cli
