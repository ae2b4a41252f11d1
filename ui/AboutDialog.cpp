#include "AboutDialog.h"

#include "Version.h"

#include <QDialogButtonBox>
#include <QJsonObject>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace vl {

namespace {

struct Library {
    const char* name;
    const char* use;
    const char* licence;
};

// What the application links or loads; keep in step with packaging/bootstrap.sh and the README.
const Library kLibraries[] = {
    {"Qt 6", QT_TRANSLATE_NOOP("vl::AboutDialog", "user interface, networking, image formats"), "LGPL-3.0"},
    {"QtKeychain", QT_TRANSLATE_NOOP("vl::AboutDialog", "credentials in the system keychain"),
     "BSD-3-Clause"},
    {"OpenCV 4.6", QT_TRANSLATE_NOOP("vl::AboutDialog", "image analysis and neural network runtime"),
     "Apache-2.0"},
    {"cpp-httplib", QT_TRANSLATE_NOOP("vl::AboutDialog", "the local engine's HTTP server"), "MIT"},
    {"SQLite (FTS5)", QT_TRANSLATE_NOOP("vl::AboutDialog", "the local engine's catalogue"), "Public domain"},
    {"libzip", QT_TRANSLATE_NOOP("vl::AboutDialog", "exports"), "BSD-3-Clause"},
    {"WordNet 3.0", QT_TRANSLATE_NOOP("vl::AboutDialog", "word meanings for semantic search"),
     "WordNet 3.0 licence (Princeton University)"},
    {"Tesseract 5", QT_TRANSLATE_NOOP("vl::AboutDialog", "reading text in images"), "Apache-2.0"},
    {"Tesseract English data", QT_TRANSLATE_NOOP("vl::AboutDialog", "the text reader's model (tessdata)"),
     "Apache-2.0"},
    {"Leptonica", QT_TRANSLATE_NOOP("vl::AboutDialog", "image input of Tesseract"), "BSD-2-Clause"},
    {"OpenCV data",
     QT_TRANSLATE_NOOP("vl::AboutDialog", "classical detectors used without the learned models"),
     "BSD-3-Clause (Intel License Agreement)"},
};

QString escaped(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString().toHtmlEscaped();
}

} // namespace

QString AboutDialog::html(const QJsonArray& models) {
    QString text = tr("<h2>VL Explorer %1</h2><p>A native browser for Visual Layer datasets, with a built-in "
                      "engine for folders on this computer.</p><p>Running on Qt %2.</p>")
                       .arg(QStringLiteral(VL_VERSION), QString::fromLatin1(qVersion()));
    text += tr("<h3>Libraries</h3><table cellspacing=4>");
    for (const Library& library : kLibraries)
        text +=
            QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                .arg(QString::fromUtf8(library.name), tr(library.use), QString::fromUtf8(library.licence));
    text += QStringLiteral("</table>");
    text += tr("<p>The learned models run on OpenCV's DNN module; ONNX Runtime is not used. Converting "
               "them at set-up uses the ONNX Python package (Apache-2.0), which is not shipped.</p>");
    text += tr("<h3>Learned models of the local engine</h3>");
    if (models.isEmpty()) {
        text += tr("<p>None installed: run <code>packaging/models/prepare-models.sh "
                   "~/.local/share/vl-explorer/models</code> from a source checkout (or "
                   "<code>packaging/bootstrap.sh</code>), then restart.</p>");
        return text;
    }
    text += tr("<table cellspacing=4><tr><th align=left>Model</th><th align=left>From</th>"
               "<th align=left>Upstream</th><th align=left>Licence</th></tr>");
    for (const auto& value : models) {
        const QJsonObject m = value.toObject();
        const QString state =
            m.value(QLatin1String("available")).toBool() ? QString() : tr(" (not installed)");
        text += QStringLiteral("<tr><td><b>%1</b>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(escaped(m, "id"), state, escaped(m, "package"), escaped(m, "upstream"),
                         escaped(m, "licence"));
    }
    text += QStringLiteral("</table>");
    return text;
}

AboutDialog::AboutDialog(const QJsonArray& models, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("About VL Explorer"));
    auto* browser = new QTextBrowser(this);
    browser->setObjectName(QStringLiteral("aboutText"));
    browser->setOpenExternalLinks(true);
    browser->setHtml(html(models));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    resize(760, 560);
}

} // namespace vl
