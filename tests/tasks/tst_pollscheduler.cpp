#include "demo/smhsimulator.h"
#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "verifyexpected.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The scheduler against the simulator on loopback, with short intervals so
// that whole task lifetimes fit in a fraction of a second. The simulator's
// clock is driven by hand, so tasks finish exactly when the test says.
class TestPollScheduler final : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        SmhSimulator simulator;
        SmhClient client;
        TaskStore store;
        PollScheduler scheduler {&client, &store};
        TokenProvider *tokens = nullptr;
        qint64 connectionId = 0;
        qint64 simulatedMs = 0;

        explicit Fixture(bool useSecret = false)
        {
            simulator.setClock([this] { return simulatedMs; });
            QVERIFY(simulator.start());
            SMH_VERIFY(store.open(u":memory:"_s));
            Connection connection;
            connection.settings.endpoint = simulator.baseUrl();
            connection.settings.libraryId = simulator.libraryId();
            connection.authKind = useSecret ? AuthKind::LibrarySecret : AuthKind::AccessToken;
            connectionId = store.addConnection(connection).value();
            QVERIFY(connectionId > 0);
            connection.id = connectionId;
            tokens = new TokenProvider(&client, connection.settings, &scheduler);
            if (useSecret)
                tokens->setLibrarySecret(simulator.librarySecret());
            else
                tokens->setAccessToken(simulator.staticToken());
            PollPlanner::Options options;
            options.baseInterval = 20ms;
            options.maxInterval = 80ms;
            options.backoffBase = 30ms;
            options.backoffMax = 200ms;
            scheduler.setOptions(options);
            scheduler.addConnection(connectionId, tokens);
        }

        void script(qint64 id, qint64 runMs, int finalStatus)
        {
            SmhSimulator::TaskScript s = simulator.scriptFor(id);
            s.known = true;
            s.startMs = 0;
            s.runMs = runMs;
            s.finalStatus = finalStatus;
            simulator.setTask(id, s);
        }

        TaskState stateOf(qint64 id) const { return store.task({connectionId, id})->state; }
    };

    // Long durations through the scheduler with a hand clock: Qt 6.4's
    // timers take an int of milliseconds, so waits near or past 2^31 ms must
    // fire neither early, nor late, nor in a loop.
    static constexpr qint64 twoTo31 = qint64(1) << 31;
    // Real time in which a wrongly armed timer would have fired (or looped)
    // many times over: the scheduler looks at the hand clock every step.
    static constexpr int quietMs = 200;

    // Task 1 runs for ever, polled every `interval` by a scheduler whose
    // clock is `now` (looked at every 10 ms).
    QDateTime m_now;
    QDateTime &handClock(Fixture &f, std::chrono::milliseconds interval)
    {
        QDateTime &now = m_now;
        now = QDateTime::currentDateTimeUtc();
        f.scheduler.setClock([this] { return m_now; }, 10ms);
        PollPlanner::Options options = f.scheduler.planner().options();
        options.baseInterval = interval;
        options.maxInterval = interval;
        f.scheduler.setOptions(options);
        f.script(1, std::numeric_limits<qint64>::max() / 2, 200);
        f.store.addTasks(f.connectionId, {1}, {}, now);
        return now;
    }

    static int queries(const Fixture &f) { return f.simulator.taskQueryCount(); }

    // A process of its own, as far as the ledger can tell: its own client,
    // store (its own SQLite connection to the file) and scheduler.
    struct Process
    {
        SmhClient client;
        TaskStore store;
        PollScheduler scheduler {&client, &store};
        TokenProvider *tokens = nullptr;

        Process(const QString &file, const SmhSimulator &simulator, qint64 connectionId)
        {
            SMH_VERIFY(store.open(file));
            const std::optional<Connection> connection = store.connection(connectionId);
            QVERIFY(connection);
            tokens = new TokenProvider(&client, connection->settings, &scheduler);
            tokens->setAccessToken(simulator.staticToken());
            PollPlanner::Options options;
            // Long enough that only the first poll of a task falls in the test.
            options.baseInterval = 60s;
            options.maxInterval = 60s;
            scheduler.setOptions(options);
            scheduler.addConnection(connectionId, tokens);
        }
    };

