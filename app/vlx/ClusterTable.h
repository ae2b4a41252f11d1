#pragma once

#include "Cluster.h"

#include <QTextStream>

namespace vl::cli {

// The human-readable form of explore results (search and similar): one row per cluster.
void printClusters(QTextStream& out, const ExploreResult& result, int pageNumber);

} // namespace vl::cli
