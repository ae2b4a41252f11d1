#pragma once

#include "ApiMessage.h"
#include "Catalogue.h"

#include <optional>

namespace vl::engine {

// A route's dataset: found, or the answer to give instead — 404 when the catalogue has no such dataset,
// 500 with SQLite's reason when the catalogue could not be read (never a 404 for a read error).
class DatasetLookup {
public:
    DatasetLookup(const Catalogue& catalogue, const QString& id);

    explicit operator bool() const { return m_dataset.has_value(); }
    const DatasetRecord& operator*() const { return *m_dataset; }
    const DatasetRecord* operator->() const { return &*m_dataset; }
    const std::optional<DatasetRecord>& record() const { return m_dataset; }
    bool readFailed() const { return !m_readError.isEmpty(); }
    ApiResponse failure() const; // the 404 or 500 to answer when there is no dataset

    static ApiResponse catalogueError(const QString& readError);

private:
    QString m_id;
    QString m_readError; // before m_dataset: the lookup fills it while m_dataset is initialised
    std::optional<DatasetRecord> m_dataset;
};

} // namespace vl::engine
