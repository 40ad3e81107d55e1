#include "demo/smhsimulator.h"
#include "tasks/connectionhealth.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"

#include <QLocale>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The one verdict on each connection every face shows: its state, its kind
// of trouble and the words for it, as polling against the SMH simulator on
// loopback (real HTTP) moves it from one state to another.
class TestConnectionHealth final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    std::unique_ptr<Monitor> m_monitor;
    qint64 m_nowMs = 0;

    ConnectionHealth::Summary summary() const
    {
        return ConnectionHealth::of(*m_monitor, QDateTime::currentDateTimeUtc());
    }

    ConnectionHealth::Entry entry(qint64 id) const
    {
        const ConnectionHealth::Summary now = summary();
        for (const ConnectionHealth::Entry &entry : now.connections) {
            if (entry.id == id)
                return entry;
        }
        return {};
    }

    // A connection to the simulator's library, by access token, with `token`
    // (none: no credential at all), watching one running task.
    qint64 watch(const QString &name, const QString &token, const QString &libraryId = {})
    {
        Connection connection;
        connection.name = name;
        connection.settings.endpoint = m_simulator->baseUrl();
        connection.settings.libraryId = libraryId.isEmpty() ? m_simulator->libraryId() : libraryId;
        const qint64 id = m_monitor->addConnection(connection).valueOr(0);
        if (id == 0)
            return 0;
        if (!token.isEmpty())
            m_monitor->setAccessToken(id, token);
        SmhSimulator::TaskScript task = m_simulator->scriptFor(7);
        task.known = true;
        task.startMs = m_nowMs;
        task.runMs = 600'000;
        m_simulator->setTask(7, task);
        if (!m_monitor->addTasks(id, {7}))
            return 0;
        return id;
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init()
    {
        m_nowMs = 1'000'000;
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        QVERIFY(m_simulator->start());
        m_monitor = std::make_unique<Monitor>();
        QVERIFY(m_monitor->openStore(u":memory:"_s));
        PollPlanner::Options fast;
        fast.baseInterval = 50ms;
        fast.maxInterval = 100ms;
        fast.requestsPerSecond = 1000;
        // Long enough to be seen, short enough to wait for.
        fast.backoffBase = 400ms;
        fast.backoffMax = 800ms;
        m_monitor->setPollOptions(fast);
    }

    void cleanup()
    {
        m_monitor->shutdown();
        m_monitor.reset();
        m_simulator.reset();
    }

    void noConnectionKnowsNothing()
    {
        const ConnectionHealth::Summary now = summary();
        QVERIFY(!now.hasConnections());
        QVERIFY(!now.allPaused);
        QVERIFY(!now.answered);
        QVERIFY(!now.inFlight);
        QVERIFY(now.problems.isEmpty());
        QVERIFY(!now.lastPollAt.isValid());
        QVERIFY(!now.nextPollAt.isValid());
        QCOMPARE(now.requests, 0);
    }

    void answeredConnectionIsWell()
    {
        const qint64 id = watch(u"Archive"_s, m_simulator->staticToken());
        QVERIFY(id > 0);
        QTRY_VERIFY(summary().answered);
        const ConnectionHealth::Summary now = summary();
        QCOMPARE(now.connections.size(), 1);
        const ConnectionHealth::Entry &well = now.connections.constFirst();
        QCOMPARE(well.id, id);
        QCOMPARE(well.name, u"Archive"_s);
        QCOMPARE(well.health, PollScheduler::Health::Ok);
        QCOMPARE(well.trouble, ConnectionHealth::Trouble::None);
        QVERIFY(well.message.isEmpty());
        QCOMPARE(well.pending, 1);
        const QStringList tip = well.toolTip.split(u'\n');
        const QString where = m_monitor->tasks().connection(id)->settings.displayName();
        QCOMPARE(tip.constFirst(), where + u" · 127.0.0.1"_s);
        QCOMPARE(tip.at(1), u"Tasks being polled: 1"_s);
        QVERIFY(tip.at(2).startsWith(u"Requests sent: "_s));
        QVERIFY(now.problems.isEmpty());
        QVERIFY(!now.authProblem);
        QVERIFY(!now.allPaused);
        QVERIFY(now.lastPollAt.isValid());
        QVERIFY(now.nextPollAt.isValid());
        QVERIFY(now.requests > 0);
    }

    void missingCredentialsMatterOnlyWithTasks()
    {
        Connection idle;
        idle.name = u"Idle"_s;
        idle.settings.endpoint = m_simulator->baseUrl();
        idle.settings.libraryId = u"other"_s;
        const qint64 quiet = m_monitor->addConnection(idle).valueOr(0);
        QVERIFY(quiet > 0);
        const qint64 id = watch(u"Bare"_s, {});
        QVERIFY(id > 0);
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::NoCredentials);
        const ConnectionHealth::Entry bare = entry(id);
        QCOMPARE(bare.trouble, ConnectionHealth::Trouble::Auth);
        QCOMPARE(bare.message, u"Bare: no access token or library secret is set."_s);
        // Nothing to poll, nothing wrong to say.
        QCOMPARE(entry(quiet).trouble, ConnectionHealth::Trouble::None);
        QVERIFY(entry(quiet).message.isEmpty());
        const ConnectionHealth::Summary now = summary();
        QCOMPARE(now.problems, QStringList {bare.message});
        QVERIFY(now.authProblem);
        QVERIFY(!now.answered);

        // A token given: the trouble goes, and so do its words.
        m_monitor->setAccessToken(id, m_simulator->staticToken());
        m_monitor->pollNow(id);
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::Ok);
        QCOMPARE(entry(id).trouble, ConnectionHealth::Trouble::None);
        QVERIFY(entry(id).message.isEmpty());
        QVERIFY(summary().problems.isEmpty());
    }

    void refusedTokenSaysWhereToFixItWithoutTheToken()
    {
        const QString wrong = u"wrong-token-0123456789abcdef"_s;
        const qint64 id = watch(u"Refused"_s, wrong);
        QVERIFY(id > 0);
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::AuthRejected);
        const ConnectionHealth::Entry refused = entry(id);
        QCOMPARE(refused.trouble, ConnectionHealth::Trouble::Auth);
        QVERIFY2(refused.message.startsWith(u"Refused: the server refused the credentials ("_s),
            qPrintable(refused.message));
        QVERIFY(
            refused.message.endsWith(u"). Update them under Connection ▸ Manage Connections."_s));
        QVERIFY(!refused.message.contains(wrong));
        QVERIFY(!refused.toolTip.contains(wrong));
        QVERIFY(refused.toolTip.contains(refused.message));
        QVERIFY(summary().authProblem);

        // Updated credentials: well again.
        Connection connection = *m_monitor->tasks().connection(id);
        QVERIFY(m_monitor->updateConnection(connection, m_simulator->staticToken()));
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::Ok);
        QCOMPARE(entry(id).trouble, ConnectionHealth::Trouble::None);
        QVERIFY(!summary().authProblem);
    }

    void unknownLibraryStopsPollingUntilEdited()
    {
        const qint64 id = watch(u"Nowhere"_s, m_simulator->staticToken(), u"nosuchlibrary"_s);
        QVERIFY(id > 0);
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::ConfigError);
        const ConnectionHealth::Entry stopped = entry(id);
        QCOMPARE(stopped.trouble, ConnectionHealth::Trouble::Auth);
        QVERIFY2(stopped.message.startsWith(u"Nowhere: "_s), qPrintable(stopped.message));
        QVERIFY(stopped.message.endsWith(
            u". Polling stopped; edit the connection under Connection ▸ Manage Connections."_s));
        QVERIFY(!summary().nextPollAt.isValid());
    }

    void serverErrorsBackOffThenRecover()
    {
        const qint64 id = watch(u"Flaky"_s, m_simulator->staticToken());
        QVERIFY(id > 0);
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::Ok);
        m_simulator->failNextQueries(
            2, HttpResponse::error(500, u"InternalError"_s, u"Try again."_s, u"req-1"_s));
        m_monitor->pollNow(id);
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::Backoff);
        const ConnectionHealth::Entry flaky = entry(id);
        QCOMPARE(flaky.trouble, ConnectionHealth::Trouble::Network);
        QVERIFY2(flaky.message.startsWith(u"Flaky: "_s), qPrintable(flaky.message));
        QVERIFY2(flaky.message.contains(u"; retrying in "_s), qPrintable(flaky.message));
        QVERIFY(!summary().authProblem);
        QCOMPARE(summary().problems, QStringList {flaky.message});

        // The errors end: so do the trouble and its words.
        QTRY_COMPARE(entry(id).health, PollScheduler::Health::Ok);
        QCOMPARE(entry(id).trouble, ConnectionHealth::Trouble::None);
        QVERIFY(entry(id).message.isEmpty());
        QVERIFY(summary().problems.isEmpty());
    }

    void pausedIsNoTroubleAndAllPausedIsSaid()
    {
        const qint64 a = watch(u"A"_s, m_simulator->staticToken());
        const qint64 b = watch(u"B"_s, m_simulator->staticToken(), u"otherlibrary"_s);
        QVERIFY(a > 0 && b > 0);
        m_monitor->setPaused(a, true);
        QCOMPARE(entry(a).health, PollScheduler::Health::Paused);
        QCOMPARE(entry(a).trouble, ConnectionHealth::Trouble::None);
        QVERIFY(entry(a).message.isEmpty());
        QCOMPARE(entry(a).toolTip.split(u'\n').at(1), u"Paused"_s);
        QVERIFY(!summary().allPaused);
        m_monitor->setAllPaused(true);
        QVERIFY(summary().allPaused);
        QVERIFY(!summary().nextPollAt.isValid());
        m_monitor->setAllPaused(false);
        QVERIFY(!summary().allPaused);
        QVERIFY(!entry(a).toolTip.contains(u"Paused"_s));
    }
};

QTEST_GUILESS_MAIN(TestConnectionHealth)
#include "tst_connectionhealth.moc"
