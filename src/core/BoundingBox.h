#pragma once

#include <QJsonValue>
#include <QRectF>
#include <QSize>
#include <QString>
#include <optional>

namespace vl {

// A box as fractions (0..1) of the image's width and height; the form the search upload takes.
struct BoundingBox {
    double x = 0, y = 0, width = 1, height = 1;

    bool isValid() const; // inside [0,1], positive size
    bool isWholeImage() const;
    BoundingBox clamped() const; // clipped to the unit square
    QRectF toPixels(const QSize& imageSize) const;
    static BoundingBox fromPixels(const QRectF& rect, const QSize& imageSize);
    QString toJsonString() const; // {"x":0.1,"y":0.2,"width":0.5,"height":0.6}
    // Accepts the JSON-fractions object, a JSON string of it, [x,y,w,h] arrays and "x,y,w,h" CSV.
    // Pixel forms (any value > 1) are converted with imageSize when given, else rejected.
    static std::optional<BoundingBox> parse(const QJsonValue& value, const QSize& imageSize = {});
    static std::optional<BoundingBox> parse(const QString& text, const QSize& imageSize = {});
    // The four numbers x, y, width, height exactly as sent (fractions or pixels), from any accepted form.
    static std::optional<QRectF> rawRect(const QJsonValue& value);
    static bool looksLikePixels(const QRectF& raw); // any value above 1
    bool operator==(const BoundingBox& other) const;
};

} // namespace vl
