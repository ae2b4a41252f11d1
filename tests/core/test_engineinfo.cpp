#include "EngineInfo.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace vl;

namespace {

EngineInfo sampleInfo() {
    EngineInfo info;
    info.url = QUrl(QStringLiteral("http://127.0.0.1:48123/api/v1"));
    info.apiKey = QStringLiteral("local-key");
    info.apiSecret = QByteArray("local-secret-\xc3\xa9");
    return info;
}

void writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

constexpr QFileDevice::Permissions kOthersOrGroup = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                    QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                    QFileDevice::WriteOther | QFileDevice::ExeOther;

} // namespace

class TestEngineInfo : public QObject {
    Q_OBJECT
private slots:
    void saveThenLoadRoundTrips();
    void saveCreatesOwnerOnlyFile();
    void saveTightensExistingLooseFile();
    void saveCreatesDataDir();
    void loadMissingFile();
    void loadMalformedJson();
    void loadMissingField_data();
    void loadMissingField();
    void loadRejectsBadUrl();
    void loadRejectsNonObject();
};

void TestEngineInfo::saveThenLoadRoundTrips() {
    QTemporaryDir dir;
    QString error;
    QVERIFY2(sampleInfo().save(dir.path(), &error), qPrintable(error));
    const std::optional<EngineInfo> loaded = EngineInfo::load(dir.path(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->url, sampleInfo().url);
    QCOMPARE(loaded->apiKey, sampleInfo().apiKey);
    QCOMPARE(loaded->apiSecret, sampleInfo().apiSecret);
    QCOMPARE(EngineInfo::fileName(), QStringLiteral("engine.json"));
    // Exactly one file: no temporary left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("engine.json")});
    QFile file(EngineInfo::filePath(dir.path()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(json.value(QStringLiteral("url")).toString(), QStringLiteral("http://127.0.0.1:48123/api/v1"));
    QCOMPARE(json.value(QStringLiteral("api_key")).toString(), QStringLiteral("local-key"));
}

void TestEngineInfo::saveCreatesOwnerOnlyFile() {
#ifdef Q_OS_WIN
    QSKIP("POSIX permission bits do not apply on Windows");
#endif
    QTemporaryDir dir;
    QString error;
    QVERIFY2(sampleInfo().save(dir.path(), &error), qPrintable(error));
    const QFileDevice::Permissions permissions = QFile::permissions(EngineInfo::filePath(dir.path()));
    QVERIFY(permissions & QFileDevice::ReadOwner);
    QVERIFY(permissions & QFileDevice::WriteOwner);
    QVERIFY2(!(permissions & kOthersOrGroup), qPrintable(QString::number(int(permissions), 16)));
}

void TestEngineInfo::saveTightensExistingLooseFile() {
#ifdef Q_OS_WIN
    QSKIP("POSIX permission bits do not apply on Windows");
#endif
    QTemporaryDir dir;
    const QString path = EngineInfo::filePath(dir.path());
    writeFile(path, "{}");
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
    QString error;
    QVERIFY2(sampleInfo().save(dir.path(), &error), qPrintable(error));
    QVERIFY(!(QFile::permissions(path) & kOthersOrGroup));
    QVERIFY(EngineInfo::load(dir.path(), &error));
}

void TestEngineInfo::saveCreatesDataDir() {
    QTemporaryDir dir;
    const QString nested = dir.filePath(QStringLiteral("a/b/data"));
    QString error;
    QVERIFY2(sampleInfo().save(nested, &error), qPrintable(error));
    QVERIFY(QFile::exists(EngineInfo::filePath(nested)));
}

void TestEngineInfo::loadMissingFile() {
    QTemporaryDir dir;
    QString error;
    QVERIFY(!EngineInfo::load(dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(error.contains(EngineInfo::filePath(dir.path())));
}

void TestEngineInfo::loadMalformedJson() {
    QTemporaryDir dir;
    writeFile(EngineInfo::filePath(dir.path()), R"({"url": "http://127.0.0.1:1", "api_key": )");
    QString error;
    QVERIFY(!EngineInfo::load(dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("not valid JSON")), qPrintable(error));
}

void TestEngineInfo::loadMissingField_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("url") << QByteArray(R"({"api_key":"k","api_secret":"s"})") << QStringLiteral("\"url\"");
    QTest::newRow("api_key") << QByteArray(R"({"url":"http://127.0.0.1:1","api_secret":"s"})")
                             << QStringLiteral("\"api_key\"");
    QTest::newRow("api_secret null") << QByteArray(
                                            R"({"url":"http://127.0.0.1:1","api_key":"k","api_secret":null})")
                                     << QStringLiteral("\"api_secret\"");
    QTest::newRow("api_key a number")
        << QByteArray(R"({"url":"http://127.0.0.1:1","api_key":5,"api_secret":"s"})")
        << QStringLiteral("\"api_key\" must be a string");
}

void TestEngineInfo::loadMissingField() {
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QTemporaryDir dir;
    writeFile(EngineInfo::filePath(dir.path()), json);
    QString error;
    QVERIFY(!EngineInfo::load(dir.path(), &error));
    QVERIFY2(error.contains(field), qPrintable(error));
}

void TestEngineInfo::loadRejectsBadUrl() {
    QTemporaryDir dir;
    writeFile(EngineInfo::filePath(dir.path()), R"({"url":"ftp://host/x","api_key":"k","api_secret":"s"})");
    QString error;
    QVERIFY(!EngineInfo::load(dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("http")), qPrintable(error));
    writeFile(EngineInfo::filePath(dir.path()), R"({"url":"not a url","api_key":"k","api_secret":"s"})");
    QVERIFY(!EngineInfo::load(dir.path(), &error));
}

void TestEngineInfo::loadRejectsNonObject() {
    QTemporaryDir dir;
    writeFile(EngineInfo::filePath(dir.path()), "[1,2,3]");
    QString error;
    QVERIFY(!EngineInfo::load(dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("JSON object")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestEngineInfo)
#include "test_engineinfo.moc"
