#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace vl::engine {

class Catalogue;

// Indexes dataset folders in the background: one dataset at a time (like the on-prem engine), its
// images analysed on all cores. Compares the folder with the catalogue so that only new or changed
// files (size/mtime) are analysed, removes files that disappeared, writes results in batches with
// progress, and writes thumbnails to DATA_DIR/thumbs/<dataset>/<media>_{256,512}.<jpg|webp>.
// Work committed before a stop or crash is kept; the next run picks up where it left.
class Indexer {
public:
    static constexpr int kBatchSize = 32;

    using FinishedCallback = std::function<void(const QString& datasetId)>;

    Indexer(Catalogue& catalogue, QString thumbnailDirectory, FinishedCallback onChanged);
    ~Indexer();

    // Marks the dataset INDEXING and queues it (no-op when already queued or running).
    void enqueue(const QString& datasetId);
    bool isBusy(const QString& datasetId) const;
    // Stops work on one dataset (deletion) and waits until nothing more is written for it.
    void cancel(const QString& datasetId);
    // Stops everything; unfinished datasets stay INDEXING and resume on the next start.
    void stop();
    // Tells workers to take no new file, without waiting (stop() then waits); lets the engine wind the
    // indexer down while other parts, such as the HTTP server, are still closing.
    void requestStop() { m_stopping = true; }
    // Blocks until the queue is empty (tests, `vlx add-folder --wait`). False on timeout.
    bool waitForIdle(int timeoutMs) const;

    void setWorkerCount(int count) { m_workers.setMaxThreadCount(count); }
    int analysedFileCount() const { return m_analysed; } // files decoded since construction

    static QString thumbnailSuffix(); // "webp" when Qt can write it, else "jpg"
    static QString thumbnailPath(const QString& thumbnailDirectory, const QString& datasetId,
                                 const QString& mediaId, int size);

private:
    void run(const QString& datasetId);
    bool cancelled(const QString& datasetId) const;
    void fail(const QString& datasetId, const QString& reason); // the dataset goes ERROR with the reason
    void failUnlessDeleted(const QString& datasetId);
    bool writeMissingNameWords(const QString& datasetId); // false when the catalogue write failed

    Catalogue& m_catalogue;
    QString m_thumbnailDirectory;
    FinishedCallback m_onChanged;
    QThreadPool m_controller; // one dataset at a time
    QThreadPool m_workers;    // image analysis on all cores
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_idle;
    QSet<QString> m_pending; // queued or running
    QSet<QString> m_cancelled;
    QString m_running;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_analysed{0};
};

} // namespace vl::engine
