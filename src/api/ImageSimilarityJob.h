#pragma once

#include "Anchor.h"
#include "ApiJob.h"
#include "BoundingBox.h"
#include "Cluster.h"

#include <optional>

namespace vl {

// POST /api/v1/dataset/{id}/search-image-similarity: multipart field `file`, query entity_type,
// threshold and optional bounding_box (JSON fractions). Emits uploadProgress. Not retried.
class ImageSimilarityJob : public ApiJob {
    Q_OBJECT
public:
    ImageSimilarityJob(ApiClient* client, const QString& datasetId, const QByteArray& imageData,
                       const QString& fileName, EntityType entityType, int granularity,
                       const std::optional<BoundingBox>& box);
    const Anchor& anchor() const { return m_anchor; }

protected:
    bool decode(const QJsonDocument& json) override;

private:
    Anchor m_anchor;
};

} // namespace vl
