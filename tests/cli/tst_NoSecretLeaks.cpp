// Secrets stay in the keychain and engine.json: everything the app's models, the API client, the engine and
// vlx log, save in settings, print when they fail or get killed, or pass on a command line is scanned for
// the cloud API secret, the engine secret and JSON Web Tokens (the exact ones sent, and anything JWT-shaped).
#include "ApiClient.h"
#include "ConnectionManager.h"
#include "ConnectionsModel.h"
#include "DatasetJobs.h"
#include "EngineInfo.h"
#include "EngineTestClient.h"
#include "ExploreJob.h"
#include "Jwt.h"
#include "LocalEngine.h"
#include "MemorySecretStore.h"
#include "ScriptedServer.h"
#include "TestImages.h"
#include "VlxRunner.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <thread>

using vl::test::RecordedRequest;
using vl::test::ScriptedReply;
using vl::test::ScriptedServer;

namespace {

// Every message of every category, from any thread, while the test runs.
QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        QMutexLocker lock(&g_logMutex);
        g_log << QStringLiteral("[%1] %2").arg(QLatin1String(context.category ? context.category : ""),
                                               message);
    }
    // Warnings still reach Qt Test (they show in the output); the debug flood of every category does not.
    if (type != QtDebugMsg && type != QtInfoMsg && g_previousHandler)
        g_previousHandler(type, context, message);
}

QString capturedLog() {
    QMutexLocker lock(&g_logMutex);
    return g_log.join(QLatin1Char('\n'));
}

int capturedLines() {
    QMutexLocker lock(&g_logMutex);
    return int(g_log.size());
}

// Three base64url parts, the first two JSON objects ("eyJ" = '{"').
const QRegularExpression
    kJwtShape(QStringLiteral("eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{10,}"));

const QString kCloudKey = QStringLiteral("leak-test-key");

} // namespace

class TestNoSecretLeaks : public QObject {
    Q_OBJECT

private:
    QByteArray m_cloudSecret = "cloud-secret-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
    QByteArrayList m_secrets;    // every secret the run has seen (cloud and engine)
    QByteArrayList m_tokensSent; // every JWT that went over the wire
    QStringList m_shownToUser;   // sentences the app or vlx showed

    void rememberTokens(const ScriptedServer& server) {
        for (const RecordedRequest& request : server.requests())
            if (!request.bearerToken().isEmpty() && !m_tokensSent.contains(request.bearerToken()))
                m_tokensSent << request.bearerToken();
    }
    // Why `text` (from `where`) leaks, or an empty string.
    QString leakIn(const QString& where, const QString& text) const {
        for (const QByteArray& secret : m_secrets)
            if (text.contains(QString::fromLatin1(secret)) ||
                text.contains(QString::fromLatin1(secret.toBase64())) ||
                text.contains(QString::fromLatin1(secret.toHex())))
                return QStringLiteral("%1 holds a secret").arg(where);
        for (const QByteArray& token : m_tokensSent)
            if (text.contains(QString::fromLatin1(token)))
                return QStringLiteral("%1 holds a JWT that was sent").arg(where);
        const QRegularExpressionMatch jwt = kJwtShape.match(text);
        if (jwt.hasMatch())
            return QStringLiteral("%1 holds something JWT-shaped: %2").arg(where, jwt.captured().left(40));
        return {};
    }
    static void waitFor(QSignalSpy& spy, int count = 1) {
        QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= count, 30000);
    }

private slots:
    void initTestCase();
    void cloudConnectionFailuresLeakNothing();
    void localEngineLeaksNothing();
    void vlxFailuresAndKillPrintNoSecret();
    void vlxNeverTakesASecretOnItsCommandLine();
    void cleanupTestCase();
};

void TestNoSecretLeaks::initTestCase() {
    // Qt Test installed its handler in qExec(); ours goes on top and passes warnings on.
    g_previousHandler = qInstallMessageHandler(captureMessage);
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\n*.info=true"));
    std::thread([] {
        qDebug("capture check from a worker thread");
    }).join(); // the engine logs from its pools
    QVERIFY(capturedLog().contains(QStringLiteral("capture check from a worker thread")));
    m_secrets << m_cloudSecret;
}

