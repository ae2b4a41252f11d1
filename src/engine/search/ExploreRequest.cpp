#include "ExploreRequest.h"

#include "FullTextQuery.h"
#include "QueryNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace vl::engine {

namespace {

const QStringList& issueNames() {
    static const QStringList names = {"mislabels", "outliers", "duplicates", "blur",
                                      "dark",      "bright",   "normal",     "label_outlier"};
    return names;
}

ValidationIssue issue(const QString& field, const QString& message, const QString& type,
                      const QString& input) {
    return QueryNumber::issue(field, message, type, input);
}

// A numeric VQL field within [minimum, maximum]; *problem names the first field that is not.
std::optional<double> number(const QJsonObject& o, const char* key, double minimum, double maximum,
                             QString* problem) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const QString why = v.isDouble() ? QueryNumber::rangeProblem(v.toDouble(), minimum, maximum)
                                     : QStringLiteral("should be a number");
    if (!why.isEmpty()) {
        if (problem->isEmpty())
            *problem = QStringLiteral("%1 %2").arg(QLatin1String(key), why);
        return std::nullopt;
    }
    return v.toDouble();
}

QStringList stringList(const QJsonValue& v) {
    QStringList out;
    if (v.isString())
        out.append(v.toString());
    for (const QJsonValue& item : v.toArray())
        out.append(item.toVariant().toString());
    return out;
}

// {"map_region":{"op":"inside","value":[[x,y],...]}}: 3 to kMaxVertices finite vertices in map units.
std::optional<QPolygonF> mapRegion(const QJsonObject& body, QString* error) {
    constexpr int kMaxVertices = 2000;
    const QJsonArray points = body.value(QStringLiteral("value")).toArray();
    QPolygonF polygon;
    for (const QJsonValue& point : points) {
        const QJsonArray xy = point.toArray();
        const double x = xy.at(0).toDouble(qQNaN());
        const double y = xy.at(1).toDouble(qQNaN());
        if (xy.size() != 2 || !qIsFinite(x) || !qIsFinite(y) || std::abs(x) > 1e6 || std::abs(y) > 1e6)
            break;
        polygon.append(QPointF(x, y));
    }
    if (body.value(QStringLiteral("op")).toString() != QLatin1String("inside") ||
        polygon.size() != points.size() || polygon.size() < 3 || polygon.size() > kMaxVertices) {
        *error = QStringLiteral("VQL map_region filter needs op 'inside' and 3 to %1 [x, y] vertices "
                                "(finite numbers, map units)")
                     .arg(kMaxVertices);
        return std::nullopt;
    }
    return polygon;
}

