#include "ShortcutSheet.h"

#include "Icons.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace vl {

ShortcutSheet::ShortcutSheet(QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Keyboard shortcuts"));
    setWindowIcon(icon("keyboard"));
    const QList<QPair<QString, QString>> rows = {
        {tr("Ctrl+F"), tr("Focus the search box (or the dataset filter)")},
        {tr("Ctrl+O"), tr("Open an image for visual search")},
        {tr("Ctrl+V"), tr("Paste an image for visual search (in the search view)")},
        {tr("Arrows, Home, End, Page Up/Down"), tr("Move in the results grid")},
        {tr("Enter"), tr("Open the selected dataset or cluster")},
        {tr("Space"), tr("Preview the selected cluster's first image")},
        {tr("Ctrl+click / Shift+click / drag from a gap"),
         tr("Add to the selection / select a range / rubber band")},
        {tr("Ctrl+A"), tr("Select every card shown")},
        {tr("Ctrl+Shift+F"), tr("Find images similar to the first selected one")},
        {tr("Ctrl+Shift+C"), tr("Compare two selected images side by side")},
        {tr("Ctrl+E"), tr("Export the selected items")},
        {tr("Ctrl+C"), tr("Copy the selected items' file paths (in the grid)")},
        {tr("Ctrl+Shift+O"), tr("Open the selected files' folders in the file manager")},
        {tr("+ / − / 0"), tr("Compare: zoom both images in / out / fit")},
        {tr("Alt+Left"), tr("Back to the dataset list")},
        {tr("F5"), tr("Refresh the dataset list")},
        {tr("Delete"), tr("Delete the selected dataset (asks first)")},
        {tr("In the query image"), tr("Drag: draw a box · drag edges/corners: resize · drag inside: move")},
        {tr("Arrows / Shift+Arrows"), tr("Nudge the box by 1 / 10 pixels; Ctrl+Arrows resize it")},
        {tr("Esc / double-click"), tr("Clear the box / select the whole image")},
        {tr("?"), tr("Show this sheet")},
    };
    QString html = QStringLiteral("<table cellspacing='6'>");
    for (const auto& row : rows) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(row.first.toHtmlEscaped(), row.second.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    auto* label = new QLabel(html, this);
    label->setTextFormat(Qt::RichText);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

} // namespace vl
