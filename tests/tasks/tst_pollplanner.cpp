#include "tasks/pollplanner.h"

#include <QSet>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Scheduling decisions on a hand-driven clock: no timers, no sleeps.
class TestPollPlanner final : public QObject
{
    Q_OBJECT

private:
    static QDateTime t0() { return QDateTime(QDate(2026, 11, 1), QTime(12, 0), Qt::UTC); }
    static PollPlanner::Options options()
    {
        PollPlanner::Options o;
        o.baseInterval = 3s;
        o.maxInterval = 60s;
        o.growth = 2.0;
        o.backoffBase = 2s;
        o.backoffMax = 300s;
        o.coalesceShare = 0.5;
        return o;
    }

private Q_SLOTS:
    void reversedIntervalsNeverReachAClamp()
    {
        // A longest interval below the base would make every clamp's bounds
        // reversed (undefined behaviour): the planner raises it to the base.
        PollPlanner::Options reversed = options();
        reversed.baseInterval = 120s;
        reversed.maxInterval = 60s;
        PollPlanner planner(options(), 1);
        const TaskKey key {1, 7};
        planner.track(key, t0());
        planner.recordObservation(key, TaskState::Queued, TaskState::Running, t0());
        planner.setOptions(reversed);
        QCOMPARE(planner.options().maxInterval, 120s);
        QCOMPARE(planner.intervalOf(key), 120s);
        planner.recordObservation(key, TaskState::Running, TaskState::Running, t0());
        QCOMPARE(planner.intervalOf(key), 120s);
    }

    void newTasksAreDueAtOnce()
    {
        PollPlanner planner(options(), 1);
        planner.track({1, 10}, t0());
        planner.track({1, 11}, t0());
        planner.track({2, 10}, t0());
        QCOMPARE(planner.dueTasks(1, t0()), (QList<qint64> {10, 11}));
        QCOMPARE(planner.dueTasks(2, t0()), (QList<qint64> {10}));
        QCOMPARE(planner.nextWake(1), t0());
        QCOMPARE(planner.trackedCount(1), 2);
    }

    void runningTasksArePolledLessOftenUpToTheCap()
    {
        PollPlanner planner(options(), 1);
        const TaskKey key {1, 7};
        planner.track(key, t0());
        QDateTime now = t0();
        QList<qint64> intervals;
        // First answer: Queued -> Running is a change, so the base interval.
        planner.recordObservation(key, TaskState::Queued, TaskState::Running, now);
        intervals << planner.intervalOf(key).count();
        for (int i = 0; i < 8; ++i) {
            now = planner.dueAt(key);
            QCOMPARE(planner.dueTasks(1, now), QList<qint64> {7});
            planner.recordObservation(key, TaskState::Running, TaskState::Running, now);
            intervals << planner.intervalOf(key).count();
        }
        QCOMPARE(intervals,
            (QList<qint64> {3000, 6000, 12000, 24000, 48000, 60000, 60000, 60000, 60000}));
        QCOMPARE(planner.dueAt(key), now.addMSecs(60000));
        // Not due a moment before.
        QVERIFY(planner.dueTasks(1, now.addMSecs(29000)).isEmpty());
    }

    void aStateChangeResetsTheInterval()
    {
        PollPlanner planner(options(), 1);
        const TaskKey key {1, 7};
        planner.track(key, t0());
        planner.recordObservation(key, TaskState::Running, TaskState::Running, t0());
        planner.recordObservation(key, TaskState::Running, TaskState::Running, t0());
        QVERIFY(planner.intervalOf(key) > 3s);
        planner.recordObservation(key, TaskState::Running, TaskState::Unknown, t0()); // final
        QVERIFY(!planner.isTracked(key));
    }

    void finalTasksAreNeverPolledAgain_data()
    {
        QTest::addColumn<TaskState>("state");
        QTest::newRow("succeeded") << TaskState::Succeeded;
        QTest::newRow("succeeded no result") << TaskState::SucceededNoResult;
        QTest::newRow("failed") << TaskState::Failed;
        QTest::newRow("not found") << TaskState::NotFound;
        QTest::newRow("unknown status") << TaskState::Unknown;
    }

    void finalTasksAreNeverPolledAgain()
    {
        QFETCH(TaskState, state);
        PollPlanner planner(options(), 1);
        planner.track({1, 1}, t0());
        planner.track({1, 2}, t0());
        planner.recordObservation({1, 1}, TaskState::Running, state, t0());
        planner.recordObservation({1, 2}, TaskState::Queued, TaskState::Running, t0());
        for (int hour = 0; hour < 48; ++hour) {
            const QList<qint64> due = planner.dueTasks(1, t0().addSecs(hour * 3600));
            QVERIFY(!due.contains(1));
        }
        QVERIFY(!planner.isTracked({1, 1}));
    }

