#include "ExploreRanking.h"

#include "DatasetSnapshot.h"

#include <QHash>

#include <algorithm>

namespace vl::engine {

QVector<ExploreRanking::Cluster> ExploreRanking::order(const DatasetSnapshot& snapshot,
                                                       const ExploreSelection& selection,
                                                       const std::vector<int>& assignment) {
    QHash<int, QString> firstMediaOfCluster;
    QHash<int, QVector<int>> members;
    QVector<int> order;
    for (int i = 0; i < snapshot.size(); ++i) {
        const int c = assignment[size_t(i)];
        const QString& id = snapshot.items()[i].mediaId;
        auto first = firstMediaOfCluster.find(c);
        if (first == firstMediaOfCluster.end())
            firstMediaOfCluster.insert(c, id);
        else if (id < first.value())
            first.value() = id;
        if (selection.isAlive(i)) {
            if (!members.contains(c))
                order.append(c);
            members[c].append(i);
        }
    }
    auto itemScore = [&](int i) { return selection.score[size_t(i)]; };
    auto byScore = [&](int a, int b) {
        const float sa = itemScore(a), sb = itemScore(b);
        if (std::isnan(sa) != std::isnan(sb))
            return std::isnan(sb);
        if (!std::isnan(sa) && sa != sb)
            return sa < sb;
        return snapshot.items()[a].relativePath < snapshot.items()[b].relativePath;
    };
    for (auto& list : members)
        std::sort(list.begin(), list.end(), byScore);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const QVector<int>& ma = members[a];
        const QVector<int>& mb = members[b];
        if (selection.ranked) {
            const float sa = itemScore(ma.first()), sb = itemScore(mb.first());
            if (sa != sb && !std::isnan(sa) && !std::isnan(sb))
                return sa < sb;
        }
        if (ma.size() != mb.size())
            return ma.size() > mb.size();
        return snapshot.items()[ma.first()].relativePath < snapshot.items()[mb.first()].relativePath;
    });
    QVector<Cluster> clusters;
    clusters.reserve(order.size());
    for (int c : order)
        clusters.append(Cluster{c, members.value(c), firstMediaOfCluster.value(c)});
    return clusters;
}

} // namespace vl::engine
