#include "Enricher.h"

#include "EnrichmentTypes.h"
#include "FaceDetector.h"
#include "ImageAnalyzer.h"
#include "ImageDecoder.h"
#include "Indexer.h"
#include "ObjectCrop.h"
#include "ObjectDetector.h"
#include "PerceptionPipeline.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>
#include <QtConcurrent>

namespace vl::engine {

namespace {

constexpr int kChunk = 16; // images analysed between progress updates and abort checks

// What one image yields.
struct ImageResult {
    qint64 row = 0;
    QString relativePath;
    QVector<ObjectRecord> objects;
    QString tag;       // the image's label in the copy (first tag)
    QStringList tags;  // built-in tagger: what the image shows
    QStringList words; // TEXT_RECOGNITION: words read in the image
    QVector<float> semantic;
};

} // namespace

struct Enricher::Job {
    DatasetRecord source;
    QString copyId;
    EnrichmentRequest request;
    std::atomic<bool> aborted{false};
    std::atomic<int> progress{0};
    QString status = QStringLiteral("RUNNING");
    QString message;
    std::vector<std::shared_ptr<DatasetClaims::Claim>> claims; // source and copy, until the job ends
};

Enricher::Enricher(Catalogue& catalogue, DatasetClaims& claims, const ModelRegistry& models,
                   QString thumbnailDirectory, ChangedCallback onChanged)
    : m_catalogue(catalogue)
    , m_claims(claims)
    , m_models(models)
    , m_thumbnailDirectory(std::move(thumbnailDirectory))
    , m_onChanged(std::move(onChanged)) {
    m_controller.setMaxThreadCount(1);
}

Enricher::~Enricher() {
    stop();
}

QString Enricher::start(const DatasetRecord& source, const EnrichmentRequest& request, QString* error,
                        bool* conflict) {
    QString reason;
    bool busy = false;
    auto job = std::make_shared<Job>();
    job->request = request;
    const QString copyId = claimAndCopy(source, job, &reason, &busy);
    if (error)
        *error = reason;
    if (conflict)
        *conflict = busy;
    if (copyId.isEmpty())
        return {};
    {
        std::lock_guard lock(m_mutex);
        m_jobs.insert(job->source.id, job);
        m_jobs.insert(copyId, job);
        ++m_running;
    }
    m_controller.start([this, job] { run(job); });
    return copyId;
}

// The check-and-act of start(): everything from the claim to the READ ONLY source happens while holding the
// source's claim, so a delete or reindex cannot slip in between the READY check and the copy.
QString Enricher::claimAndCopy(const DatasetRecord& requested, const std::shared_ptr<Job>& job,
                               QString* error, bool* conflict) {
    QString activity;
    auto sourceClaim = m_claims.tryClaim(requested.id, QStringLiteral("enriched"), &activity);
    if (!sourceClaim) {
        *conflict = true;
        *error = activity == QLatin1String("enriched")
                     ? QStringLiteral("Dataset %1 is already being enriched").arg(requested.id)
                     : QStringLiteral("Dataset %1 is being %2").arg(requested.id, activity);
        return {};
    }
    // The caller's record may predate a reindex: the state that counts is the one read under the claim.
    QString readError;
    const auto source = m_catalogue.dataset(requested.id, &readError);
    if (!source || source->status != DatasetState::Ready) {
        *conflict = readError.isEmpty();
        *error =
            !readError.isEmpty() ? QStringLiteral("Could not read the catalogue: %1").arg(readError)
            : !source
                ? QStringLiteral("Dataset %1 no longer exists").arg(requested.id)
                : QStringLiteral("Dataset %1 is not ready (status %2)").arg(requested.id, source->status);
        return {};
    }
    DatasetRecord copy;
    copy.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    copy.displayName = QStringLiteral("%1 (enriched)").arg(source->displayName);
    copy.description = source->description;
    copy.folder = source->folder;
    copy.status = DatasetState::Indexing;
    copy.createdAt = QDateTime::currentDateTimeUtc();
    copy.sourceDatasetId = source->id;
    copy.enrichment = source->enrichment;
    copy.objectCount = source->objectCount;
    auto copyClaim = m_claims.tryClaim(copy.id, QStringLiteral("enriched"), nullptr);
    if (!copyClaim || !m_catalogue.insertDataset(copy)) {
        *error = QStringLiteral("Could not record the enriched dataset in the catalogue");
        return {};
    }
    if (!m_catalogue.setDatasetState(source->id, QString::fromLatin1(kReadOnly), 100)) {
        m_catalogue.deleteDataset(copy.id);
        *error = QStringLiteral("Could not mark dataset %1 read-only in the catalogue").arg(source->id);
        return {};
    }
    job->source = *source;
    job->copyId = copy.id;
    job->claims = {std::move(sourceClaim), std::move(copyClaim)};
    return copy.id;
}

std::optional<Enricher::JobState> Enricher::job(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    const auto job = m_jobs.value(datasetId);
    if (!job)
        return std::nullopt;
    return JobState{job->copyId, job->source.id, job->status, job->progress.load(), job->message};
}

bool Enricher::isRunning(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    const auto job = m_jobs.value(datasetId);
    return job && job->status == QLatin1String("RUNNING");
}

bool Enricher::abort(const QString& datasetId) {
    std::lock_guard lock(m_mutex);
    const auto job = m_jobs.value(datasetId);
    if (!job || job->status != QLatin1String("RUNNING"))
        return false;
    job->aborted = true;
    return true;
}

void Enricher::requestStop() {
    m_stopping = true;
    std::lock_guard lock(m_mutex);
    for (const auto& job : std::as_const(m_jobs))
        job->aborted = true;
}

void Enricher::stop() {
    requestStop();
    m_controller.waitForDone();
}

bool Enricher::waitForIdle(int timeoutMs) const {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return m_running == 0; });
}

