#include "tasks/taskstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int crashTaskCount = 20'000;

QDateTime t(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(1'790'000'000'000LL + ms, Qt::UTC);
}

Connection sampleConnection()
{
    Connection c;
    c.name = u"Archive 媒体库"_s;
    c.settings.endpoint = QUrl(u"https://smhtest.api.tencentsmh.cn"_s);
    c.settings.libraryId = u"smhtest"_s;
    c.settings.spaceId = u"space-1"_s;
    c.settings.userId = u"operator"_s;
    c.settings.caFile = u"/etc/ssl/private-ca.pem"_s;
    c.authKind = AuthKind::LibrarySecret;
    return c;
}

TaskObservation observation(qint64 connectionId, qint64 id, TaskState state, int status, qint64 ms)
{
    TaskObservation o;
    o.key = {connectionId, id};
    o.state = state;
    o.status = status;
    o.polledAt = t(ms);
    if (status == 200)
        o.result = TaskResult {{u"foo"_s, u"bar"_s, u"测试.docx"_s},
            {u"foo"_s, u"ba_1x1"_s, u"测试.pdf"_s}, u"src-inode"_s, u"dst-inode"_s};
    return o;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Child process for the crash test: applies cycle after cycle of
// observations to every task, printing each cycle number once committed,
// until it is killed.
int crashWriter(const QString &path)
{
    TaskStore store;
    QString error;
    if (!store.open(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 connectionId = store.connections().constFirst().id;
    QList<qint64> ids;
    for (const Task &task : store.tasks())
        ids << task.key.taskId;
    for (qint64 cycle = 1;; ++cycle) {
        QList<TaskObservation> observations;
        observations.reserve(ids.size());
        for (qint64 id : std::as_const(ids))
            observations << observation(connectionId, id, TaskState::Running, 202, cycle);
        if (store.applyObservations(observations).size() != ids.size()) {
            std::fprintf(
                stderr, "cycle %lld failed: %s\n", qlonglong(cycle), qPrintable(store.lastError()));
            return 1;
        }
        std::printf("%lld\n", qlonglong(cycle));
        std::fflush(stdout);
    }
}

} // namespace

class TestTaskStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTripsEveryField()
    {
        const QString file = path(u"roundtrip.sqlite"_s);
        Connection connection = sampleConnection();
        Task expected;
        {
            TaskStore store;
            QString error;
            QVERIFY2(store.open(file, &error), qPrintable(error));
            connection.id = store.addConnection(connection);
            QVERIFY(connection.id > 0);
            const QList<Task> added =
                store.addTasks(connection.id, {42, 43}, u"清理 history, \"q\""_s, t(0));
            QCOMPARE(added.size(), 2);
            store.applyObservations(
                {observation(connection.id, 42, TaskState::Running, 202, 1500)});
            store.applyObservations(
                {observation(connection.id, 42, TaskState::Succeeded, 200, 9001)});
            QVERIFY(store.setLastError({{connection.id, 43}}, u"HTTP 500 · InternalError"_s));
            expected = *store.task({connection.id, 42});
        }
        TaskStore reopened;
        QString error;
        QVERIFY2(reopened.open(file, &error), qPrintable(error));
        QCOMPARE(reopened.connections().size(), 1);
        QCOMPARE(reopened.connections().constFirst(), connection);
        QCOMPARE(reopened.taskCount(), 2);
        const Task task = *reopened.task({connection.id, 42});
        QCOMPARE(task, expected);
        QCOMPARE(task.state, TaskState::Succeeded);
        QCOMPARE(task.status, 200);
        QCOMPARE(task.note, u"清理 history, \"q\""_s);
        QCOMPARE(task.addedAt, t(0));
        QCOMPARE(task.firstSeenAt, t(1500));
        QCOMPARE(task.stateSince, t(9001));
        QCOMPARE(task.finishedAt, t(9001));
        QCOMPARE(task.lastPolledAt, t(9001));
        QVERIFY(task.result.has_value());
        QCOMPARE(task.result->path, (QStringList {u"foo"_s, u"ba_1x1"_s, u"测试.pdf"_s}));
        QCOMPARE(task.result->convertFrom.constLast(), u"测试.docx"_s);
        QCOMPARE(task.result->srcInode, u"src-inode"_s);
        QCOMPARE(reopened.task({connection.id, 43})->lastError, u"HTTP 500 · InternalError"_s);
        const QList<TaskTransition> timeline = reopened.timeline({connection.id, 42});
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline.at(0).from, TaskState::Queued);
        QCOMPARE(timeline.at(0).to, TaskState::Running);
        QCOMPARE(timeline.at(1).to, TaskState::Succeeded);
        QCOMPARE(timeline.at(1).at, t(9001));
        QCOMPARE(timeline.at(1).status, 200);
    }

    void transitionsOnlyOnChangeAndFinishedAtKept()
    {
        TaskStore store;
        QString error;
        QVERIFY(store.open(u":memory:"_s, &error));
        const qint64 c = store.addConnection(sampleConnection());
        store.addTasks(c, {1}, {}, t(0));
        QSignalSpy changed(&store, &TaskStore::tasksChanged);
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 10)});
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 20)});
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 30)});
        QCOMPARE(store.timeline({c, 1}).size(), 1);
        QCOMPARE(changed.count(), 3); // lastPolledAt moved each time
        store.applyObservations({observation(c, 1, TaskState::Failed, 500, 40)});
        store.applyObservations({observation(c, 1, TaskState::Failed, 500, 50)});
        const Task task = *store.task({c, 1});
        QCOMPARE(task.finishedAt, t(40));
        QCOMPARE(task.stateSince, t(40));
        QCOMPARE(task.lastPolledAt, t(50));
        QCOMPARE(store.timeline({c, 1}).size(), 2);
        // An identical observation changes nothing and announces nothing.
        changed.clear();
        QVERIFY(store.applyObservations({observation(c, 1, TaskState::Failed, 500, 50)}).isEmpty());
        QCOMPARE(changed.count(), 0);
        QVERIFY(store.lastError().isEmpty());
    }

    void untrackedObservationsAndDuplicatesAreIgnored()
    {
        TaskStore store;
        QString error;
        QVERIFY(store.open(u":memory:"_s, &error));
        const qint64 c = store.addConnection(sampleConnection());
        QSignalSpy added(&store, &TaskStore::tasksAdded);
        QCOMPARE(store.addTasks(c, {5, 5, 6}, {}, t(0)).size(), 2);
        QCOMPARE(store.addTasks(c, {6, 7}, {}, t(0)).size(), 1);
        QCOMPARE(added.count(), 2);
        QVERIFY(store.addTasks(c, {5}, {}, t(0)).isEmpty());
        QCOMPARE(added.count(), 2);
        QVERIFY(store.addTasks(c + 100, {1}, {}, t(0)).isEmpty()); // no such connection
        const QList<Task> changed =
            store.applyObservations({observation(c, 99, TaskState::Running, 202, 1),
                observation(c, 5, TaskState::Running, 202, 1)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().key.taskId, 5);
        QVERIFY(!store.task({c, 99}));
    }

    void requeuePutsFinalTasksBack()
    {
        TaskStore store;
        QString error;
        QVERIFY(store.open(u":memory:"_s, &error));
        const qint64 c = store.addConnection(sampleConnection());
        store.addTasks(c, {1, 2}, {}, t(0));
        store.applyObservations({observation(c, 1, TaskState::Failed, 500, 10),
            observation(c, 2, TaskState::Running, 202, 10)});
        const QList<Task> requeued = store.requeue({{c, 1}, {c, 2}}, t(20));
        QCOMPARE(requeued.size(), 1); // only the final one
        QCOMPARE(store.task({c, 1})->state, TaskState::Queued);
        QVERIFY(!store.task({c, 1})->finishedAt.isValid());
        QCOMPARE(store.timeline({c, 1}).constLast().to, TaskState::Queued);
    }

    void removalCascades()
    {
        const QString file = path(u"cascade.sqlite"_s);
        TaskStore store;
        QString error;
        QVERIFY(store.open(file, &error));
        const qint64 keep = store.addConnection(sampleConnection());
        const qint64 drop = store.addConnection(sampleConnection());
        store.addTasks(keep, {1, 2}, {}, t(0));
        store.addTasks(drop, {1, 3}, {}, t(0));
        store.applyObservations({observation(drop, 1, TaskState::Running, 202, 1),
            observation(keep, 2, TaskState::Running, 202, 1)});
        QSignalSpy removed(&store, &TaskStore::tasksRemoved);
        QSignalSpy connections(&store, &TaskStore::connectionsChanged);
        QVERIFY(store.removeConnection(drop));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).value<QList<TaskKey>>().size(), 2);
        QCOMPARE(connections.count(), 1);
        QVERIFY(store.removeTasks({{keep, 2}}));
        QCOMPARE(store.taskCount(), 1);

        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect-cascade"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM transitions"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            QVERIFY(q.exec(u"SELECT COUNT(*) FROM tasks"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(u"inspect-cascade"_s);
    }

    void migratesAnEmptyDatabase()
    {
        const QString file = path(u"v0.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"make-v0"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(u"CREATE TABLE unrelated (x)"_s)); // a v0 file: SQLite, no schema of ours
            db.close();
        }
        QSqlDatabase::removeDatabase(u"make-v0"_s);
        TaskStore store;
        QString error;
        QVERIFY2(store.open(file, &error), qPrintable(error));
        QVERIFY(store.addConnection(sampleConnection()) > 0);
    }

    void refusesANewerSchemaAndLeavesItUntouched()
    {
        const QString file = path(u"future.sqlite"_s);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"make-future"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"CREATE TABLE tasks (anything)"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 99"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"make-future"_s);
        const QByteArray before = fileHash(file);
        TaskStore store;
        QString error;
        QVERIFY(!store.open(file, &error));
        QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
        QVERIFY(!store.isOpen());
        QCOMPARE(fileHash(file), before);
        QVERIFY(!QFile::exists(file + u"-wal"_s));
        QCOMPARE(store.addConnection(sampleConnection()), 0);
    }

    void refusesACorruptFileAndLeavesItUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QByteArray random(64 * 1024, Qt::Uninitialized);
        for (char &c : random)
            c = char(QRandomGenerator::global()->bounded(256));
        QTest::newRow("random bytes") << random;
        QTest::newRow("text") << QByteArray("task IDs: 10, 12, 13\n");
    }

    void refusesACorruptFileAndLeavesItUntouched()
    {
        QFETCH(QByteArray, content);
        const QString file =
            path(u"corrupt-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentDataTag()))
                     .replace(u' ', u'-'));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
        out.close();
        TaskStore store;
        QString error;
        QVERIFY(!store.open(file, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(u"untouched"_s), qPrintable(error));
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), content);
    }

    void refusesADamagedDatabase()
    {
        // A real ledger whose pages were overwritten in the middle.
        const QString file = path(u"damaged.sqlite"_s);
        {
            TaskStore store;
            QString error;
            QVERIFY(store.open(file, &error));
            const qint64 c = store.addConnection(sampleConnection());
            QList<qint64> ids;
            for (qint64 id = 0; id < 2000; ++id)
                ids << id;
            store.addTasks(c, ids, u"padding padding padding"_s, t(0));
        }
        QFile damage(file);
        QVERIFY(damage.open(QIODevice::ReadWrite));
        QVERIFY(damage.size() > 16 * 4096);
        damage.seek(8 * 4096);
        damage.write(QByteArray(4 * 4096, '\xA5'));
        damage.close();
        const QByteArray before = fileHash(file);
        TaskStore store;
        QString error;
        QVERIFY(!store.open(file, &error));
        QVERIFY2(error.contains(u"damaged"_s) || error.contains(u"malformed"_s), qPrintable(error));
        QCOMPARE(fileHash(file), before);
    }

    void aFailedWriteChangesNothing()
    {
        const QString file = path(u"fail.sqlite"_s);
        TaskStore store;
        QString error;
        QVERIFY(store.open(file, &error));
        const qint64 c = store.addConnection(sampleConnection());
        store.addTasks(c, {1}, {}, t(0));
        const Task before = *store.task({c, 1});

        // Someone else breaks the schema behind the store's back.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"vandal"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"DROP TABLE transitions"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"vandal"_s);

        QSignalSpy changed(&store, &TaskStore::tasksChanged);
        QVERIFY(store.applyObservations({observation(c, 1, TaskState::Running, 202, 5)}).isEmpty());
        QVERIFY(!store.lastError().isEmpty());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(*store.task({c, 1}), before); // the cache was not touched
        // ...and the row in the file was rolled back with the failed transition.
        TaskStore second;
        QVERIFY(second.open(file, &error));
        QCOMPARE(second.task({c, 1})->state, TaskState::Queued);
    }

    void storesNoSecrets()
    {
        const QString file = path(u"secrets.sqlite"_s);
        TaskStore store;
        QString error;
        QVERIFY(store.open(file, &error));
        store.addConnection(sampleConnection());
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"schema"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT name FROM pragma_table_info('connections') UNION ALL "
                           "SELECT name FROM pragma_table_info('tasks')"_s));
            int columns = 0;
            while (q.next()) {
                ++columns;
                const QString column = q.value(0).toString();
                QVERIFY2(!column.contains(u"token"_s) && !column.contains(u"secret"_s),
                    qPrintable(column));
            }
            QVERIFY(columns > 10);
        }
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(u"schema"_s);
    }

    void survivesKillNineMidTransaction()
    {
        const QString file = path(u"crash.sqlite"_s);
        qint64 connectionId = 0;
        {
            TaskStore store;
            QString error;
            QVERIFY(store.open(file, &error));
            connectionId = store.addConnection(sampleConnection());
            QList<qint64> ids;
            for (qint64 id = 1; id <= crashTaskCount; ++id)
                ids << id;
            QCOMPARE(store.addTasks(connectionId, ids, {}, t(0)).size(), crashTaskCount);
        }
        qint64 lastCommitted = 0;
        for (int round = 0; round < 4; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start(QCoreApplication::applicationFilePath(), {u"--crash-writer"_s, file});
            QVERIFY(child.waitForStarted());
            // Let it commit a few cycles, then kill it at a random moment,
            // most likely inside a transaction (that is where it spends its time).
            QByteArray printed;
            const qint64 cycles = 2 + round;
            while (printed.count('\n') < cycles && child.state() == QProcess::Running) {
                child.waitForReadyRead(5000);
                printed += child.readAllStandardOutput();
            }
            QTest::qSleep(QRandomGenerator::global()->bounded(1, 40));
            child.kill();
            child.waitForFinished();
            printed += child.readAllStandardOutput();
            QVERIFY2(printed.count('\n') >= cycles, child.readAllStandardError().constData());
            const QList<QByteArray> lines = printed.trimmed().split('\n');
            lastCommitted = lines.constLast().toLongLong();

            TaskStore store;
            QString error;
            QVERIFY2(store.open(file, &error), qPrintable(error));
            QCOMPARE(store.taskCount(), crashTaskCount);
            // Every task carries the same cycle: all of a cycle or none of it.
            const QDateTime polled = store.task({connectionId, 1})->lastPolledAt;
            const QList<Task> tasks = store.tasks();
            for (const Task &task : tasks) {
                if (task.lastPolledAt != polled)
                    QFAIL(qPrintable(u"task %1 is from another cycle"_s.arg(task.key.taskId)));
            }
            const qint64 cycle = t(0).msecsTo(polled);
            // Printed cycles were committed; the one in flight may or may not have been.
            QVERIFY2(cycle == lastCommitted || cycle == lastCommitted + 1,
                qPrintable(u"found cycle %1, last committed %2"_s.arg(cycle).arg(lastCommitted)));
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"integrity"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            {
                QSqlQuery q(db);
                QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
                QCOMPARE(q.value(0).toString(), u"ok"_s);
            }
            db.close();
            db = {};
            QSqlDatabase::removeDatabase(u"integrity"_s);
        }
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--crash-writer") == 0) {
        QCoreApplication app(argc, argv);
        return crashWriter(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestTaskStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_taskstore.moc"
