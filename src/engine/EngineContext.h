#pragma once

#include "Catalogue.h"
#include "DatasetSnapshot.h"
#include "Indexer.h"
#include "MediaSigner.h"

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
    std::unique_ptr<Indexer> indexer;

    // The dataset object as GET /api/v1/dataset/{id} returns it.
    QJsonObject datasetJson(const DatasetRecord& dataset) const;
    static QString isoTimestamp(const QDateTime& time); // 2025-04-24T07:44:46.136915 (no zone)
};

} // namespace vl::engine
