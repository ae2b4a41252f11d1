#pragma once

#include "ApiMessage.h"

#include <QList>
#include <QString>

#include <optional>

namespace vl::engine {

// Reads one numeric request parameter the way FastAPI validates a bounded int or float: a value that is
// not a number, not finite or outside [minimum, maximum] adds a 422 issue (pydantic's types and messages)
// and yields nullopt. Every number a route reads goes through here, so none can reach arithmetic that
// overflows or indexes out of range.
class QueryNumber {
public:
    static std::optional<int> integer(const QString& field, const QString& text, int minimum, int maximum,
                                      QList<ValidationIssue>& issues);
    static std::optional<double> real(const QString& field, const QString& text, double minimum,
                                      double maximum, QList<ValidationIssue>& issues);
    // Range check of a number already parsed (e.g. from JSON); message empty when it is acceptable.
    static QString rangeProblem(double value, double minimum, double maximum);

    static ValidationIssue issue(const QString& field, const QString& message, const QString& type,
                                 const QString& input);
};

} // namespace vl::engine
