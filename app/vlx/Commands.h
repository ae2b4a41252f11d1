#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace vl::cli {

class CliContext;

// One vlx command: its name, usage syntax, one-line summary and the function that runs it.
// `args` starts with the command name (QCommandLineParser treats it as the program name).
struct Command {
    QString name;
    QString syntax;
    QString summary;
    int (*run)(CliContext& context, const QStringList& args);
};

const QVector<Command>& commands();
const Command* findCommand(const QString& name);
QString usageText();

// Implemented in files named after what they do.
int runDatasets(CliContext& context, const QStringList& args);  // DatasetCommands.cpp
int runDataset(CliContext& context, const QStringList& args);   // DatasetCommands.cpp
int runDelete(CliContext& context, const QStringList& args);    // DatasetCommands.cpp
int runAddFolder(CliContext& context, const QStringList& args); // DatasetCommands.cpp
int runModels(CliContext& context, const QStringList& args);    // EnrichmentCommands.cpp
int runContext(CliContext& context, const QStringList& args);   // EnrichmentCommands.cpp
int runEnrich(CliContext& context, const QStringList& args);    // EnrichmentCommands.cpp
int runSearch(CliContext& context, const QStringList& args);    // SearchCommand.cpp
int runSimilar(CliContext& context, const QStringList& args);   // SimilarCommand.cpp
int runExport(CliContext& context, const QStringList& args);    // ExportCommand.cpp
int runServe(CliContext& context, const QStringList& args);     // ServeCommand.cpp
int runLogin(CliContext& context, const QStringList& args);     // LoginCommands.cpp
int runLogout(CliContext& context, const QStringList& args);    // LoginCommands.cpp

} // namespace vl::cli