// A cloud connection whose server refuses, fails and echoes the Authorization header back in its answers:
// the sentences shown, the log and the settings file hold neither the secret nor a token.
void TestNoSecretLeaks::cloudConnectionFailuresLeakNothing() {
    ScriptedServer server;
    QVERIFY(server.listen());
    int calls = 0;
    server.setHandler([&calls](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        // A careless server quotes the credentials it got in its error details.
        const QByteArray echo =
            "{\"detail\":\"rejected Authorization: " + request.header("authorization") + "\"}";
        switch (calls++ % 4) {
        case 0:
            return ScriptedReply::json(401, echo);
        case 1:
            return ScriptedReply::json(500, echo);
        case 2:
            return ScriptedReply::raw(
                502, "<html><title>" + request.header("authorization") + "</title></html>", "text/html");
        default:
            return ScriptedReply::json(422, echo);
        }
    });
    QTemporaryDir dir;
    auto* store = new vl::MemorySecretStore;
    vl::ConnectionsModel connections(store);
    store->setParent(&connections);
    vl::ApiClient client;
    client.setRetryBaseDelay(5);
    client.setTimeout(10000);
    vl::ConnectionManager manager(&client, &connections);
    QString connectionId;
    bool saved = false;
    connections.addCloud(QStringLiteral("Leak test"), server.baseUrl(), {kCloudKey, m_cloudSecret},
                         [&](const vl::SecretStore::Result& result) {
                             saved = result.status == vl::SecretStore::Status::Ok;
                             connectionId = QString::fromUtf8(result.data);
                         });
    QTRY_VERIFY(saved);

    QSignalSpy failed(&manager, &vl::ConnectionManager::failed);
    for (int attempt = 0; attempt < 4; ++attempt) {
        manager.connectTo(connectionId);
        waitFor(failed, attempt + 1);
        m_shownToUser << failed.last().at(0).toString();
    }
    bool tested = false;
    manager.testConnection(server.baseUrl(), kCloudKey, m_cloudSecret, [&](bool, const QString& message) {
        m_shownToUser << message;
        tested = true;
    });
    QTRY_VERIFY(tested);
    rememberTokens(server);
    QVERIFY2(!m_tokensSent.isEmpty(), "the server saw the tokens the scan looks for");
    QVERIFY(vl::Jwt::verify(m_tokensSent.first(), m_cloudSecret, QDateTime::currentDateTimeUtc()));

    const QString settingsPath = dir.filePath(QStringLiteral("vl-explorer.ini"));
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        connections.save(settings);
    }
    QFile settingsFile(settingsPath);
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QString settingsText = QString::fromUtf8(settingsFile.readAll());
    QVERIFY2(settingsText.contains(connectionId) && settingsText.contains(kCloudKey) == false,
             qPrintable(settingsText));

    for (const QString& shown : std::as_const(m_shownToUser)) {
        QVERIFY2(leakIn(QStringLiteral("the message shown"), shown).isEmpty(), qPrintable(shown));
        QVERIFY(!shown.isEmpty());
    }
    QVERIFY2(leakIn(QStringLiteral("the settings file"), settingsText).isEmpty(), qPrintable(settingsText));
    const QString log = capturedLog();
    QVERIFY2(leakIn(QStringLiteral("the log"), log).isEmpty(),
             qPrintable(leakIn(QStringLiteral("the log"), log)));
}

