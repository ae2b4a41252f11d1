#pragma once

#include "ApiMessage.h"

#include <QPolygonF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace vl::engine {

// One VQL filter as the explore endpoint accepts it (filters are AND-ed).
struct VqlFilter {
    enum Kind { FullText, Semantic, Labels, Tags, Issue, Duplicates, Uniqueness, Similarity, MapRegion };
    Kind kind = FullText;
    QString text;                    // FullText/Semantic query, Issue name, Similarity anchor id
    std::optional<double> threshold; // Semantic minimum similarity, Similarity maximum distance
    QStringList values;              // Labels / Tags
    bool exclude = false;            // labels not_one_of / is_not, issues mode "out"
    double confidenceMin = 0.5;      // Issue
    double confidenceMax = 1.0;
    double value = 0; // Duplicates similarity, Uniqueness minimum score
    // MapRegion (local extension): a polygon in EmbeddingsMap units; keeps the items whose map position
    // is inside it (the desktop map's lasso).
    QPolygonF polygon;
};

// GET /api/v1/explore/{id} parameters, validated the way the cloud (FastAPI) does.
struct ExploreRequest {
    static constexpr int kClustersPerPage = 100;
    // page_number's upper bound: 10^8 clusters, far past any dataset, and page * 100 stays within int.
    static constexpr int kMaxPage = 1000000;

    bool objects = false; // entity_type OBJECTS
    int granularity = 0;  // threshold 0..4
    int page = 0;
    QString caption; // `caption` or legacy `image_caption`
    std::optional<double> textualSimilarityThreshold;
    QStringList labels;
    std::optional<QStringList> tags; // "untagged" -> empty list
    bool untagged = false;
    QVector<VqlFilter> filters;
    QString anchorMediaId;
    QString anchorType; // UPLOAD or MEDIA

    // nullopt with a 422 response in *error for anything the cloud would reject.
    static std::optional<ExploreRequest> parse(const ApiRequest& request, ApiResponse* error);

    // Shared by the search upload: entity_type and threshold with the same rules.
    static std::optional<bool> parseEntityType(const ApiRequest& request, QList<ValidationIssue>& issues);
    static std::optional<int> parseGranularity(const ApiRequest& request, QList<ValidationIssue>& issues);
    // page_number, 0..kMaxPage (0 when absent).
    static std::optional<int> parsePage(const ApiRequest& request, QList<ValidationIssue>& issues);
    // The VQL array; nullopt and a message naming the bad filter when malformed or unknown.
    static std::optional<QVector<VqlFilter>> parseVql(const QString& json, QString* error);
    // ["a","b"] (JSON) or [a,b] (legacy) or a bare "a".
    static QStringList parseList(const QString& text);
};

} // namespace vl::engine
