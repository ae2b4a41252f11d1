#pragma once

#include <QHash>
#include <QQueue>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace vl::engine {

class Catalogue;
class PerceptionPipeline;

// Runs the learned models over a dataset's images after indexing made it READY: COCO objects, faces and the
// learned image embedding, stored per image (Catalogue::writePerception) and turned into searchable tags.
// The dataset stays READY and browsable meanwhile; search results improve as batches land. One dataset at a
// time, images on all cores; work committed before a stop or crash is kept and the rest resumes on the next
// enqueue (images whose stored perception is current are skipped).
class Perceiver {
public:
    static constexpr int kBatchSize = 16;
    static constexpr int kNoticeIntervalMs = 15000;
    using ChangedCallback = std::function<void(const QString& datasetId)>;

    struct Progress {
        qint64 done = 0;
        qint64 total = 0;
    };

    Perceiver(Catalogue& catalogue, const PerceptionPipeline& pipeline, ChangedCallback onChanged);
    ~Perceiver();

    // Queues the dataset (no-op when queued or running, or when no learned model is available).
    void enqueue(const QString& datasetId);
    // Stops work on the dataset and waits until nothing more is written for it (delete, reindex).
    void cancel(const QString& datasetId);
    void stop();
    void requestStop() { m_stopping = true; }
    bool waitForIdle(int timeoutMs) const;
    bool isBusy(const QString& datasetId) const;
    // While the dataset is queued or running: images perceived so far out of all.
    std::optional<Progress> progress(const QString& datasetId) const;

private:
    void runNext();
    void run(const QString& datasetId);
    bool cancelled(const QString& datasetId) const;
    void setProgress(const QString& datasetId, const Progress& progress);

    Catalogue& m_catalogue;
    const PerceptionPipeline& m_pipeline;
    ChangedCallback m_onChanged;
    QThreadPool m_controller;
    QThreadPool m_workers;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_idle;
    QSet<QString> m_pending;
    QQueue<QString> m_queue; // ids waiting for the controller thread, in enqueue order
    QSet<QString> m_cancelled;
    QString m_running;
    QHash<QString, Progress> m_progress;
    std::atomic<bool> m_stopping{false};
};

} // namespace vl::engine
