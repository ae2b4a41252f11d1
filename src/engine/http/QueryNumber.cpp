#include "QueryNumber.h"

#include <QRegularExpression>

#include <cmath>

namespace vl::engine {

namespace {

// Shortest text for a bound, as pydantic prints it (1 not 1.0, 0.5).
QString bound(double value) {
    return QString::number(value, 'g', 12);
}

// The range issue for a parsed value, if any.
std::optional<ValidationIssue> outOfRange(const QString& field, double value, double minimum, double maximum,
                                          const QString& input) {
    if (value < minimum)
        return QueryNumber::issue(
            field, QStringLiteral("Input should be greater than or equal to %1").arg(bound(minimum)),
            QStringLiteral("greater_than_equal"), input);
    if (value > maximum)
        return QueryNumber::issue(
            field, QStringLiteral("Input should be less than or equal to %1").arg(bound(maximum)),
            QStringLiteral("less_than_equal"), input);
    return std::nullopt;
}

} // namespace

ValidationIssue QueryNumber::issue(const QString& field, const QString& message, const QString& type,
                                   const QString& input) {
    ValidationIssue v;
    v.field = field;
    v.message = message;
    v.type = type;
    v.input = input.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(input);
    return v;
}

std::optional<int> QueryNumber::integer(const QString& field, const QString& text, int minimum, int maximum,
                                        QList<ValidationIssue>& issues) {
    // Parsed as 64 bits so a value past int's range is reported as too large, not as unparseable.
    bool ok = false;
    const QString trimmed = text.trimmed();
    const qlonglong value = trimmed.toLongLong(&ok);
    static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
    if (!ok && digits.match(trimmed).hasMatch()) { // an integer beyond 64 bits: too large or too small
        issues.append(*outOfRange(field, trimmed.startsWith(QLatin1Char('-')) ? -HUGE_VAL : HUGE_VAL, minimum,
                                  maximum, text));
        return std::nullopt;
    }
    if (!ok) {
        issues.append(issue(
            field, QStringLiteral("Input should be a valid integer, unable to parse string as an integer"),
            QStringLiteral("int_parsing"), text));
        return std::nullopt;
    }
    if (auto problem = outOfRange(field, double(value), minimum, maximum, text)) {
        issues.append(*problem);
        return std::nullopt;
    }
    return int(value);
}

std::optional<double> QueryNumber::real(const QString& field, const QString& text, double minimum,
                                        double maximum, QList<ValidationIssue>& issues) {
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok) {
        issues.append(
            issue(field, QStringLiteral("Input should be a valid number, unable to parse string as a number"),
                  QStringLiteral("float_parsing"), text));
        return std::nullopt;
    }
    if (!std::isfinite(value)) { // toDouble accepts "nan" and "inf"; NaN would pass every comparison
        issues.append(issue(field, QStringLiteral("Input should be a finite number"),
                            QStringLiteral("finite_number"), text));
        return std::nullopt;
    }
    if (auto problem = outOfRange(field, value, minimum, maximum, text)) {
        issues.append(*problem);
        return std::nullopt;
    }
    return value;
}

QString QueryNumber::rangeProblem(double value, double minimum, double maximum) {
    if (!std::isfinite(value))
        return QStringLiteral("should be a finite number");
    if (value < minimum || value > maximum)
        return QStringLiteral("should be between %1 and %2").arg(bound(minimum), bound(maximum));
    return {};
}

} // namespace vl::engine
