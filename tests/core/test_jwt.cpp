#include "Jwt.h"

#include <QJsonDocument>
#include <QTest>

using namespace vl;

namespace {

const QString kKey = QStringLiteral("vl-key-123");
// UTF-8 for "s3cr3t-é-secret": the secret is used as raw bytes.
const QByteArray kSecret("s3cr3t-\xc3\xa9-secret");
const QDateTime kIssued = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);

// Computed independently with Python 3 (hmac, hashlib, base64, json):
//   h = json.dumps({"alg":"HS256","typ":"JWT","kid":"vl-key-123"}, sort_keys=True, separators=(',',':'))
//   c = json.dumps({"sub":"vl-key-123","iat":1700000000,"exp":1700000600,"iss":"sdk"}, sort_keys=True,
//                  separators=(',',':'))
//   b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()
//   si = b64(h.encode()) + "." + b64(c.encode())
//   token = si + "." + b64(hmac.new(b"s3cr3t-\xc3\xa9-secret", si.encode(), hashlib.sha256).digest())
// QJsonDocument's compact output sorts keys the same way, so mint() must reproduce it byte for byte.
const QByteArray kExpectedToken =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6InZsLWtleS0xMjMiLCJ0eXAiOiJKV1QifQ."
    "eyJleHAiOjE3MDAwMDA2MDAsImlhdCI6MTcwMDAwMDAwMCwiaXNzIjoic2RrIiwic3ViIjoidmwta2V5LTEyMyJ9."
    "onY2WJ9IHv7h8r0DY2ukhyzTciCRfeaMXaHv0Fmj3BI";

// RFC 7515 appendix A.1 (HS256 example): a token produced by someone else's JSON encoder (CRLF, spaces).
const QByteArray kRfcToken =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const QByteArray kRfcKeyHex = "0323354b2b0fa5bc837e0665777ba68f5ab328e6f054c928a90f84b2d2502ebf"
                              "d3fb5a92d20647ef968ab4c377623d223d2e2172052e4f08c0cd9af567d080a3";

QByteArray replacePart(const QByteArray& token, int index, const QByteArray& part) {
    QList<QByteArray> parts = token.split('.');
    parts[index] = part;
    return parts.join('.');
}

} // namespace

class TestJwt : public QObject {
    Q_OBJECT
private slots:
    void mintMatchesIndependentVector();
    void mintedClaimsAndHeader();
    void verifyAcceptsOwnToken();
    void verifyAcceptsRfcVector();
    void tamperedSignatureRejected();
    void tamperedClaimsRejected();
    void wrongSecretRejected();
    void expiredRejected();
    void leewayAllowsSmallSkew();
    void wrongAlgorithmRejected();
    void missingExpiryRejected();
    void malformedTokens_data();
    void malformedTokens();
    void base64UrlRoundTrip();
};

void TestJwt::mintMatchesIndependentVector() {
    QCOMPARE(Jwt::mint(kKey, kSecret, kIssued, 600), kExpectedToken);
}

