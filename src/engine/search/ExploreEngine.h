#pragma once

#include "ApiMessage.h"
#include "ExploreRequest.h"

#include <QJsonObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace vl::engine {

class Catalogue;
class DatasetSnapshot;
class MediaSigner;
class OnnxImageEncoder;

// Answers GET /api/v1/explore/{id} over a dataset snapshot: the filters (ExploreFilters) narrow and
// score the items, ranking (ExploreRanking) groups the survivors into the dataset's similarity clusters
// at the requested granularity (or duplicate groups) and orders them, and one page of 100 clusters with
// up to 9 previews each is rendered in the cloud's JSON shape (ExploreJson).
class ExploreEngine {
public:
    ExploreEngine(const Catalogue& catalogue, const MediaSigner& signer, const QUrl& baseUrl)
        : m_catalogue(catalogue)
        , m_signer(signer)
        , m_baseUrl(baseUrl) {}

    ApiResponse explore(const DatasetSnapshot& snapshot, const ExploreRequest& request) const;

    // With an encoder, VQL semantic text ranks by cosine similarity between its text embedding and the
    // items' plug-in image embeddings (MediaRecord::semantic); threshold = minimum similarity.
    void setTextEncoder(std::shared_ptr<const OnnxImageEncoder> encoder) {
        m_textEncoder = std::move(encoder);
    }

    // The items that pass the request's filters, as indexes into the snapshot (filtered exports); nullopt
    // with `error` set when a filter is invalid.
    std::optional<QVector<int>> select(const DatasetSnapshot& snapshot, const ExploreRequest& request,
                                       ApiResponse* error) const;

    // Preview JSON for one media item (also used by the media detail route).
    QJsonObject preview(const DatasetSnapshot& snapshot, int index, std::optional<float> score) const;

private:
    const Catalogue& m_catalogue;
    const MediaSigner& m_signer;
    QUrl m_baseUrl;
    std::shared_ptr<const OnnxImageEncoder> m_textEncoder;
};

} // namespace vl::engine
