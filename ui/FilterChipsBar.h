#pragma once

#include "Vql.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPolygonF>
#include <QVector>
#include <QWidget>

class QHBoxLayout;
class QToolButton;

namespace vl {

// Filters shown as removable chips (labels, tags, issues with a confidence range, duplicates,
// uniqueness), added from a menu. applyTo() adds them to a vl::Vql.
class FilterChipsBar : public QWidget {
    Q_OBJECT
public:
    struct Filter {
        enum class Kind { Labels, Tags, Issue, Duplicates, Uniqueness, MapRegion };
        Kind kind = Kind::Labels;
        QStringList values;         // labels, tag ids, the issue name, or map-region vertices "x,y"
        bool exclude = false;       // labels: not_one_of; issue: mode out
        double low = 0, high = 1;   // issue confidence range; duplicates/uniqueness use `low`
        QString text() const;       // chip text
        QJsonObject toJson() const; // for saved views
        static Filter fromJson(const QJsonObject& json);
        // The embeddings map's lasso (map units) as a filter, and back.
        static Filter mapRegion(const QPolygonF& polygon);
        QPolygonF polygon() const;
    };

    explicit FilterChipsBar(QWidget* parent = nullptr);

    void addFilter(const Filter& filter);
    void removeFilter(int index);
    void clearFilters();
    // Replaces every filter (one filtersChanged(), or none when nothing changes).
    void setFilters(const QVector<Filter>& filters);
    QJsonArray toJson() const;
    static QVector<Filter> filtersFromJson(const QJsonArray& array);
    const QVector<Filter>& filters() const { return m_filters; }
    void applyTo(Vql& vql) const;

signals:
    void filtersChanged();

private:
    void rebuild();
    void addLabels(bool exclude);
    void addTags();
    void addIssue(const QString& issue);
    void addThreshold(Filter::Kind kind);

    QVector<Filter> m_filters;
    QHBoxLayout* m_chips;
    QToolButton* m_addButton;
};

} // namespace vl
