#pragma once

#include "Dataset.h"

#include <QByteArray>
#include <QString>

namespace vl::cli {

class CliContext;

// Polls GET /dataset/{id} until the dataset is READY (or PARTIAL INDEX, which needs a reindex to go
// further) or ERROR. Shows progress on stderr when it is a terminal.
class DatasetWaiter {
public:
    explicit DatasetWaiter(CliContext& context);
    // Returns the exit code: 0 when ready, 1 on ERROR (with fatal_error_msg reported), or the request's.
    int waitUntilSettled(const QString& datasetId);
    const Dataset& dataset() const { return m_dataset; }
    QByteArray lastBody() const { return m_lastBody; }

private:
    void showProgress(const Dataset& dataset);
    void endProgress();

    CliContext& m_context;
    Dataset m_dataset;
    QByteArray m_lastBody;
    bool m_progressShown = false;
};

} // namespace vl::cli
