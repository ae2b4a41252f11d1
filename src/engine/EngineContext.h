#pragma once

#include "Catalogue.h"
#include "DatasetClaims.h"
#include "DatasetSnapshot.h"
#include "Enricher.h"
#include "ExportTasks.h"
#include "Indexer.h"
#include "MediaSigner.h"
#include "ModelRegistry.h"
#include "Perceiver.h"
#include "ThumbnailWriter.h"

#include <QJsonObject>
#include <QUrl>

#include <memory>

namespace vl::engine {

// The state every route works with. Member order is destruction order in reverse: the indexer
// (which writes to the catalogue) goes first.
struct EngineContext {
    QString dataDirectory;
    QString thumbnailDirectory;
    QUrl baseUrl;
    Catalogue catalogue;
    SnapshotCache snapshots;
    MediaSigner signer;
    DatasetClaims claims;                  // before the enricher, whose jobs hold claims
    ThumbnailWriter thumbnailWriter;       // thumbnails rebuilt on request (cache cleared)
    std::unique_ptr<ModelRegistry> models; // list_models and enrichment validation (DATA_DIR/models plug-ins)
    std::unique_ptr<Perceiver> perceiver;  // learned models over READY datasets; stops after the indexer
    std::unique_ptr<Indexer> indexer;
    std::unique_ptr<Enricher> enricher;
    std::unique_ptr<ExportTasks> exports;

    // The dataset object as GET /api/v1/dataset/{id} returns it.
    QJsonObject datasetJson(const DatasetRecord& dataset) const;
    // The text/image encoder plug-in applied to the dataset (MULTIMODEL_IMAGE_ENCODING), if it has a text
    // encoder: semantic text search then ranks by its embeddings instead of WordNet.
    std::shared_ptr<const OnnxImageEncoder> textEncoderFor(const DatasetRecord& dataset) const;
    static QString isoTimestamp(const QDateTime& time); // 2025-04-24T07:44:46.136915 (no zone)
};

} // namespace vl::engine