    void tasksDueSoonRideAlongInOneBatch()
    {
        PollPlanner planner(options(), 1);
        planner.track({1, 1}, t0());
        planner.track({1, 2}, t0());
        planner.track({1, 3}, t0());
        // 1 due at +3 s, 2 at +4 s (within half its 3 s interval), 3 at +10 s.
        planner.recordObservation({1, 1}, TaskState::Queued, TaskState::Running, t0());
        planner.recordObservation({1, 2}, TaskState::Queued, TaskState::Running, t0().addSecs(1));
        planner.recordObservation({1, 3}, TaskState::Queued, TaskState::Running, t0().addSecs(7));
        QVERIFY(planner.dueTasks(1, t0().addSecs(2)).isEmpty());
        QCOMPARE(planner.dueTasks(1, t0().addSecs(3)), (QList<qint64> {1, 2}));
        QCOMPARE(planner.nextWake(1), t0().addSecs(3));
    }

    void theMostOverdueGoFirstUpToTheLimit()
    {
        PollPlanner planner(options(), 1);
        planner.track({1, 30}, t0().addSecs(-30));
        planner.track({1, 10}, t0().addSecs(-10));
        planner.track({1, 20}, t0().addSecs(-20));
        planner.track({1, 21}, t0().addSecs(-20));
        planner.track({1, 99}, t0().addSecs(600)); // not due, not soon
        planner.track({2, 5}, t0().addSecs(-100)); // another connection's
        QCOMPARE(planner.dueTasks(1, t0()), (QList<qint64> {30, 20, 21, 10}));
        // With room for two, the two that waited longest; nothing starves.
        QCOMPARE(planner.dueTasks(1, t0(), 2), (QList<qint64> {30, 20}));
        QCOMPARE(planner.trackedCount(1), 5);
        QCOMPARE(planner.trackedCount(2), 1);
        QCOMPARE(planner.nextWake(1), t0().addSecs(-30));
        QCOMPARE(planner.nextWake(2), t0().addSecs(-100));
        // Once answered, a task moves to the back of the line.
        planner.recordObservation({1, 30}, TaskState::Running, TaskState::Running, t0());
        QCOMPARE(planner.dueTasks(1, t0(), 2), (QList<qint64> {20, 21}));
        QCOMPARE(planner.nextWake(1), t0().addSecs(-20));
        planner.untrack({1, 20});
        planner.untrack({1, 21});
        planner.untrack({1, 10});
        QCOMPARE(planner.nextWake(1), t0().addMSecs(planner.intervalOf({1, 30}).count()));
        QCOMPARE(planner.trackedCount(1), 2);
    }

    void requestsStayWithinTheBudget()
    {
        PollPlanner::Options o = options();
        o.requestsPerSecond = 2.0;
        o.requestBurst = 2;
        o.slowDownFor = 600s;
        PollPlanner planner(o, 1);
        // A fresh connection may send a burst, then one every half second.
        QCOMPARE(planner.requestAllowance(1, t0()), 2);
        planner.spendRequests(1, 2, t0());
        QCOMPARE(planner.requestAllowance(1, t0()), 0);
        QCOMPARE(planner.requestsAllowedAt(1, t0()), t0().addMSecs(500));
        QCOMPARE(planner.requestAllowance(1, t0().addMSecs(499)), 0);
        QCOMPARE(planner.requestAllowance(1, t0().addMSecs(500)), 1);
        // Never more than the burst, however long the pause.
        QCOMPARE(planner.requestAllowance(1, t0().addSecs(3600)), 2);
        // A job that needed more requests than allowed leaves a debt.
        planner.spendRequests(1, 5, t0().addSecs(3600));
        QCOMPARE(planner.requestsAllowedAt(1, t0().addSecs(3600)), t0().addSecs(3600 + 2));
        // Other connections have budgets of their own.
        QCOMPARE(planner.requestAllowance(2, t0().addSecs(3600)), 2);
    }

    void aRateLimitSlowsTheConnectionForAWhile()
    {
        PollPlanner::Options o = options();
        o.requestsPerSecond = 2.0;
        o.requestBurst = 2;
        o.slowDownFor = 600s;
        PollPlanner planner(o, 1);
        planner.recordFailure(1, SmhError::http(429, u"RateLimitExceeded"_s, {}, {}), t0());
        QCOMPARE(planner.requestRate(1, t0()), 1.0);
        QCOMPARE(planner.requestAllowance(1, t0()), 0);
        QCOMPARE(planner.requestsAllowedAt(1, t0()), t0().addSecs(1)); // at half the rate
        QCOMPARE(planner.requestRate(1, t0().addSecs(599)), 1.0);
        QCOMPARE(planner.requestRate(1, t0().addSecs(600)), 2.0);
        // Other errors back off but leave the rate alone.
        planner.recordFailure(2, SmhError::http(503, u"ServerOverloaded"_s, {}, {}), t0());
        QCOMPARE(planner.requestRate(2, t0()), 2.0);
    }