// The embedded engine with a real dataset, good and bad requests, and a shutdown: the log holds no engine
// secret or token, and engine.json (owner-only) is the one file in the data directory that holds the secret.
void TestNoSecretLeaks::localEngineLeaksNothing() {
    QTemporaryDir root;
    const QString folder = root.filePath(QStringLiteral("photos"));
    for (int i = 0; i < 6; ++i)
        QVERIFY(TestImages::save(TestImages::scene(700 + i, 320, 240),
                                 QStringLiteral("%1/p%2.jpg").arg(folder).arg(i)));
    TestImages::writeText(folder + QStringLiteral("/broken.jpg"), "not an image");
    const QString dataDir = root.filePath(QStringLiteral("engine"));
    {
        vl::engine::LocalEngine engine(dataDir);
        QString error;
        QVERIFY2(engine.start(0, &error), qPrintable(error));
        m_secrets << engine.apiSecret();

        auto* store = new vl::MemorySecretStore;
        vl::ConnectionsModel connections(store);
        store->setParent(&connections);
        vl::ApiClient client;
        vl::ConnectionManager manager(&client, &connections);
        manager.setLocalEndpoint(engine.url(), engine.apiKey(), engine.apiSecret());
        QSignalSpy connected(&manager, &vl::ConnectionManager::connected);
        manager.connectTo(vl::Connection::localId());
        waitFor(connected);

        auto* create = new vl::CreateDatasetFromFolderJob(&client, folder, QStringLiteral("leaks"));
        create->setAutoDelete(false);
        QSignalSpy created(create, &vl::ApiJob::finished);
        waitFor(created);
        QVERIFY2(create->isSuccess(), qPrintable(create->error().message));
        const QString datasetId = create->datasetId();
        delete create;
        QVERIFY(engine.waitForIdle(120000));

        vl::ExploreQuery bad;
        bad.vql = QStringLiteral("[{\"junk\":");
        for (const QString& id : {datasetId, QStringLiteral("no-such-dataset")}) {
            auto* explore = new vl::ExploreJob(&client, id, bad);
            explore->setAutoDelete(false);
            QSignalSpy done(explore, &vl::ApiJob::finished);
            waitFor(done);
            QVERIFY(!explore->isSuccess());
            m_shownToUser << explore->error().message;
            delete explore;
        }
        // A forged token (right key id, wrong secret) and an expired one are refused without echoing them.
        EngineTestClient forged(engine.url(), engine.apiKey(), "not-the-secret");
        const HttpResult refused = forged.get(QStringLiteral("/api/v1/datasets"));
        QCOMPARE(refused.status, 401);
        m_shownToUser << QString::fromUtf8(refused.body);
        EngineTestClient real(engine.url(), engine.apiKey(), engine.apiSecret());
        const QByteArray expired = "Bearer " + real.token(60, -3600);
        const HttpResult late = real.get(QStringLiteral("/api/v1/datasets"), {}, &expired);
        QCOMPARE(late.status, 401);
        m_shownToUser << QString::fromUtf8(late.body);

        QNetworkRequest probe(engine.url());
        client.authorize(probe);
        const QByteArray header = probe.rawHeader("Authorization");
        QVERIFY(header.startsWith("Bearer "));
        m_tokensSent << header.mid(7);
        m_tokensSent << expired.mid(7);
        engine.stop();
    }
    const QString log = capturedLog();
    QVERIFY2(leakIn(QStringLiteral("the log"), log).isEmpty(),
             qPrintable(leakIn(QStringLiteral("the log"), log)));
    for (const QString& shown : std::as_const(m_shownToUser))
        QVERIFY2(leakIn(QStringLiteral("an engine answer"), shown).isEmpty(), qPrintable(shown));

    QFile info(QDir(dataDir).filePath(QStringLiteral("engine.json")));
    QCOMPARE(info.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                                   QFileDevice::WriteOther),
             QFileDevice::Permissions());
    int scanned = 0;
    QDirIterator files(dataDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        if (path == info.fileName())
            continue;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        ++scanned;
        QVERIFY2(!bytes.contains(m_secrets.last()),
                 qPrintable(path + QStringLiteral(" holds the engine secret")));
        for (const QByteArray& token : std::as_const(m_tokensSent))
            QVERIFY2(!bytes.contains(token), qPrintable(path + QStringLiteral(" holds a JWT")));
    }
    QVERIFY2(scanned >= 2, "catalogue and thumbnails were scanned");
}

// vlx with credentials in its environment against failing servers, a hanging one, an engine's data
// directory, and `vlx serve` killed with SIGKILL: nothing it prints holds the secret or a token.
void TestNoSecretLeaks::vlxFailuresAndKillPrintNoSecret() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.setHandler([](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        const QByteArray echo = "{\"detail\":\"you sent " + request.header("authorization") + "\"}";
        if (request.path.endsWith(QLatin1String("/datasets")))
            return ScriptedReply::json(401, echo);
        if (request.path.contains(QLatin1String("/dataset/slow")))
            return ScriptedReply::hang();
        if (request.path.contains(QLatin1String("/dataset/gone")))
            return ScriptedReply::reset();
        return ScriptedReply::json(500, echo);
    });
    VlxRunner runner;
    runner.environment.insert(QStringLiteral("VL_API_KEY"), kCloudKey);
    runner.environment.insert(QStringLiteral("VL_API_SECRET"), QString::fromLatin1(m_cloudSecret));
    const QString url = server.baseUrl().toString();
    const QStringList serverOption = {QStringLiteral("--server"), url};
    const QList<QStringList> commands = {
        serverOption + QStringList{QStringLiteral("datasets")},
        serverOption + QStringList{QStringLiteral("dataset"), QStringLiteral("abc")},
        serverOption + QStringList{QStringLiteral("dataset"), QStringLiteral("gone")},
        serverOption + QStringList{QStringLiteral("--timeout"), QStringLiteral("1"),
                                   QStringLiteral("dataset"), QStringLiteral("slow")},
    };
    for (const QStringList& arguments : commands) {
        const VlxResult result = runner.run(arguments);
        QVERIFY2(result.finished && result.exitCode != 0, qPrintable(result.describe()));
        QVERIFY2(!result.err.isEmpty(), qPrintable(result.describe()));
        rememberTokens(server);
        QVERIFY2(leakIn(QStringLiteral("vlx's output"), QString::fromUtf8(result.out + result.err)).isEmpty(),
                 qPrintable(result.describe()));
    }
    QVERIFY(!m_tokensSent.isEmpty());

    // `vlx serve` on a data directory, killed like a crash; then a failing command against that engine.
    QTemporaryDir data;
    QProcess serve;
    serve.setProcessEnvironment(runner.environment);
    serve.start(VlxRunner::binary(), {QStringLiteral("serve"), QStringLiteral("--data"), data.path()});
    QVERIFY(serve.waitForStarted());
    QByteArray printedBytes;
    QTRY_VERIFY_WITH_TIMEOUT((printedBytes += serve.readAllStandardOutput()).contains("listening on"), 60000);
    const auto info = vl::EngineInfo::load(data.path(), nullptr);
    QVERIFY(info);
    m_secrets << info->apiSecret;
    VlxRunner local;
    const VlxResult missing = local.run(
        {QStringLiteral("--engine"), data.path(), QStringLiteral("dataset"), QStringLiteral("nope")});
    QVERIFY2(missing.finished && missing.exitCode != 0 && !missing.err.isEmpty(),
             qPrintable(missing.describe()));
    serve.kill();
    QVERIFY(serve.waitForFinished(10000));
    printedBytes += serve.readAllStandardOutput() + serve.readAllStandardError();
    const QString printed = QString::fromUtf8(printedBytes);
    QVERIFY2(leakIn(QStringLiteral("vlx serve's output"), printed).isEmpty(), qPrintable(printed));
    QVERIFY2(leakIn(QStringLiteral("vlx's output"), QString::fromUtf8(missing.out + missing.err)).isEmpty(),
             qPrintable(missing.describe()));
}

