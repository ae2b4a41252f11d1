#include "JsonFixture.h"
#include "JsonRead.h"

#include <QTest>

using namespace vl;

class TestJsonRead : public QObject {
    Q_OBJECT
private slots:
    void stringAcceptsStringNullAndNumbers();
    void numbersFromNumbersOrNumericStrings();
    void integersRejectFractionsAndGarbage();
    void booleanSpellings();
    void objectAndArrayOfWrongTypeAreEmpty();
    void stringListAcceptsEveryLabelShape_data();
    void stringListAcceptsEveryLabelShape();
    void dateTimes_data();
    void dateTimes();
    void firstStringSkipsEmptyKeys();
};

void TestJsonRead::stringAcceptsStringNullAndNumbers() {
    QCOMPARE(JsonRead::string(QJsonValue(QStringLiteral("abc"))), QStringLiteral("abc"));
    QCOMPARE(JsonRead::string(QJsonValue(QJsonValue::Null)), QString());
    QCOMPARE(JsonRead::string(QJsonValue(QJsonValue::Undefined)), QString());
    QCOMPARE(JsonRead::string(QJsonValue(12)), QStringLiteral("12"));
    QCOMPARE(JsonRead::string(QJsonValue(0.5)), QStringLiteral("0.5"));
    QCOMPARE(JsonRead::string(QJsonValue(true)), QStringLiteral("true"));
    QCOMPARE(JsonRead::string(QJsonValue(QJsonObject{{QStringLiteral("a"), 1}})), QString());
    QCOMPARE(JsonRead::string(QJsonValue(QJsonArray{1, 2})), QString());
}

void TestJsonRead::numbersFromNumbersOrNumericStrings() {
    QCOMPARE(JsonRead::number(QJsonValue(0.25)), std::optional<double>(0.25));
    QCOMPARE(JsonRead::number(QJsonValue(QStringLiteral("0"))), std::optional<double>(0.0));
    QCOMPARE(JsonRead::number(QJsonValue(QStringLiteral(" 0.75 "))), std::optional<double>(0.75));
    QVERIFY(!JsonRead::number(QJsonValue(QStringLiteral("abc"))));
    QVERIFY(!JsonRead::number(QJsonValue(QStringLiteral(""))));
    QVERIFY(!JsonRead::number(QJsonValue(QStringLiteral("nan"))));
    QVERIFY(!JsonRead::number(QJsonValue(QJsonValue::Null)));
    QVERIFY(!JsonRead::number(QJsonValue(QJsonArray{1})));
    QCOMPARE(JsonRead::numberOr(QJsonValue(QJsonValue::Null), -1.0), -1.0);
}

void TestJsonRead::integersRejectFractionsAndGarbage() {
    QCOMPARE(JsonRead::integer(QJsonValue(42)), std::optional<qint64>(42));
    QCOMPARE(JsonRead::integer(QJsonValue(-1)), std::optional<qint64>(-1));
    QCOMPARE(JsonRead::integer(QJsonValue(2.0)), std::optional<qint64>(2));
    QCOMPARE(JsonRead::integer(QJsonValue(QStringLiteral("4203"))), std::optional<qint64>(4203));
    QCOMPARE(JsonRead::integer(QJsonValue(QStringLiteral("7.0"))), std::optional<qint64>(7));
    QCOMPARE(JsonRead::integer(QJsonValue(qint64(5000000000))), std::optional<qint64>(5000000000));
    QVERIFY(!JsonRead::integer(QJsonValue(2.5)));
    QVERIFY(!JsonRead::integer(QJsonValue(1e300)));
    QVERIFY(!JsonRead::integer(QJsonValue(QStringLiteral("12 images"))));
    QVERIFY(!JsonRead::integer(QJsonValue(QJsonObject())));
    QCOMPARE(JsonRead::integerOr(QJsonValue(true), -1), qint64(-1));
}

void TestJsonRead::booleanSpellings() {
    QCOMPARE(JsonRead::boolean(QJsonValue(true)), std::optional<bool>(true));
    QCOMPARE(JsonRead::boolean(QJsonValue(QStringLiteral("False"))), std::optional<bool>(false));
    QCOMPARE(JsonRead::boolean(QJsonValue(QStringLiteral("1"))), std::optional<bool>(true));
    QCOMPARE(JsonRead::boolean(QJsonValue(0)), std::optional<bool>(false));
    QVERIFY(!JsonRead::boolean(QJsonValue(QStringLiteral("maybe"))));
    QVERIFY(!JsonRead::boolean(QJsonValue(QJsonValue::Null)));
}

