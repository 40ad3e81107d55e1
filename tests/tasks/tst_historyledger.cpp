#include "history/historyledger.h"
#include "sampleledger.h"
#include "tasks/ledgersql.h"
#include "tasks/taskstore.h"
#include "testledger.h"
#include "verifyexpected.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Usage samples and cleanup records in the ledger: the migration that adds
// their tables (also over a file that has them already), what is written and
// read back, and that it survives reopening the file.
class TestHistoryLedger final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const LibraryKey m_library {u"https://lib.api.tencentsmh.cn"_s, u"lib"_s};

    static QDateTime t(qint64 seconds)
    {
        return QDateTime::fromSecsSinceEpoch(1'800'000'000 + seconds, Qt::UTC);
    }

    // A fresh ledger file, or (the PostgreSQL run) a new database.
    QString ledgerAt(const QString &name) const { return TestLedger::fresh(m_dir, name); }
    // A private ledger: in memory, or a new database.
    static bool openPrivate(TaskStore &store)
    {
        if (!TestLedger::isPostgres())
            return SampleLedger::openInMemory(store);
        static int count = 0;
        return bool(store.open(TestLedger::scratch(
            QString::fromUtf8(QTest::currentTestFunction()) + QString::number(++count))));
    }

    // Runs `sql` on the ledger with a connection of its own.
    static void raw(const QString &file, const QStringList &sql)
    {
        {
            const Expected<QSqlDatabase> added = LedgerSql::addConnection(u"raw"_s, file);
            QVERIFY(added);
            QSqlDatabase db = *added;
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &statement : sql)
                QVERIFY2(q.exec(statement), qPrintable(statement));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
    }

    CleanupRecord record(qint64 taskId, qint64 startedAt) const
    {
        CleanupRecord r;
        r.library = m_library;
        r.connectionId = 1;
        r.connectionName = u"Marketing"_s;
        r.task = {2, taskId};
        r.startedAt = t(startedAt);
        r.sentAt = t(startedAt);
        r.usageBefore = 5'000'000'000;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SMH_REQUIRE_BACKEND();
    }

    void libraryKeyDropsCredentials()
    {
        ConnectionSettings settings;
        settings.endpoint = QUrl(u"https://user:pw@lib.api.tencentsmh.cn/?access_token=x"_s);
        settings.libraryId = u"lib"_s;
        settings.spaceId = u"space-a"_s;
        QCOMPARE(LibraryKey::of(settings), m_library);
    }

    void samplesAndCleanupsRoundTrip()
    {
        QVERIFY(m_dir.isValid());
        const QString file = ledgerAt(u"ledger.sqlite"_s);
        qint64 id = 0;
        {
            TaskStore store;
            QString error;
            SMH_VERIFY(store.open(file));
            HistoryLedger ledger(&store);
            QSignalSpy samples(&ledger, &HistoryLedger::sampleAdded);
            QSignalSpy cleanups(&ledger, &HistoryLedger::cleanupsChanged);
            const auto firstSample = ledger.addSample(m_library, {t(20), 900, {}});
            QVERIFY2(
                firstSample, qPrintable(firstSample ? QString() : firstSample.error().message()));
            QVERIFY(ledger.addSample(m_library, {t(10), 1000, {}}));
            QVERIFY(ledger.addSample(m_library, {t(15), 77, u"space-a"_s}));
            QVERIFY(ledger.addSample({m_library.endpoint, u"other"_s}, {t(11), 5, {}}));
            QCOMPARE(samples.size(), 4);
            const QList<UsageSample> read = ledger.samples(m_library);
            QCOMPARE(read, (QList<UsageSample> {{t(10), 1000, {}}, {t(20), 900, {}}}));
            QCOMPARE(ledger.samples(m_library, u"space-a"_s).size(), 1);
            QCOMPARE(ledger.latestSample(m_library)->bytes, 900);

            QCOMPARE(ledger.secondsUntilNextClear(m_library), 0);
            const auto first = ledger.addCleanup(record(7, 100));
            QVERIFY(first);
            CleanupRecord second = record(8, 200);
            second.restoreSettings = QJsonObject {{u"enableFileHistory"_s, true}};
            const auto added = ledger.addCleanup(second);
            QVERIFY(added);
            id = *added;
            QCOMPARE(cleanups.size(), 2);
            QCOMPARE(ledger.cleanup(id)->sentAt, t(200));
            QCOMPARE(ledger.runningCleanups().size(), 2);
            QCOMPARE(ledger.cleanups(m_library).constFirst().task.taskId, 8); // newest first

            CleanupRecord finished = *ledger.cleanupForTask({2, 7});
            finished.finishedAt = t(160);
            finished.outcome = u"succeeded"_s;
            finished.usageAfter = 1'000'000'000;
            finished.deleteCount = 321;
            QVERIFY(ledger.updateCleanup(finished));
            QCOMPARE(ledger.runningCleanups().size(), 1);
            QCOMPARE(*ledger.cleanupForTask({2, 7})->freedBytes(), qint64(4'000'000'000));
        }
        // A restart finds all of it.
        TaskStore store;
        SMH_VERIFY(store.open(file));
        HistoryLedger ledger(&store);
        const auto running = ledger.runningCleanups();
        QCOMPARE(running.size(), 1);
        QCOMPARE(running.constFirst().id, id);
        QCOMPARE(running.constFirst().restoreSettings->value(u"enableFileHistory").toBool(), true);
        const auto done = ledger.cleanupForTask({2, 7});
        QCOMPARE(done->deleteCount, 321);
        QCOMPARE(done->outcome, u"succeeded"_s);
        QCOMPARE(done->connectionName, u"Marketing"_s);
        QCOMPARE(ledger.samples(m_library).size(), 2);
    }

    // One library's samples are the many-library query's answer for it, for
    // the whole library and for a space, at every limit.
    void samplesAreRecentSamplesOfOneLibrary()
    {
        TaskStore store;
        SMH_VERIFY(store.open(ledgerAt(u"samples.sqlite"_s)));
        HistoryLedger ledger(&store);
        const LibraryKey other {m_library.endpoint, u"other"_s};
        for (int i = 0; i < 4; ++i) {
            QVERIFY(ledger.addSample(m_library, {t(10 * i), 100 + i, {}}));
            QVERIFY(ledger.addSample(m_library, {t(10 * i + 1), 200 + i, u"space-a"_s}));
            QVERIFY(ledger.addSample(other, {t(10 * i + 2), 300 + i, {}}));
        }
        QCOMPARE(ledger.samples(m_library, {}, 2),
            (QList<UsageSample> {{t(20), 102, {}}, {t(30), 103, {}}}));
        QCOMPARE(ledger.samples(m_library, u"space-a"_s, 1),
            (QList<UsageSample> {{t(31), 203, u"space-a"_s}}));
        for (const int limit : {-1, 0, 1, 3, 4, HistoryLedger::maxSamplesRead + 1}) {
            for (const QString &space : {QString(), u"space-a"_s, u"space-b"_s}) {
                const auto many = ledger.recentSamples({m_library, other}, limit, space);
                QCOMPARE(ledger.samples(m_library, space, limit), many.value(m_library));
                QCOMPARE(ledger.samples(other, space, limit), many.value(other));
            }
        }
        QCOMPARE(ledger.recentSamples({m_library, other}, 10).value(other).size(), 4);
        QCOMPARE(ledger.samples(m_library, u"space-a"_s).size(), 4);
    }

    void migrationIsOrderIndependent()
    {
        SMH_SQLITE_ONLY("an older SQLite file");
        const QString file = ledgerAt(u"old.sqlite"_s);
        qint64 connection = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            Connection c;
            c.settings.endpoint = QUrl(u"https://lib.api.tencentsmh.cn"_s);
            c.settings.libraryId = u"lib"_s;
            connection = store.addConnection(c).value();
            QVERIFY(store.addTasks(connection, {5}, {}, t(0))->size() == 1);
            HistoryLedger ledger(&store); // makes the wing's tables
        }
        // A file from before the history tables: they are added, tasks kept.
        raw(file,
            {u"DROP TABLE usage_samples"_s, u"DROP TABLE cleanups"_s, u"DROP TABLE schema_parts"_s,
                u"PRAGMA user_version = 1"_s});
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            QVERIFY(store.task({connection, 5}));
            HistoryLedger ledger(&store);
            QVERIFY(ledger.addSample(m_library, {t(1), 1, {}}));
        }
        // The tables exist already (another migration order): still opens,
        // and nothing is lost.
        raw(file, {u"DROP TABLE schema_parts"_s, u"PRAGMA user_version = 1"_s});
        TaskStore store;
        SMH_VERIFY(store.open(file));
        HistoryLedger ledger(&store);
        QCOMPARE(ledger.samples(m_library).size(), 1);
        QVERIFY(store.task({connection, 5}));
    }

    void aSchemaFourLedgerKeepsItsClearsAsSent()
    {
        SMH_SQLITE_ONLY("an older SQLite file");
        const QString file = ledgerAt(u"four.sqlite"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            HistoryLedger ledger(&store);
            QVERIFY(ledger.addCleanup(record(7, 100)));
        }
        // As schema 4 left it: no phases, no send time.
        raw(file,
            {u"CREATE TABLE old AS SELECT id, endpoint, library_id, connection_id, "
             "connection_name, task_connection_id, task_id, started_at, finished_at, outcome, "
             "usage_before, usage_after, delete_count, restore_settings, restore_outcome "
             "FROM cleanups"_s,
                u"DROP TABLE cleanups"_s, u"ALTER TABLE old RENAME TO cleanups"_s,
                u"DROP TABLE IF EXISTS settings_changes"_s, u"DROP TABLE IF EXISTS schema_parts"_s,
                u"PRAGMA user_version = 4"_s});
        TaskStore store;
        SMH_VERIFY(store.open(file));
        HistoryLedger ledger(&store);
        const auto upgraded = ledger.cleanupForTask({2, 7});
        QVERIFY(upgraded);
        QCOMPARE(upgraded->phase, CleanupRecord::Phase::Accepted);
        QCOMPARE(upgraded->sentAt, t(100));
        QVERIFY(ledger.recordSettingsChange(m_library, {}, u"test"_s));
    }

    // Ledgers from before the restore's phase said it only in words: the
    // migration reads them (in either language) once, on both backends.
    void theRestorePhaseIsReadFromTheWordsOfAnOlderLedger()
    {
        const QString file = ledgerAt(u"restore.sqlite"_s);
        const QList<std::pair<QString, CleanupRecord::Restore>> cases = {
            {QString(), CleanupRecord::Restore::None},
            {u"Putting file history back was sent; no answer was recorded."_s,
                CleanupRecord::Restore::Sending},
            {u"恢复文件历史的请求已发送；尚未记录到回复。"_s, CleanupRecord::Restore::Sending},
            {u"File history settings restored."_s, CleanupRecord::Restore::Answered},
            {u"File history settings could not be restored: 403"_s,
                CleanupRecord::Restore::Answered},
        };
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            HistoryLedger ledger(&store);
            for (qsizetype i = 0; i < cases.size(); ++i) {
                CleanupRecord r = record(10 + i, 100 + i);
                r.restoreOutcome = cases.at(i).first;
                QVERIFY(ledger.addCleanup(r));
            }
        }
        // As the history part's second step left it.
        QVERIFY(TestLedger::exec(file, u"ALTER TABLE cleanups DROP COLUMN restore_phase"_s));
        QVERIFY(TestLedger::exec(
            file, u"UPDATE schema_parts SET version = 2 WHERE part = 'history'"_s));
        TaskStore store;
        SMH_VERIFY(store.open(file));
        HistoryLedger ledger(&store);
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const auto upgraded = ledger.cleanupForTask({2, 10 + i});
            QVERIFY(upgraded);
            QCOMPARE(upgraded->restoreOutcome, cases.at(i).first);
            QCOMPARE(upgraded->restore, cases.at(i).second);
        }
        // Written and read back as it is from now on.
        CleanupRecord written = *ledger.cleanupForTask({2, 10});
        written.restore = CleanupRecord::Restore::Sending;
        written.restoreOutcome = u"在途"_s;
        QVERIFY(ledger.updateCleanup(written));
        QCOMPARE(ledger.cleanupForTask({2, 10})->restore, CleanupRecord::Restore::Sending);
    }

    void aClaimIsRefusedWhileAnotherIsUnderWay()
    {
        TaskStore store;
        QVERIFY(openPrivate(store));
        HistoryLedger ledger(&store);
        CleanupRecord attempt = record(0, 0);
        attempt.sentAt = {};
        attempt.origin = HistoryLedger::thisOrigin(u"window"_s);
        const auto first = ledger.claimClear(attempt);
        QVERIFY(first);
        QCOMPARE(first->phase, CleanupRecord::Phase::Claimed);
        const auto second = ledger.claimClear(attempt);
        QVERIFY(!second);
        QCOMPARE(second.error().reason, ClaimRefusal::Reason::Busy);
        // It names who: this process, alive.
        QVERIFY2(
            second.error().message.contains(attempt.origin), qPrintable(second.error().message));
        // Another library is not held up.
        CleanupRecord other = attempt;
        other.library.libraryId = u"other"_s;
        QVERIFY(ledger.claimClear(other));
    }

    void aClaimWaitsTheMinuteAfterAClearLeft()
    {
        TaskStore store;
        QVERIFY(openPrivate(store));
        HistoryLedger ledger(&store);
        CleanupRecord sent = record(5, 0);
        sent.startedAt = QDateTime::currentDateTimeUtc().addSecs(-20);
        sent.sentAt = sent.startedAt;
        sent.phase = CleanupRecord::Phase::Unknown; // an unknown outcome counts too
        QVERIFY(ledger.addCleanup(sent));
        CleanupRecord attempt = record(0, 0);
        attempt.sentAt = {};
        const auto refused = ledger.claimClear(attempt);
        QVERIFY(!refused);
        QCOMPARE(refused.error().reason, ClaimRefusal::Reason::RateLimited);
        QVERIFY(refused.error().secondsLeft >= 39 && refused.error().secondsLeft <= 41);
        QCOMPARE(ledger.cleanups(m_library).size(), 1); // nothing written
    }

    void theClockGoingBackDoesNotStretchTheMinute()
    {
        TaskStore store;
        QVERIFY(openPrivate(store));
        HistoryLedger ledger(&store);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // Sent ten seconds ago by the boot clock; the wall clock has gone
        // back an hour since, so the ledger's time is in the future.
        CleanupRecord sent = record(5, 0);
        sent.startedAt = now.addSecs(3600);
        sent.sentAt = sent.startedAt;
        sent.bootId = HistoryLedger::currentBootId();
        sent.sentBootMs = HistoryLedger::bootClockMs() - 10'000;
        QVERIFY(ledger.addCleanup(sent));
        if (sent.bootId.isEmpty())
            QSKIP("this system has no boot ID");
        const int wait = ledger.secondsUntilNextClear(m_library);
        QVERIFY2(wait >= 49 && wait <= 51, qPrintable(QString::number(wait)));

        // From another boot, in the future: the full minute, not the hour.
        TaskStore second;
        QVERIFY(openPrivate(second));
        HistoryLedger other(&second);
        sent.bootId = u"another-boot"_s;
        QVERIFY(other.addCleanup(sent));
        QCOMPARE(other.secondsUntilNextClear(m_library), 60);
    }

    void claimsOfGoneProcessesAreSettled()
    {
        // A process that has ended: its pid is free.
        QProcess gone;
        gone.start(u"true"_s, {});
        QVERIFY(gone.waitForFinished());
        const qint64 pid = gone.processId() > 0 ? gone.processId() : 999'999;
        const QString origin =
            u"command, someone@%1, pid %2"_s.arg(QSysInfo::machineHostName()).arg(pid);
        TaskStore store;
        QVERIFY(openPrivate(store));
        HistoryLedger ledger(&store);
        CleanupRecord claimed = record(0, 0);
        claimed.startedAt = QDateTime::currentDateTimeUtc();
        claimed.sentAt = {};
        claimed.phase = CleanupRecord::Phase::Claimed;
        claimed.origin = origin;
        const qint64 claimedId = *ledger.addCleanup(claimed);
        CleanupRecord sending = claimed;
        sending.library.libraryId = u"lib-2"_s;
        sending.phase = CleanupRecord::Phase::Sending;
        sending.sentAt = claimed.startedAt;
        const qint64 sendingId = *ledger.addCleanup(sending);
        // Gone, so not under way: a new claim is not refused as busy.
        CleanupRecord attempt = record(0, 0);
        attempt.sentAt = {};
        QVERIFY(ledger.claimClear(attempt));

        ledger.settleStaleClaims();
        QCOMPARE(ledger.cleanup(claimedId)->phase, CleanupRecord::Phase::Abandoned);
        QCOMPARE(ledger.cleanup(sendingId)->phase, CleanupRecord::Phase::Unknown);
        QVERIFY(!ledger.cleanup(sendingId)->detail.isEmpty());
        // This process's own claim is alive and stays.
        QCOMPARE(ledger.cleanups(m_library).constFirst().phase, CleanupRecord::Phase::Claimed);
    }

    void aFullLedgerIsCalledFullNotDamaged()
    {
        SMH_SQLITE_ONLY("SQLite's page limit");
        const QString file = ledgerAt(u"full.sqlite"_s);
        TaskStore store;
        QString error;
        SMH_VERIFY(store.open(file));
        HistoryLedger ledger(&store);
        // The ledger may not grow by a page more: SQLite says "full", as on a full disk.
        QSqlQuery q(QSqlDatabase::database(store.databaseName()));
        QVERIFY(q.exec(u"PRAGMA page_count"_s) && q.next());
        const qint64 pages = q.value(0).toLongLong();
        q.finish();
        QVERIFY(q.exec(u"PRAGMA max_page_count = %1"_s.arg(pages)));
        q.finish();
        const QString big(100'000, u'x');
        const auto claimed = ledger.claimClear([&] {
            CleanupRecord r = record(0, 0);
            r.sentAt = {};
            r.origin = big; // more than the pages left
            return r;
        }());
        QVERIFY(!claimed);
        QCOMPARE(claimed.error().reason, ClaimRefusal::Reason::Ledger);
        QVERIFY2(claimed.error().message.contains(u"full"_s), qPrintable(claimed.error().message));
        QVERIFY(!claimed.error().message.contains(u"damaged"_s));
        QVERIFY(claimed.error().message.contains(u"Nothing was sent"_s));
    }

    void theWingsTablesAreItsOwn()
    {
        const QString file = ledgerAt(u"parts.sqlite"_s);
        {
            // The engine alone makes no history tables...
            TaskStore store;
            SMH_VERIFY(store.open(file));
            QSqlQuery q(QSqlDatabase::database(store.databaseName()));
            QVERIFY(q.exec(TestLedger::isPostgres()
                    ? u"SELECT count(*) FROM pg_tables WHERE tablename = 'cleanups'"_s
                    : u"SELECT count(*) FROM sqlite_master WHERE name = 'cleanups'"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            q.finish();
            // ...the wing does, on an open ledger too.
            HistoryLedger ledger(&store);
            QVERIFY(ledger.addCleanup(record(1, 0)));
        }
        // A part newer than this program is refused by name.
        raw(file, {u"UPDATE schema_parts SET version = 99 WHERE part = 'history'"_s});
        TaskStore store;
        QVERIFY(store.open(file));
        const auto added = store.addSchemaPart(u"history"_s, {[](QSqlQuery &) { return true; }});
        QVERIFY(!added);
        QVERIFY2(added.error().message().contains(u"history"_s)
                && added.error().message().contains(u"newer"_s),
            qPrintable(added.error().message()));
    }

    // Two monitors on one ledger (two stores, two connections, as two
    // desktops on one PostgreSQL database): the second operator's clear of
    // the same library is refused while the first one's claim stands, and
    // the refusal names that claim (who, from where); it is never recorded.
    void aSecondMonitorsClearIsRefusedNamingTheClaim()
    {
        const QString ledger = ledgerAt(u"two-monitors.sqlite"_s);
        TaskStore aliceStore;
        TaskStore bobStore;
        SMH_VERIFY(aliceStore.open(ledger));
        SMH_VERIFY(bobStore.open(ledger));
        HistoryLedger alice(&aliceStore);
        HistoryLedger bob(&bobStore);
        CleanupRecord attempt = record(0, 0);
        attempt.sentAt = {};
        attempt.origin = HistoryLedger::thisOrigin(u"window"_s);
        const auto claimed = alice.claimClear(attempt);
        QVERIFY(claimed);

        CleanupRecord second = attempt;
        second.connectionName = u"Bob's connection"_s;
        const auto refused = bob.claimClear(second);
        QVERIFY(!refused);
        QCOMPARE(refused.error().reason, ClaimRefusal::Reason::Busy);
        QVERIFY2(refused.error().message.contains(attempt.origin)
                && refused.error().message.contains(m_library.libraryId),
            qPrintable(refused.error().message));
        QCOMPARE(bob.cleanups(m_library).size(), 1); // alice's claim alone

        // Once her clear is over (sent a minute and more ago), bob may clear.
        CleanupRecord done = *claimed;
        done.phase = CleanupRecord::Phase::Accepted;
        done.sentAt = QDateTime::currentDateTimeUtc().addSecs(-120);
        done.startedAt = done.sentAt;
        QVERIFY(alice.updateCleanup(done));
        QVERIFY(bob.claimClear(second));
    }

    void anotherProcesssClearIsSeen()
    {
        const QString file = ledgerAt(u"shared-history.sqlite"_s);
        TaskStore window;
        QVERIFY(window.open(file));
        HistoryLedger seen(&window);
        QSignalSpy changed(&seen, &HistoryLedger::cleanupsChanged);
        {
            // A script, on a connection of its own to the same file.
            TaskStore script;
            QVERIFY(script.open(file));
            HistoryLedger writer(&script);
            QVERIFY(writer.addCleanup(record(42, 0)));
        }
        QVERIFY(changed.isEmpty());
        QTRY_VERIFY(!changed.isEmpty()); // within the store's look every half second
        QCOMPARE(changed.constLast().at(0).value<LibraryKey>(), m_library);
        QCOMPARE(seen.cleanups(m_library).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHistoryLedger)
#include "tst_historyledger.moc"
