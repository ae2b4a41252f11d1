#include "ApiError.h"

#include <QTest>

using namespace vl;

class TestApiError : public QObject {
    Q_OBJECT
private slots:
    void detailAsString();
    void detailAsValidationArray();
    void detailOnPremEnvelope();
    void detailFromNonJsonBodies_data();
    void detailFromNonJsonBodies();
    void echoedCredentialsAreRemoved_data();
    void echoedCredentialsAreRemoved();
    void unauthorizedMentionsCredentials();
    void notFoundMentionsAccess();
    void conflictExplainsStateAndKeepsDetail();
    void validationNamesTheParameter();
    void badRequestWithoutFields();
    void rateLimitedAndServerErrors();
    void otherStatusIsHttp();
    void successIsNotAnError();
    void makeComposesMessages();
    void retryable();
};

void TestApiError::detailAsString() {
    QCOMPARE(ApiError::parseDetail(R"({"detail": "Dataset not found"})"),
             QStringLiteral("Dataset not found"));
}

void TestApiError::detailAsValidationArray() {
    QStringList fields;
    const QString detail = ApiError::parseDetail(
        R"({"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":null},
                      {"type":"json_invalid","loc":["query","vql"],"msg":"Invalid JSON"}]})",
        &fields);
    QCOMPARE(detail, QStringLiteral("body.name: Field required; query.vql: Invalid JSON"));
    QCOMPARE(fields, (QStringList{QStringLiteral("body.name"), QStringLiteral("query.vql")}));

    QCOMPARE(ApiError::parseDetail(R"({"detail":["first", "second"]})"), QStringLiteral("first; second"));
    QCOMPARE(ApiError::parseDetail(R"({"detail":[{"loc":["query","page_number",0],"msg":"bad"}]})"),
             QStringLiteral("query.page_number.0: bad"));
}

void TestApiError::detailOnPremEnvelope() {
    QCOMPARE(ApiError::parseDetail(R"({"status":"error","message":"Path /data/x does not exist"})"),
             QStringLiteral("Path /data/x does not exist"));
    QCOMPARE(ApiError::parseDetail(R"({"detail":{"message":"nested"}})"), QStringLiteral("nested"));
    QCOMPARE(ApiError::parseDetail(R"({"error":"boom"})"), QStringLiteral("boom"));
    QCOMPARE(ApiError::parseDetail(R"({"something":"else"})"), QString());
}

void TestApiError::detailFromNonJsonBodies_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain text") << QByteArray("Internal Server Error\n")
                                << QStringLiteral("Internal Server Error");
    QTest::newRow("html title")
        << QByteArray("<html><head><title>502 Bad Gateway</title></head><body>x</body></html>")
        << QStringLiteral("502 Bad Gateway");
    QTest::newRow("html without title")
        << QByteArray("<html><body><h1>Oops</h1></body></html>") << QStringLiteral("Oops");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("truncated json") << QByteArray(R"({"detail": "cut)")
                                    << QStringLiteral(R"({"detail": "cut)");
}

void TestApiError::detailFromNonJsonBodies() {
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(ApiError::parseDetail(body), expected);
    const ApiError error = ApiError::fromHttp(500, body);
    QCOMPARE(error.kind, ApiError::Kind::Server);
    QCOMPARE(error.detail, expected);
}

// A server quoting our Authorization header back must not put the token into a message (tst_NoSecretLeaks).
void TestApiError::echoedCredentialsAreRemoved_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const QByteArray jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrIn0.c2lnbmF0dXJlLWJ5dGVz";
    QTest::newRow("json detail") << QByteArray(R"({"detail":"rejected Authorization: Bearer )" + jwt +
                                               R"("})")
                                 << QStringLiteral("rejected Authorization: Bearer [removed]");
    QTest::newRow("bare token") << QByteArray(R"({"detail":"token )" + jwt + R"( expired"})")
                                << QStringLiteral("token [token removed] expired");
    QTest::newRow("html title") << QByteArray("<html><title>bearer " + jwt + "</title></html>")
                                << QStringLiteral("bearer [removed]");
    QTest::newRow("plain words kept")
        << QByteArray(R"({"detail":"Bearer token missing"})") << QStringLiteral("Bearer token missing");
}

void TestApiError::echoedCredentialsAreRemoved() {
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(ApiError::parseDetail(body), expected);
    QVERIFY(!ApiError::fromHttp(401, body).message.contains(QStringLiteral("eyJ")));
}

void TestApiError::unauthorizedMentionsCredentials() {
    const ApiError error =
        ApiError::fromHttp(401, R"({"detail":"Token expired"})", QStringLiteral("list datasets"));
    QCOMPARE(error.kind, ApiError::Kind::Authentication);
    QCOMPARE(error.httpStatus, 401);
    QCOMPARE(error.detail, QStringLiteral("Token expired"));
    QVERIFY2(error.message.startsWith(QLatin1String("Could not list datasets")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("API key")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("secret")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("credentials")), qPrintable(error.message));
    QVERIFY(error.message.contains(QLatin1String("Token expired")));
}

