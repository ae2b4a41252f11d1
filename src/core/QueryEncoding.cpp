#include "QueryEncoding.h"

#include <QUrl>

namespace vl {

void addEncodedQueryItem(QUrlQuery& query, const QString& key, const QString& value) {
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

} // namespace vl
