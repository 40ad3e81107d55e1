#include "tasks/historyledger.h"
#include "tasks/taskstore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
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

    // Runs `sql` on the file with a connection of its own.
    static void raw(const QString &file, const QStringList &sql)
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            db.setDatabaseName(file);
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
        const QString file = m_dir.filePath(u"ledger.sqlite"_s);
        qint64 id = 0;
        {
            TaskStore store;
            QString error;
            QVERIFY2(store.open(file, &error), qPrintable(error));
            HistoryLedger ledger(&store);
            QSignalSpy samples(&ledger, &HistoryLedger::sampleAdded);
            QSignalSpy cleanups(&ledger, &HistoryLedger::cleanupsChanged);
            const auto firstSample = ledger.addSample(m_library, {t(20), 900, {}});
            QVERIFY2(firstSample, qPrintable(firstSample ? QString() : firstSample.error()));
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
        QString error;
        QVERIFY2(store.open(file, &error), qPrintable(error));
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

    void migrationIsOrderIndependent()
    {
        const QString file = m_dir.filePath(u"old.sqlite"_s);
        qint64 connection = 0;
        {
            TaskStore store;
            QString error;
            QVERIFY2(store.open(file, &error), qPrintable(error));
            Connection c;
            c.settings.endpoint = QUrl(u"https://lib.api.tencentsmh.cn"_s);
            c.settings.libraryId = u"lib"_s;
            connection = store.addConnection(c);
            QVERIFY(store.addTasks(connection, {5}, {}, t(0)).size() == 1);
        }
        // A file from before the history tables: they are added, tasks kept.
        raw(file,
            {u"DROP TABLE usage_samples"_s, u"DROP TABLE cleanups"_s,
                u"PRAGMA user_version = 1"_s});
        {
            TaskStore store;
            QString error;
            QVERIFY2(store.open(file, &error), qPrintable(error));
            QVERIFY(store.task({connection, 5}));
            HistoryLedger ledger(&store);
            QVERIFY(ledger.addSample(m_library, {t(1), 1, {}}));
        }
        // The tables exist already (another migration order): still opens,
        // and nothing is lost.
        raw(file, {u"PRAGMA user_version = 1"_s});
        TaskStore store;
        QString error;
        QVERIFY2(store.open(file, &error), qPrintable(error));
        HistoryLedger ledger(&store);
        QCOMPARE(ledger.samples(m_library).size(), 1);
        QVERIFY(store.task({connection, 5}));
    }
};

QTEST_GUILESS_MAIN(TestHistoryLedger)
#include "tst_historyledger.moc"
