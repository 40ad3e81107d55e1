#include "demo/smhsimulator.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/monitoroptions.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"

#include <QCommandLineParser>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Long durations from options and from servers, run through the scheduler
// with a hand clock: Qt 6.4's timers take an int of milliseconds, so anything
// near or past 2^31 ms must neither fire early, nor late, nor in a loop.
class TestLongWaits final : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 twoTo31 = qint64(1) << 31;
    // Real time in which a wrongly armed timer would have fired (or looped)
    // many times over: the scheduler looks at the hand clock every step.
    static constexpr auto step = 10ms;
    static constexpr int quietMs = 200;

    struct Fixture
    {
        SmhSimulator simulator;
        SmhClient client;
        TaskStore store;
        PollScheduler scheduler {&client, &store};
        TokenProvider *tokens = nullptr;
        qint64 connectionId = 0;
        QDateTime now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

        Fixture(const PollPlanner::Options &options)
        {
            scheduler.setClock([this] { return now; }, step);
            QVERIFY(simulator.start());
            QString error;
            QVERIFY2(store.open(u":memory:"_s, &error), qPrintable(error));
            Connection connection;
            connection.settings.endpoint = simulator.baseUrl();
            connection.settings.libraryId = simulator.libraryId();
            connectionId = store.addConnection(connection);
            QVERIFY(connectionId > 0);
            tokens = new TokenProvider(&client, connection.settings, &scheduler);
            tokens->setAccessToken(simulator.staticToken());
            scheduler.setOptions(options);
            scheduler.addConnection(connectionId, tokens);
            SmhSimulator::TaskScript s = simulator.scriptFor(1);
            s.known = true;
            s.startMs = 0;
            s.runMs = std::numeric_limits<qint64>::max() / 2; // runs for ever
            s.finalStatus = 200;
            simulator.setTask(1, s);
            store.addTasks(connectionId, {1}, {}, now);
        }

        int queries() const { return simulator.taskQueryCount(); }
    };

