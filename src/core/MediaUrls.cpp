#include "MediaUrls.h"

#include <QStringList>
#include <QUrlQuery>

namespace vl::MediaUrls {

namespace {

// Query parameters that sign a link rather than name an image.
bool isSignatureParameter(const QString& name) {
    static const QStringList exact{QStringLiteral("sig"), QStringLiteral("expires"),
                                   QStringLiteral("signature"), QStringLiteral("key-pair-id"),
                                   QStringLiteral("policy")};
    const QString lower = name.toLower();
    return exact.contains(lower) || lower.startsWith(QLatin1String("x-amz-")) ||
           lower.startsWith(QLatin1String("x-goog-"));
}

} // namespace

QUrl stable(const QUrl& url) {
    if (!url.hasQuery())
        return url;
    QUrlQuery query(url);
    for (const auto& item : query.queryItems()) {
        if (isSignatureParameter(item.first))
            query.removeAllQueryItems(item.first);
    }
    QUrl result = url;
    if (query.isEmpty())
        result.setQuery(QString()); // no dangling '?'
    else
        result.setQuery(query);
    return result;
}

QString redirectRefusal(const QUrl& from, const QUrl& to) {
    if (!to.isValid() || (to.scheme() != QLatin1String("http") && to.scheme() != QLatin1String("https")))
        return QStringLiteral("refused a redirect to %1").arg(to.toDisplayString());
    if (from.scheme() == QLatin1String("https") && to.scheme() == QLatin1String("http"))
        return QStringLiteral("refused a redirect from HTTPS to HTTP (%1)").arg(to.toDisplayString());
    return {};
}

} // namespace vl::MediaUrls
