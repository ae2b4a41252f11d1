#include "EngineContext.h"

namespace vl::engine {

namespace {

// The retiring `status` field, derived from `status_new`.
QString legacyStatus(const QString& status) {
    if (status == DatasetState::Draft)
        return QStringLiteral("NEW");
    if (status == DatasetState::Error)
        return QStringLiteral("FATAL_ERROR");
    if (status == DatasetState::PartialIndex)
        return QStringLiteral("READY");
    return status;
}

QJsonValue orNull(const QString& s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

QString EngineContext::isoTimestamp(const QDateTime& time) {
    return time.isValid()
               ? time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("000")
               : QString();
}

std::shared_ptr<const OnnxImageEncoder> EngineContext::textEncoderFor(const DatasetRecord& dataset) const {
    const QString id = dataset.enrichment.value(QStringLiteral("MULTIMODEL_IMAGE_ENCODING"));
    auto encoder = id.isEmpty() || !models ? nullptr : models->encoder(id);
    return encoder && encoder->hasTextEncoder() ? encoder : nullptr;
}

QJsonObject EngineContext::datasetJson(const DatasetRecord& d) const {
    const QString preview = catalogue.firstMediaId(d.id);
    QJsonObject json{{"id", d.id},
                     {"display_name", d.displayName},
                     {"description", d.description},
                     {"source_type", "LOCAL"},
                     {"source_uri", d.folder},
                     {"owned_by", "local"},
                     {"created_by", "local"},
                     {"created_at", isoTimestamp(d.createdAt)},
                     {"updated_at", orNull(isoTimestamp(d.updatedAt))},
                     {"filename", QJsonValue::Null},
                     {"sample", QJsonValue::Null},
                     {"status", legacyStatus(d.status)},
                     {"status_new", d.status},
                     {"progress", d.progress},
                     {"n_images", d.imageCount},
                     {"n_objects", d.objectCount},
                     {"n_videos", 0},
                     {"n_skipped", d.skippedCount},
                     {"fatal_error_msg", orNull(d.fatalError)},
                     {"source_dataset_id", orNull(d.sourceDatasetId)},
                     {"preview_uri", preview.isEmpty() ? QString()
                                                       : signer.signedUrl(baseUrl, MediaSigner::thumbnailPath(
                                                                                       preview, 256))}};
    // Local extension: while the learned models still look at a READY dataset's images, how far they got
    // (0-100). Search by object words and visual search get better as it grows.
    if (const auto progress = perceiver ? perceiver->progress(d.id) : std::nullopt) {
        json.insert(QStringLiteral("perception_progress"),
                    progress->total > 0 ? int(progress->done * 100 / progress->total) : 0);
    }
    return json;
}

} // namespace vl::engine
