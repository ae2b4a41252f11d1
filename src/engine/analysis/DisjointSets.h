#pragma once

#include <algorithm>
#include <numeric>
#include <vector>

namespace vl::engine {

// Union-find over items 0..count-1 (path halving). The smaller index becomes the root, so the result
// does not depend on the order in which pairs are joined.
class DisjointSets {
public:
    explicit DisjointSets(int count)
        : m_parent(size_t(count)) {
        std::iota(m_parent.begin(), m_parent.end(), 0);
    }
    int find(int item) {
        while (m_parent[size_t(item)] != item) {
            m_parent[size_t(item)] = m_parent[size_t(m_parent[size_t(item)])];
            item = m_parent[size_t(item)];
        }
        return item;
    }
    void join(int a, int b) {
        a = find(a);
        b = find(b);
        if (a != b)
            m_parent[size_t(std::max(a, b))] = std::min(a, b);
    }

private:
    std::vector<int> m_parent;
};

} // namespace vl::engine
