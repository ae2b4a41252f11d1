#include "Vql.h"

#include <QJsonDocument>
#include <QLocale>

namespace vl {

namespace {

QJsonObject filter(const char* key, const QJsonObject& body) {
    return QJsonObject{{QLatin1String(key), body}};
}

QString number(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QStringList stringsOf(const QJsonValue& value) {
    QStringList result;
    for (const QJsonValue& item : value.toArray())
        result.append(item.toString());
    return result;
}

QString describeText(const QJsonObject& body) {
    const QString value = body.value(QLatin1String("value")).toString();
    if (body.value(QLatin1String("op")).toString() == QLatin1String("semantic")) {
        QString text = QStringLiteral("semantic: \"%1\"").arg(value);
        if (body.contains(QLatin1String("threshold")))
            text += QStringLiteral(" (threshold %1)")
                        .arg(number(body.value(QLatin1String("threshold")).toDouble()));
        return text;
    }
    return QStringLiteral("text: \"%1\"").arg(value);
}

QString describeIssue(const QJsonObject& body) {
    QString text = QStringLiteral("issue: %1").arg(body.value(QLatin1String("value")).toString());
    const bool hasMin = body.contains(QLatin1String("confidence_min"));
    const bool hasMax = body.contains(QLatin1String("confidence_max"));
    if (hasMin || hasMax) {
        text += QStringLiteral(" (confidence %1-%2)")
                    .arg(hasMin ? number(body.value(QLatin1String("confidence_min")).toDouble())
                                : QStringLiteral("0"),
                         hasMax ? number(body.value(QLatin1String("confidence_max")).toDouble())
                                : QStringLiteral("1"));
    }
    if (body.value(QLatin1String("mode")).toString() == QLatin1String("out"))
        text += QStringLiteral(", excluded");
    return text;
}

QString describeFilter(const QJsonObject& filter) {
    if (filter.contains(QLatin1String("text")))
        return describeText(filter.value(QLatin1String("text")).toObject());
    if (filter.contains(QLatin1String("labels"))) {
        const QJsonObject body = filter.value(QLatin1String("labels")).toObject();
        const bool negated = body.value(QLatin1String("op")).toString() == QLatin1String("not_one_of");
        return QStringLiteral("%1: %2").arg(
            negated ? QStringLiteral("not labels") : QStringLiteral("labels"),
            stringsOf(body.value(QLatin1String("value"))).join(QStringLiteral(", ")));
    }
    if (filter.contains(QLatin1String("tags"))) {
        const QStringList tags =
            stringsOf(filter.value(QLatin1String("tags")).toObject().value(QLatin1String("value")));
        return QStringLiteral("tags: %1").arg(tags.join(QStringLiteral(", ")));
    }
    if (filter.contains(QLatin1String("issues")))
        return describeIssue(filter.value(QLatin1String("issues")).toObject());
    if (filter.contains(QLatin1String("duplicates"))) {
        const double value =
            filter.value(QLatin1String("duplicates")).toObject().value(QLatin1String("value")).toDouble();
        return QStringLiteral("duplicates: similarity %1").arg(number(value));
    }
    if (filter.contains(QLatin1String("uniqueness"))) {
        const double value =
            filter.value(QLatin1String("uniqueness")).toObject().value(QLatin1String("value")).toDouble();
        return QStringLiteral("uniqueness: at least %1").arg(number(value));
    }
    if (filter.contains(QLatin1String("map_region")))
        return QStringLiteral("map: lasso selection");
    return QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Compact));
}

} // namespace

Vql& Vql::fullText(const QString& query) {
    m_filters.append(
        filter("text", {{QStringLiteral("op"), QStringLiteral("fts")}, {QStringLiteral("value"), query}}));
    return *this;
}

Vql& Vql::semantic(const QString& query, std::optional<double> threshold) {
    QJsonObject body{{QStringLiteral("op"), QStringLiteral("semantic")}, {QStringLiteral("value"), query}};
    // The threshold is optional server-side; sending a default would silently narrow results.
    if (threshold)
        body.insert(QStringLiteral("threshold"), *threshold);
    m_filters.append(filter("text", body));
    return *this;
}

Vql& Vql::labels(const QStringList& labels, LabelOp op) {
    const QString opText = op == LabelOp::NotOneOf ? QStringLiteral("not_one_of") : QStringLiteral("one_of");
    m_filters.append(filter("labels", {{QStringLiteral("op"), opText},
                                       {QStringLiteral("value"), QJsonArray::fromStringList(labels)}}));
    return *this;
}

Vql& Vql::tags(const QStringList& tagIds) {
    m_filters.append(filter("tags", {{QStringLiteral("op"), QStringLiteral("is")},
                                     {QStringLiteral("value"), QJsonArray::fromStringList(tagIds)}}));
    return *this;
}

Vql& Vql::issue(const QString& name, std::optional<double> confidenceMin, std::optional<double> confidenceMax,
                IssueMode mode) {
    QJsonObject body{
        {QStringLiteral("op"), QStringLiteral("issue")},
        {QStringLiteral("value"), name},
        {QStringLiteral("mode"), mode == IssueMode::Out ? QStringLiteral("out") : QStringLiteral("in")}};
    if (confidenceMin)
        body.insert(QStringLiteral("confidence_min"), *confidenceMin);
    if (confidenceMax)
        body.insert(QStringLiteral("confidence_max"), *confidenceMax);
    m_filters.append(filter("issues", body));
    return *this;
}

Vql& Vql::duplicates(double similarity) {
    m_filters.append(filter("duplicates", {{QStringLiteral("op"), QStringLiteral("duplicates")},
                                           {QStringLiteral("value"), similarity}}));
    return *this;
}

Vql& Vql::mapRegion(const QPolygonF& polygon) {
    QJsonArray vertices;
    for (const QPointF& p : polygon)
        vertices.append(QJsonArray{p.x(), p.y()});
    m_filters.append(filter("map_region", {{QStringLiteral("op"), QStringLiteral("inside")},
                                           {QStringLiteral("value"), vertices}}));
    return *this;
}

Vql& Vql::uniqueness(double minScore) {
    m_filters.append(filter("uniqueness", {{QStringLiteral("op"), QStringLiteral("uniqueness")},
                                           {QStringLiteral("value"), minScore}}));
    return *this;
}

QString Vql::toJsonString() const {
    return QString::fromUtf8(QJsonDocument(m_filters).toJson(QJsonDocument::Compact));
}

QStringList Vql::describe() const {
    QStringList lines;
    for (const QJsonValue& item : m_filters)
        lines.append(describeFilter(item.toObject()));
    return lines;
}

const QStringList& Vql::knownIssueNames() {
    static const QStringList names = {QStringLiteral("mislabels"),  QStringLiteral("outliers"),
                                      QStringLiteral("duplicates"), QStringLiteral("blur"),
                                      QStringLiteral("dark"),       QStringLiteral("bright"),
                                      QStringLiteral("normal"),     QStringLiteral("label_outlier")};
    return names;
}

} // namespace vl
