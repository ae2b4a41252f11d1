#pragma once

#include "ExploreSelection.h"

#include <QString>
#include <QVector>

#include <vector>

namespace vl::engine {

class DatasetSnapshot;

// Orders explore's result: the surviving items grouped by a cluster assignment, members best first,
// clusters by their best member's score when a query ranks, then by size, then by path.
class ExploreRanking {
public:
    struct Cluster {
        int id = 0;           // the assignment's cluster number
        QVector<int> members; // surviving items, best first
        QString firstMediaId; // smallest media id of the whole cluster (survivors or not): a stable name
    };

    static QVector<Cluster> order(const DatasetSnapshot& snapshot, const ExploreSelection& selection,
                                  const std::vector<int>& assignment);
};

} // namespace vl::engine