// vlx has no option that takes a secret; `vlx login` reads it from standard input (checked here against a
// server that verifies the token), every other command from VL_API_SECRET or the keychain.
void TestNoSecretLeaks::vlxNeverTakesASecretOnItsCommandLine() {
    VlxRunner runner;
    const QRegularExpression secretOption(QStringLiteral("--[a-z-]*(secret|password|token|key)[a-z-]*"));
    for (const QString& command : {QString(), QStringLiteral("login"), QStringLiteral("datasets"),
                                   QStringLiteral("serve"), QStringLiteral("search")}) {
        QStringList arguments = {QStringLiteral("--help")};
        if (!command.isEmpty())
            arguments.prepend(command);
        const VlxResult help = runner.run(arguments);
        QVERIFY2(help.finished && !help.out.isEmpty(), qPrintable(help.describe()));
        const QRegularExpressionMatch match = secretOption.match(QString::fromUtf8(help.out + help.err));
        QVERIFY2(!match.hasMatch(), qPrintable(command + QStringLiteral(": ") + match.captured()));
    }

    ScriptedServer server;
    QVERIFY(server.listen());
    const QByteArray secret = "stdin-secret-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
    m_secrets << secret;
    server.setHandler([secret](const RecordedRequest& request) -> std::optional<ScriptedReply> {
        const bool valid =
            vl::Jwt::verify(request.bearerToken(), secret, QDateTime::currentDateTimeUtc()).has_value();
        return valid ? ScriptedReply::json(200, "[]")
                     : ScriptedReply::json(401, "{\"detail\":\"bad token\"}");
    });
    runner.standardInput = kCloudKey.toUtf8() + '\n' + secret + '\n';
    const QStringList arguments = {QStringLiteral("login"), QStringLiteral("--server"),
                                   server.baseUrl().toString()};
    const VlxResult login = runner.run(arguments);
    // No keychain in this environment, so nothing is saved, but the credentials were checked first.
    QVERIFY2(login.finished, qPrintable(login.describe()));
    QCOMPARE(server.requestCount("GET", QStringLiteral("/api/v1/datasets")), 1);
    QVERIFY2(vl::Jwt::verify(server.lastRequest().bearerToken(), secret, QDateTime::currentDateTimeUtc()),
             "vlx login used the secret it read from standard input");
    rememberTokens(server);
    QVERIFY(!arguments.join(QLatin1Char(' ')).contains(QString::fromLatin1(secret)));
    QVERIFY2(leakIn(QStringLiteral("vlx login's output"), QString::fromUtf8(login.out + login.err)).isEmpty(),
             qPrintable(login.describe()));
}

void TestNoSecretLeaks::cleanupTestCase() {
    // Everything logged during the whole run, once more now that all secrets and tokens are known.
    const QString log = capturedLog();
    qInstallMessageHandler(g_previousHandler);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY2(leakIn(QStringLiteral("the log"), log).isEmpty(),
             qPrintable(leakIn(QStringLiteral("the log"), log)));
    qInfo("scanned %d log lines, %d secrets, %d tokens", capturedLines(), int(m_secrets.size()),
          int(m_tokensSent.size()));
}

QTEST_GUILESS_MAIN(TestNoSecretLeaks)
#include "tst_NoSecretLeaks.moc"