// Each VQL item is an object holding one filter key (plus an optional "id"); returns the filter or an error.
std::optional<VqlFilter> parseFilter(const QJsonObject& item, QString* error) {
    QStringList keys = item.keys();
    keys.removeAll(QStringLiteral("id"));
    if (keys.size() != 1) {
        *error = keys.isEmpty()
                     ? QStringLiteral("VQL filter has no filter key")
                     : QStringLiteral("VQL filter has several filter keys: %1").arg(keys.join(", "));
        return std::nullopt;
    }
    const QString key = keys.first();
    const QJsonObject body = item.value(key).toObject();
    const QString op = body.value(QStringLiteral("op")).toString();
    QString badNumber; // the first numeric field out of range or not a number
    VqlFilter f;
    if (key == QLatin1String("text")) {
        f.text = body.value(QStringLiteral("value")).toString();
        if (op == QLatin1String("fts")) {
            f.kind = VqlFilter::FullText;
            QString why;
            if (!FullTextQuery::parse(f.text, &why)) {
                *error = QStringLiteral("Invalid full-text query in VQL text filter: %1").arg(why);
                return std::nullopt;
            }
        } else if (op == QLatin1String("semantic")) {
            f.kind = VqlFilter::Semantic;
            f.threshold = number(body, "threshold", 0, 1, &badNumber);
            if (f.text.trimmed().isEmpty()) {
                *error = QStringLiteral("VQL text filter needs a non-empty value");
                return std::nullopt;
            }
        } else {
            *error = QStringLiteral("Unknown VQL text op '%1' (expected fts or semantic)").arg(op);
            return std::nullopt;
        }
    } else if (key == QLatin1String("labels")) {
        f.kind = VqlFilter::Labels;
        f.values = stringList(body.value(QStringLiteral("value")));
        if (op == QLatin1String("one_of") || op == QLatin1String("is")) {
            f.exclude = false;
        } else if (op == QLatin1String("not_one_of") || op == QLatin1String("is_not")) {
            f.exclude = true;
        } else {
            *error = QStringLiteral("Unknown VQL labels op '%1' (expected one_of, not_one_of, is or is_not)")
                         .arg(op);
            return std::nullopt;
        }
    } else if (key == QLatin1String("tags")) {
        f.kind = VqlFilter::Tags;
        f.values = stringList(body.value(QStringLiteral("value")));
        f.exclude = op == QLatin1String("is_not") || op == QLatin1String("not_one_of");
    } else if (key == QLatin1String("issues")) {
        f.kind = VqlFilter::Issue;
        f.text = body.value(QStringLiteral("value")).toString();
        if (!issueNames().contains(f.text)) {
            *error = QStringLiteral("Unknown issue type '%1' (expected one of %2)")
                         .arg(f.text, issueNames().join(", "));
            return std::nullopt;
        }
        f.confidenceMin = number(body, "confidence_min", 0, 1, &badNumber).value_or(0.5);
        f.confidenceMax = number(body, "confidence_max", 0, 1, &badNumber).value_or(1.0);
        const QString mode = body.value(QStringLiteral("mode")).toString(QStringLiteral("in"));
        if (mode != QLatin1String("in") && mode != QLatin1String("out")) {
            *error = QStringLiteral("Unknown issues mode '%1' (expected in or out)").arg(mode);
            return std::nullopt;
        }
        f.exclude = mode == QLatin1String("out");
    } else if (key == QLatin1String("duplicates") || key == QLatin1String("uniqueness")) {
        f.kind = key == QLatin1String("duplicates") ? VqlFilter::Duplicates : VqlFilter::Uniqueness;
        const auto v = number(body, "value", 0, 1, &badNumber);
        if (!v) {
            *error = QStringLiteral("VQL %1 filter needs a value between 0 and 1").arg(key);
            return std::nullopt;
        }
        f.value = *v;
    } else if (key == QLatin1String("similarity")) {
        f.kind = VqlFilter::Similarity;
        f.text = body.value(QStringLiteral("value")).toString();
        f.threshold = number(body, "threshold", 0, 2, &badNumber); // a cosine distance
    } else if (key == QLatin1String("map_region")) {
        f.kind = VqlFilter::MapRegion;
        const auto polygon = mapRegion(body, error);
        if (!polygon)
            return std::nullopt;
        f.polygon = *polygon;
    } else {
        *error = QStringLiteral("Unknown VQL filter '%1'").arg(key);
        return std::nullopt;
    }
    if (!badNumber.isEmpty()) {
        *error = QStringLiteral("VQL %1 filter: %2").arg(key, badNumber);
        return std::nullopt;
    }
    return f;
}

} // namespace

QStringList ExploreRequest::parseList(const QString& text) {
    const QString trimmed = text.trimmed();
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8());
    if (doc.isArray())
        return stringList(doc.array());
    QString inner = trimmed;
    if (inner.startsWith(QLatin1Char('[')) && inner.endsWith(QLatin1Char(']')))
        inner = inner.mid(1, inner.size() - 2);
    QStringList out;
    for (QString item : inner.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        item = item.trimmed();
        if (item.size() >= 2 && (item.startsWith(QLatin1Char('"')) || item.startsWith(QLatin1Char('\''))))
            item = item.mid(1, item.size() - 2);
        if (!item.isEmpty())
            out.append(item);
    }
    return out;
}

std::optional<QVector<VqlFilter>> ExploreRequest::parseVql(const QString& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
        *error = QStringLiteral("VQL must be a JSON array of filter objects");
        return std::nullopt;
    }
    QVector<VqlFilter> filters;
    for (const QJsonValue& item : doc.array()) {
        if (!item.isObject()) {
            *error = QStringLiteral("VQL must be a JSON array of filter objects");
            return std::nullopt;
        }
        auto filter = parseFilter(item.toObject(), error);
        if (!filter)
            return std::nullopt;
        filters.append(*filter);
    }
    return filters;
}