void Enricher::run(const std::shared_ptr<Job>& job) {
    QString error;
    if (job->aborted)
        error = QStringLiteral("Enrichment aborted");
    else
        error = enrich(*job);
    finish(*job, error);
}

namespace {

// Copies the cached thumbnails of the source's media to the copy's media ids: no image is re-decoded.
void copyThumbnails(const QString& directory, const QString& sourceId, const QString& copyId,
                    const QHash<QString, QString>& ids) {
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        for (int size : {256, 512}) {
            const QString from = Indexer::thumbnailPath(directory, sourceId, it.key(), size);
            const QString to = Indexer::thumbnailPath(directory, copyId, it.value(), size);
            if (!QFileInfo::exists(from))
                continue;
            QDir().mkpath(QFileInfo(to).absolutePath());
            QFile::copy(from, to);
        }
    }
}

// The detectors a request asks for; object detection already includes faces.
struct Detectors {
    std::unique_ptr<Detector> objects;
    std::unique_ptr<Detector> faces;
    std::shared_ptr<const OnnxImageTagger> tagger;
    std::shared_ptr<const OnnxImageEncoder> encoder;
    bool builtInTagger = false; // tags from the objects and faces found (the perception pass's or fresh)
    bool readText = false;      // TEXT_RECOGNITION
    QHash<qint64, PerceptionRecord> perceived; // by copy media row: what the perception pass already saw

    QString error() const {
        for (const Detector* d : {objects.get(), faces.get()}) {
            if (d && !d->error().isEmpty())
                return d->error();
        }
        return {};
    }
};

Detectors makeDetectors(const EnrichmentRequest& request, const ModelRegistry& models) {
    Detectors d;
    if (request.models.contains(EnrichmentType::ObjectDetection))
        d.objects = std::make_unique<ObjectDetector>();
    else if (request.models.contains(EnrichmentType::FaceDetection))
        d.faces = std::make_unique<FaceDetector>();
    const QString taggerId = request.models.value(EnrichmentType::ImageTagging);
    d.builtInTagger = taggerId == ModelRegistry::ImageTaggerId;
    if (d.builtInTagger && !d.objects)
        d.objects = std::make_unique<ObjectDetector>(); // only used where no perception is stored
    else if (!taggerId.isEmpty())
        d.tagger = models.tagger(taggerId);
    d.readText = request.models.contains(EnrichmentType::TextRecognition);
    if (request.models.contains(EnrichmentType::ImageEncoding))
        d.encoder = models.encoder(request.models.value(EnrichmentType::ImageEncoding));
    return d;
}

