#pragma once

#include "ExploreRanking.h"
#include "ExploreSelection.h"

#include <QJsonObject>
#include <QUrl>

#include <optional>

namespace vl::engine {

class DatasetSnapshot;
class MediaSigner;

// Explore's answer in the cloud's JSON shape: clusters with up to 9 previews, previews of images and of
// objects (boxes as fractions and pixels), with signed media URLs.
class ExploreJson {
public:
    static constexpr int kPreviewsPerCluster = 9;

    ExploreJson(const MediaSigner& signer, const QUrl& baseUrl)
        : m_signer(signer)
        , m_baseUrl(baseUrl) {}

    // Preview JSON for one item (also the media detail route's body).
    QJsonObject preview(const DatasetSnapshot& snapshot, int index, std::optional<float> score) const;

    // One cluster; `grouping` names the assignment (granularity or duplicates key) in its stable id.
    QJsonObject cluster(const DatasetSnapshot& snapshot, const ExploreRanking::Cluster& cluster,
                        const ExploreSelection& selection, const QString& grouping, int granularity,
                        bool duplicateGroups) const;

private:
    QJsonObject objectPreview(const DatasetSnapshot& snapshot, int index, float score) const;

    const MediaSigner& m_signer;
    QUrl m_baseUrl;
};

} // namespace vl::engine
