#include "cliprocess.h"
#include "testledger.h"

#include <QFile>
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

    CliProcess::Run run(const QStringList &arguments, const QStringList &secrets = {}) const
    {
        CliProcess::Options options;
        options.environment.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        options.environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        options.environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent"_s);
        if (qEnvironmentVariableIsSet("PGPASSFILE"))
            options.environment.insert(u"PGPASSFILE"_s, qEnvironmentVariable("PGPASSFILE"));
        options.secrets = secrets;
        return CliProcess::run(QStringLiteral(SMH_BINARY), arguments, options);
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
};

QTEST_GUILESS_MAIN(TestTeamLedgerCli)
#include "tst_teamledgercli.moc"
