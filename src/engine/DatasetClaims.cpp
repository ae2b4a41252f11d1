#include "DatasetClaims.h"

namespace vl::engine {

DatasetClaims::Claim::~Claim() {
    m_owner.release(m_datasetId);
}

std::shared_ptr<DatasetClaims::Claim> DatasetClaims::tryClaim(const QString& datasetId,
                                                              const QString& activity, QString* heldBy) {
    std::lock_guard lock(m_mutex);
    if (const auto it = m_activities.constFind(datasetId); it != m_activities.constEnd()) {
        if (heldBy)
            *heldBy = it.value();
        return nullptr;
    }
    m_activities.insert(datasetId, activity);
    return std::make_shared<Claim>(*this, datasetId);
}

QString DatasetClaims::holder(const QString& datasetId) const {
    std::lock_guard lock(m_mutex);
    return m_activities.value(datasetId);
}

void DatasetClaims::release(const QString& datasetId) {
    std::lock_guard lock(m_mutex);
    m_activities.remove(datasetId);
}

} // namespace vl::engine
