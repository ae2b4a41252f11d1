#pragma once

#include <QHash>
#include <QString>

#include <memory>
#include <mutex>

namespace vl::engine {

// Who may change a dataset's lifecycle right now. Deleting, starting a reindex and enriching each hold the
// dataset's claim while they check its state and act on it, so a check can never be overtaken by another
// request between the check and the act (enrichment holds the claims of its source and copy until the job
// ends). A second claimant is refused with the holder's activity, for a 409 that says why.
class DatasetClaims {
public:
    // Released when the last copy of the pointer goes.
    class Claim {
    public:
        Claim(DatasetClaims& owner, QString datasetId)
            : m_owner(owner)
            , m_datasetId(std::move(datasetId)) {}
        ~Claim();
        Claim(const Claim&) = delete;
        Claim& operator=(const Claim&) = delete;

    private:
        DatasetClaims& m_owner;
        QString m_datasetId;
    };

    // Null when another activity holds the dataset; `heldBy` then names it ("enriched", "deleted", ...).
    std::shared_ptr<Claim> tryClaim(const QString& datasetId, const QString& activity, QString* heldBy);
    // The activity holding the dataset, or an empty string.
    QString holder(const QString& datasetId) const;

private:
    void release(const QString& datasetId);

    mutable std::mutex m_mutex;
    QHash<QString, QString> m_activities; // dataset id -> activity of the claim's holder
};

} // namespace vl::engine
