#pragma once

#include <QColor>
#include <QString>

class QMenu;
class QWidget;

namespace vl {

// Light and dark palettes on the Fusion style (consistent on every platform), or the system look.
class Theme {
public:
    enum class Mode { System, Light, Dark };
    static void apply(Mode mode);
    static Mode current();
    static QString toString(Mode mode);
    static Mode fromString(const QString& text);

    // View > Theme: System, Light, Dark; the choice is applied and remembered (ui/theme).
    static QMenu* createMenu(QWidget* parent);

    // Colours that mean the same in every widget (readable on both palettes).
    static QColor errorColor() { return QColor(0xc0, 0x39, 0x2b); }
    static QColor successColor() { return QColor(0x2e, 0x9d, 0x5b); }
    static QString errorTextStyle(); // "color: <error>;" for a QLabel's style sheet
    static QString successTextStyle();
};

} // namespace vl
