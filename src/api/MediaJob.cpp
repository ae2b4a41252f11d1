#include "MediaJob.h"

namespace vl {

MediaJob::MediaJob(ApiClient* client, const QUrl& url, qint64 maximumBytes, int timeoutMs)
    : ApiJob(client, Method::Get, QString(), tr("load the image"))
    , m_url(url) {
    setAbsoluteUrl(url);
    setExpectJson(false);
    setPreferCache(true);
    setTimeout(timeoutMs);
    connect(this, &ApiJob::downloadProgress, this, [this, maximumBytes](qint64 received, qint64) {
        if (received > maximumBytes && !m_oversized) {
            m_oversized = true;
            abort();
        }
    });
}

bool MediaJob::isPermanentFailure() const {
    const int status = error().httpStatus;
    return m_oversized || status == 404 || status == 410 || (status >= 300 && status < 400);
}

bool MediaJob::decodeRaw(const QByteArray& body) {
    m_data = body;
    return true;
}

} // namespace vl
