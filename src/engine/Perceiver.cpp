#include "Perceiver.h"

#include "Catalogue.h"
#include "ImageAnalyzer.h"
#include "ImageDecoder.h"
#include "PerceptionPipeline.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <exception>

namespace vl::engine {

namespace {

// Maps a box found on the reduced analysis image back to pixels of the full (oriented) image.
QRect toFullSize(const QRect& box, const QSize& analysed, const QSize& full) {
    if (analysed.isEmpty() || full.isEmpty() || analysed == full)
        return box;
    const double sx = double(full.width()) / analysed.width();
    const double sy = double(full.height()) / analysed.height();
    return QRect(qRound(box.x() * sx), qRound(box.y() * sy), qRound(box.width() * sx),
                 qRound(box.height() * sy))
        .intersected(QRect(QPoint(0, 0), full));
}

PerceptionRecord perceiveFile(const MediaRecord& media, const QString& folder,
                              const PerceptionPipeline& pipeline) {
    PerceptionRecord record;
    record.mediaRow = media.row;
    record.version = PerceptionPipeline::kVersion; // also for unreadable files: they are not retried each run
    QFile file(QDir(folder).filePath(media.relativePath));
    if (file.size() > ImageAnalyzer::kMaxFileBytes || !file.open(QIODevice::ReadOnly))
        return record;
    try {
        const ImageDecoder::Result decoded = ImageDecoder::decode(
            file.readAll(), ImageAnalyzer::kDefaultMaxPixels, PerceptionPipeline::kAnalysisSide);
        if (decoded.image.isNull())
            return record;
        const Perception seen = pipeline.perceive(decoded.image);
        record.embedding = seen.embedding;
        for (int i = 0; i < seen.objects.size(); ++i) {
            const Detection& d = seen.objects[i];
            record.objects.append({d.label, d.confidence,
                                   toFullSize(d.box, decoded.image.size(), decoded.fullSize),
                                   seen.objectVectors.value(i)});
        }
    } catch (const std::exception&) { // OpenCV or allocation failure: the image simply has no perception
    }
    return record;
}

} // namespace

Perceiver::Perceiver(Catalogue& catalogue, const PerceptionPipeline& pipeline, ChangedCallback onChanged)
    : m_catalogue(catalogue)
    , m_pipeline(pipeline)
    , m_onChanged(std::move(onChanged)) {
    m_controller.setMaxThreadCount(1);
    m_workers.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

Perceiver::~Perceiver() {
    stop();
}

void Perceiver::enqueue(const QString& datasetId) {
    if (!m_pipeline.hasObjects() && !m_pipeline.hasFaces())
        return;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_pending.contains(datasetId))
            return;
        m_pending.insert(datasetId);
        m_cancelled.remove(datasetId);
        m_queue.enqueue(datasetId);
    }
    // The id goes through m_queue, under our mutex, not inside the callable: QThreadPool hands the callable
    // over under its own lock in libQt6Core, which ThreadSanitizer cannot see (README "Reliability").
    m_controller.start([this] { runNext(); });
}

void Perceiver::runNext() {
    QString datasetId;
    {
        std::lock_guard lock(m_mutex);
        datasetId = m_queue.dequeue(); // one entry per start() in enqueue
    }
    run(datasetId);
}

bool Perceiver::isBusy(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    return m_pending.contains(datasetId);
}

std::optional<Perceiver::Progress> Perceiver::progress(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    if (!m_pending.contains(datasetId))
        return std::nullopt;
    return m_progress.value(datasetId);
}

void Perceiver::setProgress(const QString& datasetId, const Progress& progress) {
    std::lock_guard lock(m_mutex);
    m_progress.insert(datasetId, progress);
}

bool Perceiver::cancelled(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    return m_stopping || m_cancelled.contains(datasetId);
}

void Perceiver::cancel(const QString& datasetId) {
    std::unique_lock lock(m_mutex);
    m_cancelled.insert(datasetId);
    if (m_running != datasetId) {
        m_pending.remove(datasetId);
        m_progress.remove(datasetId);
        m_idle.notify_all();
        return;
    }
    m_idle.wait(lock, [&] { return m_running != datasetId; });
}

void Perceiver::stop() {
    m_stopping = true;
    m_controller.waitForDone();
    m_workers.waitForDone();
}

bool Perceiver::waitForIdle(int timeoutMs) const {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_pending.isEmpty(); });
}

void Perceiver::run(const QString& datasetId) {
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled.remove(datasetId))
            return;
        m_running = datasetId;
    }
    const auto done = qScopeGuard([&] {
        std::lock_guard lock(m_mutex);
        m_running.clear();
        m_pending.remove(datasetId);
        m_cancelled.remove(datasetId);
        m_progress.remove(datasetId);
        m_idle.notify_all();
    });
    const auto dataset = m_catalogue.dataset(datasetId);
    if (!dataset || dataset->status != DatasetState::Ready)
        return;
    const QVector<MediaRecord> todo =
        m_catalogue.mediaNeedingPerception(datasetId, PerceptionPipeline::kVersion);
    Progress progress{dataset->imageCount - todo.size(), dataset->imageCount};
    setProgress(datasetId, progress);
    const QString folder = dataset->folder;
    // Each change notice makes explore reload and re-cluster the dataset: tell at most every few seconds.
    QElapsedTimer sinceNotice;
    sinceNotice.start();
    const auto notify = qScopeGuard([&] {
        if (m_onChanged && progress.done > dataset->imageCount - todo.size())
            m_onChanged(datasetId);
    });
    for (int start = 0; start < todo.size() && !cancelled(datasetId); start += kBatchSize) {
        const QVector<MediaRecord> batch = todo.mid(start, kBatchSize);
        // Workers look at the cancel flag before each image, so a stop waits for one image per core,
        // not for the whole batch.
        const QVector<PerceptionRecord> records = QtConcurrent::blockingMapped<QVector<PerceptionRecord>>(
            &m_workers, batch, [&](const MediaRecord& media) {
                return cancelled(datasetId) ? PerceptionRecord{} : perceiveFile(media, folder, m_pipeline);
            });
        const bool skipped = std::any_of(records.begin(), records.end(),
                                         [](const PerceptionRecord& r) { return r.mediaRow == 0; });
        if (skipped || cancelled(datasetId) || !m_catalogue.writePerception(datasetId, records))
            return; // deleted or stopping: what was committed stays, the rest resumes next time
        progress.done += records.size();
        setProgress(datasetId, progress);
        if (m_onChanged && sinceNotice.elapsed() > kNoticeIntervalMs) {
            m_onChanged(datasetId);
            sinceNotice.restart();
        }
    }
}

} // namespace vl::engine
