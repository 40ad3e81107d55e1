#include "tasks/pollplanner.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>

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

    // Plays the scheduler's part on a hand clock, as PollScheduler::runCycle
    // does: at each wake, as many requests as the budget allows, each with
    // `perRequest` IDs, the due tasks first and riders in the free places of
    // the last; the answers `rttMs` later. A task finishes at its end time
    // (none: it runs throughout).
    struct Simulation
    {
        PollPlanner planner;
        QHash<qint64, qint64> endMs; // since t0
        QHash<qint64, TaskState> state;
        QList<qint64> requestMs; // since t0, one entry per request
        QList<qint64> latencyMs; // per task seen finished
        qsizetype perRequest = 894;
        qint64 rttMs = 200;

        Simulation(const PollPlanner::Options &options, qsizetype tasks,
            const std::function<qint64(qsizetype)> &end)
            : planner(options, 1)
        {
            for (qsizetype i = 0; i < tasks; ++i) {
                planner.track({1, i}, t0());
                state.insert(i, TaskState::Queued);
                if (end)
                    endMs.insert(i, end(i));
            }
        }
        void run(qint64 untilMs)
        {
            QDateTime now = t0();
            while (now < t0().addMSecs(untilMs) && planner.trackedCount(1) > 0) {
                now = std::max({now, planner.nextWake(1), planner.requestsAllowedAt(1, now)});
                const int allowance = planner.requestAllowance(1, now);
                QList<qint64> ids = planner.dueTasks(1, now, allowance * perRequest);
                if (ids.isEmpty()) {
                    now = now.addMSecs(1);
                    continue;
                }
                const qsizetype requests = (ids.size() + perRequest - 1) / perRequest;
                ids.append(planner.riders(1, ids, perRequest));
                ids.resize(std::min(ids.size(), requests * perRequest));
                planner.spendRequests(1, int(requests), now);
                for (qsizetype r = 0; r < requests; ++r)
                    requestMs.append(t0().msecsTo(now));
                now = now.addMSecs(rttMs);
                const qint64 atMs = t0().msecsTo(now);
                QList<PollPlanner::Answer> answers;
                for (qint64 id : std::as_const(ids)) {
                    const TaskState before = state.value(id);
                    const bool done = endMs.contains(id) && endMs.value(id) <= atMs;
                    const TaskState after = done ? TaskState::Succeeded : TaskState::Running;
                    if (done)
                        latencyMs.append(atMs - endMs.value(id));
                    state.insert(id, after);
                    answers.append({{1, id}, before, after});
                }
                planner.recordObservations(answers, now);
            }
        }
        // The most requests sent in any window of `windowMs`.
        qsizetype busiestWindow(qint64 windowMs) const
        {
            qsizetype most = 0;
            qsizetype first = 0;
            for (qsizetype last = 0; last < requestMs.size(); ++last) {
                while (requestMs.at(last) - requestMs.at(first) >= windowMs)
                    ++first;
                most = std::max(most, last - first + 1);
            }
            return most;
        }
        qint64 latencyPercentile(double p) const
        {
            QList<qint64> sorted = latencyMs;
            std::sort(sorted.begin(), sorted.end());
            return sorted.at(std::min(sorted.size() - 1, qsizetype(p * double(sorted.size()))));
        }
    };

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

    void whileOthersFinishARunningTaskIsAskedSooner()
    {
        PollPlanner::Options o = options(); // growth 2
        o.finishShare = 0.25;
        o.finishRateMemory = 5s;
        PollPlanner planner(o, 1);
        QList<PollPlanner::Answer> answers;
        for (qint64 id = 0; id < 100; ++id) {
            planner.track({1, id}, t0());
            answers.append({{1, id}, TaskState::Queued, TaskState::Running});
        }
        planner.recordObservations(answers, t0());
        // Nothing finishing: growth alone, 3, 6, 12, 24 s.
        QDateTime now = t0();
        for (int i = 0; i < 3; ++i) {
            now = planner.dueAt({1, 0});
            for (PollPlanner::Answer &answer : answers)
                answer.previous = TaskState::Running;
            planner.recordObservations(answers, now);
        }
        QCOMPARE(planner.intervalOf({1, 0}), 24s);
        QCOMPARE(planner.finishRate(1), 0.0);
        // Then 20 of the 100 are found finished after 24 s: about 20 in
        // 2,400 task-seconds, so the 80 still running are asked again once a
        // quarter of them would have finished, after about 30 s, not 48.
        now = planner.dueAt({1, 0});
        for (PollPlanner::Answer &answer : answers)
            answer.current = answer.key.taskId < 20 ? TaskState::Succeeded : TaskState::Running;
        planner.recordObservations(answers, now);
        QCOMPARE(planner.trackedCount(1), 80);
        QVERIFY2(std::abs(planner.finishRate(1) - 20.0 / 2'410.4) < 1e-4,
            qPrintable(QString::number(planner.finishRate(1))));
        const auto interval = planner.intervalOf({1, 20});
        QVERIFY2(interval > 29s && interval < 31s, qPrintable(QString::number(interval.count())));
        QCOMPARE(planner.intervalOf({1, 99}), interval); // finishes early in the list count too
        // Never below the base interval, however fast they finish.
        PollPlanner::Options fast = o;
        fast.finishShare = 0.001;
        planner.setOptions(fast);
        answers = answers.mid(20);
        for (PollPlanner::Answer &answer : answers) {
            answer.previous = TaskState::Running;
            answer.current = answer.key.taskId < 60 ? TaskState::Failed : TaskState::Running;
        }
        planner.recordObservations(answers, now.addMSecs(interval.count()));
        QCOMPARE(planner.intervalOf({1, 99}), 3s);
    }

    void withoutAFinishShareGrowthAloneDecides()
    {
        PollPlanner::Options o = options();
        o.finishShare = 0;
        PollPlanner planner(o, 1);
        planner.track({1, 1}, t0());
        planner.track({1, 2}, t0());
        planner.recordObservation({1, 1}, TaskState::Queued, TaskState::Running, t0());
        planner.recordObservation({1, 2}, TaskState::Queued, TaskState::Running, t0());
        planner.recordObservations({{{1, 1}, TaskState::Running, TaskState::Succeeded},
                                       {{1, 2}, TaskState::Running, TaskState::Running}},
            t0().addSecs(3));
        QCOMPARE(planner.intervalOf({1, 2}), 6s);
    }

    void ridersAreTheTasksDueNext()
    {
        PollPlanner planner(options(), 1);
        for (qint64 id = 1; id <= 5; ++id)
            planner.track({1, id}, t0().addSecs(10 * id));
        planner.track({2, 9}, t0());
        QCOMPARE(planner.riders(1, {1, 3}, 2), (QList<qint64> {2, 4}));
        QCOMPARE(planner.riders(1, {}, 10), (QList<qint64> {1, 2, 3, 4, 5}));
        QVERIFY(planner.riders(1, {1}, 0).isEmpty());
        QVERIFY(planner.riders(3, {}, 5).isEmpty());
    }

    void tasksFinishingAreSeenSoonerForAFewMoreRequests()
    {
        // 10,000 tasks ending between 5 and 40 s, as the benchmark has them,
        // against growth alone: seen finished much sooner (median 4.1 -> 2.2 s,
        // p95 11.5 -> 5.2 s here) for a few more requests (52 -> 62).
        auto end = [](qsizetype i) { return 5'000 + qint64(i * 7'919 % 10'000) * 35'000 / 10'000; };
        Simulation today(
            [] {
                PollPlanner::Options o;
                o.finishShare = 0;
                return o;
            }(),
            10'000, end);
        today.run(600'000);
        Simulation now(PollPlanner::Options {}, 10'000, end);
        now.run(600'000);
        QCOMPARE(today.latencyMs.size(), 10'000);
        QCOMPARE(now.latencyMs.size(), 10'000);
        qInfo("requests %lld -> %lld, median %lld -> %lld ms, p95 %lld -> %lld ms",
            qlonglong(today.requestMs.size()), qlonglong(now.requestMs.size()),
            qlonglong(today.latencyPercentile(0.5)), qlonglong(now.latencyPercentile(0.5)),
            qlonglong(today.latencyPercentile(0.95)), qlonglong(now.latencyPercentile(0.95)));
        QVERIFY(now.latencyPercentile(0.5) * 3 < today.latencyPercentile(0.5) * 2);
        QVERIFY(now.latencyPercentile(0.95) * 2 < today.latencyPercentile(0.95));
        QVERIFY(now.requestMs.size() * 10 <= today.requestMs.size() * 13);
    }

    void manyTasksAndLongRunsStayWithinTheRequestRate_data()
    {
        QTest::addColumn<qsizetype>("tasks");
        QTest::addColumn<qint64>("endFromMs");
        QTest::addColumn<qint64>("endToMs");
        QTest::addColumn<qint64>("runMs");
        // A hundred thousand tasks that keep running, and as many that all
        // end within a few minutes (finishing fast: every interval at its
        // base, far more wanted than the rate allows).
        QTest::newRow("100,000 running")
            << qsizetype(100'000) << qint64(-1) << qint64(-1) << qint64(600'000);
        QTest::newRow("100,000 ending")
            << qsizetype(100'000) << qint64(60'000) << qint64(300'000) << qint64(600'000);
        // An hour-long cleanup: 10,000 tasks ending throughout the hour.
        QTest::newRow("hour-long")
            << qsizetype(10'000) << qint64(0) << qint64(3'600'000) << qint64(3'700'000);
    }

    void manyTasksAndLongRunsStayWithinTheRequestRate()
    {
        QFETCH(qsizetype, tasks);
        QFETCH(qint64, endFromMs);
        QFETCH(qint64, endToMs);
        QFETCH(qint64, runMs);
        std::function<qint64(qsizetype)> end;
        if (endFromMs >= 0) {
            end = [=](qsizetype i) {
                return endFromMs + qint64(i * 7'919 % tasks) * (endToMs - endFromMs) / tasks;
            };
        }
        Simulation simulation(PollPlanner::Options {}, tasks, end);
        simulation.run(runMs);
        const double seconds = double(runMs) / 1000.0;
        qInfo("%lld requests in %.0f s; the busiest minute %lld, the busiest 10 s %lld",
            qlonglong(simulation.requestMs.size()), seconds,
            qlonglong(simulation.busiestWindow(60'000)),
            qlonglong(simulation.busiestWindow(10'000)));
        // Two a second on average, with a burst of two.
        QVERIFY(double(simulation.requestMs.size()) <= 2.0 * seconds + 2);
        QVERIFY(simulation.busiestWindow(60'000) <= 2 * 60 + 2);
        QVERIFY(simulation.busiestWindow(10'000) <= 2 * 10 + 2);
        if (endFromMs >= 0)
            QCOMPARE(simulation.latencyMs.size(), tasks);
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
