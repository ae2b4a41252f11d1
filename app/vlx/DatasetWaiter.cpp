#include "DatasetWaiter.h"

#include "CliContext.h"
#include "DatasetJobs.h"
#include "Terminal.h"

#include <memory>

namespace vl::cli {

DatasetWaiter::DatasetWaiter(CliContext& context)
    : m_context(context) {}

int DatasetWaiter::waitUntilSettled(const QString& datasetId) {
    for (;;) {
        std::unique_ptr<GetDatasetJob> job(new GetDatasetJob(&m_context.client(), datasetId));
        const int code = m_context.wait(job.get());
        if (code != ExitOk) {
            endProgress();
            return code;
        }
        m_dataset = job->dataset();
        m_lastBody = job->rawBody();
        switch (m_dataset.status) {
        case DatasetStatus::Ready:
        case DatasetStatus::PartialIndex:
            endProgress();
            return ExitOk;
        case DatasetStatus::Error:
            endProgress();
            return m_context.fail(ExitApiError,
                                  QStringLiteral("dataset %1 failed: %2")
                                      .arg(datasetId, m_dataset.fatalErrorMessage.isEmpty()
                                                          ? QStringLiteral("no error message given")
                                                          : m_dataset.fatalErrorMessage));
        default:
            showProgress(m_dataset);
            m_context.sleep(m_context.pollIntervalMs());
        }
    }
}

void DatasetWaiter::showProgress(const Dataset& dataset) {
    if (!Terminal::stderrIsTty())
        return;
    QString line = QStringLiteral("%1: %2").arg(dataset.id, dataset.statusText.isEmpty()
                                                                ? datasetStatusToApiString(dataset.status)
                                                                : dataset.statusText);
    if (dataset.progress >= 0)
        line += QStringLiteral(" %1%").arg(dataset.progress);
    m_context.err() << '\r' << line.leftJustified(60) << Qt::flush;
    m_progressShown = true;
}

void DatasetWaiter::endProgress() {
    if (m_progressShown)
        m_context.err() << '\n' << Qt::flush;
    m_progressShown = false;
}

} // namespace vl::cli