    void backoffGrowsExponentiallyWithJitterAndCap()
    {
        PollPlanner planner(options(), 42);
        planner.track({1, 1}, t0());
        const SmhError error(SmhError::Kind::Network, QStringLiteral("refused"));
        QList<qint64> waits;
        for (int i = 0; i < 12; ++i) {
            planner.recordFailure(1, error, t0());
            const qint64 wait = t0().msecsTo(planner.backoffUntil(1));
            const double nominal = std::min(2000.0 * std::pow(2.0, i), 300000.0);
            QVERIFY2(wait >= qint64(nominal * 0.75) && wait <= qint64(nominal),
                qPrintable(QStringLiteral("failure %1 waited %2 ms").arg(i + 1).arg(wait)));
            waits << wait;
        }
        QCOMPARE(planner.consecutiveFailures(1), 12);
        // While backing off nothing is due, even tasks that are overdue.
        QVERIFY(planner.dueTasks(1, t0().addSecs(1)).isEmpty());
        QCOMPARE(planner.nextWake(1), planner.backoffUntil(1));
        planner.recordSuccess(1);
        QCOMPARE(planner.consecutiveFailures(1), 0);
        QCOMPARE(planner.dueTasks(1, t0().addSecs(1)), QList<qint64> {1});
    }

    void jitterSpreadsRetries()
    {
        QSet<qint64> waits;
        for (quint32 seed = 1; seed <= 20; ++seed) {
            PollPlanner planner(options(), seed);
            planner.recordFailure(1, SmhError(SmhError::Kind::Timeout, {}), t0());
            waits.insert(t0().msecsTo(planner.backoffUntil(1)));
        }
        QVERIFY(waits.size() > 10);
    }

    void retryAfterIsHonoured()
    {
        PollPlanner planner(options(), 7);
        planner.track({1, 1}, t0());
        SmhError busy = SmhError::http(429, QStringLiteral("TooManyRequests"), {}, {});
        busy.setRetryAfterSeconds(120);
        planner.recordFailure(1, busy, t0());
        QCOMPARE(planner.backoffUntil(1), t0().addSecs(120));
        QVERIFY(planner.dueTasks(1, t0().addSecs(119)).isEmpty());
        QCOMPARE(planner.dueTasks(1, t0().addSecs(120)), QList<qint64> {1});

        // A short Retry-After never shortens the backoff already earned.
        PollPlanner second(options(), 7);
        for (int i = 0; i < 5; ++i)
            second.recordFailure(1, SmhError(SmhError::Kind::Network, {}), t0());
        SmhError unavailable = SmhError::http(503, {}, {}, {});
        unavailable.setRetryAfterSeconds(1);
        second.recordFailure(1, unavailable, t0());
        QVERIFY(t0().msecsTo(second.backoffUntil(1)) >= qint64(2000 * 32 * 0.75));
    }

    void pollNowMakesEverythingDueAndDropsBackoff()
    {
        PollPlanner planner(options(), 3);
        planner.track({1, 1}, t0());
        planner.track({1, 2}, t0());
        planner.recordObservation({1, 1}, TaskState::Running, TaskState::Running, t0());
        planner.recordObservation({1, 2}, TaskState::Running, TaskState::Running, t0());
        planner.recordFailure(1, SmhError(SmhError::Kind::Network, {}), t0());
        QVERIFY(planner.dueTasks(1, t0().addMSecs(10)).isEmpty());
        planner.makeAllDue(1, t0().addMSecs(10));
        QCOMPARE(planner.dueTasks(1, t0().addMSecs(10)), (QList<qint64> {1, 2}));
    }

    void untrackingAConnectionForgetsItsTasksAndBackoff()
    {
        PollPlanner planner(options(), 3);
        planner.track({1, 1}, t0());
        planner.track({2, 1}, t0());
        planner.recordFailure(1, SmhError(SmhError::Kind::Network, {}), t0());
        planner.untrackConnection(1);
        QCOMPARE(planner.trackedCount(1), 0);
        QCOMPARE(planner.trackedCount(2), 1);
        QVERIFY(!planner.backoffUntil(1).isValid());
        QVERIFY(!planner.nextWake(1).isValid());
    }
};

QTEST_GUILESS_MAIN(TestPollPlanner)
#include "tst_pollplanner.moc"