std::optional<bool> ExploreRequest::parseEntityType(const ApiRequest& request,
                                                    QList<ValidationIssue>& issues) {
    const auto value = request.parameter(QStringLiteral("entity_type"));
    if (!value) {
        issues.append(issue("entity_type", "Field required", "missing", QString()));
        return std::nullopt;
    }
    if (*value == QLatin1String("IMAGES"))
        return false;
    if (*value == QLatin1String("OBJECTS"))
        return true;
    issues.append(issue("entity_type", "Input should be 'IMAGES' or 'OBJECTS'", "enum", *value));
    return std::nullopt;
}

std::optional<int> ExploreRequest::parseGranularity(const ApiRequest& request,
                                                    QList<ValidationIssue>& issues) {
    const auto value = request.parameter(QStringLiteral("threshold"));
    if (!value)
        return 0;
    return QueryNumber::integer("threshold", *value, 0, 4, issues);
}

std::optional<int> ExploreRequest::parsePage(const ApiRequest& request, QList<ValidationIssue>& issues) {
    const auto value = request.parameter(QStringLiteral("page_number"));
    if (!value)
        return 0;
    return QueryNumber::integer("page_number", *value, 0, kMaxPage, issues);
}

std::optional<ExploreRequest> ExploreRequest::parse(const ApiRequest& request, ApiResponse* error) {
    QList<ValidationIssue> issues;
    ExploreRequest r;
    const auto objects = parseEntityType(request, issues);
    const auto level = parseGranularity(request, issues);
    r.objects = objects.value_or(false);
    r.granularity = level.value_or(0);

    r.page = parsePage(request, issues).value_or(0);
    r.caption =
        request.hasQuery("caption") ? request.queryValue("caption") : request.queryValue("image_caption");
    if (request.hasQuery("textual_similarity_threshold"))
        r.textualSimilarityThreshold = QueryNumber::real(
            "textual_similarity_threshold", request.queryValue("textual_similarity_threshold"), 0, 1, issues);
    if (request.hasQuery("duplicate_threshold")) {
        // The documented shortcut for the VQL duplicates filter at this similarity.
        if (const auto similarity = QueryNumber::real(
                "duplicate_threshold", request.queryValue("duplicate_threshold"), 0, 1, issues)) {
            VqlFilter duplicates;
            duplicates.kind = VqlFilter::Duplicates;
            duplicates.value = *similarity;
            r.filters.append(duplicates);
        }
    }
    if (request.hasQuery("labels"))
        r.labels = parseList(request.queryValue("labels"));
    if (request.hasQuery("tags")) {
        const QString tags = request.queryValue("tags").trimmed();
        const QStringList list = parseList(tags);
        r.untagged = list == QStringList{QStringLiteral("untagged")};
        r.tags = r.untagged ? QStringList() : list;
    }
    if (request.hasQuery("vql") && !request.queryValue("vql").trimmed().isEmpty()) {
        QString why;
        auto filters = parseVql(request.queryValue("vql"), &why);
        if (filters)
            r.filters += *filters;
        else
            issues.append(issue("vql", why, "value_error", request.queryValue("vql")));
    }
    r.anchorMediaId = request.queryValue("anchor_media_id").trimmed();
    r.anchorType = request.queryValue("anchor_type").trimmed();
    if (!r.anchorMediaId.isEmpty()) {
        if (r.anchorType.isEmpty())
            r.anchorType = QStringLiteral("UPLOAD");
        if (r.anchorType != QLatin1String("UPLOAD") && r.anchorType != QLatin1String("MEDIA"))
            issues.append(issue("anchor_type", "Input should be 'UPLOAD' or 'MEDIA'", "enum", r.anchorType));
    }
    if (!issues.isEmpty()) {
        *error = ApiResponse::validation(issues);
        return std::nullopt;
    }
    return r;
}

} // namespace vl::engine
