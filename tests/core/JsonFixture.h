#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Parses a JSON literal used as a fixture; a typo in a fixture fails the test loudly.
inline QJsonDocument parseFixture(const char* json) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad fixture JSON: %s at %d", qPrintable(error.errorString()), error.offset);
    return document;
}

inline QJsonObject objectFixture(const char* json) {
    return parseFixture(json).object();
}

inline QJsonArray arrayFixture(const char* json) {
    return parseFixture(json).array();
}