void TestApiError::notFoundMentionsAccess() {
    const ApiError error =
        ApiError::fromHttp(404, R"({"detail":"Not Found"})", QStringLiteral("open the dataset"));
    QCOMPARE(error.kind, ApiError::Kind::NotFound);
    QVERIFY2(error.message.contains(QLatin1String("not found")), qPrintable(error.message));
    QVERIFY2(error.message.contains(QLatin1String("no access")), qPrintable(error.message));
}

void TestApiError::conflictExplainsStateAndKeepsDetail() {
    const ApiError error = ApiError::fromHttp(
        409, R"({"detail":"Operation 'add_media' is blocked while MEDIA_ADDITION task is running"})",
        QStringLiteral("start enrichment"));
    QCOMPARE(error.kind, ApiError::Kind::Conflict);
    QVERIFY2(error.message.contains(QLatin1String("not in a state that allows")), qPrintable(error.message));
    QVERIFY(error.message.contains(QLatin1String("blocked while MEDIA_ADDITION task is running")));
}

void TestApiError::validationNamesTheParameter() {
    const ApiError error = ApiError::fromHttp(
        422, R"({"detail":[{"type":"value_error","loc":["query","vql"],"msg":"Invalid VQL"}]})",
        QStringLiteral("search"));
    QCOMPARE(error.kind, ApiError::Kind::Validation);
    QCOMPARE(error.fields, QStringList{QStringLiteral("query.vql")});
    QVERIFY2(error.message.contains(QLatin1String("invalid parameter vql")), qPrintable(error.message));
    QVERIFY(error.message.contains(QLatin1String("Invalid VQL")));
}

void TestApiError::badRequestWithoutFields() {
    const ApiError error = ApiError::fromHttp(
        400, R"({"detail":"Exactly one media source must be provided: files[], s3_uri, or archive"})");
    QCOMPARE(error.kind, ApiError::Kind::Validation);
    QVERIFY(error.fields.isEmpty());
    QVERIFY(error.message.contains(QLatin1String("Exactly one media source")));
    QVERIFY2(error.message.at(0).isUpper(), qPrintable(error.message));
}

void TestApiError::rateLimitedAndServerErrors() {
    const ApiError limited = ApiError::fromHttp(429, "");
    QCOMPARE(limited.kind, ApiError::Kind::RateLimited);
    QVERIFY(limited.message.contains(QLatin1String("too many requests"), Qt::CaseInsensitive));
    QVERIFY(limited.isRetryable());
    for (int status : {500, 502, 503, 504, 599}) {
        const ApiError error = ApiError::fromHttp(status, R"({"detail":"db down"})");
        QCOMPARE(error.kind, ApiError::Kind::Server);
        QVERIFY(error.message.contains(QString::number(status)));
        QVERIFY(error.message.contains(QLatin1String("db down")));
    }
    const ApiError forbidden = ApiError::fromHttp(403, R"({"detail":"ADD_MEDIA_ENABLED is off"})");
    QCOMPARE(forbidden.kind, ApiError::Kind::Forbidden);
    QVERIFY(forbidden.message.contains(QLatin1String("ADD_MEDIA_ENABLED is off")));
}

void TestApiError::otherStatusIsHttp() {
    const ApiError error = ApiError::fromHttp(418, "I'm a teapot");
    QCOMPARE(error.kind, ApiError::Kind::Http);
    QVERIFY(error.message.contains(QLatin1String("418")));
    QVERIFY(error.message.contains(QLatin1String("teapot")));
}

void TestApiError::successIsNotAnError() {
    const ApiError error = ApiError::fromHttp(200, R"({"detail":"fine"})");
    QVERIFY(!error.isError());
    QVERIFY(error.message.isEmpty());
}

void TestApiError::makeComposesMessages() {
    const ApiError network = ApiError::make(ApiError::Kind::Network, QStringLiteral("Connection refused"),
                                            QStringLiteral("list datasets"));
    QVERIFY(network.isError());
    QCOMPARE(network.message,
             QStringLiteral("Could not list datasets: could not reach the server: Connection refused"));
    const ApiError tls = ApiError::make(ApiError::Kind::Tls, QStringLiteral("self-signed certificate"));
    QVERIFY(tls.message.contains(QLatin1String("TLS")));
    QVERIFY(tls.message.contains(QLatin1String("self-signed certificate")));
    const ApiError bad = ApiError::make(ApiError::Kind::BadResponse, QStringLiteral("unterminated string"));
    QVERIFY(bad.message.contains(QLatin1String("could not be read")));
    QVERIFY(ApiError::make(ApiError::Kind::Timeout, {}).message.contains(QLatin1String("in time")));
}

void TestApiError::retryable() {
    QVERIFY(ApiError::make(ApiError::Kind::Network, {}).isRetryable());
    QVERIFY(ApiError::make(ApiError::Kind::Timeout, {}).isRetryable());
    QVERIFY(!ApiError::make(ApiError::Kind::Tls, {}).isRetryable());
    QVERIFY(!ApiError::fromHttp(500, "").isRetryable());
    QVERIFY(ApiError::fromHttp(503, "").isRetryable());
    QVERIFY(!ApiError::fromHttp(401, "").isRetryable());
    QVERIFY(!ApiError::fromHttp(422, "").isRetryable());
}

QTEST_GUILESS_MAIN(TestApiError)
#include "test_apierror.moc"
