#pragma once

#include <QString>

#include <algorithm>
#include <cmath>
#include <vector>

namespace vl::engine {

// Which items survive explore's filters so far and, when a query ranks them, their distance (lower =
// better). Filters narrow it, ranking and the JSON read it.
struct ExploreSelection {
    std::vector<char> alive;
    std::vector<float> score; // NaN = not ranked
    bool ranked = false;
    // When set, items are grouped by these groups instead of similarity clusters (duplicates filter).
    std::vector<int> groups;
    QString groupKey;

    explicit ExploreSelection(int n)
        : alive(size_t(n), 1)
        , score(size_t(n), std::nanf("")) {}
    // With several ranking queries (caption, semantic, anchor) an item is as good as its worst match.
    void rank(int i, float s) {
        score[size_t(i)] = std::isnan(score[size_t(i)]) ? s : std::max(score[size_t(i)], s);
        ranked = true;
    }
    void drop(int i) { alive[size_t(i)] = 0; }
    bool isAlive(int i) const { return alive[size_t(i)] != 0; }
};

} // namespace vl::engine