ImageResult analyse(const MediaRecord& media, const QString& folder, const Detectors& detectors) {
    ImageResult result;
    result.row = media.row;
    result.relativePath = media.relativePath;
    QFile file(QDir(folder).filePath(media.relativePath));
    if (file.size() > ImageAnalyzer::kMaxFileBytes || !file.open(QIODevice::ReadOnly))
        return result;
    const ImageDecoder::Result decoded =
        ImageDecoder::decode(file.readAll(), ImageAnalyzer::kDefaultMaxPixels);
    if (decoded.image.isNull())
        return result;
    QVector<Detection> found;
    QVector<QVector<float>> faceVectors; // parallel to found: a face's embedding, else empty
    // The perception pass already ran the same detectors on this file: use what it stored.
    const auto stored = detectors.perceived.constFind(media.row);
    if (stored != detectors.perceived.cend() && stored->version == PerceptionPipeline::kVersion) {
        for (const PerceivedObject& o : stored->objects) {
            if (detectors.objects || o.label == QLatin1String("face")) {
                found.append(Detection{o.label, float(o.confidence), o.box});
                faceVectors.append(o.vector);
            }
        }
    } else {
        for (const Detector* d : {detectors.objects.get(), detectors.faces.get()}) {
            if (d)
                found += d->detect(decoded.image);
        }
        for (const Detection& d : found)
            faceVectors.append(d.label == QLatin1String("face")
                                   ? PerceptionPipeline::shared().embedFace(decoded.image, d.box)
                                   : QVector<float>());
    }
    QVector<QRect> boxes;
    for (const Detection& detection : found)
        boxes.append(detection.box);
    const auto embeddings = ObjectCrop::embed(decoded.image, boxes, &ImageAnalyzer::embed);
    for (int i = 0; i < found.size(); ++i) {
        ObjectRecord object;
        object.mediaRow = media.row;
        object.label = found[i].label;
        object.confidence = found[i].confidence;
        object.box = found[i].box;
        object.embedding = embeddings.value(i);
        object.faceEmbedding = faceVectors.value(i);
        result.objects.append(object);
    }
    if (detectors.tagger) {
        const auto tags = detectors.tagger->tag(decoded.image);
        if (!tags.isEmpty())
            result.tag = tags.first().label;
    }
    if (detectors.builtInTagger) {
        // Most confident first, each class once: the first tag becomes the image's label.
        QVector<Detection> byConfidence = found;
        std::stable_sort(byConfidence.begin(), byConfidence.end(),
                         [](const Detection& a, const Detection& b) { return a.confidence > b.confidence; });
        for (const Detection& d : byConfidence) {
            if (!result.tags.contains(d.label))
                result.tags.append(d.label);
        }
        result.tag = result.tags.value(0);
    }
    if (detectors.readText)
        result.words = PerceptionPipeline::shared().readText(decoded.image);
    if (detectors.encoder)
        result.semantic = detectors.encoder->encodeImage(decoded.image);
    return result;
}

} // namespace

