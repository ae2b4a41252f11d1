#include "FileNameWords.h"

#include <QSet>

namespace vl::engine {

namespace {

constexpr int kMinimumLength = 3;

// Prefixes cameras, phones and editors put on every file: they say nothing about the picture.
const QSet<QString>& meaninglessWords() {
    static const QSet<QString> words = {
        "img",  "image", "images", "dsc",  "dscn", "dscf",   "dcim",     "pxl",     "mvimg",    "gopr",
        "gpr",  "imgp",  "pict",   "pic",  "pics", "photo",  "photos",   "picture", "pictures", "vid",
        "mov",  "mvi",   "sam",    "wp",   "edit", "edited", "copy",     "final",   "thumb",    "thumbnail",
        "jpeg", "jpg",   "png",    "heic", "raw",  "burst",  "portrait", "scaled"};
    return words;
}

enum class CharKind { Lower, Upper, Digit, Other };

CharKind kindOf(QChar c) {
    if (c.isDigit())
        return CharKind::Digit;
    if (c.isLetter())
        return c.isUpper() ? CharKind::Upper : CharKind::Lower;
    return CharKind::Other;
}

// Splits at separators, letter/digit changes, lower->Upper ("sunsetOver") and the last capital of an
// acronym followed by a lower-case letter ("HTMLParser" -> HTML, Parser).
QStringList tokens(const QString& name) {
    QStringList out;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty())
            out.append(current);
        current.clear();
    };
    for (int i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        const CharKind kind = kindOf(c);
        if (kind == CharKind::Other) {
            flush();
            continue;
        }
        if (!current.isEmpty()) {
            const CharKind previous = kindOf(current.back());
            const bool digitChange = (kind == CharKind::Digit) != (previous == CharKind::Digit);
            const bool camel = kind == CharKind::Upper && previous == CharKind::Lower;
            const bool acronymEnd = kind == CharKind::Upper && previous == CharKind::Upper &&
                                    i + 1 < name.size() && kindOf(name[i + 1]) == CharKind::Lower;
            if (digitChange || camel || acronymEnd)
                flush();
        }
        current.append(c);
    }
    flush();
    return out;
}

bool isWord(const QString& token) {
    if (token.size() < kMinimumLength || meaninglessWords().contains(token))
        return false;
    return token.front().isLetter(); // numbers and dates (the splitter keeps digits together)
}

} // namespace

QStringList FileNameWords::fromName(const QString& name) {
    QStringList words;
    for (const QString& token : tokens(name)) {
        const QString word = token.toLower();
        if (isWord(word) && !words.contains(word))
            words.append(word);
    }
    return words;
}

QStringList FileNameWords::fromPath(const QString& relativePath) {
    QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return {};
    QString& file = parts.last();
    const int dot = file.lastIndexOf(QLatin1Char('.'));
    if (dot > 0)
        file.truncate(dot); // the extension
    QStringList words;
    for (const QString& part : parts) {
        for (const QString& word : fromName(part)) {
            if (!words.contains(word))
                words.append(word);
        }
    }
    return words;
}

} // namespace vl::engine
