#include "Jwt.h"
#include "ScriptedServer.h"
#include "VlxRunner.h"

#include <QTest>

using vl::test::ScriptedReply;
using vl::test::ScriptedServer;

// vlx login / logout with the OS keychain. Needs a keychain session (packaging/test-session.sh sets
// VL_KEYCHAIN_AVAILABLE); skipped elsewhere.
class TestCliKeychain : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void loginStoresAndLogoutRemoves();
    void rejectedLoginStoresNothing();

private:
    VlxResult run(VlxRunner& runner, const QStringList& arguments, const QByteArray& input = {});
};

namespace {
const QByteArray kSecret = "keychain-secret-Z9";
}

void TestCliKeychain::initTestCase() {
    if (!qEnvironmentVariableIsSet("VL_KEYCHAIN_AVAILABLE"))
        QSKIP("no keychain session (run through packaging/test-session.sh)");
}

VlxResult TestCliKeychain::run(VlxRunner& runner, const QStringList& arguments, const QByteArray& input) {
    // The keychain is reached over the session bus: keep the real one.
    runner.environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                              qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
    runner.standardInput = input;
    const VlxResult result = runner.run(arguments);
    if (result.out.contains(kSecret) || result.err.contains(kSecret))
        qFatal("vlx printed the API secret: %s", qPrintable(result.describe()));
    return result;
}

void TestCliKeychain::loginStoresAndLogoutRemoves() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", QStringLiteral("/api/v1/datasets"), ScriptedReply::json(200, "[]"));
    VlxRunner runner;
    const QStringList target{QStringLiteral("--server"), server.baseUrl().toString()};

    const VlxResult login =
        run(runner, target + QStringList{QStringLiteral("login")}, "stored-key\n" + kSecret + "\n");
    QVERIFY2(login.exitCode == 0, qPrintable(login.describe()));
    QVERIFY(vl::Jwt::verify(server.lastRequest().bearerToken(), kSecret, QDateTime::currentDateTimeUtc()));

    server.clearRequests();
    const VlxResult datasets = run(runner, target + QStringList{QStringLiteral("datasets")});
    QVERIFY2(datasets.exitCode == 0, qPrintable(datasets.describe()));
    const auto verified =
        vl::Jwt::verify(server.lastRequest().bearerToken(), kSecret, QDateTime::currentDateTimeUtc());
    QVERIFY(verified);
    QCOMPARE(verified->header.value(QStringLiteral("kid")).toString(), QStringLiteral("stored-key"));

    const VlxResult logout = run(runner, target + QStringList{QStringLiteral("logout")});
    QVERIFY2(logout.exitCode == 0, qPrintable(logout.describe()));
    const VlxResult afterLogout = run(runner, target + QStringList{QStringLiteral("datasets")});
    QCOMPARE(afterLogout.exitCode, 3);
}

void TestCliKeychain::rejectedLoginStoresNothing() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", QStringLiteral("/api/v1/datasets"),
              ScriptedReply::json(401, R"({"detail":"Invalid API key"})"));
    VlxRunner runner;
    const QStringList target{QStringLiteral("--server"), server.baseUrl().toString()};
    const VlxResult login =
        run(runner, target + QStringList{QStringLiteral("login")}, "bad-key\n" + kSecret + "\n");
    QVERIFY2(login.exitCode == 3, qPrintable(login.describe()));
    QVERIFY(login.err.contains("not saved"));
    server.clearRequests();
    const VlxResult datasets = run(runner, target + QStringList{QStringLiteral("datasets")});
    QCOMPARE(datasets.exitCode, 3);
    QVERIFY(server.requests().isEmpty());
}

QTEST_GUILESS_MAIN(TestCliKeychain)
#include "test_cli_keychain.moc"
