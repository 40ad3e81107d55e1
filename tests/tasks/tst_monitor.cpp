#include "demo/smhsimulator.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Monitor is the door every face goes through: its commands change the
// ledger and the polling, its read-only views and their signals are what
// faces show. Against the SMH simulator on loopback, over real HTTP.
class TestMonitor final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    qint64 m_nowMs = 0;

    Connection tokenConnection(const QString &name = {}) const
    {
        Connection connection;
        connection.name = name;
        connection.settings.endpoint = m_simulator->baseUrl();
        connection.settings.libraryId = m_simulator->libraryId();
        connection.authKind = AuthKind::AccessToken;
        return connection;
    }

    // A ledger in memory, polled fast; null when it could not be opened.
    static std::unique_ptr<Monitor> openMonitor()
    {
        auto monitor = std::make_unique<Monitor>();
        if (const auto opened = monitor->openStore(u":memory:"_s); !opened) {
            qWarning() << opened.error().message();
            return {};
        }
        PollPlanner::Options fast;
        fast.baseInterval = 50ms;
        fast.maxInterval = 100ms;
        fast.requestsPerSecond = 1000;
        monitor->setPollOptions(fast);
        return monitor;
    }

    // A task that runs `runMs` from the simulator's clock now, then succeeds.
    void script(qint64 id, qint64 runMs)
    {
        SmhSimulator::TaskScript task = m_simulator->scriptFor(id);
        task.known = true;
        task.startMs = m_nowMs;
        task.runMs = runMs;
        task.finalStatus = 200;
        m_simulator->setTask(id, task);
    }

    // A connection with the simulator's token, and its id.
    qint64 connectWithToken(Monitor &monitor, const QString &name = {}) const
    {
        const qint64 id = monitor.addConnection(tokenConnection(name)).valueOr(0);
        if (id > 0)
            monitor.setAccessToken(id, m_simulator->staticToken());
        return id;
    }

