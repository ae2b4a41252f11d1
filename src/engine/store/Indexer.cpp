#include "Indexer.h"

#include "Catalogue.h"
#include "FileNameWords.h"
#include "FolderScanner.h"
#include "ImageAnalyzer.h"
#include "ThumbnailWriter.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QImageWriter>
#include <QScopeGuard>
#include <QThread>
#include <QUuid>

#include <deque>
#include <exception>

namespace vl::engine {

namespace {

struct FileResult {
    bool ok = false;
    MediaRecord media;
    SkippedRecord skipped;
};

// What the analysis workers of one run share with its controller.
struct RunState {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<FileResult> results;
    std::atomic<int> next{0};
    int activeWorkers = 0;
};

void writeThumbnails(const QImage& thumbnail, const QString& dir, const QString& datasetId,
                     const QString& mediaId) {
    if (thumbnail.isNull())
        return;
    const QByteArray format = Indexer::thumbnailSuffix().toLatin1();
    for (int size : {512, 256}) {
        const QImage image = (thumbnail.width() > size || thumbnail.height() > size)
                                 ? thumbnail.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                 : thumbnail;
        ThumbnailWriter::write(image, Indexer::thumbnailPath(dir, datasetId, mediaId, size), format);
    }
}

int percent(qint64 done, qint64 total) {
    return total <= 0 ? 99 : int(std::min<qint64>(99, done * 100 / total));
}

} // namespace

Indexer::Indexer(Catalogue& catalogue, QString thumbnailDirectory, FinishedCallback onChanged)
    : m_catalogue(catalogue)
    , m_thumbnailDirectory(std::move(thumbnailDirectory))
    , m_onChanged(std::move(onChanged)) {
    m_controller.setMaxThreadCount(1);
    m_workers.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

Indexer::~Indexer() {
    stop();
}

QString Indexer::thumbnailSuffix() {
    static const QString suffix = QImageWriter::supportedImageFormats().contains("webp")
                                      ? QStringLiteral("webp")
                                      : QStringLiteral("jpg");
    return suffix;
}

QString Indexer::thumbnailPath(const QString& thumbnailDirectory, const QString& datasetId,
                               const QString& mediaId, int size) {
    return QStringLiteral("%1/%2/%3_%4.%5")
        .arg(thumbnailDirectory, datasetId, mediaId)
        .arg(size)
        .arg(thumbnailSuffix());
}

void Indexer::enqueue(const QString& datasetId) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping || m_pending.contains(datasetId))
            return;
        m_pending.insert(datasetId);
        m_cancelled.remove(datasetId);
    }
    m_catalogue.setDatasetState(datasetId, DatasetState::Indexing, 0);
    if (m_onChanged)
        m_onChanged(datasetId);
    m_controller.start([this, datasetId] { run(datasetId); });
}

bool Indexer::isBusy(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    return m_pending.contains(datasetId);
}

bool Indexer::cancelled(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    return m_stopping || m_cancelled.contains(datasetId);
}

void Indexer::cancel(const QString& datasetId) {
    std::unique_lock lock(m_mutex);
    m_cancelled.insert(datasetId);
    if (m_running != datasetId) {
        // Still queued behind another dataset: its run will see the flag and return at once.
        m_pending.remove(datasetId);
        m_idle.notify_all();
        return;
    }
    m_idle.wait(lock, [&] { return m_running != datasetId; });
}

void Indexer::stop() {
    m_stopping = true;
    m_controller.waitForDone();
    m_workers.waitForDone();
}

bool Indexer::waitForIdle(int timeoutMs) const {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_pending.isEmpty(); });
}

void Indexer::fail(const QString& datasetId, const QString& reason) {
    qWarning().noquote() << "indexer: dataset" << datasetId << "failed:" << reason;
    m_catalogue.setDatasetState(datasetId, DatasetState::Error, 0,
                                QStringLiteral("The catalogue could not be updated (%1)").arg(reason));
    if (m_onChanged)
        m_onChanged(datasetId);
}

