#include "JsonRead.h"

#include <QRegularExpression>
#include <cmath>

namespace vl::JsonRead {

QString string(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Integral numbers print without an exponent or decimal point ("12", not "12.0" or "1.2e+01").
        if (std::floor(number) == number && std::fabs(number) < 9.0e15)
            return QString::number(static_cast<qint64>(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return {};
    }
}

QString firstString(const QJsonObject& object, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        const QString text = string(object.value(QLatin1String(key)));
        if (!text.isEmpty())
            return text;
    }
    return {};
}

std::optional<double> number(const QJsonValue& value) {
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (std::isfinite(number))
            return number;
        return std::nullopt;
    }
    if (value.isString()) {
        bool ok = false;
        const double number = value.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(number))
            return number;
    }
    return std::nullopt;
}

std::optional<qint64> integer(const QJsonValue& value) {
    if (value.isString()) {
        bool ok = false;
        const qint64 parsed = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return parsed;
    }
    const std::optional<double> parsed = number(value);
    // Beyond 2^53 doubles lose integer precision; such counts are not plausible anyway.
    if (!parsed || std::floor(*parsed) != *parsed || std::fabs(*parsed) > 9.0e15)
        return std::nullopt;
    return static_cast<qint64>(*parsed);
}

double numberOr(const QJsonValue& value, double fallback) {
    return number(value).value_or(fallback);
}

qint64 integerOr(const QJsonValue& value, qint64 fallback) {
    return integer(value).value_or(fallback);
}

std::optional<bool> boolean(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    if (value.isString()) {
        const QString text = value.toString().trimmed().toLower();
        if (text == QLatin1String("true") || text == QLatin1String("1") || text == QLatin1String("yes"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("0") || text == QLatin1String("no"))
            return false;
    }
    return std::nullopt;
}

QJsonObject object(const QJsonValue& value) {
    return value.isObject() ? value.toObject() : QJsonObject();
}

QJsonArray array(const QJsonValue& value) {
    return value.isArray() ? value.toArray() : QJsonArray();
}

static QString nameOfItem(const QJsonValue& item) {
    if (item.isObject()) {
        const QJsonObject object = item.toObject();
        return firstString(object, {"name", "label", "category_name", "tag_name", "value", "id"});
    }
    return string(item);
}

QStringList stringList(const QJsonValue& value) {
    QStringList result;
    if (value.isArray()) {
        for (const QJsonValue& item : value.toArray()) {
            const QString name = nameOfItem(item);
            if (!name.isEmpty())
                result.append(name);
        }
    } else if (value.isObject()) {
        // {"cat": 3, "dog": 1}: the keys are the labels, the values their counts.
        result = value.toObject().keys();
    } else if (value.isString() && !value.toString().isEmpty()) {
        result.append(value.toString());
    }
    return result;
}

QDateTime parseDateTime(const QString& text) {
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*)"
                       R"((Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?\s*$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    const QString fraction = match.captured(7);
    // Microseconds (and finer) are cut to the milliseconds QTime can hold.
    const int milliseconds = fraction.isEmpty() ? 0 : (fraction + QStringLiteral("00")).left(3).toInt();
    const QTime time(match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt(),
                     milliseconds);
    if (!date.isValid() || !time.isValid())
        return {};
    int offsetSeconds = 0;
    const QString zone = match.captured(8);
    if (zone.startsWith(QLatin1Char('+')) || zone.startsWith(QLatin1Char('-'))) {
        const QString digits = zone.mid(1).remove(QLatin1Char(':'));
        offsetSeconds = digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60;
        if (zone.startsWith(QLatin1Char('-')))
            offsetSeconds = -offsetSeconds;
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

QDateTime dateTime(const QJsonValue& value) {
    if (value.isString())
        return parseDateTime(value.toString());
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (!std::isfinite(seconds) || std::fabs(seconds) > 1.0e13)
            return {};
        return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(seconds * 1000.0), Qt::UTC);
    }
    return {};
}

} // namespace vl::JsonRead