private Q_SLOTS:
    void init()
    {
        m_nowMs = 1'000'000;
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        QVERIFY(m_simulator->start());
    }

    void cleanup() { m_simulator.reset(); }

    void openingTheLedgerIsAnnounced()
    {
        Monitor monitor;
        QSignalSpy opened(&monitor, &Monitor::storeOpened);
        QVERIFY(monitor.openStore(u":memory:"_s));
        QCOMPARE(opened.count(), 1);
        QVERIFY(monitor.tasks().isOpen());
        QCOMPARE(monitor.notifications().total(), 0);
        monitor.shutdown();
    }

    void addConnectionFindsAnEqualConnection()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        QSignalSpy changed(&monitor->tasks(), &TaskStore::connectionsChanged);
        const auto first = monitor->addConnection(tokenConnection(u"Archive"_s));
        QVERIFY(first);
        QCOMPARE(changed.count(), 1);
        QVERIFY(monitor->polling().connectionIds().contains(*first));

        // Same library, space and credential kind under another label: the
        // saved one, not a twin.
        const auto again = monitor->addConnection(tokenConnection(u"Other label"_s));
        QVERIFY(again);
        QCOMPARE(*again, *first);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(monitor->tasks().connections().size(), 1);
        QCOMPARE(monitor->tasks().connection(*first)->name, u"Archive"_s);

        // Another credential kind is another connection.
        Connection bySecret = tokenConnection();
        bySecret.authKind = AuthKind::LibrarySecret;
        const auto other = monitor->addConnection(bySecret);
        QVERIFY(other);
        QVERIFY(*other != *first);
        QCOMPARE(monitor->tasks().connections().size(), 2);
        QCOMPARE(monitor->polling().connectionIds().size(), 2);
        monitor->shutdown();
    }

    void updateConnectionTakesNameAndCredential()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        const qint64 id = monitor->addConnection(tokenConnection()).valueOr(0);
        QVERIFY(id > 0);
        script(11, 60'000);
        QVERIFY(monitor->addTasks(id, {11}));
        // No token yet: the connection says so and asks nothing.
        QTRY_COMPARE(monitor->polling().status(id).health, PollScheduler::Health::NoCredentials);
        QVERIFY(!monitor->tasks().task({id, 11})->lastPolledAt.isValid());

        Connection renamed = *monitor->tasks().connection(id);
        renamed.name = u"Renamed"_s;
        QSignalSpy changed(&monitor->tasks(), &TaskStore::connectionsChanged);
        QVERIFY(monitor->updateConnection(renamed, m_simulator->staticToken()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(monitor->tasks().connection(id)->name, u"Renamed"_s);
        QCOMPARE(monitor->credential(id).accessToken, m_simulator->staticToken());
        QVERIFY(monitor->credential(id).librarySecret.isEmpty());
        QTRY_COMPARE(monitor->tasks().task({id, 11})->state, TaskState::Running);
        QCOMPARE(monitor->polling().status(id).health, PollScheduler::Health::Ok);
        monitor->shutdown();
    }

    void removeConnectionTakesTasksTokensAndPolling()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        const qint64 keep = connectWithToken(*monitor, u"Keep"_s);
        Connection second = tokenConnection(u"Gone"_s);
        second.authKind = AuthKind::LibrarySecret;
        const qint64 gone = monitor->addConnection(second).valueOr(0);
        QVERIFY(keep > 0 && gone > 0);
        monitor->setLibrarySecret(gone, m_simulator->librarySecret());
        script(21, 60'000);
        script(22, 60'000);
        QVERIFY(monitor->addTasks(keep, {21}));
        QVERIFY(monitor->addTasks(gone, {21, 22}));
        QTRY_COMPARE(monitor->tasks().task({gone, 22})->state, TaskState::Running);

        QSignalSpy removed(&monitor->tasks(), &TaskStore::tasksRemoved);
        QVERIFY(monitor->removeConnection(gone));
        QCOMPARE(removed.count(), 1);
        const auto keys = removed.constFirst().constFirst().value<QList<TaskKey>>();
        QCOMPARE(
            QSet<TaskKey>(keys.cbegin(), keys.cend()), (QSet<TaskKey> {{gone, 21}, {gone, 22}}));
        QVERIFY(!monitor->tasks().connection(gone));
        QVERIFY(!monitor->polling().connectionIds().contains(gone));
        QVERIFY(monitor->credential(gone).librarySecret.isEmpty());
        // Its tokens went with it: a token given now reaches nothing.
        monitor->setAccessToken(gone, m_simulator->staticToken());
        QVERIFY(monitor->credential(gone).accessToken.isEmpty());
        // The other connection is untouched.
        QCOMPARE(monitor->tasks().taskCount(), 1);
        QVERIFY(monitor->tasks().task({keep, 21}));
        QCOMPARE(monitor->credential(keep).accessToken, m_simulator->staticToken());
        monitor->shutdown();
    }

    void tasksAreAddedNotedAndRemovedThroughTheDoor()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        TaskTableModel model(&monitor->tasks());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 id = connectWithToken(*monitor);
        QVERIFY(id > 0);
        for (qint64 task : {31, 32, 33})
            script(task, 60'000);
        QSignalSpy added(&monitor->tasks(), &TaskStore::tasksAdded);
        QSignalSpy counts(&monitor->notifications(), &TaskNotifier::countsChanged);

        const auto first = monitor->addTasks(id, {31, 32}, u"batch"_s);
        QVERIFY(first);
        QCOMPARE(first->size(), 2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(monitor->tasks().task({id, 31})->note, u"batch"_s);
        QVERIFY(!monitor->tasks().task({id, 31})->libraryLevel);
        // Those already tracked are left alone, note and all.
        const auto second = monitor->addTasks(id, {32, 33}, u"later"_s);
        QVERIFY(second);
        QCOMPARE(second->size(), 1);
        QCOMPARE(second->constFirst().key, (TaskKey {id, 33}));
        QCOMPARE(monitor->tasks().task({id, 32})->note, u"batch"_s);
        QCOMPARE(added.count(), 2);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(counts.count() >= 2);
        QCOMPARE(monitor->notifications().total(), 3);

        // The note is trimmed, and every view hears of it.
        QSignalSpy changed(&monitor->tasks(), &TaskStore::tasksChanged);
        QVERIFY(monitor->setNote({id, 33}, u"  look at this  "_s));
        QCOMPARE(monitor->tasks().task({id, 33})->note, u"look at this"_s);
        QVERIFY(!changed.isEmpty());

        QSignalSpy removed(&monitor->tasks(), &TaskStore::tasksRemoved);
        QVERIFY(monitor->removeTasks({{id, 31}, {id, 33}}));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(monitor->tasks().taskCount(), 1);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!monitor->tasks().contains({id, 31}));
        QCOMPARE(monitor->notifications().total(), 1);
        monitor->shutdown();
    }

    void libraryLevelIsTheCallersOrTheConnections()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        const qint64 id = connectWithToken(*monitor);
        QVERIFY(id > 0);
        QVERIFY(monitor->addTasks(id, {41}, {}, true));
        QVERIFY(monitor->addTasks(id, {42}));
        QVERIFY(monitor->tasks().task({id, 41})->libraryLevel);
        QVERIFY(!monitor->tasks().task({id, 42})->libraryLevel);
        monitor->shutdown();
    }

    void pollingIsPausedAndResumed()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        const qint64 a = connectWithToken(*monitor, u"A"_s);
        Connection bySecret = tokenConnection(u"B"_s);
        bySecret.authKind = AuthKind::LibrarySecret;
        const qint64 b = monitor->addConnection(bySecret).valueOr(0);
        QVERIFY(a > 0 && b > 0);
        monitor->setLibrarySecret(b, m_simulator->librarySecret());
        script(51, 60'000);
        QVERIFY(monitor->addTasks(a, {51}));
        QVERIFY(monitor->addTasks(b, {51}));
        QTRY_COMPARE(monitor->polling().status(a).health, PollScheduler::Health::Ok);

        QSignalSpy status(&monitor->polling(), &PollScheduler::connectionStatusChanged);
        monitor->setPaused(a, true);
        QVERIFY(monitor->isPaused(a));
        QVERIFY(!monitor->isPaused(b));
        QCOMPARE(monitor->polling().status(a).health, PollScheduler::Health::Paused);
        QVERIFY(status.contains(QVariantList {a}));

        monitor->setAllPaused(true);
        QVERIFY(monitor->isPaused(a) && monitor->isPaused(b));
        monitor->setAllPaused(false);
        QVERIFY(!monitor->isPaused(a) && !monitor->isPaused(b));

        // Resumed, it is asked again.
        const QDateTime before = monitor->tasks().task({a, 51})->lastPolledAt;
        QSignalSpy cycles(&monitor->polling(), &PollScheduler::cycleFinished);
        monitor->pollNow(a);
        QTRY_VERIFY(monitor->tasks().task({a, 51})->lastPolledAt > before);
        QVERIFY(!cycles.isEmpty());
        QCOMPARE(monitor->polling().status(a).health, PollScheduler::Health::Ok);
        monitor->shutdown();
    }

    void recheckAsksAgainAboutFinalTasksOnly()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        const qint64 id = connectWithToken(*monitor);
        QVERIFY(id > 0);
        script(61, 0); // done at once
        script(62, 600'000); // still running
        QSignalSpy finished(&monitor->notifications(), &TaskNotifier::tasksFinished);
        QSignalSpy transitioned(&monitor->tasks(), &TaskStore::transitioned);
        QVERIFY(monitor->addTasks(id, {61, 62}));
        QTRY_COMPARE(monitor->tasks().task({id, 61})->state, TaskState::Succeeded);
        QTRY_COMPARE(monitor->tasks().task({id, 62})->state, TaskState::Running);
        QVERIFY(!transitioned.isEmpty());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.constFirst().constFirst().value<QList<Task>>().constFirst().key,
            (TaskKey {id, 61}));

        const QDateTime before = monitor->tasks().task({id, 61})->lastPolledAt;
        // The running task is polled anyway: only the final one counts.
        QCOMPARE(monitor->recheckTasks({{id, 61}, {id, 62}, {id, 99}}), 1);
        QTRY_VERIFY(monitor->tasks().task({id, 61})->lastPolledAt > before);
        QCOMPARE(monitor->tasks().task({id, 61})->state, TaskState::Succeeded);
        monitor->shutdown();
    }

    void aRefusedSecretIsTheTokensError()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        Connection bySecret = tokenConnection();
        bySecret.authKind = AuthKind::LibrarySecret;
        const qint64 id = monitor->addConnection(bySecret).valueOr(0);
        QVERIFY(id > 0);
        QVERIFY(!monitor->tokenError(id).isError());
        monitor->setLibrarySecret(id, u"not-the-secret"_s);
        QVERIFY(monitor->addTasks(id, {71}));
        QTRY_VERIFY(monitor->tokenError(id).isError());
        QVERIFY2(monitor->tokenError(id).isWrongSecret(),
            qPrintable(monitor->tokenError(id).toString()));
        // What the command line reads beside the connection's status.
        QTRY_COMPARE(monitor->polling().status(id).health, PollScheduler::Health::AuthRejected);
        QVERIFY(!monitor->tokenError(id).toString().contains(u"not-the-secret"_s));
        QVERIFY(!monitor->tokenError(12345).isError());
        monitor->shutdown();
    }

    void shutdownStopsPollingAndTellsTheWings()
    {
        auto monitor = openMonitor();
        QVERIFY(monitor);
        const qint64 id = connectWithToken(*monitor);
        QVERIFY(id > 0);
        script(81, 600'000);
        // The next query hangs: a reply is outstanding when the monitor closes.
        HttpResponse hang = HttpResponse::json(200, "{}");
        hang.delay = 60s;
        m_simulator->failNextQueries(1, hang);
        QVERIFY(monitor->addTasks(id, {81}));
        QTRY_VERIFY(monitor->polling().status(id).inFlight);

        QSignalSpy closing(monitor.get(), &Monitor::shuttingDown);
        monitor->shutdown();
        QCOMPARE(closing.count(), 1);
        // The outstanding reply is given up at once, and nothing new leaves.
        QTRY_VERIFY(!monitor->polling().status(id).inFlight);
        const qint64 sent = monitor->polling().totalRequests();
        monitor->pollNow(id);
        monitor->pollNow();
        QVERIFY(!monitor->polling().status(id).inFlight);
        QCOMPARE(monitor->polling().totalRequests(), sent);
        QVERIFY(!monitor->tasks().task({id, 81})->lastPolledAt.isValid());
    }
};

QTEST_GUILESS_MAIN(TestMonitor)
#include "tst_monitor.moc"
