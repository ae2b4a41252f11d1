#pragma once

#include "Catalogue.h"
#include "DatasetClaims.h"
#include "ModelRegistry.h"

#include <QHash>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace vl::engine {

// Runs enrichments in the background, one at a time, the images of each on all cores. An enrichment makes
// a new dataset (the "enriched copy") from a READY source: the copy gets the source's catalogue rows (new
// media ids, same files on disk, thumbnails copied from the cache), then detections become object rows
// (pixel boxes, crop descriptors from ImageAnalyzer::embed so objects cluster and search by appearance) and
// tagger outputs become image labels. The source is READ ONLY while it runs and READY afterwards; the copy
// goes INDEXING 0..100 then READY, or ERROR with the reason.
class Enricher {
public:
    // Job status as the enrichment status endpoint reports it.
    struct JobState {
        QString copyId;
        QString sourceId;
        QString status; // RUNNING, COMPLETED, FAILED, ABORTED
        int progress = 0;
        QString message;
    };
    using ChangedCallback = std::function<void(const QString& datasetId)>;

    Enricher(Catalogue& catalogue, DatasetClaims& claims, const ModelRegistry& models,
             QString thumbnailDirectory, ChangedCallback onChanged);
    ~Enricher();

    // Claims the source (see DatasetClaims), checks under the claim that it is READY, creates the copy
    // (INDEXING, progress 0), marks the source READ ONLY and queues the work; the job holds the claims of
    // source and copy until it ends. Returns the copy's id, or an empty string (`error` says why;
    // `conflict` is set when the source is busy or not ready, else the catalogue failed). Both out
    // parameters may be null.
    QString start(const DatasetRecord& source, const EnrichmentRequest& request, QString* error,
                  bool* conflict = nullptr);
    // True while an enrichment reads or writes the dataset (as source or copy).
    bool isRunning(const QString& datasetId) const;
    // The latest job that involved the dataset (as source or copy).
    std::optional<JobState> job(const QString& datasetId) const;
    // Asks a running job to stop; false when nothing runs for the dataset.
    bool abort(const QString& datasetId);
    void stop();
    // Aborts running jobs and refuses new ones without waiting (stop() then waits): the engine winds
    // enrichment down while its HTTP server is still closing.
    void requestStop();
    bool waitForIdle(int timeoutMs) const;

    static constexpr const char* kReadOnly = "READ ONLY";

private:
    struct Job;
    void run(const std::shared_ptr<Job>& job);
    QString enrich(Job& job);
    void finish(Job& job, const QString& error);

    QString claimAndCopy(const DatasetRecord& requested, const std::shared_ptr<Job>& job, QString* error,
                         bool* conflict);

    Catalogue& m_catalogue;
    DatasetClaims& m_claims;
    const ModelRegistry& m_models;
    QString m_thumbnailDirectory;
    ChangedCallback m_onChanged;
    QThreadPool m_controller;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_idle;
    QHash<QString, std::shared_ptr<Job>> m_jobs; // by source id and by copy id
    int m_running = 0;
    std::atomic<bool> m_stopping{false};
};

} // namespace vl::engine
