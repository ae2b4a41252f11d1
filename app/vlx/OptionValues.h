#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace vl::cli {

// Validated conversions of option values; nullopt means the value is unusable (the caller reports it).
std::optional<double> parseFraction(const QString& text);                  // a number in [0, 1]
std::optional<int> parseIntInRange(const QString& text, int min, int max); // an integer in [min, max]
QStringList parseList(const QString& text);                                // "a, b,,c" -> [a, b, c]

} // namespace vl::cli
