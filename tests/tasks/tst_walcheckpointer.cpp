#include "sampleledger.h"
#include "tasks/taskstore.h"
#include "tasks/walcheckpointer.h"
#include "verifyexpected.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// A file ledger's WAL is copied back into the file by a thread of its own,
// never by the commits of the GUI thread (a checkpoint waits for the disk).
class TestWalCheckpointer final : public QObject
{
    Q_OBJECT

private:
    static qint64 pragma(const QString &connection, const QString &statement)
    {
        QSqlQuery q(QSqlDatabase::database(connection, false));
        return q.exec(statement) && q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void theStoreLeavesItsCheckpointsToTheThread()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"ledger.sqlite"_s);
        TaskStore store;
        SMH_VERIFY(store.open(file));
        // The writer never checkpoints in a commit.
        QCOMPARE(pragma(store.databaseName(), u"PRAGMA wal_autocheckpoint"_s), 0);
        const qint64 connection = SampleLedger::addConnection(store, u"lib"_s);
        const qint64 before = QFileInfo(file).size();
        // Far more than SQLite's thousand pages of log.
        for (int slice = 0; slice < 20; ++slice) {
            QList<qint64> ids;
            for (qint64 i = 0; i < 2'000; ++i)
                ids << 10'000'000 + slice * 2'000 + i;
            SMH_VERIFY(store.addTasks(connection, ids, u"a note to fill pages"_s.repeated(4),
                QDateTime::currentDateTimeUtc()));
        }
        // The log reaches the file all the same, while the event loop turns.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() > before + 2'000'000, 10'000);
        QCOMPARE(store.taskCount(), 40'000);
    }

    void anInMemoryLedgerHasNone()
    {
        TaskStore store;
        SMH_VERIFY(store.open(u":memory:"_s));
        QVERIFY(pragma(store.databaseName(), u"PRAGMA wal_autocheckpoint"_s) != 0);
    }

    void aLedgerItCannotOpenLeavesTheWriterItsOwn()
    {
        QTemporaryDir dir;
        const WalCheckpointer checkpointer(dir.filePath(u"missing/folder/ledger.sqlite"_s));
        QVERIFY(!checkpointer.isOpen());
    }

    void itCopiesWhatAnotherConnectionWrote()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"plain.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"writer"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA journal_mode=WAL"_s));
            QVERIFY(q.exec(u"PRAGMA wal_autocheckpoint=0"_s));
            QVERIFY(q.exec(u"CREATE TABLE t (v TEXT)"_s));
            QVERIFY(q.exec(u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < 20000) INSERT INTO t SELECT hex(randomblob(40)) FROM n"_s));
            const WalCheckpointer checkpointer(file);
            QVERIFY(checkpointer.isOpen());
            QTRY_VERIFY_WITH_TIMEOUT(checkpointer.checkpoints() > 0, 10'000);
            QVERIFY(QFileInfo(file).size() > 1'000'000);
        }
        QSqlDatabase::removeDatabase(u"writer"_s);
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
