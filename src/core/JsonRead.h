#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>

namespace vl {

// Lenient readers for server JSON. Servers disagree on types (numbers sent as strings, {} where null or
// an array is expected), so every reader accepts the plausible spellings and never fails hard: a wrong
// type yields the "absent" value instead.
namespace JsonRead {

// Strings pass through; null/undefined give an empty string; numbers and booleans are printed.
QString string(const QJsonValue& value);
// First non-empty string among several keys (for renamed fields such as context_id / enrichment_context_id).
QString firstString(const QJsonObject& object, std::initializer_list<const char*> keys);

// A number or a numeric string ("0", " 0.5 "); anything else is absent.
std::optional<double> number(const QJsonValue& value);
// Like number(), but must be integral (2.0 is accepted, 2.5 is not).
std::optional<qint64> integer(const QJsonValue& value);
double numberOr(const QJsonValue& value, double fallback);
qint64 integerOr(const QJsonValue& value, qint64 fallback);
// true/false, "true"/"false"/"1"/"0"/"yes"/"no", numbers (non-zero is true).
std::optional<bool> boolean(const QJsonValue& value);

// Objects and arrays, or empty ones when the value has another type.
QJsonObject object(const QJsonValue& value);
QJsonArray array(const QJsonValue& value);

// Label-like collections: null, {}, {"name": count}, ["a","b"], [{"name": "a"}], or a single string.
// Order is kept for arrays; dictionary keys come in key order.
QStringList stringList(const QJsonValue& value);

// ISO-8601 with or without a zone, with or without (micro)seconds, 'T' or space separated.
// Times without a zone are UTC (the API sends naive UTC timestamps). Unix seconds are accepted too.
// Returns an invalid QDateTime when the value cannot be read.
QDateTime dateTime(const QJsonValue& value);
QDateTime parseDateTime(const QString& text);

} // namespace JsonRead
} // namespace vl
