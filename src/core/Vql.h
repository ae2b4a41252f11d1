#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QPolygonF>
#include <QString>
#include <QStringList>
#include <optional>

namespace vl {

// Builds the VQL filter array that GET /explore takes in its `vql` parameter. Filters are AND-ed.
class Vql {
public:
    enum class IssueMode { In, Out };
    enum class LabelOp { OneOf, NotOneOf };

    Vql& fullText(const QString& query); // {"text":{"op":"fts","value":q}}
    Vql& semantic(const QString& query, std::optional<double> threshold = {}); // op semantic (+threshold)
    Vql& labels(const QStringList& labels, LabelOp op = LabelOp::OneOf);
    Vql& tags(const QStringList& tagIds); // {"tags":{"op":"is","value":[..]}}
    Vql& issue(const QString& name, std::optional<double> confidenceMin = {},
               std::optional<double> confidenceMax = {}, IssueMode mode = IssueMode::In);
    Vql& duplicates(double similarity); // {"duplicates":{"op":"duplicates","value":x}}
    Vql& uniqueness(double minScore);   // {"uniqueness":{"op":"uniqueness","value":x}}
    // Local engine extension: the items whose embeddings-map position is inside the polygon (map units),
    // {"map_region":{"op":"inside","value":[[x,y],...]}}.
    Vql& mapRegion(const QPolygonF& polygon);

    bool isEmpty() const { return m_filters.isEmpty(); }
    QJsonArray toJson() const { return m_filters; }
    QString toJsonString() const; // compact JSON text
    QStringList describe() const; // "labels: cat, dog", for banners

    static const QStringList&
    knownIssueNames(); // mislabels, outliers, duplicates, blur, dark, bright, normal, label_outlier

private:
    QJsonArray m_filters;
};

} // namespace vl
