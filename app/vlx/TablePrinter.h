#pragma once

#include <QStringList>
#include <QTextStream>
#include <QVector>

namespace vl::cli {

// Prints rows as columns aligned on the widest cell; numeric columns are right-aligned.
class TablePrinter {
public:
    explicit TablePrinter(const QStringList& headers);
    void setRightAligned(int column, bool rightAligned = true);
    void addRow(const QStringList& cells);
    int rowCount() const { return int(m_rows.size()); }
    void print(QTextStream& out) const;

    // "key: value" lines with the keys padded to one width.
    static void printFields(QTextStream& out, const QVector<QPair<QString, QString>>& fields);
    static QString elide(const QString& text, int maxLength);

private:
    QStringList m_headers;
    QVector<QStringList> m_rows;
    QVector<bool> m_rightAligned;
};

} // namespace vl::cli
