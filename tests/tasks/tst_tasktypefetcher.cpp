#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "monitorprobe.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "tasks/tasktypefetcher.h"

#include "translations.h"
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Query Task v2 against the simulator: the type and typed result are learned
// once per task, stored and shown; a server without v2 is asked once per
// connection; the requests keep to their budget.
class TestTaskTypeFetcher final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    qint64 m_nowMs = 0;

    static std::unique_ptr<Monitor> makeMonitor(const TaskTypeFetcher::Budget &budget)
    {
        auto monitor = std::make_unique<Monitor>();
        if (const auto opened = monitor->openStore(u":memory:"_s); !opened)
            qWarning() << opened.error().message();
        PollPlanner::Options fast;
        fast.baseInterval = 50ms;
        fast.maxInterval = 100ms;
        fast.requestsPerSecond = 1000;
        monitor->setPollOptions(fast);
        MonitorProbe::taskTypes(*monitor)->setBudget(budget);
        return monitor;
    }

    static TaskTypeFetcher::Budget fast()
    {
        TaskTypeFetcher::Budget budget;
        budget.perSecond = 50;
        return budget;
    }

    // A task that ends `runMs` after the simulator's clock now.
    void script(qint64 id, qint64 runMs, const QString &type = {}, QJsonValue result = {},
        std::optional<int> typedStatus = std::nullopt)
    {
        SmhSimulator::TaskScript task = m_simulator->scriptFor(id);
        task.known = true;
        task.startMs = m_nowMs;
        task.runMs = runMs;
        task.finalStatus = 200;
        task.taskType = type;
        task.result = result;
        task.typedStatus = typedStatus;
        m_simulator->setTask(id, task);
    }

    int requestsFor(qint64 id) const
    {
        int count = 0;
        for (const QString &path : m_simulator->taskResultPaths()) {
            if (path.endsWith(u'/' + QString::number(id)))
                ++count;
        }
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The English catalogue picks "1 version" or "2 versions".
        Translations::install(u"en_US"_s);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        m_nowMs = 1'000'000;
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        QVERIFY(m_simulator->start());
    }

    void cleanup() { m_simulator.reset(); }

    // The connection's token is still being minted when a task is shown:
    // its type is asked for once the token is in, not dropped. Polling is
    // paused, so nothing but the token's arrival can start the request.
    void waitsForTheTokenBeingMinted()
    {
        m_simulator->setStall(
            [](const HttpRequest &request) { return request.url().path() == u"/api/v1/token"; },
            1500ms);
        auto monitor = makeMonitor(fast());
        const qint64 c = DemoSetup::connect(*m_simulator, *monitor).valueOr(0);
        QVERIFY(c > 0);
        monitor->setPaused(c, true);
        script(101, 60'000);
        QVERIFY(monitor->addTasks(c, {101}));
        monitor->taskShown({c, 101});
        QCOMPARE(requestsFor(101), 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            monitor->tasks().task({c, 101})->taskType, u"convertFile"_s, 10'000);
        QCOMPARE(requestsFor(101), 1);
    }

    void learnedOnceStoredAndShown()
    {
        auto monitor = makeMonitor(fast());
        TaskTableModel model(&monitor->tasks());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 c = DemoSetup::connect(*m_simulator, *monitor).valueOr(0);
        QVERIFY(c > 0);
        m_simulator->seedDemoHistory(); // a finished clear, a library-level task
        script(101, 0); // a conversion
        // A batch that v1 calls a success and v2 a partial one.
        script(102, 0, u"batchCopy"_s, SmhSimulator::batchResult(102, 3, 0), 207);
        QSignalSpy transitioned(&monitor->tasks(), &TaskStore::transitioned);
        QVERIFY(monitor->addTasks(c, {101, 102}));
        QVERIFY(monitor->addTasks(c, {SmhSimulator::demoClearTaskId}, {}, true));

        QTRY_COMPARE(monitor->tasks().task({c, 101})->taskType, u"convertFile"_s);
        QTRY_COMPARE(monitor->tasks().task({c, 102})->state, TaskState::PartlyFailed);
        QCOMPARE(monitor->tasks().task({c, 102})->taskType, u"batchCopy"_s);
        const TaskKey clear {c, SmhSimulator::demoClearTaskId};
        QTRY_COMPARE(monitor->tasks().task(clear)->taskType, u"clearLibraryHistory"_s);
        QCOMPARE(
            TypedTaskResult::fromStored(monitor->tasks().task(clear)->typedResult)->deleteCount(),
            48'210);

        // The scope picks the path: the library-level form for the clear.
        QVERIFY(m_simulator->taskResultPaths().contains(u"/api/v1/task-result/smhdemo/9000"_s));
        for (qint64 id : {101, 102}) {
            QCOMPARE(requestsFor(id), 1);
            QVERIFY(m_simulator->taskResultPaths().contains(
                u"/api/v1/task-result/smhdemo/-/%1"_s.arg(id)));
        }
        // The 207 was a transition like any other (notified, in the timeline).
        bool partly = false;
        for (const auto &arguments : std::as_const(transitioned)) {
            for (const TaskTransition &t : arguments.at(0).value<QList<TaskTransition>>())
                partly = partly || (t.key.taskId == 102 && t.to == TaskState::PartlyFailed);
        }
        QVERIFY(partly);

        // Shown in the model's Type column, with the outcome as its tooltip.
        const int row = model.rowOf(clear);
        QTRY_COMPARE(
            model.index(row, TaskTableModel::TypeColumn).data().toString(), u"Clear history"_s);
        QCOMPARE(model.index(row, TaskTableModel::TypeColumn).data(Qt::ToolTipRole).toString(),
            u"48,210 versions deleted"_s);
        QCOMPARE(model.index(model.rowOf({c, 102}), TaskTableModel::TypeColumn).data().toString(),
            u"Batch copy"_s);

        // Known types are never asked again, shown or re-checked.
        const int asked = m_simulator->taskResultCount();
        QCOMPARE(asked, 3);
        monitor->taskShown({c, 101});
        monitor->taskShown(clear);
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->queued(c), 0);
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->inFlight(c), 0);
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->requestsSent(c), 3);
        QCOMPARE(monitor->recheckTasks({{c, 101}}), 1);
        QTRY_VERIFY(monitor->tasks().task({c, 101})->lastPolledAt
            > monitor->tasks().task({c, 102})->lastPolledAt);
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->requestsSent(c), 3);
        QCOMPARE(m_simulator->taskResultCount(), 3);
    }

    // The details pane asks about a running task; when it ends it is asked
    // once more for its final typed result, and then never again.
    void shownTaskIsAskedAndOnceMoreWhenItEnds()
    {
        auto monitor = makeMonitor(fast());
        const qint64 c = DemoSetup::connect(*m_simulator, *monitor).valueOr(0);
        script(201, 60'000, u"batchDelete"_s, SmhSimulator::batchResult(201, 4, 4));
        QVERIFY(monitor->addTasks(c, {201}));
        QTRY_COMPARE(monitor->tasks().task({c, 201})->state, TaskState::Running);
        QCOMPARE(m_simulator->taskResultCount(), 0); // running and not shown: not asked
        monitor->taskShown({c, 201});
        QTRY_COMPARE(monitor->tasks().task({c, 201})->taskType, u"batchDelete"_s);
        QCOMPARE(monitor->tasks().task({c, 201})->state, TaskState::Running);
        monitor->taskShown({c, 201});
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->requestsSent(c), 1);

        m_nowMs += 61'000;
        // Every item refused: failed, as v1's items say, and v2's final answer (400) comes
        // with its second request.
        QTRY_COMPARE(monitor->tasks().task({c, 201})->state, TaskState::Failed);
        QTRY_COMPARE(monitor->tasks().task({c, 201})->typedResult.value(u"status").toInt(), 400);
        QCOMPARE(requestsFor(201), 2);
        monitor->taskShown({c, 201});
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->requestsSent(c), 2);
    }

    // Once means once: shown twice before the answer, or answered with an
    // error (the type stays unknown), a task is not asked again.
    void askedOnceEvenWithoutAnAnswer()
    {
        auto monitor = makeMonitor(fast());
        const qint64 c = DemoSetup::connect(*m_simulator, *monitor).valueOr(0);
        script(601, 60'000);
        SmhSimulator::TaskScript gone;
        gone.known = false; // neither query knows it: not found, and v2 says 404 TaskNotFound
        m_simulator->setTask(602, gone);
        QVERIFY(monitor->addTasks(c, {601, 602}));
        QTRY_COMPARE(monitor->tasks().task({c, 601})->state, TaskState::Running);
        monitor->taskShown({c, 601});
        monitor->taskShown({c, 601});
        QTRY_COMPARE(monitor->tasks().task({c, 601})->taskType, u"convertFile"_s);
        QTRY_COMPARE(monitor->tasks().task({c, 602})->state, TaskState::NotFound);
        QTRY_COMPARE(requestsFor(602), 1);
        QTRY_COMPARE(MonitorProbe::taskTypes(*monitor)->inFlight(c), 0);
        QVERIFY(monitor->tasks().task({c, 602})->taskType.isEmpty());
        monitor->taskShown({c, 602});
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->queued(c), 0);
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->requestsSent(c), 2);
        QCOMPARE(requestsFor(601), 1);
        QCOMPARE(m_simulator->taskResultCount(), 2);
    }

    // A server without v2 hears one request per connection, however many
    // tasks end afterwards; another connection is not affected.
    void absentIsRememberedPerConnection()
    {
        auto monitor = makeMonitor(fast());
        m_simulator->setTaskResultEnabled(false);
        const qint64 c = DemoSetup::connect(*m_simulator, *monitor).valueOr(0);
        script(301, 0);
        script(302, 0);
        script(303, 0);
        QVERIFY(monitor->addTasks(c, {301, 302, 303}));
        QTRY_VERIFY(!MonitorProbe::taskTypes(*monitor)->isAvailable(c));
        QCOMPARE(m_simulator->taskResultCount(), 1);
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->queued(c), 0);

        script(304, 0);
        script(305, 0);
        QVERIFY(monitor->addTasks(c, {304, 305}));
        QTRY_VERIFY(monitor->tasks().task({c, 305})->isFinal());
        QTRY_VERIFY(monitor->tasks().task({c, 304})->isFinal());
        monitor->taskShown({c, 302});
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->requestsSent(c), 1);
        QCOMPARE(m_simulator->taskResultCount(), 1);
        for (qint64 id : {301, 302, 303, 304, 305})
            QVERIFY(monitor->tasks().task({c, id})->taskType.isEmpty());

        // Another server with v2, through another connection, is asked.
        SmhSimulator other;
        other.setLibraryId(u"other"_s);
        QVERIFY(other.start());
        const qint64 d = DemoSetup::connect(other, *monitor).valueOr(0);
        QVERIFY(d > 0 && d != c);
        SmhSimulator::TaskScript quick = other.scriptFor(306);
        quick.known = true;
        quick.runMs = 0;
        quick.finalStatus = 200;
        other.setTask(306, quick);
        QVERIFY(monitor->addTasks(d, {306}));
        QTRY_VERIFY(!monitor->tasks().task({d, 306})->taskType.isEmpty());
        QCOMPARE(other.taskResultCount(), 1);
        QCOMPARE(m_simulator->taskResultCount(), 1);
    }

    // Many tasks ending at once: each asked once, the requests spread at the
    // budget's rate after its burst, never more in flight than allowed.
    void requestsKeepToTheBudget()
    {
        TaskTypeFetcher::Budget budget;
        budget.perSecond = 10;
        budget.burst = 2;
        budget.maxInFlight = 2;
        auto monitor = makeMonitor(budget);
        const qint64 c = DemoSetup::connect(*m_simulator, *monitor).valueOr(0);
        QList<qint64> ids;
        for (qint64 id = 401; id <= 412; ++id) {
            script(id, 0);
            ids << id;
        }
        QElapsedTimer clock;
        QList<qint64> at;
        int mostInFlight = 0;
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [&](const HttpRequest &request) {
                if (request.target.contains("/task-result/")) {
                    at << clock.elapsed();
                    mostInFlight =
                        std::max(mostInFlight, MonitorProbe::taskTypes(*monitor)->inFlight(c));
                }
            });
        clock.start();
        QVERIFY(monitor->addTasks(c, ids));
        QTRY_COMPARE_WITH_TIMEOUT(m_simulator->taskResultCount(), 12, 10'000);
        for (qint64 id : std::as_const(ids))
            QCOMPARE(requestsFor(id), 1);
        QVERIFY(mostInFlight <= budget.maxInFlight);
        // The k-th request (from 0) waits for its token: (k + 1 - burst) / rate
        // after the first.
        for (qsizetype k = budget.burst; k < at.size(); ++k) {
            const qint64 earliest = qint64(double(k + 1 - budget.burst) * 1000 / budget.perSecond);
            // (A margin for the first request's connection set-up.)
            QVERIFY2(at.at(k) - at.constFirst() >= earliest - 60,
                qPrintable(u"request %1 at %2 ms, budget allows %3 ms"_s.arg(k).arg(at.at(k)).arg(
                    earliest)));
        }
        QTRY_VERIFY(!monitor->tasks().task({c, 412})->taskType.isEmpty());
    }

    // More tasks ending at once than the queue holds: the rest stay unknown
    // (until shown) instead of piling up as pending requests.
    void theQueueIsBounded()
    {
        TaskTypeFetcher::Budget budget;
        budget.perSecond = 0.5;
        budget.burst = 1;
        budget.maxQueued = 4;
        auto monitor = makeMonitor(budget);
        const qint64 c = DemoSetup::connect(*m_simulator, *monitor).valueOr(0);
        QList<qint64> ids;
        for (qint64 id = 501; id <= 540; ++id) {
            script(id, 0);
            ids << id;
        }
        QVERIFY(monitor->addTasks(c, ids));
        QTRY_VERIFY(monitor->tasks().task({c, 540})->isFinal());
        QVERIFY(MonitorProbe::taskTypes(*monitor)->queued(c) <= budget.maxQueued);
        QVERIFY(MonitorProbe::taskTypes(*monitor)->requestsSent(c) <= 1);
        // Shown: first in line, even with the queue full; one waiting
        // already moves to the front.
        monitor->taskShown({c, 539});
        QVERIFY(MonitorProbe::taskTypes(*monitor)->queued(c) <= budget.maxQueued);
        const QList<qint64> waiting = MonitorProbe::taskTypes(*monitor)->waiting(c);
        QCOMPARE(waiting.constFirst(), 539);
        monitor->taskShown({c, waiting.constLast()});
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->waiting(c).constFirst(), waiting.constLast());
        QCOMPARE(MonitorProbe::taskTypes(*monitor)->queued(c), waiting.size());
    }
};

QTEST_GUILESS_MAIN(TestTaskTypeFetcher)
#include "tst_tasktypefetcher.moc"
