#include "Theme.h"

#include <QActionGroup>
#include <QMenu>
#include <QSettings>

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace vl {

static Theme::Mode currentMode = Theme::Mode::System;
static QPalette systemPalette;
static bool systemPaletteSaved = false;

static QPalette lightPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xea, 0xed, 0xf1));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf0));
    p.setColor(QPalette::ToolTipText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::PlaceholderText, QColor(0x6a, 0x73, 0x7d));
    p.setColor(QPalette::Text, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Button, QColor(0xfa, 0xfb, 0xfc));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Highlight, QColor(0x3b, 0x6e, 0xc2));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x2a, 0x5d, 0xb0));
    p.setColor(QPalette::Mid, QColor(0xb8, 0xbf, 0xc7));
    p.setColor(QPalette::Midlight, QColor(0xdc, 0xe1, 0xe6));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0xa0, 0xa6, 0xad));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa6, 0xad));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xa0, 0xa6, 0xad));
    return p;
}

static QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x22, 0x25, 0x2a));
    p.setColor(QPalette::WindowText, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::Base, QColor(0x1a, 0x1c, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2f, 0x35));
    p.setColor(QPalette::ToolTipBase, QColor(0x2b, 0x2f, 0x35));
    p.setColor(QPalette::ToolTipText, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x93, 0x9c));
    p.setColor(QPalette::Text, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::Button, QColor(0x2d, 0x31, 0x37));
    p.setColor(QPalette::ButtonText, QColor(0xe3, 0xe6, 0xea));
    p.setColor(QPalette::Highlight, QColor(0x4f, 0x86, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7d, 0xaa, 0xf0));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x50, 0x58));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3f, 0x46));
    p.setColor(QPalette::Light, QColor(0x40, 0x45, 0x4c));
    p.setColor(QPalette::Dark, QColor(0x15, 0x17, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x0d, 0x0e, 0x10));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6b, 0x72, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6b, 0x72, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6b, 0x72, 0x7a));
    return p;
}

void Theme::apply(Mode mode) {
    if (!systemPaletteSaved) {
        systemPalette = QApplication::palette();
        systemPaletteSaved = true;
    }
    currentMode = mode;
    if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    switch (mode) {
    case Mode::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Mode::Dark:
        QApplication::setPalette(darkPalette());
        break;
    case Mode::System:
        QApplication::setPalette(systemPalette);
        break;
    }
}

Theme::Mode Theme::current() {
    return currentMode;
}

QString Theme::toString(Mode mode) {
    switch (mode) {
    case Mode::Light:
        return QStringLiteral("light");
    case Mode::Dark:
        return QStringLiteral("dark");
    case Mode::System:
        break;
    }
    return QStringLiteral("system");
}

Theme::Mode Theme::fromString(const QString& text) {
    if (text == QLatin1String("light"))
        return Mode::Light;
    if (text == QLatin1String("dark"))
        return Mode::Dark;
    return Mode::System;
}

QString Theme::errorTextStyle() {
    return QStringLiteral("color: %1;").arg(errorColor().name());
}

QString Theme::successTextStyle() {
    return QStringLiteral("color: %1;").arg(successColor().name());
}

QMenu* Theme::createMenu(QWidget* parent) {
    auto* menu = new QMenu(QObject::tr("Theme"), parent);
    auto* group = new QActionGroup(menu);
    const QString currentTheme = toString(current());
    for (const auto& [name, label] : {std::pair{QStringLiteral("system"), QObject::tr("System")},
                                      std::pair{QStringLiteral("light"), QObject::tr("Light")},
                                      std::pair{QStringLiteral("dark"), QObject::tr("Dark")}}) {
        QAction* action = menu->addAction(label);
        action->setCheckable(true);
        action->setChecked(name == currentTheme);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [name = name] {
            apply(fromString(name));
            QSettings().setValue(QStringLiteral("ui/theme"), name);
        });
    }
    return menu;
}

} // namespace vl
