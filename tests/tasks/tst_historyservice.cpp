#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "history/historyservice.h"
#include "smh/tokenprovider.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The guarded clear against the simulator, end to end: every guard (admin,
// history on, one a minute, a 429), the task it adds and its tracking to the
// end (deleted versions, usage after, settings put back), and a restart while
// it runs. The simulator's clock is driven by the test.
class TestHistoryService final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    qint64 m_nowMs = 0;
    int m_deletes = 0;
    int m_mints = 0;
    QTemporaryDir m_dir;

    std::unique_ptr<Monitor> makeMonitor(const QString &ledger = u":memory:"_s)
    {
        auto monitor = std::make_unique<Monitor>();
        if (const auto opened = monitor->openStore(ledger); !opened)
            qWarning() << opened.error().message();
        PollPlanner::Options fast;
        fast.baseInterval = 50ms;
        fast.maxInterval = 100ms;
        monitor->setPollOptions(fast);
        HistoryService::of(monitor.get())->setSampleInterval(100ms);
        return monitor;
    }

    static ClearResult clear(Monitor &monitor, qint64 connection, const ClearOptions &options = {})
    {
        std::optional<ClearResult> result;
        QObject context;
        HistoryService::of(&monitor)->clearHistory(
            connection, options, &context, [&](ClearResult r) { result.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10'000))
            return unexpected(ClearRefusal {}.said(u"timeout"_s));
        return *result;
    }

    qint64 connectWithToken(Monitor &monitor, const QString &token)
    {
        Connection connection = DemoSetup::connection(*m_simulator);
        connection.authKind = AuthKind::AccessToken;
        const qint64 id = monitor.addConnection(connection).valueOr(0);
        monitor.setAccessToken(id, token);
        return id;
    }

private Q_SLOTS:
    void init()
    {
        m_nowMs = 1'000'000;
        m_deletes = 0;
        m_mints = 0;
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        m_simulator->setUsage(1000 * 1024 * 1024, 300 * 1024 * 1024);
        QVERIFY(m_simulator->start());
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this](const HttpRequest &request) {
                if (request.method == "DELETE" && request.target.contains("library-history"))
                    ++m_deletes;
            });
    }

    void cleanup() { m_simulator.reset(); }

    void clearWithSecretIsTrackedToTheEnd()
    {
        auto monitor = makeMonitor();
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        const int mintsBefore = m_simulator->mintCount();
        QSignalSpy finished(HistoryService::of(monitor.get()), &HistoryService::cleanupFinished);

        const auto started = clear(*monitor, *connected);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message()));
        QCOMPARE(m_simulator->clearCount(), 1);
        // An admin token was minted for the call.
        QVERIFY(m_simulator->mintCount() > mintsBefore);

        const CleanupRecord record = started->record;
        QCOMPARE(record.connectionName, DemoSetup::connection(*m_simulator).label());
        QCOMPARE(record.usageBefore, qint64(1300) * 1024 * 1024);
        // Tracked on the connection it was started from, as a library-level
        // task: no second connection is made for it.
        QCOMPARE(record.task.connectionId, *connected);
        QCOMPARE(monitor->tasks().connections().size(), 1);
        const auto task = monitor->tasks().task(record.task);
        QVERIFY(task);
        QVERIFY(task->libraryLevel);
        QVERIFY(!monitor->tasks().connection(*connected)->settings.libraryLevel);
        QVERIFY(task->note.startsWith(u"Clear historical versions, started "_s));
        QCOMPARE(HistoryService::of(monitor.get())->ledger()->runningCleanups().size(), 1);

        // It runs; then it ends; the usage drops a while later.
        QTRY_COMPARE(monitor->tasks().task(record.task)->state, TaskState::Running);
        m_nowMs += 10'000;
        QTRY_VERIFY(
            !HistoryService::of(monitor.get())->ledger()->cleanupForTask(record.task)->isRunning());
        QVERIFY(finished.size() >= 1);
        auto done = *HistoryService::of(monitor.get())->ledger()->cleanupForTask(record.task);
        QCOMPARE(done.outcome, u"succeeded"_s);
        QTRY_VERIFY(
            HistoryService::of(monitor.get())->ledger()->cleanupForTask(record.task)->deleteCount);
        QCOMPARE(
            *HistoryService::of(monitor.get())->ledger()->cleanupForTask(record.task)->deleteCount,
            qint64(300) * 1024 * 1024 / (256 * 1024));
        m_nowMs += 10'000;
        QTRY_COMPARE(
            HistoryService::of(monitor.get())->ledger()->cleanupForTask(record.task)->usageAfter,
            qint64(1000) * 1024 * 1024);
        QCOMPARE(
            *HistoryService::of(monitor.get())->ledger()->cleanupForTask(record.task)->freedBytes(),
            qint64(300) * 1024 * 1024);
    }

    void noAdminTokenIsRefusedWithSmhCode()
    {
        auto monitor = makeMonitor();
        const qint64 id = connectWithToken(*monitor, m_simulator->staticToken());
        const auto refused = clear(*monitor, id);
        QVERIFY(!refused);
        QCOMPARE(ClearRefusal::of(refused.error()).reason, ClearRefusal::Reason::NotAdmin);
        QVERIFY(refused.error().message().contains(u"NoPermission"_s));
        QVERIFY(!refused.error().message().contains(m_simulator->staticToken()));
        QCOMPARE(m_deletes, 0);
        QVERIFY(HistoryService::of(monitor.get())->ledger()->runningCleanups().isEmpty());
    }

    void staticAdminTokenIsUsedAsIs()
    {
        auto monitor = makeMonitor();
        const QString admin = m_simulator->issueToken(0, true);
        const qint64 id = connectWithToken(*monitor, admin);
        const int mints = m_simulator->mintCount();
        const auto started = clear(*monitor, id);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message()));
        QCOMPARE(m_simulator->mintCount(), mints);
        // The connection's own token polls it: the task gets answered.
        QTRY_COMPARE(monitor->tasks().task(started->record.task)->state, TaskState::Running);
    }

    void historyOnIsRefusedWithoutSendingAChange()
    {
        auto monitor = makeMonitor();
        m_simulator->setHistoryState({true, 10, 30, 0});
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        const auto refused = clear(*monitor, *connected);
        QVERIFY(!refused);
        QCOMPARE(ClearRefusal::of(refused.error()).reason, ClearRefusal::Reason::HistoryOn);
        QCOMPARE(m_simulator->historyWrites(), 0);
        QCOMPARE(m_deletes, 0);
        QVERIFY(m_simulator->historyState().enabled);
    }

    void historyTurnedOffAndRestoredAfterwards()
    {
        auto monitor = makeMonitor();
        m_simulator->setHistoryState({true, 10, 30, 60});
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        const auto started = clear(*monitor, *connected, {true, true});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message()));
        QVERIFY(!m_simulator->historyState().enabled);
        QVERIFY(started->previous && started->previous->enabled);
        QVERIFY(started->record.restoreSettings);

        m_nowMs += 10'000;
        QTRY_VERIFY(m_simulator->historyState().enabled);
        QCOMPARE(m_simulator->historyState().count, 10);
        QCOMPARE(m_simulator->historyState().expireDays, 30);
        QCOMPARE(m_simulator->historyState().mergeInterval, 60);
        QTRY_VERIFY(!HistoryService::of(monitor.get())
                         ->ledger()
                         ->cleanupForTask(started->record.task)
                         ->restoreOutcome.isEmpty());
    }

    void oneCallAMinute()
    {
        auto monitor = makeMonitor();
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        QVERIFY(clear(*monitor, *connected));
        const auto second = clear(*monitor, *connected);
        QVERIFY(!second);
        QCOMPARE(ClearRefusal::of(second.error()).reason, ClearRefusal::Reason::RateLimited);
        QVERIFY(ClearRefusal::of(second.error()).secondsLeft > 0
            && ClearRefusal::of(second.error()).secondsLeft <= 60);
        QCOMPARE(m_deletes, 1); // refused here, not by the server
        const LibraryKey library = LibraryKey::of(DemoSetup::connection(*m_simulator).settings);
        QVERIFY(HistoryService::of(monitor.get())->secondsUntilNextClear(library) > 0);
    }

    void serverRateLimitIsExplainedNotRetried()
    {
        // Another monitor (no memory of the first call) is turned away by SMH.
        auto first = makeMonitor();
        const auto one = DemoSetup::connect(*m_simulator, *first);
        QVERIFY(one);
        QVERIFY(clear(*first, *one));
        auto second = makeMonitor();
        const auto two = DemoSetup::connect(*m_simulator, *second);
        QVERIFY(two);
        const auto refused = clear(*second, *two);
        QVERIFY(!refused);
        QCOMPARE(ClearRefusal::of(refused.error()).reason, ClearRefusal::Reason::RateLimited);
        QCOMPARE(refused.error().httpStatus(), 429);
        QVERIFY(refused.error().message().contains(u"RateLimitExceeded"_s));
        QTest::qWait(300); // nothing more may arrive
        QCOMPARE(m_deletes, 2);
        QVERIFY(HistoryService::of(second.get())->ledger()->runningCleanups().isEmpty());
        // ...and it now counts its own attempt.
        QCOMPARE(ClearRefusal::of(clear(*second, *two).error()).reason,
            ClearRefusal::Reason::RateLimited);
        QCOMPARE(m_deletes, 2);
    }

    void restartMidCleanupResumesTracking()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(u"restart.sqlite"_s);
        TaskKey key;
        qint64 parent = 0;
        {
            auto monitor = makeMonitor(file);
            const auto connected = DemoSetup::connect(*m_simulator, *monitor);
            QVERIFY(connected);
            parent = *connected;
            const auto started = clear(*monitor, parent);
            QVERIFY(started);
            key = started->record.task;
            QTRY_COMPARE(monitor->tasks().task(key)->state, TaskState::Running);
        }
        m_nowMs += 30'000; // ends (and usage drops) while nobody watches
        auto monitor = makeMonitor(file);
        QVERIFY(HistoryService::of(monitor.get())->ledger()->cleanupForTask(key)->isRunning());
        QCOMPARE(monitor->tasks().connections().size(), 1);
        QCOMPARE(key.connectionId, parent);
        QVERIFY(monitor->tasks().task(key)->libraryLevel);
        monitor->setLibrarySecret(parent, m_simulator->librarySecret());
        QTRY_VERIFY(!HistoryService::of(monitor.get())->ledger()->cleanupForTask(key)->isRunning());
        QCOMPARE(monitor->tasks().task(key)->state, TaskState::Succeeded);
        QTRY_VERIFY(HistoryService::of(monitor.get())->ledger()->cleanupForTask(key)->usageAfter);
    }

    void invalidSettingsAreNotSent()
    {
        auto monitor = makeMonitor();
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        // Minting the connection's token may happen at any moment: what
        // counts is that no other request goes out.
        const auto sent = [this] {
            return m_simulator->server().requestCount() - m_simulator->mintCount()
                - m_simulator->renewCount();
        };
        const int requests = sent();
        HistoryChange change;
        change.mergeInterval = 3;
        std::optional<Expected<bool, SmhError>> result;
        HistoryService::of(monitor.get())
            ->applySettings(*connected, change, std::nullopt, this,
                [&](Expected<bool, SmhError> r) { result.emplace(std::move(r)); });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!*result);
        QCOMPARE(result->error().kind(), SmhError::Kind::InvalidInput);
        QCOMPARE(sent(), requests);

        // A valid one is applied.
        change.mergeInterval = 30;
        result.reset();
        HistoryService::of(monitor.get())
            ->applySettings(*connected, change, std::nullopt, this,
                [&](Expected<bool, SmhError> r) { result.emplace(std::move(r)); });
        QTRY_VERIFY(result.has_value());
        QVERIFY(*result);
        QCOMPARE(m_simulator->historyState().mergeInterval, 30);
    }

    void nothingDestructiveIsSentWhileClosing()
    {
        auto monitor = makeMonitor();
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        // The monitor closes while the usage before the clear is being read:
        // that reply is cut short, and the clear must not follow it.
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [&monitor](const HttpRequest &request) {
                if (request.target.contains("/usage/"))
                    monitor->shutdown();
            });
        std::optional<ClearResult> result;
        HistoryService::of(monitor.get())->clearHistory(*connected, {}, this, [&](ClearResult r) {
            result.emplace(std::move(r));
        });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!*result);
        QTest::qWait(200);
        QCOMPARE(m_deletes, 0);
        QCOMPARE(m_simulator->clearCount(), 0);
    }

    // Issue: the clear is recorded before it leaves, and the record is
    // there when the DELETE arrives, read by another connection.
    void theAttemptIsInTheLedgerBeforeTheDeleteLeaves()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(u"before.sqlite"_s);
        auto monitor = makeMonitor(file);
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        QString phaseWhenSent;
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [&](const HttpRequest &request) {
                if (request.method != "DELETE" || !request.target.contains("library-history"))
                    return;
                TaskStore reader;
                if (!reader.open(file))
                    return;
                HistoryLedger ledger(&reader);
                const QList<CleanupRecord> records =
                    ledger.cleanups(LibraryKey::of(DemoSetup::connection(*m_simulator).settings));
                if (!records.isEmpty() && records.constFirst().wasSent())
                    phaseWhenSent = CleanupRecord::phaseKey(records.constFirst().phase);
            });
        QVERIFY(clear(*monitor, *connected));
        QCOMPARE(phaseWhenSent, u"sending"_s);
    }

    void aLostAnswerIsUnknownAndCountsAsAClear_data()
    {
        QTest::addColumn<bool>("drop");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("applied");
        QTest::newRow("dropped after accepting") << true << 0 << true;
        QTest::newRow("dropped before accepting") << true << 0 << false;
        QTest::newRow("500 after accepting") << false << 500 << true;
        QTest::newRow("502 from a proxy") << false << 502 << false;
    }

    void aLostAnswerIsUnknownAndCountsAsAClear()
    {
        QFETCH(bool, drop);
        QFETCH(int, status);
        QFETCH(bool, applied);
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(
            u"unknown-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
        HttpResponse fault = HttpResponse::error(status, u"InternalError"_s, u"oops"_s, {});
        fault.dropConnection = drop;
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::Clear, fault, applied);
        const LibraryKey library = LibraryKey::of(DemoSetup::connection(*m_simulator).settings);
        {
            auto monitor = makeMonitor(file);
            const auto connected = DemoSetup::connect(*m_simulator, *monitor);
            QVERIFY(connected);
            const auto unknown = clear(*monitor, *connected);
            QVERIFY(!unknown);
            QCOMPARE(
                ClearRefusal::of(unknown.error()).reason, ClearRefusal::Reason::OutcomeUnknown);
            QVERIFY2(unknown.error().message().contains(u"may have accepted"_s),
                qPrintable(unknown.error().message()));
            QVERIFY(ClearRefusal::of(unknown.error()).record);
            QCOMPARE(
                ClearRefusal::of(unknown.error()).record->phase, CleanupRecord::Phase::Unknown);
            QTest::qWait(300); // a resend, by Qt or by us, would arrive now
            QCOMPARE(m_simulator->clearRequests(), 1);
            // It counts as a clear: the next one waits, and nothing is sent.
            QCOMPARE(ClearRefusal::of(clear(*monitor, *connected).error()).reason,
                ClearRefusal::Reason::RateLimited);
            QCOMPARE(m_simulator->clearRequests(), 1);
            QCOMPARE(m_simulator->liveAdminTokens(), 0);
        }
        // A restart knows it too: it is in the ledger, not in memory.
        auto again = makeMonitor(file);
        const auto records = HistoryService::of(again.get())->ledger()->cleanups(library);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.constFirst().outcomeLabel(), u"Outcome unknown"_s);
        QVERIFY(HistoryService::of(again.get())->secondsUntilNextClear(library) > 0);
    }

    void aRefusedClearPutsHistoryBack()
    {
        auto monitor = makeMonitor();
        m_simulator->setHistoryState({true, 10, 30, 60});
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::Clear,
            HttpResponse::error(429, u"RateLimitExceeded"_s, u"wait"_s, {}), false);
        const auto refused = clear(*monitor, *connected, {true, false});
        QVERIFY(!refused);
        QCOMPARE(ClearRefusal::of(refused.error()).reason, ClearRefusal::Reason::RateLimited);
        QVERIFY2(refused.error().message().contains(u"turned back on"_s),
            qPrintable(refused.error().message()));
        const SmhSimulator::HistoryState state = m_simulator->historyState();
        QVERIFY(state.enabled);
        QCOMPARE(state.count, 10);
        QCOMPARE(state.expireDays, 30);
        QCOMPARE(state.mergeInterval, 60);
        QCOMPARE(ClearRefusal::of(refused.error()).record->phase, CleanupRecord::Phase::Refused);
        QCOMPARE(ClearRefusal::of(refused.error()).record->historyOff,
            CleanupRecord::HistoryOff::Restored);
        QVERIFY(!ClearRefusal::of(refused.error()).record->leftHistoryOff());
        QCOMPARE(m_simulator->clearCount(), 0);
    }

    void anUnknownClearLeavesHistoryOffAndSaysSo()
    {
        auto monitor = makeMonitor();
        m_simulator->setHistoryState({true, 10, 30, 60});
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        HttpResponse dropped;
        dropped.dropConnection = true;
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::Clear, dropped, true);
        const auto unknown = clear(*monitor, *connected, {true, true});
        QVERIFY(!unknown);
        QCOMPARE(ClearRefusal::of(unknown.error()).reason, ClearRefusal::Reason::OutcomeUnknown);
        QVERIFY2(
            unknown.error().message().contains(u"is OFF"_s), qPrintable(unknown.error().message()));
        QVERIFY(!m_simulator->historyState().enabled);
        const CleanupRecord record = *ClearRefusal::of(unknown.error()).record;
        QVERIFY(record.leftHistoryOff());
        // Nothing put it back on its own: the clear may be running.
        QTest::qWait(200);
        QVERIFY(!m_simulator->historyState().enabled);

        // The operator turns it back on.
        std::optional<Expected<bool, SmhError>> restored;
        HistoryService::of(monitor.get())
            ->restoreHistory(record.id, this,
                [&](Expected<bool, SmhError> r) { restored.emplace(std::move(r)); });
        QTRY_VERIFY(restored.has_value());
        QVERIFY2(*restored, qPrintable(*restored ? QString() : restored->error().toString()));
        QVERIFY(m_simulator->historyState().enabled);
        QCOMPARE(m_simulator->historyState().count, 10);
        QVERIFY(!HistoryService::of(monitor.get())->ledger()->cleanup(record.id)->leftHistoryOff());
    }

    void anUnknownSettingsChangeStopsTheClear()
    {
        auto monitor = makeMonitor();
        m_simulator->setHistoryState({true, 10, 30, 60});
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        HttpResponse dropped;
        dropped.dropConnection = true;
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::WriteSettings, dropped, true);
        const auto refused = clear(*monitor, *connected, {true, false});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(u"may have been applied"_s),
            qPrintable(refused.error().message()));
        QTest::qWait(200);
        QCOMPARE(m_simulator->clearRequests(), 0);
        // The clear certainly did not happen: history goes back as it was.
        QVERIFY(m_simulator->historyState().enabled);
        QCOMPARE(ClearRefusal::of(refused.error()).record->phase, CleanupRecord::Phase::Abandoned);
        QCOMPARE(ClearRefusal::of(refused.error()).record->historyOff,
            CleanupRecord::HistoryOff::Restored);
    }

    void aSettingsChangeAppliedThenFailedMayHaveBeenApplied()
    {
        auto monitor = makeMonitor();
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::WriteSettings,
            HttpResponse::error(500, u"InternalError"_s, u"oops"_s, {}), true);
        HistoryChange change;
        change.mergeInterval = 30;
        std::optional<Expected<bool, SmhError>> result;
        HistoryService::of(monitor.get())
            ->applySettings(*connected, change, std::nullopt, this,
                [&](Expected<bool, SmhError> r) { result.emplace(std::move(r)); });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!*result);
        QVERIFY2(result->error().toString().contains(u"may have been applied"_s),
            qPrintable(result->error().toString()));
        QCOMPARE(m_simulator->historyWriteRequests(), 1);
        QCOMPARE(m_simulator->historyState().mergeInterval, 30);
    }

    void closingTheViewDoesNotDropTheClear()
    {
        auto monitor = makeMonitor();
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        QSignalSpy finished(HistoryService::of(monitor.get()), &HistoryService::clearFinished);
        bool called = false;
        {
            QObject view;
            HistoryService::of(monitor.get())
                ->clearHistory(
                    *connected, {}, &view, [&called](const ClearResult &) { called = true; });
        } // closed at once, before any answer
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!called);
        const auto records =
            HistoryService::of(monitor.get())
                ->ledger()
                ->cleanups(LibraryKey::of(DemoSetup::connection(*m_simulator).settings));
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.constFirst().phase, CleanupRecord::Phase::Accepted);
        QVERIFY(monitor->tasks().task(records.constFirst().task));
        QCOMPARE(m_simulator->liveAdminTokens(), 0);
        // No "being started already" left behind.
        QVERIFY(!HistoryService::of(monitor.get())->isClearing(records.constFirst().library));
    }

    void theMintedTokenIsDeletedBeforeTheResult()
    {
        auto monitor = makeMonitor();
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        int liveWhenReported = -1;
        std::optional<ClearResult> result;
        QObject context;
        HistoryService::of(monitor.get())
            ->clearHistory(*connected, {}, &context, [&](const ClearResult &r) {
                liveWhenReported = m_simulator->liveAdminTokens();
                result.emplace(r);
            });
        QTRY_VERIFY(result.has_value());
        QVERIFY(*result);
        QCOMPARE(liveWhenReported, 0);
    }

    void aLedgerThatCannotRecordRefusesBeforeSending()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(u"locked.sqlite"_s);
        auto monitor = makeMonitor(file);
        const auto connected = DemoSetup::connect(*m_simulator, *monitor);
        QVERIFY(connected);
        // Another program holds the ledger's write lock for longer than
        // the busy timeout.
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-writer"_s);
            other.setDatabaseName(file);
            QVERIFY(other.open());
            QSqlQuery lock(other);
            QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));
            const int requests = m_simulator->server().requestCount();
            const auto refused = clear(*monitor, *connected);
            QVERIFY(!refused);
            QCOMPARE(ClearRefusal::of(refused.error()).reason, ClearRefusal::Reason::Failed);
            QVERIFY2(refused.error().message().contains(u"Nothing was sent"_s),
                qPrintable(refused.error().message()));
            QCOMPARE(m_simulator->clearRequests(), 0);
            // Not even a token was minted for it.
            QCOMPARE(m_simulator->server().requestCount(), requests);
            lock.exec(u"ROLLBACK"_s);
            other.close();
        }
        QSqlDatabase::removeDatabase(u"other-writer"_s);
        // Once the ledger can record again, the clear goes.
        QVERIFY(clear(*monitor, *connected));
    }

    void twoMonitorsOnOneLedgerClearOnce()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(u"shared.sqlite"_s);
        auto first = makeMonitor(file);
        auto second = makeMonitor(file);
        const auto one = DemoSetup::connect(*m_simulator, *first);
        const auto two = DemoSetup::connect(*m_simulator, *second);
        QVERIFY(one && two);
        std::optional<ClearResult> a;
        std::optional<ClearResult> b;
        QObject context;
        HistoryService::of(first.get())
            ->clearHistory(*one, {}, &context, [&](const ClearResult &r) { a.emplace(r); });
        HistoryService::of(second.get())
            ->clearHistory(*two, {}, &context, [&](const ClearResult &r) { b.emplace(r); });
        QTRY_VERIFY(a.has_value() && b.has_value());
        QCOMPARE(int(bool(*a)) + int(bool(*b)), 1);
        const ClearRefusal refusal = ClearRefusal::of(*a ? b->error() : a->error());
        QVERIFY(refusal.reason == ClearRefusal::Reason::Busy
            || refusal.reason == ClearRefusal::Reason::RateLimited);
        QTest::qWait(200);
        QCOMPARE(m_simulator->clearRequests(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHistoryService)
#include "tst_historyservice.moc"