// A batch write returns false when the dataset was deleted meanwhile (nothing to report) or on an error.
void Indexer::failUnlessDeleted(const QString& datasetId) {
    QString readError;
    if (m_catalogue.dataset(datasetId, &readError) || !readError.isEmpty())
        fail(datasetId, readError.isEmpty() ? QStringLiteral("writing a batch failed") : readError);
}

void Indexer::run(const QString& datasetId) {
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled.contains(datasetId)) {
            m_cancelled.remove(datasetId);
            return;
        }
        m_running = datasetId;
    }
    const auto done = qScopeGuard([&] {
        std::lock_guard lock(m_mutex);
        m_running.clear();
        m_pending.remove(datasetId);
        m_cancelled.remove(datasetId);
        m_idle.notify_all();
    });
    QString readError;
    const auto dataset = m_catalogue.dataset(datasetId, &readError);
    if (!readError.isEmpty())
        return fail(datasetId, readError);
    if (!dataset || cancelled(datasetId))
        return;
    const FolderScan scan = FolderScanner::scan(dataset->folder);
    if (!scan.folderExists) {
        m_catalogue.setDatasetState(
            datasetId, DatasetState::Error, 0,
            QStringLiteral("The dataset folder no longer exists: %1").arg(dataset->folder));
        if (m_onChanged)
            m_onChanged(datasetId);
        return;
    }
    QDir().mkpath(QStringLiteral("%1/%2").arg(m_thumbnailDirectory, datasetId));

    // Compare the folder with what the catalogue already holds.
    // A read error must not look like an empty catalogue: every file would be analysed again.
    const QHash<QString, FileStamp> known = m_catalogue.mediaStamps(datasetId, &readError);
    const QHash<QString, FileStamp> knownSkipped = m_catalogue.skippedStamps(datasetId, &readError);
    QHash<QString, QString> mediaIds;
    for (const MediaRecord& m : m_catalogue.media(datasetId, false, &readError))
        mediaIds.insert(m.relativePath, m.mediaId);
    if (!readError.isEmpty())
        return fail(datasetId, readError);
    QSet<QString> present;
    QVector<ScannedFile> todo;
    for (const ScannedFile& f : scan.files) {
        present.insert(f.relativePath);
        if (known.value(f.relativePath, FileStamp{-1, -1}) == f.stamp ||
            knownSkipped.value(f.relativePath, FileStamp{-1, -1}) == f.stamp)
            continue;
        todo.append(f);
    }
    for (const SkippedRecord& r : scan.rejected)
        present.insert(r.relativePath);
    QStringList gone;
    for (const QString& path : known.keys() + knownSkipped.keys()) {
        if (!present.contains(path))
            gone.append(path);
    }
    const std::optional<QStringList> removed = m_catalogue.removeFiles(datasetId, gone);
    if (!removed) // rolled back: the rows stay, and so must their thumbnails
        return fail(datasetId, QStringLiteral("removing files that left the folder failed"));
    for (const QString& mediaId : *removed) {
        for (int size : {256, 512})
            QFile::remove(thumbnailPath(m_thumbnailDirectory, datasetId, mediaId, size));
    }
    if (!m_catalogue.writeBatch(datasetId, {}, scan.rejected))
        return failUnlessDeleted(datasetId);

    const qint64 total = scan.files.size();
    qint64 finished = total - todo.size();
    m_catalogue.setProgress(datasetId, percent(finished, total));

    // Fan the analysis out over the worker pool; this thread collects results and writes batches.
    auto state = std::make_shared<RunState>();
    const QString folder = dataset->folder;
    const int workers = std::min<int>(m_workers.maxThreadCount(), std::max<int>(1, todo.size()));
    state->activeWorkers = workers;
    for (int w = 0; w < workers; ++w) {
        m_workers.start([this, state, todo, folder, datasetId, mediaIds] {
            for (;;) {
                const int i = state->next++;
                if (i >= todo.size() || cancelled(datasetId))
                    break;
                const ScannedFile& file = todo[i];
                const QString path = QDir(folder).filePath(file.relativePath);
                ImageAnalysis analysis;
                try {
                    analysis = ImageAnalyzer::analyzeFile(path);
                } catch (const std::exception& e) { // e.g. out of memory: skip the file, keep the engine
                    analysis.ok = false;
                    analysis.skipReason =
                        QStringLiteral("analysis failed: %1").arg(QString::fromLocal8Bit(e.what()));
                }
                ++m_analysed;
                FileResult result;
                result.ok = analysis.ok;
                if (analysis.ok) {
                    MediaRecord& m = result.media;
                    m.mediaId =
                        mediaIds.value(file.relativePath, QUuid::createUuid().toString(QUuid::WithoutBraces));
                    m.relativePath = file.relativePath;
                    m.stamp = file.stamp;
                    m.sha256Hex = analysis.sha256Hex;
                    m.width = analysis.width;
                    m.height = analysis.height;
                    m.embedding = analysis.embedding;
                    m.blur = analysis.blur;
                    m.dark = analysis.dark;
                    m.bright = analysis.bright;
                    m.caption = FolderScanner::sidecarCaption(path);
                    if (m.caption.isEmpty())
                        m.caption = analysis.description.simplified();
                    m.tags = {{TagSource::Name, FileNameWords::fromPath(m.relativePath)},
                              {TagSource::Attribute, analysis.attributes}};
                    writeThumbnails(analysis.thumbnail, m_thumbnailDirectory, datasetId, m.mediaId);
                } else {
                    result.skipped =
                        SkippedRecord{file.relativePath, file.stamp,
                                      analysis.skipReason.isEmpty() ? QStringLiteral("not a readable image")
                                                                    : analysis.skipReason};
                }
                std::lock_guard lock(state->mutex);
                state->results.push_back(std::move(result));
                state->ready.notify_one();
            }
            std::lock_guard lock(state->mutex);
            --state->activeWorkers;
            state->ready.notify_one();
        });
    }
    bool writable = true;
    for (;;) {
        QVector<MediaRecord> media;
        QVector<SkippedRecord> skipped;
        bool last = false;
        {
            std::unique_lock lock(state->mutex);
            state->ready.wait_for(lock, std::chrono::milliseconds(500), [&] {
                return int(state->results.size()) >= kBatchSize || state->activeWorkers == 0;
            });
            while (!state->results.empty()) {
                FileResult r = std::move(state->results.front());
                state->results.pop_front();
                if (r.ok)
                    media.append(std::move(r.media));
                else
                    skipped.append(std::move(r.skipped));
            }
            last = state->activeWorkers == 0 && state->results.empty();
        }
        if (writable && !(media.isEmpty() && skipped.isEmpty())) {
            writable = m_catalogue.writeBatch(datasetId, media, skipped); // false: the dataset was deleted
            finished += media.size() + skipped.size();
            if (writable) {
                m_catalogue.setProgress(datasetId, percent(finished, total));
                m_catalogue.refreshCounts(datasetId);
            }
        }
        if (last)
            break;
    }
    if (!writable)
        return failUnlessDeleted(datasetId);
    if (cancelled(datasetId))
        return; // stays INDEXING: the next start resumes from what was committed

    const QStringList paths = m_catalogue.mediaStamps(datasetId, &readError).keys();
    if (!readError.isEmpty())
        return fail(datasetId, readError);
    if (!m_catalogue.setLabels(datasetId, FolderScanner::classLabels(paths)) ||
        !writeMissingNameWords(datasetId) || !m_catalogue.refreshCounts(datasetId))
        return fail(datasetId, QStringLiteral("writing labels, name words and counts failed"));
    m_catalogue.setDatasetState(datasetId, DatasetState::Ready, 100);
    if (m_onChanged)
        m_onChanged(datasetId);
}

// Files indexed before the catalogue had tags (schema < 4) are not analysed again; their names still are.
bool Indexer::writeMissingNameWords(const QString& datasetId) {
    QHash<qint64, QStringList> words;
    const QHash<qint64, QString> untagged = m_catalogue.untaggedMedia(datasetId, TagSource::Name);
    for (auto it = untagged.cbegin(); it != untagged.cend(); ++it) {
        QStringList w = FileNameWords::fromPath(it.value());
        if (!w.isEmpty())
            words.insert(it.key(), w);
    }
    return words.isEmpty() || m_catalogue.setTags(datasetId, TagSource::Name, words);
}

} // namespace vl::engine