void TestJwt::mintedClaimsAndHeader() {
    const std::optional<Jwt::Decoded> decoded = Jwt::decode(Jwt::mint(kKey, kSecret, kIssued, 3600));
    QVERIFY(decoded);
    QCOMPARE(decoded->header.value(QStringLiteral("alg")).toString(), QStringLiteral("HS256"));
    QCOMPARE(decoded->header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(decoded->header.value(QStringLiteral("kid")).toString(), kKey);
    QCOMPARE(decoded->claims.value(QStringLiteral("sub")).toString(), kKey);
    QCOMPARE(decoded->claims.value(QStringLiteral("iss")).toString(), QStringLiteral("sdk"));
    QCOMPARE(decoded->claims.value(QStringLiteral("iat")).toInteger(), qint64(1700000000));
    QCOMPARE(decoded->claims.value(QStringLiteral("exp")).toInteger(), qint64(1700003600));
    // iat/exp are integers in the JSON text, not 1.7e9 floats.
    const QByteArray claimsJson = Jwt::fromBase64Url(Jwt::mint(kKey, kSecret, kIssued, 3600).split('.')[1]);
    QVERIFY2(claimsJson.contains("\"exp\":1700003600"), claimsJson.constData());
}

void TestJwt::verifyAcceptsOwnToken() {
    QString why;
    const std::optional<Jwt::Decoded> verified =
        Jwt::verify(kExpectedToken, kSecret, kIssued.addSecs(10), 30, &why);
    QVERIFY2(verified, qPrintable(why));
    QCOMPARE(verified->claims.value(QStringLiteral("sub")).toString(), kKey);
}

void TestJwt::verifyAcceptsRfcVector() {
    const QByteArray key = QByteArray::fromHex(kRfcKeyHex);
    QString why;
    const std::optional<Jwt::Decoded> verified =
        Jwt::verify(kRfcToken, key, QDateTime::fromSecsSinceEpoch(1300819000, Qt::UTC), 0, &why);
    QVERIFY2(verified, qPrintable(why));
    QCOMPARE(verified->claims.value(QStringLiteral("iss")).toString(), QStringLiteral("joe"));
    // ...and the same token after its exp (1300819380) is refused.
    QVERIFY(!Jwt::verify(kRfcToken, key, QDateTime::fromSecsSinceEpoch(1300819400, Qt::UTC), 0));
}

void TestJwt::tamperedSignatureRejected() {
    QByteArray tampered = kExpectedToken;
    tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
    QString why;
    QVERIFY(!Jwt::verify(tampered, kSecret, kIssued, 30, &why));
    QCOMPARE(why, QStringLiteral("invalid signature"));
    QVERIFY(!Jwt::verify(replacePart(kExpectedToken, 2, QByteArray()), kSecret, kIssued, 30));
    QVERIFY(!Jwt::verify(replacePart(kExpectedToken, 2, "!!!"), kSecret, kIssued, 30));
}

void TestJwt::tamperedClaimsRejected() {
    const QByteArray otherClaims =
        Jwt::base64Url(R"({"exp":1800000000,"iat":1700000000,"iss":"sdk","sub":"admin"})");
    QString why;
    QVERIFY(!Jwt::verify(replacePart(kExpectedToken, 1, otherClaims), kSecret, kIssued, 30, &why));
    QCOMPARE(why, QStringLiteral("invalid signature"));
}

void TestJwt::wrongSecretRejected() {
    QVERIFY(!Jwt::verify(kExpectedToken, QByteArray("another-secret"), kIssued, 30));
    QVERIFY(!Jwt::verify(kExpectedToken, QByteArray(), kIssued, 30));
}

void TestJwt::expiredRejected() {
    QString why;
    QVERIFY(!Jwt::verify(kExpectedToken, kSecret, kIssued.addSecs(600 + 31), 30, &why));
    QCOMPARE(why, QStringLiteral("token expired"));
    QVERIFY(!Jwt::verify(kExpectedToken, kSecret, kIssued.addSecs(600), 0));
}

void TestJwt::leewayAllowsSmallSkew() {
    QVERIFY(Jwt::verify(kExpectedToken, kSecret, kIssued.addSecs(600 + 20), 30));
}

void TestJwt::wrongAlgorithmRejected() {
    const QJsonObject claims{{QStringLiteral("sub"), kKey}, {QStringLiteral("exp"), 1800000000}};
    // Correctly signed with our secret, but the header names another algorithm.
    const QByteArray hs512 = Jwt::sign({{QStringLiteral("alg"), QStringLiteral("HS512")}}, claims, kSecret);
    QString why;
    QVERIFY(!Jwt::verify(hs512, kSecret, kIssued, 30, &why));
    QVERIFY2(why.contains(QLatin1String("algorithm")), qPrintable(why));
    // The "none" algorithm with an empty signature must never pass.
    const QByteArray none = Jwt::base64Url(R"({"alg":"none","typ":"JWT"})") + '.' +
                            Jwt::base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.';
    QVERIFY(!Jwt::verify(none, kSecret, kIssued, 30));
    QVERIFY(!Jwt::verify(none, QByteArray(), kIssued, 30));
    // A header without alg is refused as well.
    QVERIFY(!Jwt::verify(Jwt::sign({{QStringLiteral("typ"), QStringLiteral("JWT")}}, claims, kSecret),
                         kSecret, kIssued, 30));
}

void TestJwt::missingExpiryRejected() {
    const QByteArray token = Jwt::sign({{QStringLiteral("alg"), QStringLiteral("HS256")}},
                                       {{QStringLiteral("sub"), kKey}}, kSecret);
    QString why;
    QVERIFY(!Jwt::verify(token, kSecret, kIssued, 30, &why));
    QVERIFY2(why.contains(QLatin1String("exp")), qPrintable(why));
}

void TestJwt::malformedTokens_data() {
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("two parts") << QByteArray("abc.def");
    QTest::newRow("four parts") << kExpectedToken + ".x";
    QTest::newRow("header not base64") << replacePart(kExpectedToken, 0, "%%%");
    QTest::newRow("header not json") << replacePart(kExpectedToken, 0, Jwt::base64Url("not json"));
    QTest::newRow("claims an array") << replacePart(kExpectedToken, 1, Jwt::base64Url("[1,2]"));
}

void TestJwt::malformedTokens() {
    QFETCH(QByteArray, token);
    QVERIFY(!Jwt::decode(token));
    QString why;
    QVERIFY(!Jwt::verify(token, kSecret, kIssued, 30, &why));
    QCOMPARE(why, QStringLiteral("malformed token"));
}

void TestJwt::base64UrlRoundTrip() {
    const QByteArray data("\xfb\xff\xfe binary?>");
    const QByteArray encoded = Jwt::base64Url(data);
    QVERIFY(!encoded.contains('='));
    QVERIFY(!encoded.contains('+'));
    QVERIFY(!encoded.contains('/'));
    QCOMPARE(Jwt::fromBase64Url(encoded), data);
    QVERIFY(Jwt::fromBase64Url("a+b/").isEmpty()); // standard alphabet is not base64url
}

QTEST_GUILESS_MAIN(TestJwt)
#include "test_jwt.moc"
