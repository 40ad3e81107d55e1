#include "demo/smhsimulator.h"
#include "history/historyledger.h"
#include "history/historyservice.h"
#include "tasks/connectionhealth.h"
#include "tasks/ledgersql.h"
#include "tasks/monitor.h"
#include "tasks/polllease.h"
#include "tasks/pollscheduler.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"
#include "testledger.h"
#include "verifyexpected.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSocketNotifier>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <array>
#include <cstdio>
#include <memory>
#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

PollPlanner::Options fastPolling()
{
    PollPlanner::Options fast;
    fast.baseInterval = 50ms;
    fast.maxInterval = 100ms;
    fast.requestsPerSecond = 1000;
    return fast;
}

// The child process of aKilledHolderIsTakenOver: a window-less monitor on the
// ledger file that polls until it is killed (or a minute has passed).
int holdLease(const QString &file, qint64 connectionId)
{
    Monitor monitor;
    // Longer than the test waits: only its death can hand the lease over.
    monitor.setPollLeaseLifetime(60s);
    if (!monitor.openStore(file))
        return 3;
    monitor.setPollOptions(fastPolling());
    monitor.setAccessToken(connectionId, qEnvironmentVariable("SMH_ACCESS_TOKEN"));
    bool said = false;
    QObject::connect(&monitor.polling(), &PollScheduler::cycleFinished, &monitor, [&said] {
        if (!std::exchange(said, true)) {
            std::fputs("polled\n", stdout);
            std::fflush(stdout);
        }
    });
    QTimer::singleShot(60s, qApp, [] { QCoreApplication::exit(4); });
    return QCoreApplication::exec();
}

// The child process of threeOperatorsClearAtOnce: a monitor on the ledger
// that asks to clear the connection's library as soon as a line comes on its
// standard input, says what came of it on standard output ("cleared", or
// "refused REASON MESSAGE"), and stays, its claim with it, until it is
// killed (or a minute has passed).
int clearOnCue(const QString &file, qint64 connectionId)
{
    Monitor monitor;
    if (!monitor.openStore(file))
        return 3;
    monitor.setAccessToken(connectionId, qEnvironmentVariable("SMH_ACCESS_TOKEN"));
    HistoryService *history = HistoryService::of(&monitor);
    QSocketNotifier cue(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&cue, &QSocketNotifier::activated, &monitor, [&] {
        cue.setEnabled(false);
        char line[16];
        if (::read(STDIN_FILENO, line, sizeof line) <= 0) {
            QCoreApplication::exit(5);
            return;
        }
        history->clearHistory(connectionId, {}, &monitor, [](const ClearResult &result) {
            if (result)
                std::puts("cleared");
            else
                std::printf("refused %d %s\n", int(ClearRefusal::of(result.error()).reason),
                    qPrintable(result.error().message()));
            std::fflush(stdout);
        });
    });
    std::puts("ready");
    std::fflush(stdout);
    QTimer::singleShot(60s, qApp, [] { QCoreApplication::exit(4); });
    return QCoreApplication::exec();
}

} // namespace

