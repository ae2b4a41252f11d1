#pragma once

#include "ApiMessage.h"
#include "ExploreRequest.h"
#include "ExploreSelection.h"

#include <optional>

namespace vl::engine {

class Catalogue;
class DatasetSnapshot;
class OnnxImageEncoder;

// Narrows and scores an ExploreSelection by one explore request: caption, labels, tags, the VQL filters
// and the anchor, AND-ed. Queries that rank (caption, semantic text, similarity, anchor) set scores as
// cosine distances; the duplicates filter replaces the grouping.
class ExploreFilters {
public:
    ExploreFilters(const Catalogue& catalogue, const DatasetSnapshot& snapshot,
                   const OnnxImageEncoder* textEncoder)
        : m_catalogue(catalogue)
        , m_snapshot(snapshot)
        , m_textEncoder(textEncoder) {}

    // nullopt when every filter applied, else the error to answer (bad full-text query, unknown anchor).
    std::optional<ApiResponse> apply(const ExploreRequest& request, ExploreSelection& selection) const;

private:
    std::optional<ApiResponse> applyVql(const VqlFilter& filter, ExploreSelection& selection) const;
    std::optional<ApiResponse> applyFullText(const VqlFilter& filter, ExploreSelection& selection) const;
    void applyCaption(const ExploreRequest& request, ExploreSelection& selection) const;
    void applySemantic(const VqlFilter& filter, ExploreSelection& selection) const;
    void applyEncodedSemantic(const VqlFilter& filter, ExploreSelection& selection) const;
    void applyLabels(const VqlFilter& filter, ExploreSelection& selection) const;
    void applyIssue(const VqlFilter& filter, ExploreSelection& selection) const;
    void applyDuplicates(const VqlFilter& filter, ExploreSelection& selection) const;
    std::optional<ApiResponse> applyAnchor(const QString& anchorId, const QString& anchorType,
                                           std::optional<double> maxDistance,
                                           ExploreSelection& selection) const;
    double issueConfidence(int index, const QString& issue) const;

    const Catalogue& m_catalogue;
    const DatasetSnapshot& m_snapshot;
    const OnnxImageEncoder* m_textEncoder;
};

} // namespace vl::engine
