#pragma once

#include <QString>
#include <QStringList>

namespace vl::engine {

// The words a person put into file and folder names ("Holidays2023/sunsetOverSea.png" -> holidays,
// sunset, over, sea), so a folder is searchable by them on first indexing, before any enrichment. Names
// are split on separators (`_ - .` spaces and other punctuation), camelCase and letter/digit boundaries;
// camera and generic prefixes (IMG, DSC, PXL, GOPR, photo...), numbers, dates, the extension and tokens
// shorter than three letters are dropped; the rest is lower-cased, each word once, in path order.
class FileNameWords {
public:
    static QStringList fromPath(const QString& relativePath); // '/'-separated, relative to the dataset
    static QStringList fromName(const QString& name);         // one name, no extension handling
};

} // namespace vl::engine
