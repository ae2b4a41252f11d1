#pragma once

#include "ApiJob.h"

namespace vl {

// GET one media URL (a thumbnail, an original, a signed CDN link) as raw bytes. A job like every
// other: the client's timeout, retry table, hand-followed redirects with the token only on the
// server's own origin; in addition it may be answered from the client's disk cache and refuses
// bodies larger than `maximumBytes`.
class MediaJob : public ApiJob {
    Q_OBJECT
public:
    MediaJob(ApiClient* client, const QUrl& url, qint64 maximumBytes, int timeoutMs = 0);

    QUrl url() const { return m_url; }
    const QByteArray& data() const { return m_data; }
    bool isOversized() const { return m_oversized; }
    // Trying again later cannot help: missing (404/410), a refused redirect, or too large.
    bool isPermanentFailure() const;

protected:
    bool decodeRaw(const QByteArray& body) override;

private:
    QUrl m_url;
    QByteArray m_data;
    bool m_oversized = false;
};

} // namespace vl
