#include "TablePrinter.h"

#include <algorithm>

namespace vl::cli {

TablePrinter::TablePrinter(const QStringList& headers)
    : m_headers(headers)
    , m_rightAligned(headers.size(), false) {}

void TablePrinter::setRightAligned(int column, bool rightAligned) {
    if (column >= 0 && column < m_rightAligned.size())
        m_rightAligned[column] = rightAligned;
}

void TablePrinter::addRow(const QStringList& cells) {
    QStringList row = cells;
    while (row.size() < m_headers.size())
        row.append(QString());
    // Control characters from the server (newlines in captions) would break the alignment.
    for (QString& cell : row)
        cell = cell.simplified();
    m_rows.append(row.mid(0, m_headers.size()));
}

void TablePrinter::print(QTextStream& out) const {
    QVector<int> widths(m_headers.size(), 0);
    for (int column = 0; column < m_headers.size(); ++column) {
        widths[column] = int(m_headers[column].size());
        for (const QStringList& row : m_rows)
            widths[column] = std::max(widths[column], int(row[column].size()));
    }
    const auto printLine = [&](const QStringList& cells) {
        QString line;
        for (int column = 0; column < cells.size(); ++column) {
            const bool last = column == cells.size() - 1;
            if (column > 0)
                line += QStringLiteral("  ");
            if (m_rightAligned[column])
                line += cells[column].rightJustified(widths[column]);
            else
                line += last ? cells[column] : cells[column].leftJustified(widths[column]);
        }
        out << line << '\n';
    };
    printLine(m_headers);
    for (const QStringList& row : m_rows)
        printLine(row);
    out.flush();
}

void TablePrinter::printFields(QTextStream& out, const QVector<QPair<QString, QString>>& fields) {
    int width = 0;
    for (const auto& field : fields)
        width = std::max(width, int(field.first.size()));
    for (const auto& field : fields)
        out << (field.first + QLatin1Char(':')).leftJustified(width + 2) << field.second << '\n';
    out.flush();
}

QString TablePrinter::elide(const QString& text, int maxLength) {
    const QString simple = text.simplified();
    if (simple.size() <= maxLength)
        return simple;
    return simple.left(std::max(0, maxLength - 1)) + QChar(0x2026);
}

} // namespace vl::cli
