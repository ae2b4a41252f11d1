#include "BoundingBox.h"

#include "JsonRead.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <algorithm>
#include <array>
#include <cmath>

namespace vl {

namespace {

// Rounding in clients that compute x + width can overshoot 1 by a hair; that is still a valid box.
constexpr double kTolerance = 1e-9;

bool nearlyEqual(double a, double b) {
    return std::fabs(a - b) <= kTolerance;
}

QString shortestNumber(double value) {
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

using Quad = std::array<double, 4>;

// Decides between fractions and pixels: any value above 1 means pixels.
std::optional<BoundingBox> boxFromQuad(const Quad& values, const QSize& imageSize) {
    for (double value : values) {
        if (!std::isfinite(value) || value < 0)
            return std::nullopt;
    }
    if (values[2] <= 0 || values[3] <= 0)
        return std::nullopt;
    const bool pixels = std::any_of(values.begin(), values.end(), [](double v) { return v > 1.0; });
    BoundingBox box;
    if (pixels) {
        if (imageSize.width() <= 0 || imageSize.height() <= 0)
            return std::nullopt;
        box = BoundingBox::fromPixels(QRectF(values[0], values[1], values[2], values[3]), imageSize);
    } else {
        box = BoundingBox{values[0], values[1], values[2], values[3]};
    }
    // A box poking out of the image is clipped; one entirely outside it is rejected.
    box = box.clamped();
    if (!box.isValid())
        return std::nullopt;
    return box;
}

std::optional<Quad> quadFromObject(const QJsonObject& object) {
    const auto read = [&object](const char* name, const char* shortName) {
        const QJsonValue value = object.contains(QLatin1String(name))
                                     ? object.value(QLatin1String(name))
                                     : object.value(QLatin1String(shortName));
        return JsonRead::number(value);
    };
    const std::optional<double> x = read("x", "left");
    const std::optional<double> y = read("y", "top");
    const std::optional<double> width = read("width", "w");
    const std::optional<double> height = read("height", "h");
    if (!x || !y || !width || !height)
        return std::nullopt;
    return Quad{*x, *y, *width, *height};
}

std::optional<Quad> quadFromArray(const QJsonArray& array) {
    if (array.size() != 4)
        return std::nullopt;
    Quad quad{};
    for (int i = 0; i < 4; ++i) {
        const std::optional<double> value = JsonRead::number(array.at(i));
        if (!value)
            return std::nullopt;
        quad[static_cast<size_t>(i)] = *value;
    }
    return quad;
}

std::optional<Quad> quadFromCsv(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    if (parts.size() != 4)
        return std::nullopt;
    Quad quad{};
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        quad[static_cast<size_t>(i)] = parts.at(i).toDouble(&ok);
        if (!ok)
            return std::nullopt;
    }
    return quad;
}

} // namespace

bool BoundingBox::isValid() const {
    const bool finite = std::isfinite(x) && std::isfinite(y) && std::isfinite(width) && std::isfinite(height);
    return finite && x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= 1.0 + kTolerance &&
           y + height <= 1.0 + kTolerance;
}

bool BoundingBox::isWholeImage() const {
    return nearlyEqual(x, 0) && nearlyEqual(y, 0) && nearlyEqual(width, 1) && nearlyEqual(height, 1);
}

BoundingBox BoundingBox::clamped() const {
    const double left = std::clamp(x, 0.0, 1.0);
    const double top = std::clamp(y, 0.0, 1.0);
    const double right = std::clamp(x + width, 0.0, 1.0);
    const double bottom = std::clamp(y + height, 0.0, 1.0);
    return BoundingBox{left, top, std::max(0.0, right - left), std::max(0.0, bottom - top)};
}

QRectF BoundingBox::toPixels(const QSize& imageSize) const {
    return QRectF(x * imageSize.width(), y * imageSize.height(), width * imageSize.width(),
                  height * imageSize.height());
}

BoundingBox BoundingBox::fromPixels(const QRectF& rect, const QSize& imageSize) {
    if (imageSize.width() <= 0 || imageSize.height() <= 0)
        return BoundingBox{0, 0, 0, 0}; // invalid: there is nothing to divide by
    const double w = imageSize.width();
    const double h = imageSize.height();
    return BoundingBox{rect.x() / w, rect.y() / h, rect.width() / w, rect.height() / h};
}

QString BoundingBox::toJsonString() const {
    // Written by hand to keep the documented key order (QJsonDocument would sort the keys).
    return QStringLiteral("{\"x\":%1,\"y\":%2,\"width\":%3,\"height\":%4}")
        .arg(shortestNumber(x), shortestNumber(y), shortestNumber(width), shortestNumber(height));
}

std::optional<BoundingBox> BoundingBox::parse(const QJsonValue& value, const QSize& imageSize) {
    std::optional<Quad> quad;
    if (value.isObject())
        quad = quadFromObject(value.toObject());
    else if (value.isArray())
        quad = quadFromArray(value.toArray());
    else if (value.isString())
        return parse(value.toString(), imageSize);
    if (!quad)
        return std::nullopt;
    return boxFromQuad(*quad, imageSize);
}

std::optional<BoundingBox> BoundingBox::parse(const QString& text, const QSize& imageSize) {
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            return std::nullopt;
        if (document.isObject())
            return parse(QJsonValue(document.object()), imageSize);
        return parse(QJsonValue(document.array()), imageSize);
    }
    const std::optional<Quad> quad = quadFromCsv(trimmed);
    if (!quad)
        return std::nullopt;
    return boxFromQuad(*quad, imageSize);
}

std::optional<QRectF> BoundingBox::rawRect(const QJsonValue& value) {
    std::optional<Quad> quad;
    if (value.isObject()) {
        quad = quadFromObject(value.toObject());
    } else if (value.isArray()) {
        quad = quadFromArray(value.toArray());
    } else if (value.isString()) {
        const QString trimmed = value.toString().trimmed();
        if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))) {
            const QJsonDocument document = QJsonDocument::fromJson(trimmed.toUtf8());
            if (document.isObject())
                return rawRect(QJsonValue(document.object()));
            if (document.isArray())
                return rawRect(QJsonValue(document.array()));
            return std::nullopt;
        }
        quad = quadFromCsv(trimmed);
    }
    if (!quad)
        return std::nullopt;
    return QRectF((*quad)[0], (*quad)[1], (*quad)[2], (*quad)[3]);
}

bool BoundingBox::looksLikePixels(const QRectF& raw) {
    return raw.x() > 1.0 || raw.y() > 1.0 || raw.width() > 1.0 || raw.height() > 1.0;
}

bool BoundingBox::operator==(const BoundingBox& other) const {
    return nearlyEqual(x, other.x) && nearlyEqual(y, other.y) && nearlyEqual(width, other.width) &&
           nearlyEqual(height, other.height);
}

} // namespace vl