void TestJsonRead::objectAndArrayOfWrongTypeAreEmpty() {
    QVERIFY(JsonRead::object(QJsonValue(QJsonArray{1, 2})).isEmpty());
    QVERIFY(JsonRead::array(QJsonValue(QJsonObject{{QStringLiteral("a"), 1}})).isEmpty());
    QCOMPARE(JsonRead::array(QJsonValue(QJsonArray{1, 2})).size(), 2);
    QCOMPARE(JsonRead::object(QJsonValue(QJsonObject{{QStringLiteral("a"), 1}})).size(), 1);
}

void TestJsonRead::stringListAcceptsEveryLabelShape_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("null") << QByteArray(R"({"v": null})") << QStringList();
    QTest::newRow("empty dict") << QByteArray(R"({"v": {}})") << QStringList();
    QTest::newRow("dict of counts") << QByteArray(R"({"v": {"dog": 1, "cat": 3}})")
                                    << QStringList{QStringLiteral("cat"), QStringLiteral("dog")};
    QTest::newRow("array of strings") << QByteArray(R"({"v": ["dog", "cat"]})")
                                      << QStringList{QStringLiteral("dog"), QStringLiteral("cat")};
    QTest::newRow("array of objects")
        << QByteArray(R"({"v": [{"name": "dog", "count": 2}, {"category_name": "cat"}, {"x": 1}]})")
        << QStringList{QStringLiteral("dog"), QStringLiteral("cat")};
    QTest::newRow("single string") << QByteArray(R"({"v": "dog"})") << QStringList{QStringLiteral("dog")};
    QTest::newRow("number") << QByteArray(R"({"v": 3})") << QStringList();
    QTest::newRow("array with nulls")
        << QByteArray(R"({"v": [null, "a", ""]})") << QStringList{QStringLiteral("a")};
}

void TestJsonRead::stringListAcceptsEveryLabelShape() {
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    QCOMPARE(JsonRead::stringList(object.value(QStringLiteral("v"))), expected);
}

void TestJsonRead::dateTimes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime base(QDate(2025, 4, 24), QTime(7, 44, 46, 136), Qt::UTC);
    QTest::newRow("naive with microseconds is UTC") << QStringLiteral("2025-04-24T07:44:46.136915") << base;
    QTest::newRow("Z") << QStringLiteral("2025-04-24T07:44:46.136Z") << base;
    QTest::newRow("offset") << QStringLiteral("2025-04-24T09:44:46.136+02:00") << base;
    QTest::newRow("negative offset no colon") << QStringLiteral("2025-04-24T02:44:46.136-0500") << base;
    QTest::newRow("space separator") << QStringLiteral("2025-04-24 07:44:46.136915") << base;
    QTest::newRow("no fraction") << QStringLiteral("2025-04-24T07:44:46")
                                 << QDateTime(QDate(2025, 4, 24), QTime(7, 44, 46), Qt::UTC);
    QTest::newRow("no seconds") << QStringLiteral("2025-04-24T07:44")
                                << QDateTime(QDate(2025, 4, 24), QTime(7, 44), Qt::UTC);
    QTest::newRow("date only") << QStringLiteral("2025-04-24")
                               << QDateTime(QDate(2025, 4, 24), QTime(0, 0), Qt::UTC);
    QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
    QTest::newRow("impossible date") << QStringLiteral("2025-02-30T00:00:00") << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
}

void TestJsonRead::dateTimes() {
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = JsonRead::parseDateTime(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }
    QCOMPARE(JsonRead::dateTime(QJsonValue(text)).isValid(), expected.isValid());
}

void TestJsonRead::firstStringSkipsEmptyKeys() {
    const QJsonObject json = objectFixture(R"({"context_id": "", "enrichment_context_id": "abc"})");
    QCOMPARE(JsonRead::firstString(json, {"context_id", "enrichment_context_id"}), QStringLiteral("abc"));
    QCOMPARE(JsonRead::firstString(json, {"missing"}), QString());
}

QTEST_GUILESS_MAIN(TestJsonRead)
#include "test_jsonread.moc"
