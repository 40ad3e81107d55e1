#include "cliprocess.h"
#include "demo/smhsimulator.h"
#include "tasks/ledgersql.h"
#include "testledger.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;

// The window door of a team ledger chosen in File > Ledger Location…: the
// real program, started without --ledger and with no password where libpq
// looks (PGPASSWORD, ~/.pgpass), opens the saved team ledger with the
// password kept for it (the private secrets file here: no session bus) and
// writes its polls there. PostgreSQL run only.
class TestWindowTeamLedger final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QProcess> m_window;

    static QString clusterPassword()
    {
        QFile file(qEnvironmentVariable("PGPASSFILE"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readLine().trimmed().split(':').value(4));
    }

    bool keepPassword(const QString &location, const QString &password) const
    {
        const QString path = m_home.filePath(u"data/smh-task-monitor/secrets.json"_s);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return false;
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        const QJsonObject secrets {{u"ledger-"_s + LedgerLocation::canonical(location), password}};
        file.write(QJsonDocument(QJsonObject {{u"format"_s, 1}, {u"secrets"_s, secrets}}).toJson());
        return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    // The task's state as another process reads it from the team ledger.
    static QString stateOf(const QString &location, qint64 taskId)
    {
        const QString name = u"reader"_s;
        QString state;
        {
            Expected<QSqlDatabase> db = LedgerSql::addConnection(name, location);
            if (db && db->open()) {
                QSqlQuery query(*db);
                query.prepare(u"SELECT state FROM tasks WHERE task_id = ?"_s);
                query.addBindValue(taskId);
                if (query.exec() && query.next())
                    state = query.value(0).toString();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return state;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        SMH_REQUIRE_BACKEND();
    }

    void cleanup()
    {
        if (m_window) {
            m_window->kill();
            m_window->waitForFinished();
        }
    }

    void theWindowOpensTheSavedTeamLedgerWithTheKeptPassword()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to share");
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        SmhSimulator::TaskScript script = simulator.scriptFor(5);
        script.known = true;
        script.startMs = simulator.nowMs();
        script.runMs = 0;
        script.finalStatus = 204;
        simulator.setTask(5, script);

        const QString ledger = TestLedger::fresh(m_home, u"window"_s);
        QVERIFY(!ledger.isEmpty());
        {
            QSettings settings(m_home.filePath(u"config/smh-task-monitor/smh-task-monitor.conf"_s),
                QSettings::IniFormat);
            settings.setValue(u"ledger/location"_s, ledger);
        }
        const QString password = clusterPassword();
        QVERIFY(!password.isEmpty());
        QVERIFY(keepPassword(ledger, password));

        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
        QVERIFY(QDir().mkpath(m_home.filePath(u"run"_s)));
        QVERIFY(QFile::setPermissions(m_home.filePath(u"run"_s),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        env.insert(u"XDG_RUNTIME_DIR"_s, m_home.filePath(u"run"_s));
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bus"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"PGPASSFILE"_s, m_home.filePath(u"no-pgpass"_s));
        env.insert(u"PGPASSWORD"_s, QString());
        env.insert(u"SMH_ACCESS_TOKEN"_s, simulator.issueToken());
        m_window = std::make_unique<QProcess>();
        m_window->setProcessEnvironment(CliProcess::environment(env));
        m_window->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_window->start(QStringLiteral(SMH_BINARY),
            {u"--endpoint"_s, simulator.baseUrl().toString(), u"--library"_s, simulator.libraryId(),
                u"--interval"_s, u"0.05"_s, u"5"_s});
        QTRY_VERIFY_WITH_TIMEOUT(
            !stateOf(ledger, 5).isEmpty() && stateOf(ledger, 5) != u"queued", 60'000);
        QVERIFY(m_window->state() == QProcess::Running);
        // This computer's file was never made.
        QVERIFY(!QFile::exists(m_home.filePath(u"data/smh-task-monitor/ledger.sqlite"_s)));
    }
};

QTEST_GUILESS_MAIN(TestWindowTeamLedger)
#include "tst_windowteamledger.moc"
