#include "cliprocess.h"
#include "demo/smhsimulator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// One window per ledger, with the real program as separate processes, real
// sockets and real SQLite files: a later launch hands its tasks to the window
// already open and exits 0; a window killed with SIGKILL is succeeded by the
// next launch; two launches at the same moment make one window.
class TestSingleInstance final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    SmhSimulator *m_simulator = nullptr;
    QString m_token;
    std::vector<std::unique_ptr<QProcess>> m_windows;
    int m_readers = 0;

    QString ledgerPath() const
    {
        return m_home->filePath(u"data/smh-task-monitor/ledger.sqlite"_s);
    }
    QString runtimeFolder() const { return m_home->filePath(u"run"_s); }

    // A user of their own: data, settings and runtime folders in the test's
    // temporary folder, no keychain, the offscreen platform for windows.
    QProcessEnvironment userEnvironment(bool withToken) const
    {
        QProcessEnvironment env;
        env.insert(u"XDG_DATA_HOME"_s, m_home->filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
        env.insert(u"XDG_RUNTIME_DIR"_s, runtimeFolder());
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bus"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        if (withToken)
            env.insert(u"SMH_ACCESS_TOKEN"_s, m_token);
        return env;
    }

    QStringList connection() const
    {
        return {u"--endpoint"_s, m_simulator->baseUrl().toString(), u"--library"_s,
            m_simulator->libraryId(), u"--interval"_s, u"0.05"_s, u"--max-interval"_s, u"0.2"_s};
    }

    QProcess *startWindow(const QStringList &arguments, bool withToken = true)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(CliProcess::environment(userEnvironment(withToken)));
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QStringLiteral(SMH_BINARY), arguments);
        m_windows.push_back(std::move(process));
        return m_windows.back().get();
    }

    CliProcess::Run launch(
        const QStringList &arguments, bool withToken = false, bool withDisplay = true)
    {
        CliProcess::Options options;
        options.environment = userEnvironment(withToken);
        if (!withDisplay)
            options.environment.remove(u"QT_QPA_PLATFORM"_s);
        options.secrets = {m_token};
        // A launch that opened a window of its own would never end.
        options.deadline = 60s;
        return CliProcess::run(QStringLiteral(SMH_BINARY), arguments, options);
    }

    // The ledger as another process sees it: task ID -> state.
    QHash<qint64, QString> ledger()
    {
        const QString name = u"reader-%1"_s.arg(++m_readers);
        QHash<qint64, QString> states;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(ledgerPath());
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
            if (QFile::exists(ledgerPath()) && db.open()) {
                QSqlQuery query(db);
                query.exec(u"SELECT task_id, state FROM tasks"_s);
                while (query.next())
                    states.insert(query.value(0).toLongLong(), query.value(1).toString());
            }
        }
        QSqlDatabase::removeDatabase(name);
        return states;
    }

    // Task ID -> the name of its connection.
    QHash<qint64, QString> connectionsOfTasks()
    {
        const QString name = u"reader-%1"_s.arg(++m_readers);
        QHash<qint64, QString> names;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(ledgerPath());
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
            if (QFile::exists(ledgerPath()) && db.open()) {
                QSqlQuery query(db);
                query.exec(u"SELECT t.task_id, c.name FROM tasks t JOIN connections c ON "
                           "c.id = t.connection_id"_s);
                while (query.next())
                    names.insert(query.value(0).toLongLong(), query.value(1).toString());
            }
        }
        QSqlDatabase::removeDatabase(name);
        return names;
    }

    bool polled(qint64 taskId)
    {
        const QString state = ledger().value(taskId);
        return !state.isEmpty() && state != u"queued";
    }

    void script(qint64 id)
    {
        SmhSimulator::TaskScript s = m_simulator->scriptFor(id);
        s.known = true;
        s.startMs = m_simulator->nowMs();
        s.runMs = 0;
        s.finalStatus = 204;
        m_simulator->setTask(id, s);
    }

    QStringList sockets() const
    {
        return QDir(runtimeFolder()).entryList({u"smh-task-monitor-*"_s}, QDir::System);
    }

    // Whether a window answers on the ledger's socket now.
    bool listening() const
    {
        const QStringList names = sockets();
        if (names.isEmpty())
            return false;
        QLocalSocket socket;
        socket.connectToServer(QDir(runtimeFolder()).filePath(names.constFirst()));
        return socket.waitForConnected(1000);
    }

    static bool running(const QProcess *process) { return process->state() == QProcess::Running; }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        QVERIFY(QDir().mkpath(runtimeFolder()));
        QVERIFY(QFile::setPermissions(runtimeFolder(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        m_simulator = new SmhSimulator(this);
        QVERIFY(m_simulator->start());
        m_token = m_simulator->issueToken();
        for (qint64 id : {1, 2, 3, 7, 8, 31})
            script(id);
    }

    void cleanup()
    {
        for (const auto &window : m_windows) {
            window->kill();
            window->waitForFinished();
        }
        m_windows.clear();
        delete m_simulator;
        m_simulator = nullptr;
        m_home.reset();
    }

    void laterLaunchHandsItsTasksToTheOpenWindow()
    {
        QProcess *first = startWindow(connection() << u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(polled(1), 30'000);

        // From a terminal without a display too (ssh): handing over needs none.
        const CliProcess::Run second = launch({u"2"_s, u"3"_s}, false, false);
        QVERIFY2(second.exitCode == 0, qPrintable(second.text()));
        QVERIFY(running(first));
        // Polled by the first window: it took them into its own monitor.
        QTRY_VERIFY_WITH_TIMEOUT(polled(2) && polled(3), 30'000);
        QCOMPARE(sockets().size(), 1);
    }

    void badIdsAddNothingThere()
    {
        QProcess *first = startWindow(connection() << u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(polled(1), 30'000);
        // Handed over all the same: the open window asks for a fix (its
        // add-tasks dialog), and nothing is added until then.
        CliProcess::Run second = launch({u"3"_s, u"12x"_s});
        QVERIFY2(second.exitCode == 0, qPrintable(second.text()));
        second = launch({u"2"_s});
        QVERIFY2(second.exitCode == 0, qPrintable(second.text()));
        QTRY_VERIFY_WITH_TIMEOUT(polled(2), 30'000);
        QVERIFY(!ledger().contains(3));
        QVERIFY(running(first));
    }

    void theProfileNamesTheConnection()
    {
        // Two saved connections: the IDs go where --profile says.
        for (const QString &name : {u"first"_s, u"second"_s}) {
            const CliProcess::Run saved = launch(QStringList {u"profile"_s, u"add"_s, name}
                << u"--endpoint"_s << m_simulator->baseUrl().toString() << u"--library"_s
                << m_simulator->libraryId() << u"--user-id"_s << name);
            QVERIFY2(saved.exitCode == 0, qPrintable(saved.text()));
        }
        QProcess *window = startWindow({}, false);
        QTRY_VERIFY_WITH_TIMEOUT(listening(), 30'000);
        const CliProcess::Run later = launch({u"--profile"_s, u"second"_s, u"60"_s});
        QVERIFY2(later.exitCode == 0, qPrintable(later.text()));
        QTRY_COMPARE_WITH_TIMEOUT(connectionsOfTasks().value(60), u"second"_s, 30'000);
        QVERIFY(running(window));
    }

    void connectionAndCredentialTravelWithTheLaunch()
    {
        // A window with nothing: no connection, no token.
        QProcess *first = startWindow({}, false);
        QTRY_COMPARE_WITH_TIMEOUT(sockets().size(), 1, 30'000);

        QFile token(m_home->filePath(u"token"_s));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write(m_token.toUtf8());
        token.close();
        QFile ids(m_home->filePath(u"ids.txt"_s));
        QVERIFY(ids.open(QIODevice::WriteOnly));
        ids.write("7\n8\n");
        ids.close();
        const CliProcess::Run second = launch(connection()
            << u"--token-file"_s << token.fileName() << u"--ids-file"_s << ids.fileName());
        QVERIFY2(second.exitCode == 0, qPrintable(second.text()));
        QVERIFY(running(first));
        // Polled with the token the second launch read: no other one exists.
        QTRY_VERIFY_WITH_TIMEOUT(polled(7) && polled(8), 30'000);

        // The token crossed the socket, and was never written down.
        QDirIterator files(
            m_home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            if (path == token.fileName())
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(m_token.toUtf8()), qPrintable(path));
        }
    }

    void aKilledWindowIsSucceeded()
    {
        QProcess *first = startWindow(connection() << u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(polled(1), 30'000);
        first->kill(); // SIGKILL: no clean-up at all
        QVERIFY(first->waitForFinished());
        // What a crash leaves: the lock file and the socket.
        QVERIFY(QFile::exists(ledgerPath() + u".lock"_s));
        QCOMPARE(sockets().size(), 1);

        QVERIFY(!listening());
        QProcess *relaunched = startWindow(connection());
        QTRY_VERIFY_WITH_TIMEOUT(listening(), 30'000);
        const CliProcess::Run third = launch({u"31"_s});
        QVERIFY2(third.exitCode == 0, qPrintable(third.text()));
        QVERIFY(running(relaunched));
        QTRY_VERIFY_WITH_TIMEOUT(polled(31), 30'000);
    }

    void twoLaunchesAtOnceMakeOneWindow()
    {
        for (int round = 0; round < 3; ++round) {
            const qint64 a = 40 + round;
            const qint64 b = 50 + round;
            script(a);
            script(b);
            QProcess *one = startWindow(connection() << QString::number(a));
            QProcess *other = startWindow(connection() << QString::number(b));
            QVERIFY(one->waitForStarted());
            QVERIFY(other->waitForStarted());
            // One hands its task to the other and ends; the other stays.
            QTRY_VERIFY_WITH_TIMEOUT(!running(one) || !running(other), 30'000);
            QProcess *ended = running(one) ? other : one;
            QProcess *stayed = running(one) ? one : other;
            QCOMPARE(ended->exitStatus(), QProcess::NormalExit);
            QCOMPARE(ended->exitCode(), 0);
            QTRY_VERIFY_WITH_TIMEOUT(polled(a) && polled(b), 30'000);
            QVERIFY(running(stayed));
            stayed->kill();
            QVERIFY(stayed->waitForFinished());
        }
    }

    void commandsAreNeverHandedToTheWindow()
    {
        QProcess *window = startWindow(connection() << u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(polled(1), 30'000);

        CliProcess::Run query = launch(
            QStringList {u"query"_s, u"--output"_s, u"json"_s} << connection() << u"2"_s, true);
        QVERIFY2(query.exitCode == 0, qPrintable(query.text()));
        const QJsonArray tasks =
            QJsonDocument::fromJson(query.out).object().value(u"tasks"_s).toArray();
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.first().toObject().value(u"taskId"_s).toInteger(), 2);
        const CliProcess::Run list = launch({u"profile"_s, u"list"_s});
        QVERIFY2(list.exitCode == 0, qPrintable(list.text()));
        QVERIFY(list.out.contains(m_simulator->libraryId().toUtf8()));
        QVERIFY(running(window));
        // The query's task is its own, not the window's.
        QVERIFY(!ledger().contains(2));
    }

    void theWindowShrugsOffGarbage()
    {
        QProcess *window = startWindow(connection() << u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(polled(1), 30'000);
        QCOMPARE(sockets().size(), 1);

        const QString path = QDir(runtimeFolder()).filePath(sockets().constFirst());
        for (const QByteArray &garbage :
            {QByteArray("GET / HTTP/1.1\r\n\r\n"), QByteArray("SMHI\x01\xff\xff\xff\xff", 9),
                QByteArray("SMHI\x01\0\0\0\x03"
                           "abc",
                    12)}) {
            QLocalSocket socket;
            socket.connectToServer(path);
            QVERIFY(socket.waitForConnected(5000));
            socket.write(garbage);
            QVERIFY(socket.waitForBytesWritten(5000));
            // Refused with a sentence, and the line closed.
            QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QLocalSocket::UnconnectedState, 15'000);
            const QByteArray answer = socket.readAll();
            QVERIFY(answer.size() > 3);
            QCOMPARE(answer.at(0), '\x01');
        }
        QVERIFY(running(window));
        const CliProcess::Run later = launch({u"2"_s});
        QVERIFY2(later.exitCode == 0, qPrintable(later.text()));
        QTRY_VERIFY_WITH_TIMEOUT(polled(2), 30'000);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
