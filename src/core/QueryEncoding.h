#pragma once

#include <QString>
#include <QUrlQuery>

namespace vl {

// The one way query values are put on the wire. QUrlQuery leaves '+' (and a few other
// sub-delimiters) unencoded and servers decode '+' as a space, so every value is fully
// percent-encoded first: a '+' travels as %2B and a space as %20.
void addEncodedQueryItem(QUrlQuery& query, const QString& key, const QString& value);

} // namespace vl
