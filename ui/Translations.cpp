#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace vl {

bool Translations::install(const QLocale& locale) {
    QCoreApplication* app = QCoreApplication::instance();
    if (!app)
        return false;
    // Parented to the application: a translator must outlive every tr() call.
    auto* ours = new QTranslator(app);
    if (!ours->load(locale, kFilePrefix, QStringLiteral("_"), kResourceDirectory)) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    // Standard buttons (OK, Cancel) and dialogs; absent on systems without qt6-translations-l10n.
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return true;
}

QStringList Translations::available() {
    QStringList languages;
    const QString prefix = kFilePrefix + QLatin1Char('_');
    for (const QString& file : QDir(kResourceDirectory).entryList({prefix + QStringLiteral("*.qm")}))
        languages << file.mid(prefix.size()).chopped(3);
    return languages;
}

} // namespace vl