private Q_SLOTS:
    void longIntervalsFireOnTimeAndOnce_data()
    {
        QTest::addColumn<qint64>("intervalMs");
        QTest::newRow("just under 2^31 ms") << twoTo31 - 1000;
        QTest::newRow("just past 2^31 ms") << twoTo31 + 1000;
        QTest::newRow("past 2^32 ms (wraps to 1 s)") << (twoTo31 << 1) + 1000;
        QTest::newRow("a year") << qint64(365) * 24 * 3600 * 1000;
    }

    void longIntervalsFireOnTimeAndOnce()
    {
        QFETCH(qint64, intervalMs);
        PollPlanner::Options options;
        options.baseInterval = std::chrono::milliseconds(intervalMs);
        options.maxInterval = options.baseInterval;
        Fixture f(options);
        QTRY_COMPARE(f.queries(), 1); // due at once
        QTRY_COMPARE(f.store.task({f.connectionId, 1})->state, TaskState::Running);
        const QDateTime polled = f.now;

        // A second short of due: nothing, however often the timer wakes.
        f.now = polled.addMSecs(intervalMs - 1000);
        QTest::qWait(quietMs);
        QCOMPARE(f.queries(), 1);

        // Due: asked within a few steps, then quiet again until the next one.
        f.now = polled.addMSecs(intervalMs);
        QTRY_COMPARE_WITH_TIMEOUT(f.queries(), 2, 2000);
        QTest::qWait(quietMs);
        QCOMPARE(f.queries(), 2);
    }

    void serverWaitsAreCapped_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("a day") << QByteArray("86400");
        QTest::newRow("past 2^31 ms") << QByteArray("2147484");
        QTest::newRow("past 2^32 ms") << QByteArray("4294968");
    }

    void serverWaitsAreCapped()
    {
        QFETCH(QByteArray, retryAfter);
        PollPlanner::Options options;
        options.baseInterval = 1s;
        options.maxInterval = 1s;
        Fixture f(options);
        QTRY_COMPARE(f.queries(), 1);
        QTRY_COMPARE(f.store.task({f.connectionId, 1})->state, TaskState::Running);

        HttpResponse busy = HttpResponse::error(503, u"Busy"_s, u"later"_s, u"r"_s);
        busy.headers.append({"Retry-After", retryAfter});
        f.simulator.failNextQueries(1, busy);
        f.now = f.now.addSecs(1);
        QTRY_COMPARE(f.scheduler.status(f.connectionId).consecutiveFailures, 1);
        const QDateTime failed = f.now;
        QCOMPARE(f.scheduler.status(f.connectionId).nextPollAt,
            failed.addSecs(SmhError::maxRetryAfterSeconds));

        f.now = failed.addSecs(SmhError::maxRetryAfterSeconds - 1);
        QTest::qWait(quietMs);
        QCOMPARE(f.queries(), 2);

        f.now = failed.addSecs(SmhError::maxRetryAfterSeconds);
        QTRY_COMPARE_WITH_TIMEOUT(f.queries(), 3, 2000);
        QTRY_COMPARE(f.scheduler.status(f.connectionId).consecutiveFailures, 0);
        QTest::qWait(quietMs);
        QCOMPARE(f.queries(), 3);
    }

    // expiresIn: 5368710 s is 0.8 × 2^32 ms: renewal used to wrap to 0.7 s.
    void tokenRenewalIsCapped_data()
    {
        QTest::addColumn<qint64>("expiresIn");
        QTest::addColumn<qint64>("minimumMs");
        QTest::addColumn<qint64>("maximumMs");
        const qint64 max = TokenProvider::maxRenewal.count();
        QTest::newRow("an hour") << qint64(3600) << qint64(2'870'000) << qint64(2'880'000);
        QTest::newRow("past 2^31 ms") << qint64(2684355) << max - 10'000 << max;
        QTest::newRow("past 2^32 ms") << qint64(5368710) << max - 10'000 << max;
        QTest::newRow("a second") << qint64(1) << qint64(400) << qint64(800);
    }

    void tokenRenewalIsCapped()
    {
        QFETCH(qint64, expiresIn);
        QFETCH(qint64, minimumMs);
        QFETCH(qint64, maximumMs);
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        simulator.setTokenLifetimeSeconds(expiresIn);
        SmhClient client;
        ConnectionSettings settings;
        settings.endpoint = simulator.baseUrl();
        settings.libraryId = simulator.libraryId();
        TokenProvider tokens(&client, settings);
        tokens.setLibrarySecret(simulator.librarySecret());
        QTRY_COMPARE(tokens.state(), TokenProvider::State::Ready);
        const auto *renewal = tokens.findChild<QTimer *>(u"renewal"_s);
        QVERIFY(renewal);
        QVERIFY(renewal->isActive());
        const qint64 remaining = renewal->remainingTime();
        QVERIFY2(remaining >= minimumMs && remaining <= maximumMs,
            qPrintable(QString::number(remaining)));
    }

    void durationOptionsAreRangeChecked_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("timeout past 2^32 ms") << u"timeout"_s << u"4294968"_s << false;
        QTest::newRow("timeout past 2^31 ms") << u"timeout"_s << u"2147484"_s << false;
        QTest::newRow("timeout a week") << u"timeout"_s << u"604800"_s << true;
        QTest::newRow("interval a day") << u"interval"_s << u"86400"_s << true;
        QTest::newRow("interval past a day") << u"interval"_s << u"86401"_s << false;
        QTest::newRow("interval infinite") << u"interval"_s << u"inf"_s << false;
        QTest::newRow("interval nan") << u"max-interval"_s << u"nan"_s << false;
        QTest::newRow("interval zero") << u"interval"_s << u"0.0001"_s << false;
    }

    void durationOptionsAreRangeChecked()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        QCommandLineParser parser;
        MonitorOptions::declare(parser);
        QVERIFY(parser.parse({u"smh-task-monitor"_s, u"watch"_s, u"--demo"_s, u"--%1"_s.arg(option),
            value, u"1"_s}));
        QStringList problems;
        const MonitorOptions options = MonitorOptions::fromParser(parser, &problems);
        QCOMPARE(problems.isEmpty(), accepted);
        if (!accepted)
            QVERIFY2(problems.constFirst().contains(option), qPrintable(problems.constFirst()));
        const auto chosen = option == u"timeout" ? options.timeout
            : option == u"interval"              ? options.interval
                                                 : options.maxInterval;
        QCOMPARE(chosen.has_value(), accepted);
        if (chosen)
            QVERIFY(chosen->count() < twoTo31);
    }
};

QTEST_GUILESS_MAIN(TestLongWaits)
#include "tst_longwaits.moc"
