#pragma once

#include <QLocale>
#include <QString>

namespace vl {

// The user interface's translations. resources/translations/vl-explorer_<lang>.ts are compiled by lrelease
// at build time and embedded in the binary (":/i18n/vl-explorer_<lang>.qm"), so nothing is installed and
// every package (deb, NSIS, DragNDrop, Flatpak) carries them. Qt's own translations (standard buttons and
// dialogs) are added when the system has them.
class Translations {
public:
    // Installs the translators for `locale` on the running application (they live as long as it does).
    // False when VL Explorer has no translation for the locale; its English text then stays.
    static bool install(const QLocale& locale);

    // The languages compiled in, e.g. {"de", "fr"}.
    static QStringList available();

    static inline const QString kResourceDirectory = QStringLiteral(":/i18n");
    static inline const QString kFilePrefix = QStringLiteral("vl-explorer");
};

} // namespace vl