private Q_SLOTS:
    // The ledger's last poll time is the truth the processes share: a task
    // one process polled is not polled by the other within its interval,
    // whether the other learns of the poll from the ledger's changes or
    // reads it just before sending.
    void aTaskPolledElsewhereIsNotPolledAgain()
    {
        SmhSimulator simulator;
        QVERIFY(simulator.start());
        QTemporaryDir dir;
        const QString file = dir.filePath(u"shared.sqlite"_s);
        qint64 connectionId = 0;
        {
            TaskStore setup;
            SMH_VERIFY(setup.open(file));
            Connection connection;
            connection.settings.endpoint = simulator.baseUrl();
            connection.settings.libraryId = simulator.libraryId();
            connectionId = setup.addConnection(connection).value();
        }
        for (qint64 id : {1, 2}) {
            SmhSimulator::TaskScript s = simulator.scriptFor(id);
            s.known = true;
            s.startMs = simulator.nowMs();
            s.runMs = std::numeric_limits<qint64>::max() / 4;
            s.finalStatus = 200;
            simulator.setTask(id, s);
        }
        Process window(file, simulator, connectionId);
        Process script(file, simulator, connectionId);

        // Learned from the ledger's changes: the script takes in the task
        // the window added and polled, with its poll time.
        window.store.addTasks(connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_VERIFY(window.store.task({connectionId, 1})->lastPolledAt.isValid());
        QCOMPARE(simulator.taskQueryCount(), 1);
        QTRY_VERIFY(script.store.task({connectionId, 1}).has_value());
        QTRY_VERIFY(script.store.task({connectionId, 1})->lastPolledAt.isValid());
        QTest::qWait(quietMs);
        QCOMPARE(simulator.taskQueryCount(), 1);

        // Read just before sending: both track task 2; the script waits
        // while the window polls, then finds the poll in the ledger.
        script.scheduler.setPaused(connectionId, true);
        window.store.addTasks(connectionId, {2}, {}, QDateTime::currentDateTimeUtc());
        script.store.checkElsewhere(true); // knows the task, not its poll yet
        QTRY_VERIFY(window.store.task({connectionId, 2})->lastPolledAt.isValid());
        QCOMPARE(simulator.taskQueryCount(), 2);
        script.scheduler.setPaused(connectionId, false);
        QTest::qWait(quietMs);
        QCOMPARE(simulator.taskQueryCount(), 2);
        QCOMPARE(script.scheduler.status(connectionId).pending, 2);
    }

    // One connection, both scopes: each task is asked with its own URL form
    // (the simulator answers a task in its form only), batched separately.
    void bothScopesInOneConnection()
    {
        Fixture f;
        f.script(1, 100'000, 200);
        f.script(2, 100'000, 200);
        SmhSimulator::TaskScript history = f.simulator.scriptFor(1);
        history.known = true;
        history.startMs = 0;
        history.runMs = 100'000;
        history.finalStatus = 200;
        history.libraryLevel = true;
        f.simulator.setTask(1, history);
        SmhSimulator::TaskScript spaced = history;
        spaced.libraryLevel = false;
        f.simulator.setTask(2, spaced);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        f.store.addTasks(f.connectionId, {1}, {}, now, true);
        f.store.addTasks(f.connectionId, {2}, {}, now, false);
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        QTRY_COMPARE(f.stateOf(2), TaskState::Running);
        f.simulatedMs = 100'000;
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
        QTRY_COMPARE(f.stateOf(2), TaskState::Succeeded);
    }

    // A request that goes anyway carries, in its free places, the tasks due
    // next; a request of such riders alone (here: the other scope's) is not sent.
    void aRequestCarriesTheTasksDueNext()
    {
        Fixture f;
        PollPlanner::Options options = f.scheduler.planner().options();
        options.baseInterval = 60s;
        options.maxInterval = 60s;
        f.scheduler.setOptions(options);
        SmhSimulator::TaskScript running = f.simulator.scriptFor(1);
        running.known = true;
        running.startMs = 0;
        running.runMs = 600'000;
        running.libraryLevel = false;
        for (qint64 id : {1, 2, 3})
            f.simulator.setTask(id, running);
        SmhSimulator::TaskScript history = running;
        history.libraryLevel = true;
        f.simulator.setTask(9, history);
        QSignalSpy cycles(&f.scheduler, &PollScheduler::cycleFinished);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        f.store.addTasks(f.connectionId, {9}, {}, now, true);
        QVERIFY(cycles.wait(5000));
        f.store.addTasks(f.connectionId, {1}, {}, now, false);
        QVERIFY(cycles.wait(5000));
        QCOMPARE(queries(f), 2);
        QCOMPARE(f.simulator.lastQueriedIds(), QList<qint64> {1});
        // Task 1 is due in a minute, not within half its interval: it rides
        // along with task 2 for nothing; task 9 would need a request of its own
        // (which the budget, two by then, would allow).
        QTRY_COMPARE_WITH_TIMEOUT(
            f.scheduler.planner().requestAllowance(f.connectionId, QDateTime::currentDateTimeUtc()),
            2, 5000);
        f.store.addTasks(f.connectionId, {2}, {}, now, false);
        QVERIFY(cycles.wait(5000));
        QCOMPARE(queries(f), 3);
        QCOMPARE(f.simulator.lastQueriedIds(), (QList<qint64> {2, 1}));
        QCOMPARE(f.stateOf(9), TaskState::Running);
    }

    void batchWithFailedItemsIsPartlyFailed()
    {
        Fixture f;
        SmhSimulator::TaskScript batch = f.simulator.scriptFor(7);
        batch.known = true;
        batch.runMs = 0;
        batch.finalStatus = 200;
        batch.result = QJsonArray {QJsonObject {{u"status"_s, 200}},
            QJsonObject {{u"status"_s, 404}, {u"code"_s, u"FileNotFound"_s}}};
        f.simulator.setTask(7, batch);
        f.script(8, 0, 200);
        f.store.addTasks(f.connectionId, {7, 8}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(7), TaskState::PartlyFailed);
        QCOMPARE(f.stateOf(8), TaskState::Succeeded);
        QCOMPARE(f.store.task({f.connectionId, 7})->result->failedItemCount(), 1);
    }

    void tasksProgressToFinalAndAreThenLeftAlone()
    {
        Fixture f;
        f.script(1, 1000, 200);
        f.script(2, 1000, 204);
        f.script(3, 1000, 500);
        f.script(4, 1000, 418);
        SmhSimulator::TaskScript gone;
        gone.known = false;
        f.simulator.setTask(5, gone);
        f.store.addTasks(f.connectionId, {1, 2, 3, 4, 5}, {}, QDateTime::currentDateTimeUtc());

        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        QCOMPARE(f.stateOf(5), TaskState::NotFound);
        // Task 5 is final: it is not asked about again.
        const int before = f.simulator.taskQueryCount();
        QTRY_VERIFY(f.simulator.taskQueryCount() > before);
        QVERIFY(!f.simulator.lastQueriedIds().contains(5));

        f.simulatedMs = 1000; // every task ends now
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
        QTRY_COMPARE(f.stateOf(2), TaskState::SucceededNoResult);
        QTRY_COMPARE(f.stateOf(3), TaskState::Failed);
        QTRY_COMPARE(f.stateOf(4), TaskState::Unknown);
        QVERIFY(f.store.task({f.connectionId, 1})->result.has_value());
        QCOMPARE(f.store.task({f.connectionId, 4})->status, 418);

        // Everything is final: no request is made any more.
        QTRY_VERIFY(!f.scheduler.hasWork());
        const int settled = f.simulator.taskQueryCount();
        QTest::qWait(200); // several base intervals
        QCOMPARE(f.simulator.taskQueryCount(), settled);
        QCOMPARE(f.scheduler.status(f.connectionId).health, PollScheduler::Health::Idle);

        // Timeline: Queued -> Running -> Succeeded.
        const QList<TaskTransition> timeline = f.store.timeline({f.connectionId, 1});
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline.at(0).to, TaskState::Running);
        QCOMPARE(timeline.at(1).to, TaskState::Succeeded);
    }

    void recheckPollsAFinalTaskAgain()
    {
        Fixture f;
        f.script(1, 0, 500);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Failed);
        QTRY_VERIFY(!f.scheduler.hasWork());
        f.script(1, 0, 200); // e.g. the operator retried the job
        QCOMPARE(f.scheduler.recheck({{f.connectionId, 1}}), 1);
        // The state stands until SMH says otherwise.
        QCOMPARE(f.stateOf(1), TaskState::Failed);
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
        const QList<TaskTransition> timeline = f.store.timeline({f.connectionId, 1});
        QCOMPARE(timeline.constLast().from, TaskState::Failed);
        QCOMPARE(timeline.constLast().to, TaskState::Succeeded);
        QTRY_VERIFY(!f.scheduler.hasWork());
    }

    void recheckWithTheSameAnswerChangesNoHistory()
    {
        Fixture f;
        f.script(1, 0, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
        QTRY_VERIFY(!f.scheduler.hasWork());
        const Task before = *f.store.task({f.connectionId, 1});
        const qsizetype entries = f.store.timeline({f.connectionId, 1}).size();
        QTest::qWait(20); // a later poll time than the first answer's
        QCOMPARE(f.scheduler.recheck({{f.connectionId, 1}, {f.connectionId, 99}}), 1);
        QTRY_VERIFY(f.store.task({f.connectionId, 1})->lastPolledAt > before.lastPolledAt);
        const Task after = *f.store.task({f.connectionId, 1});
        QCOMPARE(after.state, before.state);
        QCOMPARE(after.stateSince, before.stateSince);
        QCOMPARE(after.finishedAt, before.finishedAt);
        const QList<TaskTransition> timeline = f.store.timeline({f.connectionId, 1});
        QCOMPARE(timeline.size(), entries + 1);
        QVERIFY(timeline.constLast().isUnchangedRecheck());
        QTRY_VERIFY(!f.scheduler.hasWork());
    }

    void manyTasksGoInFewRequests()
    {
        Fixture f;
        QList<qint64> ids;
        for (qint64 id = 1'000'000; id < 1'003'000; ++id) {
            f.script(id, 60'000, 200);
            ids << id;
        }
        f.store.addTasks(f.connectionId, ids, {}, QDateTime::currentDateTimeUtc());
        QTRY_VERIFY(f.scheduler.status(f.connectionId).lastPollAt.isValid());
        // The first cycle sends what the request budget allows at once (a
        // burst of two), each URL filled up, not 3000 requests...
        QCOMPARE(f.simulator.taskQueryCount(), 2);
        QTRY_VERIFY(std::all_of(ids.cbegin(), ids.cend(),
            [&f](qint64 id) { return f.stateOf(id) == TaskState::Running; }));
        // ... and the rest follow as the budget refills: 3000 eight-character
        // IDs take four URLs under 8 KiB each.
        const int requests = f.simulator.taskQueryCount();
        QVERIFY2(requests >= 3 && requests <= 5, qPrintable(QString::number(requests)));
    }

    // Two full requests answer for some 1,800 tasks: they reach the ledger a
    // slice per turn of the event loop, and the cycle ends after the last.
    void aLargeAnswerIsWrittenInSlices()
    {
        Fixture f;
        QList<qint64> ids;
        for (qint64 id = 1'000'000; id < 1'001'000; ++id) {
            f.script(id, 60'000, 200);
            ids << id;
        }
        QList<qsizetype> writes;
        connect(&f.store, &TaskStore::tasksChanged, this,
            [&writes](const QList<Task> &tasks) { writes << tasks.size(); });
        QSignalSpy cycles(&f.scheduler, &PollScheduler::cycleFinished);
        f.store.addTasks(f.connectionId, ids, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(cycles.wait(5000));
        QCOMPARE(std::accumulate(writes.cbegin(), writes.cend(), qsizetype(0)), ids.size());
        QVERIFY(writes.size() >= 4);
        QVERIFY(*std::max_element(writes.cbegin(), writes.cend()) <= 300);
        QVERIFY(std::all_of(ids.cbegin(), ids.cend(),
            [&f](qint64 id) { return f.stateOf(id) == TaskState::Running; }));
    }

    void requestsKeepToThePoliteRate()
    {
        // Every task due every 20 ms, three URLs' worth of them: without a
        // budget that is 150 requests a second. With the default (two a second,
        // bursts of two) a second and a half allows 2 + 3 = 5, and still every
        // task is asked, the longest-waiting first.
        Fixture f;
        QList<qint64> ids;
        for (qint64 id = 1'000'000; id < 1'002'500; ++id) {
            f.script(id, 600'000, 200);
            ids << id;
        }
        QElapsedTimer clock;
        clock.start();
        f.store.addTasks(f.connectionId, ids, {}, QDateTime::currentDateTimeUtc());
        QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() >= 1500, 5000);
        const double seconds = double(clock.elapsed()) / 1000.0;
        const int requests = f.simulator.taskQueryCount();
        QVERIFY2(requests <= 2 + int(std::ceil(seconds * 2.0)),
            qPrintable(u"%1 requests in %2 s"_s.arg(requests).arg(seconds)));
        QVERIFY(std::all_of(ids.cbegin(), ids.cend(),
            [&f](qint64 id) { return f.stateOf(id) == TaskState::Running; }));
    }

    void transientFaultsNeverChangeTaskState()
    {
        Fixture f;
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);

        HttpResponse failure =
            HttpResponse::error(503, u"ServiceUnavailable"_s, u"busy"_s, u"req-1"_s);
        failure.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "0"));
        f.simulator.failNextQueries(3, failure);
        QTRY_VERIFY(f.scheduler.status(f.connectionId).consecutiveFailures >= 1);
        const PollScheduler::ConnectionStatus status = f.scheduler.status(f.connectionId);
        QCOMPARE(status.health, PollScheduler::Health::Backoff);
        QCOMPARE(status.lastError.httpStatus(), 503);
        QCOMPARE(status.lastError.requestId(), u"req-1"_s);
        QCOMPARE(f.stateOf(1), TaskState::Running);

        // It recovers by itself once the server does.
        QTRY_COMPARE(f.scheduler.status(f.connectionId).consecutiveFailures, 0);
        QCOMPARE(f.scheduler.status(f.connectionId).health, PollScheduler::Health::Ok);
        f.simulatedMs = 100'000;
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
        QCOMPARE(f.store.timeline({f.connectionId, 1}).size(), 2);
    }

    void refusedStaticTokenPausesUntilANewOneIsGiven()
    {
        Fixture f;
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);

        f.simulator.revokeAllTokens();
        QTRY_COMPARE(
            f.scheduler.status(f.connectionId).health, PollScheduler::Health::AuthRejected);
        QCOMPARE(f.tokens->state(), TokenProvider::State::Rejected);
        QVERIFY(f.scheduler.status(f.connectionId).lastError.isAuthError());
        QCOMPARE(f.stateOf(1), TaskState::Running); // never marked failed because of auth
        const int refused = f.simulator.taskQueryCount();
        QTest::qWait(150);
        QCOMPARE(f.simulator.taskQueryCount(), refused); // no hammering with a dead token

        f.tokens->setAccessToken(f.simulator.issueToken());
        f.simulatedMs = 100'000;
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
        QCOMPARE(f.scheduler.status(f.connectionId).health, PollScheduler::Health::Idle);
    }

    void secretMintsAgainOnceWhenTheTokenIsRefused()
    {
        Fixture f(true);
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        QCOMPARE(f.simulator.mintCount(), 1);

        f.simulator.revokeAllTokens();
        f.simulatedMs = 100'000;
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
        QCOMPARE(f.simulator.mintCount(), 2);
        QCOMPARE(f.tokens->state(), TokenProvider::State::Ready);
    }

    void secretStopsAfterOneFreshTokenIsRefusedToo()
    {
        Fixture f(true);
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        // The secret mints fine but SMH refuses every token it gives.
        f.simulator.failNextQueries(
            1000, HttpResponse::error(403, u"InvalidAccessToken"_s, u"no"_s, u"req-9"_s));
        QTRY_COMPARE(
            f.scheduler.status(f.connectionId).health, PollScheduler::Health::AuthRejected);
        QCOMPARE(f.simulator.mintCount(), 2); // the original and exactly one retry
        const int queries = f.simulator.taskQueryCount();
        QTest::qWait(150);
        QCOMPARE(f.simulator.taskQueryCount(), queries);
        QCOMPARE(f.simulator.mintCount(), 2);
        QCOMPARE(f.stateOf(1), TaskState::Running);
    }

    // NoPermission, a token of another library, an expired service: a new
    // token changes nothing, so none is minted and the connection stops.
    void accessRefusedStopsWithoutMinting_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("NoPermission") << u"NoPermission"_s;
        QTest::newRow("AccessTokenNotMatchLibrary") << u"AccessTokenNotMatchLibrary"_s;
        QTest::newRow("LibraryServiceExpired") << u"LibraryServiceExpired"_s;
    }

    void accessRefusedStopsWithoutMinting()
    {
        QFETCH(QString, code);
        Fixture f(true);
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        f.simulator.failNextQueries(1000, HttpResponse::error(403, code, u"no"_s, u"req-9"_s));
        QTRY_COMPARE(
            f.scheduler.status(f.connectionId).health, PollScheduler::Health::AuthRejected);
        QCOMPARE(f.simulator.mintCount(), 1);
        const QString shown = f.tokens->whyNotReady().value_or(SmhError()).toString();
        QVERIFY2(shown.contains(code) && shown.contains(u"req-9"_s), qPrintable(shown));
        const int queries = f.simulator.taskQueryCount();
        QTest::qWait(150);
        QCOMPARE(f.simulator.taskQueryCount(), queries);
    }

    // No such library or space: polling stops until the connection is
    // edited, and starts again after the edit.
    void configurationErrorWaitsForAnEdit()
    {
        Fixture f;
        f.script(1, 100'000, 200);
        Connection connection = *f.store.connection(f.connectionId);
        connection.settings.spaceId = u"nosuchspace"_s;
        QVERIFY(f.store.updateConnection(connection));
        f.simulator.failNextQueries(
            1, HttpResponse::error(404, u"SpaceNotFound"_s, u"no such space"_s, u"req-7"_s));
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.scheduler.status(f.connectionId).health, PollScheduler::Health::ConfigError);
        const PollScheduler::ConnectionStatus status = f.scheduler.status(f.connectionId);
        QCOMPARE(status.lastError.code(), u"SpaceNotFound"_s);
        QCOMPARE(status.lastError.requestId(), u"req-7"_s);
        const int queries = f.simulator.taskQueryCount();
        QTest::qWait(150);
        QCOMPARE(f.simulator.taskQueryCount(), queries);
        QCOMPARE(f.stateOf(1), TaskState::Queued);

        connection.settings.spaceId = u"-"_s;
        QVERIFY(f.store.updateConnection(connection));
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        QCOMPARE(f.scheduler.status(f.connectionId).health, PollScheduler::Health::Ok);
    }

    // A 414 halves the connection's URL budget and sends the same IDs again
    // at once, in more, shorter requests; the lower budget is kept.
    void uriTooLongShrinksRequests()
    {
        Fixture f;
        QList<qint64> ids;
        for (qint64 id = 1'000'000; id < 1'001'500; ++id) {
            f.script(id, 100'000, 200);
            ids << id;
        }
        f.simulator.setMaxUrlBytes(3000);
        f.store.addTasks(f.connectionId, ids, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1'001'499), TaskState::Running);
        QCOMPARE(f.stateOf(1'000'000), TaskState::Running);
        const PollScheduler::ConnectionStatus status = f.scheduler.status(f.connectionId);
        QCOMPARE(status.urlLimit, qsizetype(2048)); // 8 KiB halved twice
        QCOMPARE(status.consecutiveFailures, 0);
        QVERIFY(f.simulator.uriTooLongCount() >= 1);
        const int refused = f.simulator.uriTooLongCount();
        f.scheduler.pollNow(f.connectionId);
        QTRY_VERIFY(f.scheduler.status(f.connectionId).lastPollAt > status.lastPollAt);
        QCOMPARE(f.simulator.uriTooLongCount(), refused); // remembered
    }

    // A reply over the size cap names no task: its batch is asked again at
    // once in halves, until the task too large alone is found. That one
    // ends Unknown with its own error; the others are answered as usual and
    // the connection has not failed.
    void oversizedReplySplitsItsBatch()
    {
        Fixture f;
        f.client.setMaxReplyBytes(4000);
        QList<qint64> ids;
        for (qint64 id = 1; id <= 8; ++id) {
            f.script(id, 0, 200);
            ids << id;
        }
        SmhSimulator::TaskScript big = f.simulator.scriptFor(5);
        big.known = true;
        big.runMs = 0;
        big.result = QJsonObject {{u"blob"_s, QString(6000, u'x')}};
        f.simulator.setTask(5, big);
        f.store.addTasks(f.connectionId, ids, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(5), TaskState::Unknown);
        for (qint64 id : std::as_const(ids)) {
            if (id != 5)
                QTRY_COMPARE(f.stateOf(id), TaskState::Succeeded);
        }
        const Task lone = *f.store.task({f.connectionId, 5});
        QCOMPARE(lone.status, TaskStatusReport::statusUnreadable);
        QVERIFY(!lone.result);
        QVERIFY2(lone.lastError.contains(u"cannot be read"_s), qPrintable(lone.lastError));
        QVERIFY(!TaskStates::explanation(lone.state, lone.status).isEmpty());
        // 8, then 4 + 4, then 2 + 2 of the half holding task 5, then 1 + 1.
        QCOMPARE(queries(f), 7);
        const PollScheduler::ConnectionStatus status = f.scheduler.status(f.connectionId);
        QCOMPARE(status.consecutiveFailures, 0);
        QCOMPARE(status.pending, 0);
        QCOMPARE(f.store.task({f.connectionId, 1})->lastError, QString());
        // Final: not asked about (nor downloaded) again.
        f.scheduler.pollNow(f.connectionId);
        QTest::qWait(100);
        QCOMPARE(queries(f), 7);
    }

    // The split is for the batch that was too large: tasks added later are
    // batched together again.
    void aSplitDoesNotShrinkLaterRequests()
    {
        Fixture f;
        f.client.setMaxReplyBytes(4000);
        f.script(1, 0, 200);
        SmhSimulator::TaskScript big = f.simulator.scriptFor(2);
        big.known = true;
        big.runMs = 0;
        big.result = QString(6000, u'y');
        f.simulator.setTask(2, big);
        f.store.addTasks(f.connectionId, {1, 2}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(2), TaskState::Unknown);
        QCOMPARE(f.stateOf(1), TaskState::Succeeded);
        const int before = queries(f);
        QList<qint64> more;
        for (qint64 id = 10; id < 20; ++id) {
            f.script(id, 0, 200);
            more << id;
        }
        f.store.addTasks(f.connectionId, more, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(19), TaskState::Succeeded);
        QCOMPARE(queries(f), before + 1);
    }

    // A 200 whose every item failed: the task failed, it did not partly fail.
    void batchWhoseItemsAllFailedIsFailed()
    {
        Fixture f;
        SmhSimulator::TaskScript batch = f.simulator.scriptFor(7);
        batch.known = true;
        batch.runMs = 0;
        batch.finalStatus = 200;
        batch.result = QJsonArray {QJsonObject {{u"status"_s, 403}, {u"code"_s, u"NoPermission"_s}},
            QJsonObject {{u"status"_s, 404}, {u"code"_s, u"FileNotFound"_s}}};
        f.simulator.setTask(7, batch);
        f.store.addTasks(f.connectionId, {7}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(7), TaskState::Failed);
        QCOMPARE(f.store.task({f.connectionId, 7})->result->failedItemCount(), 2);
    }

    // 429 without Retry-After: exponential backoff with jitter.
    void rateLimitWithoutRetryAfterBacksOff()
    {
        Fixture f;
        f.script(1, 100'000, 200);
        f.simulator.failNextQueries(
            3, HttpResponse::error(429, u"RateLimitExceeded"_s, u"slow down"_s, u"req-3"_s));
        QList<qint64> waits;
        connect(&f.scheduler, &PollScheduler::connectionStatusChanged, &f.scheduler, [&] {
            const PollScheduler::ConnectionStatus status = f.scheduler.status(f.connectionId);
            if (status.consecutiveFailures == waits.size() + 1 && !status.inFlight) {
                QCOMPARE(status.lastError.code(), u"RateLimitExceeded"_s);
                waits << status.lastPollAt.msecsTo(status.nextPollAt);
            }
        });
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(waits.size(), 3);
        // backoffBase 30 ms doubling, each with 75-100 % jitter.
        QVERIFY2(waits.at(0) <= 30 && waits.at(1) >= 45 && waits.at(2) >= 90,
            qPrintable(u"%1 %2 %3"_s.arg(waits.at(0)).arg(waits.at(1)).arg(waits.at(2))));
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
    }

    void pauseStopsRequestsAndResumeRestarts()
    {
        Fixture f;
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        f.scheduler.setPaused(f.connectionId, true);
        QTRY_VERIFY(!f.scheduler.status(f.connectionId).inFlight);
        const int paused = f.simulator.taskQueryCount();
        QTest::qWait(150);
        QCOMPARE(f.simulator.taskQueryCount(), paused);
        QCOMPARE(f.scheduler.status(f.connectionId).health, PollScheduler::Health::Paused);
        f.scheduler.setPaused(f.connectionId, false);
        QTRY_VERIFY(f.simulator.taskQueryCount() > paused);
    }

    void pollNowSkipsTheWait()
    {
        Fixture f;
        PollPlanner::Options slow;
        slow.baseInterval = 60s;
        slow.maxInterval = 600s;
        f.scheduler.setOptions(slow);
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        f.simulatedMs = 100'000;
        f.scheduler.pollNow(f.connectionId);
        QTRY_COMPARE(f.stateOf(1), TaskState::Succeeded);
    }

    void shutdownAbortsRequestsInFlight()
    {
        Fixture f;
        HttpResponse slow = HttpResponse::json(200, "[]");
        slow.delay = 30s;
        f.simulator.failNextQueries(1, slow);
        f.script(1, 100'000, 200);
        f.store.addTasks(f.connectionId, {1}, {}, QDateTime::currentDateTimeUtc());
        QTRY_VERIFY(f.scheduler.status(f.connectionId).inFlight);
        f.scheduler.shutdown();
        QVERIFY(!f.scheduler.status(f.connectionId).inFlight);
        QCOMPARE(f.client.requestsInFlight(), 0);
        QCOMPARE(f.stateOf(1), TaskState::Queued);
    }

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
        Fixture f;
        QDateTime &now = handClock(f, std::chrono::milliseconds(intervalMs));
        QTRY_COMPARE(queries(f), 1); // due at once
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);
        const QDateTime polled = now;

        // A second short of due: nothing, however often the timer wakes.
        now = polled.addMSecs(intervalMs - 1000);
        QTest::qWait(quietMs);
        QCOMPARE(queries(f), 1);

        // Due: asked within a few steps, then quiet again until the next one.
        now = polled.addMSecs(intervalMs);
        QTRY_COMPARE_WITH_TIMEOUT(queries(f), 2, 2000);
        QTest::qWait(quietMs);
        QCOMPARE(queries(f), 2);
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
        Fixture f;
        QDateTime &now = handClock(f, 1s);
        QTRY_COMPARE(queries(f), 1);
        QTRY_COMPARE(f.stateOf(1), TaskState::Running);

        HttpResponse busy = HttpResponse::error(503, u"Busy"_s, u"later"_s, u"r"_s);
        busy.headers.append({"Retry-After", retryAfter});
        f.simulator.failNextQueries(1, busy);
        now = now.addSecs(1);
        QTRY_COMPARE(f.scheduler.status(f.connectionId).consecutiveFailures, 1);
        const QDateTime failed = now;
        QCOMPARE(f.scheduler.status(f.connectionId).nextPollAt,
            failed.addSecs(SmhError::maxRetryAfterSeconds));

        now = failed.addSecs(SmhError::maxRetryAfterSeconds - 1);
        QTest::qWait(quietMs);
        QCOMPARE(queries(f), 2);

        now = failed.addSecs(SmhError::maxRetryAfterSeconds);
        QTRY_COMPARE_WITH_TIMEOUT(queries(f), 3, 2000);
        QTRY_COMPARE(f.scheduler.status(f.connectionId).consecutiveFailures, 0);
        QTest::qWait(quietMs);
        QCOMPARE(queries(f), 3);
    }
};

QTEST_GUILESS_MAIN(TestPollScheduler)
#include "tst_pollscheduler.moc"
