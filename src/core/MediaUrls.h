#pragma once

#include <QString>
#include <QUrl>

namespace vl {

// Rules for links to media (thumbnails, originals, downloads), shared by every request.
namespace MediaUrls {

// The URL without the parameters that sign it (our engine's sig/expires, CDN and bucket signatures):
// what identifies an image across re-signed links.
QUrl stable(const QUrl& url);

// Why following a redirect from `from` to `to` is refused (not http(s), or HTTPS -> HTTP), or empty
// when it may be followed. Who gets the token on the next hop is decided separately (same origin).
QString redirectRefusal(const QUrl& from, const QUrl& to);

} // namespace MediaUrls

} // namespace vl
