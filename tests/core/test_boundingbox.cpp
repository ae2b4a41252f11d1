#include "BoundingBox.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace vl;

Q_DECLARE_METATYPE(vl::BoundingBox)

class TestBoundingBox : public QObject {
    Q_OBJECT
private slots:
    void validity();
    void clampedClipsToUnitSquare();
    void pixelConversionsRoundTrip();
    void fromPixelsWithoutSizeIsInvalid();
    void jsonStringHasDocumentedKeyOrder();
    void parseForms_data();
    void parseForms();
    void parseRejects_data();
    void parseRejects();
    void rawRectKeepsUnits();
};

void TestBoundingBox::validity() {
    QVERIFY(BoundingBox().isValid());
    QVERIFY(BoundingBox().isWholeImage());
    QVERIFY((BoundingBox{0.1, 0.2, 0.5, 0.6}.isValid()));
    QVERIFY(!(BoundingBox{0.1, 0.2, 0.5, 0.6}.isWholeImage()));
    QVERIFY(!(BoundingBox{0.6, 0, 0.5, 0.5}.isValid()));          // sticks out on the right
    QVERIFY(!(BoundingBox{-0.1, 0, 0.5, 0.5}.isValid()));         // negative
    QVERIFY(!(BoundingBox{0, 0, 0, 0.5}.isValid()));              // empty
    QVERIFY((BoundingBox{0.7, 0.7, 0.3 + 1e-12, 0.3}.isValid())); // rounding noise is tolerated
}

void TestBoundingBox::clampedClipsToUnitSquare() {
    QCOMPARE((BoundingBox{0.6, -0.2, 0.6, 0.5}.clamped()), (BoundingBox{0.6, 0, 0.4, 0.3}));
    QVERIFY(!(BoundingBox{1.5, 0, 0.5, 0.5}.clamped().isValid()));
}

void TestBoundingBox::pixelConversionsRoundTrip() {
    const QSize size(2048, 1536);
    const BoundingBox box{0.25, 0.5, 0.5, 0.25};
    QCOMPARE(box.toPixels(size), QRectF(512, 768, 1024, 384));
    QCOMPARE(BoundingBox::fromPixels(QRectF(512, 768, 1024, 384), size), box);
}

void TestBoundingBox::fromPixelsWithoutSizeIsInvalid() {
    QVERIFY(!BoundingBox::fromPixels(QRectF(1, 2, 3, 4), QSize()).isValid());
}

void TestBoundingBox::jsonStringHasDocumentedKeyOrder() {
    QCOMPARE((BoundingBox{0.1, 0.2, 0.5, 0.6}.toJsonString()),
             QStringLiteral(R"({"x":0.1,"y":0.2,"width":0.5,"height":0.6})"));
    QCOMPARE(BoundingBox().toJsonString(), QStringLiteral(R"({"x":0,"y":0,"width":1,"height":1})"));
}

void TestBoundingBox::parseForms_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<BoundingBox>("expected");
    const BoundingBox documented{0.1, 0.2, 0.5, 0.6};
    QTest::newRow("json fractions") << QStringLiteral(R"({"x":0.1,"y":0.2,"width":0.5,"height":0.6})")
                                    << QSize() << documented;
    QTest::newRow("json with string numbers")
        << QStringLiteral(R"({"x":"0.1","y":"0.2","width":"0.5","height":"0.6"})") << QSize() << documented;
    QTest::newRow("short keys") << QStringLiteral(R"({"x":0.1,"y":0.2,"w":0.5,"h":0.6})") << QSize()
                                << documented;
    QTest::newRow("array fractions") << QStringLiteral("[0.1, 0.2, 0.5, 0.6]") << QSize() << documented;
    QTest::newRow("csv fractions") << QStringLiteral("0.1,0.2,0.5,0.6") << QSize() << documented;
    QTest::newRow("csv with spaces") << QStringLiteral(" 0.1, 0.2 , 0.5,0.6 ") << QSize() << documented;
    QTest::newRow("csv pixels (old notebook)")
        << QStringLiteral("0,0,2048,1536") << QSize(2048, 1536) << BoundingBox{0, 0, 1, 1};
    QTest::newRow("array pixels") << QStringLiteral("[100, 50, 200, 100]") << QSize(1000, 500)
                                  << BoundingBox{0.1, 0.1, 0.2, 0.2};
    QTest::newRow("pixels poking out are clipped")
        << QStringLiteral("900,0,200,100") << QSize(1000, 500) << BoundingBox{0.9, 0, 0.1, 0.2};
}

void TestBoundingBox::parseForms() {
    QFETCH(QString, text);
    QFETCH(QSize, size);
    QFETCH(BoundingBox, expected);
    const std::optional<BoundingBox> parsed = BoundingBox::parse(text, size);
    QVERIFY(parsed);
    QCOMPARE(*parsed, expected);
    // The same text as a JSON string value parses identically.
    const std::optional<BoundingBox> fromValue = BoundingBox::parse(QJsonValue(text), size);
    QVERIFY(fromValue);
    QCOMPARE(*fromValue, expected);
}

void TestBoundingBox::parseRejects_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QSize>("size");
    QTest::newRow("pixels without size") << QStringLiteral("0,0,2048,1536") << QSize();
    QTest::newRow("three numbers") << QStringLiteral("0.1,0.2,0.5") << QSize();
    QTest::newRow("words") << QStringLiteral("a,b,c,d") << QSize();
    QTest::newRow("negative") << QStringLiteral("-0.1,0.2,0.5,0.5") << QSize();
    QTest::newRow("zero width") << QStringLiteral("0.1,0.2,0,0.5") << QSize();
    QTest::newRow("missing key") << QStringLiteral(R"({"x":0.1,"y":0.2,"width":0.5})") << QSize();
    QTest::newRow("broken json") << QStringLiteral(R"({"x":0.1,)") << QSize();
    QTest::newRow("outside image") << QStringLiteral("1200,0,100,100") << QSize(1000, 500);
    QTest::newRow("empty") << QString() << QSize();
}

void TestBoundingBox::parseRejects() {
    QFETCH(QString, text);
    QFETCH(QSize, size);
    QVERIFY(!BoundingBox::parse(text, size));
}

void TestBoundingBox::rawRectKeepsUnits() {
    QCOMPARE(BoundingBox::rawRect(QJsonValue(QJsonArray{211, 109, 144, 51})),
             std::optional<QRectF>(QRectF(211, 109, 144, 51)));
    QVERIFY(BoundingBox::looksLikePixels(QRectF(211, 109, 144, 51)));
    QVERIFY(!BoundingBox::looksLikePixels(QRectF(0.1, 0.2, 0.5, 0.6)));
    QVERIFY(!BoundingBox::rawRect(QJsonValue(QJsonValue::Null)));
    QVERIFY(!BoundingBox::parse(QJsonValue(42)));
}

QTEST_GUILESS_MAIN(TestBoundingBox)
#include "test_boundingbox.moc"