QString Enricher::enrich(Job& job) {
    const QHash<QString, QString> ids = m_catalogue.copyMedia(job.source.id, job.copyId);
    if (ids.isEmpty() && job.source.imageCount > 0)
        return QStringLiteral("Could not copy the catalogue rows of dataset %1").arg(job.source.id);
    copyThumbnails(m_thumbnailDirectory, job.source.id, job.copyId, ids);
    if (!m_catalogue.refreshCounts(job.copyId))
        return QStringLiteral("Could not count the copied images");
    job.progress = 5;
    m_catalogue.setProgress(job.copyId, job.progress);

    Detectors detectors = makeDetectors(job.request, m_models);
    if (!detectors.error().isEmpty())
        return detectors.error();
    const bool detecting = job.request.models.contains(EnrichmentType::ObjectDetection) ||
                           job.request.models.contains(EnrichmentType::FaceDetection);
    QString readError;
    detectors.perceived = m_catalogue.perception(job.copyId, &readError); // copied from the source
    if (!readError.isEmpty())
        return QStringLiteral("Could not read the catalogue: %1").arg(readError);
    const QVector<MediaRecord> media = m_catalogue.media(job.copyId, false, &readError);
    if (!readError.isEmpty())
        return QStringLiteral("Could not read the catalogue: %1").arg(readError);
    QThreadPool workers;
    workers.setMaxThreadCount(QThread::idealThreadCount());
    for (int start = 0; start < media.size(); start += kChunk) {
        if (job.aborted)
            return QStringLiteral("Enrichment aborted");
        const QVector<MediaRecord> chunk = media.mid(start, kChunk);
        const QList<ImageResult> results = QtConcurrent::blockingMapped<QList<ImageResult>>(
            &workers, chunk, [&](const MediaRecord& m) { return analyse(m, job.source.folder, detectors); });
        QVector<qint64> rows;
        QVector<ObjectRecord> objects;
        QHash<QString, QString> labels;
        QHash<qint64, QVector<float>> semantic;
        QHash<qint64, QStringList> words;
        for (const ImageResult& r : results) {
            if (detectors.readText)
                words.insert(r.row, r.words);
            if (!r.semantic.isEmpty())
                semantic.insert(r.row, r.semantic);
            rows.append(r.row);
            objects += r.objects;
            if (!r.tag.isEmpty())
                labels.insert(r.relativePath, r.tag);
        }
        if (detecting && !m_catalogue.writeObjects(job.copyId, rows, objects))
            return QStringLiteral("Could not store the detected objects");
        if (!labels.isEmpty() && !m_catalogue.setLabels(job.copyId, labels))
            return QStringLiteral("Could not store the image tags");
        if (!semantic.isEmpty() && !m_catalogue.setSemanticEmbeddings(semantic))
            return QStringLiteral("Could not store the image embeddings");
        if (!words.isEmpty() && !m_catalogue.setTags(job.copyId, TagSource::Ocr, words))
            return QStringLiteral("Could not store the words read in the images");
        job.progress = 5 + int(90.0 * (start + chunk.size()) / media.size());
        m_catalogue.setProgress(job.copyId, job.progress);
    }
    if (detecting && !m_catalogue.refreshObjectCount(job.copyId))
        return QStringLiteral("Could not count the detected objects");
    QHash<QString, QString> applied = job.source.enrichment;
    for (auto it = job.request.models.cbegin(); it != job.request.models.cend(); ++it)
        applied.insert(it.key(), it.value());
    if (!m_catalogue.setEnrichment(job.copyId, applied))
        return QStringLiteral("Could not record the applied enrichment");
    return {};
}

void Enricher::finish(Job& job, const QString& error) {
    if (error.isEmpty()) {
        m_catalogue.setDatasetState(job.copyId, DatasetState::Ready, 100);
    } else {
        m_catalogue.setDatasetState(job.copyId, DatasetState::Error, job.progress, error);
    }
    if (const auto source = m_catalogue.dataset(job.source.id);
        source && source->status == QLatin1String(kReadOnly))
        m_catalogue.setDatasetState(job.source.id, DatasetState::Ready, 100);
    if (m_onChanged) {
        m_onChanged(job.copyId);
        m_onChanged(job.source.id);
    }
    std::lock_guard lock(m_mutex);
    job.claims.clear(); // the datasets may be deleted or reindexed again
    job.status = error.isEmpty() ? QStringLiteral("COMPLETED")
                 : job.aborted   ? QStringLiteral("ABORTED")
                                 : QStringLiteral("FAILED");
    job.message = error;
    job.progress = error.isEmpty() ? 100 : job.progress.load();
    --m_running;
    m_idle.notify_all();
}

} // namespace vl::engine
