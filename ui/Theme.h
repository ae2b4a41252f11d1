#pragma once

#include <QString>

namespace vl {

// Light and dark palettes on the Fusion style (consistent on every platform), or the system look.
class Theme {
public:
    enum class Mode { System, Light, Dark };
    static void apply(Mode mode);
    static Mode current();
    static QString toString(Mode mode);
    static Mode fromString(const QString& text);
};

} // namespace vl
