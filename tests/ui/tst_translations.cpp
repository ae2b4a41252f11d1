// The translations compiled into the app: German and French load from the embedded resources and change
// visible text (menu titles of the main window); a language without a translation leaves English.
#include "DatasetStatus.h"
#include "Translations.h"

#include <QtTest>

using vl::Translations;

class TestTranslations : public QObject {
    Q_OBJECT

private:
    static QString mainWindow(const char* text) {
        return QCoreApplication::translate("vl::MainWindow", text);
    }

private slots:
    void cleanup() {
        // Each test installs its own; drop them so the next one starts from English.
        for (QTranslator* t : QCoreApplication::instance()->findChildren<QTranslator*>())
            delete t;
    }

    void embedsGermanAndFrench() {
        const QStringList languages = Translations::available();
        QVERIFY2(languages.contains("de"), qPrintable(languages.join(',')));
        QVERIFY2(languages.contains("fr"), qPrintable(languages.join(',')));
    }

    void germanTranslatesTheMenus() {
        QCOMPARE(mainWindow("&File"), QStringLiteral("&File"));
        QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(mainWindow("&File"), QStringLiteral("&Datei"));
        QCOMPARE(mainWindow("&Help"), QStringLiteral("&Hilfe"));
        QCOMPARE(QCoreApplication::translate("vl::AboutDialog", "About VL Explorer"),
                 QStringLiteral("Über VL Explorer"));
        // The status badges come from src/core, which the translations cover too.
        QCOMPARE(vl::datasetStatusDisplayName(vl::DatasetStatus::Ready), QStringLiteral("Bereit"));
    }

    void frenchTranslatesTheMenus() {
        QVERIFY(Translations::install(QLocale(QLocale::French, QLocale::Switzerland)));
        QCOMPARE(mainWindow("&File"), QStringLiteral("&Fichier"));
        QCOMPARE(mainWindow("Quit"), QStringLiteral("Quitter"));
    }

    void untranslatedLanguageKeepsEnglish() {
        QVERIFY(!Translations::install(QLocale(QLocale::Japanese, QLocale::Japan)));
        QCOMPARE(mainWindow("&File"), QStringLiteral("&File"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