// Several monitors on one ledger poll each library once: one holds the
// connection's lease, the others show its answers from the ledger and take
// over when it lets go, dies or stops renewing. Real HTTP against the SMH
// simulator, real ledgers (a file; on the second run a database of the
// throwaway PostgreSQL cluster), one monitor a real process where it dies.
class TestPollLease final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_file;
    qint64 m_connectionId = 0;
    qint64 m_nowMs = 1'000'000;

    std::unique_ptr<Monitor> openMonitor(
        std::chrono::milliseconds lifetime = PollLease::defaultLifetime, QString token = {}) const
    {
        auto monitor = std::make_unique<Monitor>();
        monitor->setPollLeaseLifetime(lifetime);
        if (const auto opened = monitor->openStore(m_file); !opened) {
            qWarning() << opened.error().message();
            return {};
        }
        monitor->setPollOptions(fastPolling());
        monitor->setAccessToken(
            m_connectionId, token.isEmpty() ? m_simulator->staticToken() : token);
        return monitor;
    }

    // A child of this test binary on the ledger: `mode` and its arguments,
    // with `token` for the connection.
    void startChild(QProcess &child, const QString &mode, const QString &token) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SMH_ACCESS_TOKEN"_s, token);
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
            {mode, m_file, QString::number(m_connectionId)});
    }

    // Tasks that run until the test moves the simulator's clock.
    void script(const QList<qint64> &ids, qint64 runMs = 1'000'000'000)
    {
        for (qint64 id : ids) {
            SmhSimulator::TaskScript task = m_simulator->scriptFor(id);
            task.known = true;
            task.startMs = m_nowMs;
            task.runMs = runMs;
            task.finalStatus = 200;
            m_simulator->setTask(id, task);
        }
    }

    static PollScheduler::ConnectionStatus status(const Monitor &monitor, qint64 id)
    {
        return monitor.polling().status(id);
    }

    // The ledger's lease row, read as another program would.
    struct LeaseRow
    {
        QString user;
        QString host;
        qint64 pid = 0;
        qint64 expiresMs = 0;
    };
    std::optional<LeaseRow> leaseRow() const
    {
        const QString name = QUuid::createUuid().toString();
        std::optional<LeaseRow> row;
        {
            const Expected<QSqlDatabase> added = LedgerSql::addConnection(name, m_file);
            QSqlDatabase db = added.valueOr(QSqlDatabase());
            if (added && db.open()) {
                QSqlQuery q(db);
                if (q.exec(u"SELECT holder_user, holder_host, holder_pid, expires_at "
                           "FROM poll_leases WHERE connection_id = %1"_s.arg(m_connectionId))
                    && q.next())
                    row = LeaseRow {q.value(0).toString(), q.value(1).toString(),
                        q.value(2).toLongLong(), q.value(3).toLongLong()};
            }
        }
        QSqlDatabase::removeDatabase(name);
        return row;
    }

    // Writes (or with `host` empty, deletes) a lease of a monitor on another
    // machine, as its own process would.
    bool writeForeignLease(const QString &host, qint64 expiresMs) const
    {
        const QString name = QUuid::createUuid().toString();
        bool done = false;
        {
            const Expected<QSqlDatabase> added = LedgerSql::addConnection(name, m_file);
            QSqlDatabase db = added.valueOr(QSqlDatabase());
            if (added && db.open()) {
                QSqlQuery q(db);
                done = PollLease::createTable(q)
                    && q.exec(
                        u"DELETE FROM poll_leases WHERE connection_id = %1"_s.arg(m_connectionId));
                if (done && !host.isEmpty()) {
                    q.prepare(u"INSERT INTO poll_leases (connection_id, holder, holder_user, "
                              "holder_host, holder_pid, expires_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
                    for (const QVariant &value :
                        {QVariant(m_connectionId), QVariant(u"elsewhere-1"_s), QVariant(u"bob"_s),
                            QVariant(host), QVariant(4242), QVariant(expiresMs)})
                        q.addBindValue(value);
                    done = q.exec();
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return done;
    }

    QString thisProcess() const { return u"pid %1"_s.arg(QCoreApplication::applicationPid()); }

private Q_SLOTS:
    void initTestCase() { SMH_REQUIRE_BACKEND(); }

    void init()
    {
        m_nowMs = 1'000'000;
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        QVERIFY(m_simulator->start());
        m_dir = std::make_unique<QTemporaryDir>();
        m_file = TestLedger::fresh(*m_dir, u"lease"_s);
        QVERIFY(!m_file.isEmpty());
        TaskStore setup;
        SMH_VERIFY(setup.open(m_file));
        Connection connection;
        connection.name = u"Archive"_s;
        connection.settings.endpoint = m_simulator->baseUrl();
        connection.settings.libraryId = m_simulator->libraryId();
        connection.authKind = AuthKind::AccessToken;
        m_connectionId = setup.addConnection(connection).valueOr(0);
        QVERIFY(m_connectionId > 0);
        script({1, 2, 3});
    }

    void cleanup()
    {
        m_simulator.reset();
        m_dir.reset();
    }

    // A monitor alone takes the lease and polls as it always did; the
    // second one on the ledger sends nothing for the connection, yet shows
    // every answer the first one got, and says who polls.
    void aSecondMonitorShowsTheHoldersAnswers()
    {
        auto first = openMonitor();
        QVERIFY(first);
        QVERIFY(first->addTasks(m_connectionId, {1, 2, 3}));
        QTRY_VERIFY(status(*first, m_connectionId).requestsSent > 0);
        QCOMPARE(status(*first, m_connectionId).health, PollScheduler::Health::Ok);
        const std::optional<LeaseRow> row = leaseRow();
        QVERIFY(row);
        QCOMPARE(row->pid, QCoreApplication::applicationPid());

        auto second = openMonitor();
        QVERIFY(second);
        QCOMPARE(second->tasks().taskCount(), 3);
        QTRY_COMPARE(status(*second, m_connectionId).health, PollScheduler::Health::Elsewhere);
        QVERIFY2(status(*second, m_connectionId).polledBy.endsWith(thisProcess()),
            qPrintable(status(*second, m_connectionId).polledBy));
        const ConnectionHealth::Summary health =
            ConnectionHealth::of(*second, QDateTime::currentDateTimeUtc());
        QCOMPARE(health.elsewhere.size(), 1);
        QVERIFY(health.elsewhere.constFirst().startsWith(u"Archive: polled by another monitor"_s));
        QVERIFY(health.problems.isEmpty());

        // The holder's answers arrive through the ledger.
        m_nowMs += 2'000'000'000;
        QTRY_COMPARE(second->tasks().task({m_connectionId, 2})->state, TaskState::Succeeded);
        QTRY_COMPARE(second->notifications().unfinished(), 0);
        QCOMPARE(status(*second, m_connectionId).requestsSent, 0);
        QTRY_COMPARE(
            qint64(m_simulator->taskQueryCount()), status(*first, m_connectionId).requestsSent);
    }

    // The holder quits (or pauses): the lease is released, and another
    // monitor polls at once, not when the lease would have lapsed.
    void theHolderQuittingHandsOverAtOnce()
    {
        auto first = openMonitor(10min);
        QVERIFY(first);
        QVERIFY(first->addTasks(m_connectionId, {1, 2}));
        QTRY_VERIFY(status(*first, m_connectionId).requestsSent > 0);
        auto second = openMonitor(10min);
        QVERIFY(second);
        QTRY_COMPARE(status(*second, m_connectionId).health, PollScheduler::Health::Elsewhere);

        // Paused: not polling, so not holding.
        first->setPaused(m_connectionId, true);
        QTRY_VERIFY(status(*second, m_connectionId).requestsSent > 0);
        QCOMPARE(status(*second, m_connectionId).health, PollScheduler::Health::Ok);
        QCOMPARE(leaseRow()->pid, QCoreApplication::applicationPid());
        first->setPaused(m_connectionId, false);
        QTRY_COMPARE(status(*first, m_connectionId).health, PollScheduler::Health::Elsewhere);

        // Quits.
        const qint64 before = status(*first, m_connectionId).requestsSent;
        second->shutdown();
        second.reset();
        QTRY_VERIFY(status(*first, m_connectionId).requestsSent > before);
        QCOMPARE(status(*first, m_connectionId).health, PollScheduler::Health::Ok);
        QVERIFY(status(*first, m_connectionId).polledBy.isEmpty());
    }

    // A monitor on another machine that stopped renewing (it crashed) is
    // named while its lease lasts, and taken over when the lease lapses.
    void aLapsedLeaseIsTakenOver()
    {
        const qint64 lapse = QDateTime::currentMSecsSinceEpoch() + 4'000;
        QVERIFY(writeForeignLease(u"far.example"_s, lapse));
        auto monitor = openMonitor();
        QVERIFY(monitor);
        QVERIFY(monitor->addTasks(m_connectionId, {1}));
        QTRY_COMPARE(status(*monitor, m_connectionId).health, PollScheduler::Health::Elsewhere);
        QCOMPARE(status(*monitor, m_connectionId).polledBy, u"bob@far.example, pid 4242"_s);
        QCOMPARE(status(*monitor, m_connectionId).requestsSent, 0);
        QTRY_VERIFY_WITH_TIMEOUT(status(*monitor, m_connectionId).requestsSent > 0, 10'000);
        QVERIFY(QDateTime::currentMSecsSinceEpoch() >= lapse);
        QTRY_COMPARE(m_simulator->taskQueryCount(), status(*monitor, m_connectionId).requestsSent);
        QCOMPARE(leaseRow()->pid, QCoreApplication::applicationPid());
        QCOMPARE(status(*monitor, m_connectionId).health, PollScheduler::Health::Ok);
    }

    // A lease is renewed while its holder polls: another monitor never gets
    // it, over many lifetimes.
    void aLeaseIsRenewedWhilePolling()
    {
        // A lifetime of a second, renewed every third of it: only a stall
        // of two thirds of a second would let it lapse.
        auto holder = openMonitor(1s);
        QVERIFY(holder);
        QVERIFY(holder->addTasks(m_connectionId, {1, 2}));
        QTRY_VERIFY(status(*holder, m_connectionId).requestsSent > 0);
        const qint64 firstExpiry = leaseRow()->expiresMs;
        auto other = openMonitor(1s);
        QVERIFY(other);
        QTRY_COMPARE(status(*other, m_connectionId).health, PollScheduler::Health::Elsewhere);
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 4'000) {
            QTest::qWait(200);
            const std::optional<LeaseRow> row = leaseRow();
            QVERIFY(row);
            QCOMPARE(row->pid, QCoreApplication::applicationPid());
            QVERIFY(row->expiresMs > QDateTime::currentMSecsSinceEpoch());
        }
        QVERIFY(leaseRow()->expiresMs >= firstExpiry + 3'000);
        QCOMPARE(status(*other, m_connectionId).requestsSent, 0);
        QCOMPARE(status(*other, m_connectionId).health, PollScheduler::Health::Elsewhere);
    }

    // A monitor killed while it holds the lease (SIGKILL: nothing released)
    // is taken over within 30 s, although its lease named a minute.
    void aKilledHolderIsTakenOver()
    {
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SMH_ACCESS_TOKEN"_s, m_simulator->staticToken());
        child.setProcessEnvironment(environment);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        {
            auto seed = openMonitor();
            QVERIFY(seed);
            QVERIFY(seed->addTasks(m_connectionId, {1, 2}));
            seed->setPaused(m_connectionId, true);
        }
        child.start(QCoreApplication::applicationFilePath(),
            {u"--hold-lease"_s, m_file, QString::number(m_connectionId)});
        QVERIFY(child.waitForStarted(10'000));
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT(
            (said += child.readAllStandardOutput()).contains("polled"), 20'000);
        const qint64 childPid = child.processId();
        QCOMPARE(leaseRow()->pid, childPid);

        auto monitor = openMonitor();
        QVERIFY(monitor);
        QTRY_COMPARE(status(*monitor, m_connectionId).health, PollScheduler::Health::Elsewhere);
        QVERIFY(status(*monitor, m_connectionId).polledBy.endsWith(u"pid %1"_s.arg(childPid)));
        QCOMPARE(status(*monitor, m_connectionId).requestsSent, 0);

        ::kill(pid_t(childPid), SIGKILL);
        QVERIFY(child.waitForFinished(10'000));
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(status(*monitor, m_connectionId).requestsSent > 0, 30'000);
        QVERIFY(clock.elapsed() < 30'000);
        QCOMPARE(status(*monitor, m_connectionId).health, PollScheduler::Health::Ok);
        QCOMPARE(leaseRow()->pid, QCoreApplication::applicationPid());
    }

    // A monitor that polls a few tasks of the connection (a script's own)
    // gives way to a holder but never takes the lease: the connection's
    // other tasks are not left to nobody.
    void aMonitorOfAFewTasksNeverHoldsTheLease()
    {
        auto script = openMonitor();
        QVERIFY(script);
        QVERIFY(script->addTasks(m_connectionId, {1, 2}));
        script->limitPollingTo(QSet<TaskKey> {{m_connectionId, 1}});
        QTRY_VERIFY(status(*script, m_connectionId).requestsSent > 0);
        QVERIFY(!leaseRow());

        auto window = openMonitor();
        QVERIFY(window);
        QTRY_VERIFY(status(*window, m_connectionId).requestsSent > 0);
        QCOMPARE(leaseRow()->pid, QCoreApplication::applicationPid());
        QCOMPARE(status(*window, m_connectionId).health, PollScheduler::Health::Ok);
        QTRY_COMPARE(status(*script, m_connectionId).health, PollScheduler::Health::Elsewhere);
        const qint64 sent = status(*script, m_connectionId).requestsSent;
        QTest::qWait(500); // ten of the window's cycles
        QCOMPARE(status(*script, m_connectionId).requestsSent, sent);

        // A re-check asked for in a monitor that does not hold the lease
        // still goes out: the holder polls only unfinished tasks.
        m_nowMs += 2'000'000'000;
        QTRY_COMPARE(script->tasks().task({m_connectionId, 1})->state, TaskState::Succeeded);
        QCOMPARE(script->recheckTasks({{m_connectionId, 1}}), 1);
        QTRY_COMPARE(status(*script, m_connectionId).requestsSent, sent + 1);
    }

    // Three monitors on one ledger, as three operators' desktops: one (a
    // process) holds the lease and polls, the other two send nothing and
    // show its answers. Killed (SIGKILL: nothing released), it is taken
    // over within 30 s by exactly one of the two. Each monitor has a token
    // of its own, so the simulator counts who asked.
    void threeMonitorsAKilledHolderIsTakenOverByOne()
    {
        QHash<QString, int> queries; // task queries, by the token they carry
        QObject counting; // declared after `queries`: disconnects first
        connect(&m_simulator->server(), &HttpServer::requestReceived, &counting,
            [&queries](const HttpRequest &request) {
                if (request.pathSegments().value(2) == u"task")
                    ++queries[request.queryValue(u"access_token"_s)];
            });
        const QString holderToken = m_simulator->issueToken();
        const QStringList tokens {m_simulator->issueToken(), m_simulator->issueToken()};
        script({1}, 5'000); // ends when the test moves the clock; 2 and 3 run on
        {
            auto seed = openMonitor();
            QVERIFY(seed);
            QVERIFY(seed->addTasks(m_connectionId, {1, 2, 3}));
            seed->setPaused(m_connectionId, true);
        }
        QProcess holder;
        startChild(holder, u"--hold-lease"_s, holderToken);
        QVERIFY(holder.waitForStarted(10'000));
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT(
            (said += holder.readAllStandardOutput()).contains("polled"), 20'000);
        const qint64 holderPid = holder.processId();

        std::vector<std::unique_ptr<Monitor>> others;
        for (const QString &token : tokens) {
            others.push_back(openMonitor(PollLease::defaultLifetime, token));
            QVERIFY(others.back());
        }
        for (const auto &other : others) {
            QTRY_COMPARE(status(*other, m_connectionId).health, PollScheduler::Health::Elsewhere);
            QVERIFY(status(*other, m_connectionId).polledBy.endsWith(u"pid %1"_s.arg(holderPid)));
        }
        // The holder's answers reach both; neither asked.
        m_nowMs += 10'000;
        for (const auto &other : others)
            QTRY_COMPARE(other->tasks().task({m_connectionId, 1})->state, TaskState::Succeeded);
        QVERIFY(queries.value(holderToken) > 0);
        QCOMPARE(queries.value(tokens.at(0)) + queries.value(tokens.at(1)), 0);

        ::kill(pid_t(holderPid), SIGKILL);
        QVERIFY(holder.waitForFinished(10'000));
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            queries.value(tokens.at(0)) + queries.value(tokens.at(1)) > 0, 30'000);
        QVERIFY(clock.elapsed() < 30'000);
        const int taker = queries.value(tokens.at(0)) > 0 ? 0 : 1;
        Monitor &waiting = *others.at(1 - taker);
        // The new holder goes on polling; the other still only reads.
        QTRY_VERIFY(queries.value(tokens.at(taker)) >= 3);
        QCOMPARE(queries.value(tokens.at(1 - taker)), 0);
        QCOMPARE(status(*others.at(taker), m_connectionId).health, PollScheduler::Health::Ok);
        QCOMPARE(status(waiting, m_connectionId).health, PollScheduler::Health::Elsewhere);
        QCOMPARE(status(waiting, m_connectionId).requestsSent, 0);
        QCOMPARE(leaseRow()->pid, QCoreApplication::applicationPid());
        m_nowMs += 2'000'000'000;
        QTRY_COMPARE(waiting.tasks().task({m_connectionId, 3})->state, TaskState::Succeeded);
        QCOMPARE(queries.value(tokens.at(1 - taker)), 0);
    }

    // Three operators ask to clear the same library at the same moment,
    // each from a monitor (a process) of their own on the ledger: the
    // ledger's claim lets exactly one DELETE reach SMH, and the two others
    // are refused with that claim named (who, from where).
    void threeOperatorsClearAtOnce()
    {
        m_simulator->setHistoryState({false, {}, {}, {}});
        // The winner's settings are read slowly: its claim stands until the
        // others have asked, however loaded the machine.
        m_simulator->setStall(
            [](const HttpRequest &request) {
                return request.method == "GET" && request.target.contains("library-history");
            },
            3s);
        const QString admin = m_simulator->issueToken(0, true);
        std::array<QProcess, 3> operators;
        std::array<QByteArray, 3> said;
        for (QProcess &child : operators) {
            startChild(child, u"--clear-on-cue"_s, admin);
            QVERIFY(child.waitForStarted(10'000));
        }
        for (std::size_t i = 0; i < operators.size(); ++i)
            QTRY_VERIFY_WITH_TIMEOUT(
                (said[i] += operators[i].readAllStandardOutput()).contains("ready"), 20'000);
        for (QProcess &child : operators)
            child.write("go\n");
        for (std::size_t i = 0; i < operators.size(); ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(
                (said[i] += operators[i].readAllStandardOutput()).contains("cleared")
                    || said[i].contains("refused"),
                30'000);
        }
        QList<qint64> winners;
        for (std::size_t i = 0; i < operators.size(); ++i) {
            if (said[i].contains("cleared"))
                winners << operators[i].processId();
        }
        QCOMPARE(winners.size(), 1);
        const QString origin = u"pid %1"_s.arg(winners.constFirst());
        for (std::size_t i = 0; i < operators.size(); ++i) {
            if (operators[i].processId() == winners.constFirst())
                continue;
            const QString answer = QString::fromUtf8(said[i]);
            const QString busy = u"refused %1 "_s.arg(int(ClearRefusal::Reason::Busy));
            QVERIFY2(answer.contains(busy) && answer.contains(u"under way"_s)
                    && answer.contains(origin) && answer.contains(m_simulator->libraryId()),
                qPrintable(answer));
        }
        QCOMPARE(m_simulator->clearRequests(), 1);
        // The ledger holds the winner's clear alone: a refusal is never recorded.
        TaskStore store;
        SMH_VERIFY(store.open(m_file));
        HistoryLedger ledger(&store);
        const QList<CleanupRecord> records =
            ledger.cleanups(LibraryKey::of(store.connection(m_connectionId)->settings));
        QCOMPARE(records.size(), 1);
        QVERIFY2(
            records.constFirst().origin.endsWith(origin), qPrintable(records.constFirst().origin));
        for (QProcess &child : operators) {
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10'000));
        }
        QCOMPARE(m_simulator->clearRequests(), 1);
    }

    // A ledger in memory is nobody else's: no lease, no gate.
    void aLedgerInMemoryPollsWithoutALease()
    {
        Monitor monitor;
        SMH_VERIFY(monitor.openStore(u":memory:"_s));
        monitor.setPollOptions(fastPolling());
        Connection connection;
        connection.settings.endpoint = m_simulator->baseUrl();
        connection.settings.libraryId = m_simulator->libraryId();
        const qint64 id = monitor.addConnection(connection).valueOr(0);
        monitor.setAccessToken(id, m_simulator->staticToken());
        QVERIFY(monitor.addTasks(id, {1}));
        QTRY_VERIFY(status(monitor, id).requestsSent > 0);
        QVERIFY(status(monitor, id).polledBy.isEmpty());
        const auto lease = monitor.findChildren<PollLease *>();
        QVERIFY(lease.isEmpty());
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--hold-lease") == 0)
        return holdLease(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toLongLong());
    if (argc == 4 && qstrcmp(argv[1], "--clear-on-cue") == 0)
        return clearOnCue(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toLongLong());
    TestPollLease test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_polllease.moc"
