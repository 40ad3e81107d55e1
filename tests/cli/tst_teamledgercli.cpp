#include "cliprocess.h"
#include "demo/smhsimulator.h"
#include "tasks/ledgersql.h"
#include "testledger.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

// --ledger with the real program: a team's PostgreSQL ledger is where every
// door of that launch reads and writes (the PostgreSQL run, on the test
// cluster), and what cannot be used is said in one line with exit 2: a URL
// carrying a password (never echoed), a server nobody answers on.
class TestTeamLedgerCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    CliProcess::Run run(const QStringList &arguments, const QStringList &secrets = {},
        const QProcessEnvironment &extra = {}) const
    {
        CliProcess::Options options;
        options.environment.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        options.environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        options.environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent"_s);
        if (qEnvironmentVariableIsSet("PGPASSFILE"))
            options.environment.insert(u"PGPASSFILE"_s, qEnvironmentVariable("PGPASSFILE"));
        options.environment.insert(extra);
        options.secrets = secrets;
        return CliProcess::run(QStringLiteral(SMH_BINARY), arguments, options);
    }

    // Where libpq finds no password of its own: only the keychain is left.
    QProcessEnvironment withoutLibpqPasswords() const
    {
        QProcessEnvironment env;
        env.insert(u"PGPASSFILE"_s, m_home.filePath(u"no-pgpass"_s));
        env.insert(u"PGPASSWORD"_s, QString());
        return env;
    }

    // The cluster's password, from the password file the fixture wrote.
    static QString clusterPassword()
    {
        QFile file(qEnvironmentVariable("PGPASSFILE"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readLine().trimmed().split(':').value(4));
    }

    // As the window's Ledger Location dialog saves it.
    void saveLocation(const QString &location) const
    {
        QSettings settings(m_home.filePath(u"config/smh-task-monitor/smh-task-monitor.conf"_s),
            QSettings::IniFormat);
        settings.setValue(u"ledger/location"_s, location);
    }

    // As the dialog keeps a password without a keychain: in the private file.
    bool keepPassword(const QString &location, const QString &password) const
    {
        QFile file(m_home.filePath(u"data/smh-task-monitor/secrets.json"_s));
        if (!file.open(QIODevice::ReadWrite))
            return false;
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QJsonObject secrets = root.value(u"secrets"_s).toObject();
        secrets.insert(u"ledger-"_s + LedgerLocation::canonical(location), password);
        root.insert(u"format"_s, 1);
        root.insert(u"secrets"_s, secrets);
        file.resize(0);
        file.write(QJsonDocument(root).toJson());
        return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        SMH_REQUIRE_BACKEND();
    }

    void aPasswordInTheUrlIsRefusedUnsaid()
    {
        const CliProcess::Run listed =
            run({u"profile"_s, u"list"_s, u"--ledger"_s, u"postgresql://smh:hunter2@127.0.0.1/x"_s},
                {u"hunter2"_s});
        QCOMPARE(listed.exitCode, 2);
        QVERIFY2(listed.err.contains("PGPASSWORD"), qPrintable(listed.text()));
    }

    void anUnreachableServerIsOneLineAndExitTwo_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("profile list") << QStringList {u"profile"_s, u"list"_s};
        QTest::newRow("history report") << QStringList {u"history"_s, u"report"_s};
        QTest::newRow("watch --profile")
            << QStringList {u"watch"_s, u"--profile"_s, u"archive"_s, u"1"_s};
    }

    void anUnreachableServerIsOneLineAndExitTwo()
    {
        QFETCH(QStringList, command);
        const QString nobody = u"postgresql://smh@127.0.0.1:1/ledger"_s;
        const CliProcess::Run ran = run(command + QStringList {u"--ledger"_s, nobody});
        QCOMPARE(ran.exitCode, 2);
        QVERIFY2(ran.err.contains(
                     QByteArray(QByteArray("Cannot reach the task ledger ") + nobody.toUtf8())),
            qPrintable(ran.text()));
        QCOMPARE(ran.err.count('\n'), 1);
        QVERIFY(ran.out.isEmpty());
    }

    // A profile saved through one launch is there for the next one on the
    // same team ledger, and nowhere else (not in the default file).
    void everyDoorUsesTheTeamLedger()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to share");
        const QString ledger = TestLedger::fresh(m_home, u"team"_s);
        QVERIFY(!ledger.isEmpty());
        const CliProcess::Run added = run({u"profile"_s, u"add"_s, u"archive"_s, u"--endpoint"_s,
            u"http://127.0.0.1:9"_s, u"--library"_s, u"smhteam"_s, u"--ledger"_s, ledger});
        QVERIFY2(added.exitCode == 0, qPrintable(added.text()));
        const CliProcess::Run listed =
            run({u"profile"_s, u"list"_s, u"--output"_s, u"json"_s, u"--ledger"_s, ledger});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.text()));
        QVERIFY2(listed.out.contains("smhteam"), qPrintable(listed.text()));
        const CliProcess::Run local = run({u"profile"_s, u"list"_s, u"--output"_s, u"json"_s});
        QCOMPARE(local.exitCode, 0);
        QVERIFY(!local.out.contains("smhteam"));
        QVERIFY(!QFile::exists(m_home.filePath(u"data/smh-task-monitor/ledger.sqlite"_s)));
    }

    // The location chosen in the window is where a command started without
    // --ledger goes (--ledger still wins), and the password the window kept
    // for it opens it when PGPASSWORD and ~/.pgpass have none: at the doors
    // of the start-up job (watch) and of the others (profile). A wrong
    // password is said in words and never shown.
    void theSavedLocationWithThePasswordKeptForIt()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to share");
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        SmhSimulator::TaskScript script = simulator.scriptFor(90);
        script.known = true;
        script.startMs = simulator.nowMs();
        script.runMs = 0;
        script.finalStatus = 204;
        simulator.setTask(90, script);
        const QString token = simulator.issueToken();
        QFile tokenFile(m_home.filePath(u"token"_s));
        QVERIFY(tokenFile.open(QIODevice::WriteOnly));
        tokenFile.write(token.toUtf8());
        tokenFile.close();

        const QString ledger = TestLedger::fresh(m_home, u"saved"_s);
        QVERIFY(!ledger.isEmpty());
        CliProcess::Run r =
            run({u"profile"_s, u"add"_s, u"prod"_s, u"--endpoint"_s, simulator.baseUrl().toString(),
                    u"--library"_s, simulator.libraryId(), u"--token-file"_s, tokenFile.fileName(),
                    u"--store-secret-in-file"_s, u"--ledger"_s, ledger},
                {token});
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));

        saveLocation(ledger);
        const QString password = clusterPassword();
        QVERIFY(!password.isEmpty());
        const QStringList watch {
            u"watch"_s, u"--profile"_s, u"prod"_s, u"--interval"_s, u"0.05"_s, u"90"_s};

        // Nothing kept yet: the server's refusal, in one line, exit 2.
        r = run(watch, {token}, withoutLibpqPasswords());
        QVERIFY2(r.exitCode == 2, qPrintable(r.text()));
        QVERIFY2(r.err.contains("password"), qPrintable(r.text()));

        QVERIFY(keepPassword(ledger, password));
        r = run(watch, {token, password}, withoutLibpqPasswords());
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(r.out.contains("succeeded_no_result"));
        r = run({u"profile"_s, u"list"_s}, {token, password}, withoutLibpqPasswords());
        QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
        QVERIFY(r.out.contains(simulator.libraryId().toUtf8()));

        // --ledger wins over the saved location.
        r = run(watch + QStringList {u"--ledger"_s, m_home.filePath(u"own.sqlite"_s)}, {token},
            withoutLibpqPasswords());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no saved profile named \"prod\""), qPrintable(r.text()));

        // A wrong password kept: said by the server's words, never echoed.
        QVERIFY(keepPassword(ledger, u"wrong-pw-456"_s));
        r = run(watch, {token, u"wrong-pw-456"_s}, withoutLibpqPasswords());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("password authentication failed"), qPrintable(r.text()));
        QCOMPARE(r.err.count('\n'), 1);
        saveLocation(QString());
    }

    // A location saved by hand that is refused stops every door with a
    // sentence that names the file, rather than opening another ledger.
    void aBrokenSavedLocationIsSaid()
    {
        saveLocation(u"postgresql://smh:hunter2@127.0.0.1:1/x"_s);
        const CliProcess::Run listed = run({u"profile"_s, u"list"_s}, {u"hunter2"_s});
        QCOMPARE(listed.exitCode, 2);
        QVERIFY2(listed.err.contains("smh-task-monitor.conf"), qPrintable(listed.text()));
        // --ledger still wins.
        const CliProcess::Run local =
            run({u"profile"_s, u"list"_s, u"--ledger"_s, m_home.filePath(u"own.sqlite"_s)});
        QVERIFY2(local.exitCode == 0, qPrintable(local.text()));
        saveLocation(QString());
    }
};

QTEST_GUILESS_MAIN(TestTeamLedgerCli)
#include "tst_teamledgercli.moc"
