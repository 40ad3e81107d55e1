#include "sampleledger.h"
#include "tasks/ledgersql.h"
#include "tasks/taskstore.h"
#include "testledger.h"
#include "verifyexpected.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <numeric>
#include <sys/stat.h>
#include <unistd.h>

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

// What cycle N of the crash writer says about every task. Each cycle changes
// the state (so each records one transition per task) and carries N in the
// status and the poll time, so a reopened file shows which cycles it holds.
// The tasks one applyObservations() announced as changed.
QList<Task> changedBy(TaskStore &store, const QList<TaskObservation> &observations)
{
    QList<Task> changed;
    const QMetaObject::Connection spy = QObject::connect(&store, &TaskStore::tasksChanged, &store,
        [&changed](const QList<Task> &tasks) { changed += tasks; });
    store.applyObservations(observations);
    QObject::disconnect(spy);
    return changed;
}

TaskObservation crashObservation(qint64 connectionId, qint64 id, qint64 cycle)
{
    TaskObservation o;
    o.key = {connectionId, id};
    o.state = cycle % 2 ? TaskState::Running : TaskState::Unknown;
    o.status = int(cycle);
    o.polledAt = t(cycle);
    return o;
}

// Child process for the crash test: applies cycle after cycle of
// observations to every task, printing each cycle number once committed,
// until it is killed. It goes on from the cycle the file holds.
int crashWriter(const QString &path)
{
    TaskStore store;
    if (const Expected<void> opened = store.open(path); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    const qint64 connectionId = store.connections().constFirst().id;
    QList<qint64> ids;
    for (const Task &task : store.tasks())
        ids << task.key.taskId;
    for (qint64 cycle = store.tasks().constFirst().status + 1;; ++cycle) {
        QList<TaskObservation> observations;
        observations.reserve(ids.size());
        for (qint64 id : std::as_const(ids))
            observations << crashObservation(connectionId, id, cycle);
        if (const auto applied = store.applyObservations(observations); !applied) {
            std::fprintf(stderr, "cycle %lld failed: %s\n", qlonglong(cycle),
                qPrintable(applied.error().message()));
            return 1;
        }
        std::printf("%lld\n", qlonglong(cycle));
        std::fflush(stdout);
    }
}

// A second, independent connection to a ledger (a file or a PostgreSQL
// database), as another process would see it: only what was committed.
class Observer final
{
public:
    explicit Observer(const QString &location)
        : m_name(u"observer-"_s + QString::number(++s_count))
    {
        const Expected<QSqlDatabase> db = LedgerSql::addConnection(m_name, location);
        m_ok = db && QSqlDatabase::database(m_name, false).open();
    }
    ~Observer()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(Observer)

    bool isOpen() const { return m_ok; }
    // The first column of the first row, or an invalid QVariant on error.
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    QStringList column(const QString &sql) const
    {
        QStringList values;
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (q.exec(sql)) {
            while (q.next())
                values << q.value(0).toString();
        }
        return values;
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql);
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_ok = false;
};

} // namespace

class TestTaskStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    // A fresh ledger: a file in the test's folder, or (the PostgreSQL run)
    // a new database on the test cluster.
    QString path(const QString &name) const { return TestLedger::fresh(m_dir, name); }
    // A private ledger: in memory, or a new database.
    static QString scratch()
    {
        return TestLedger::scratch(QString::fromUtf8(QTest::currentTestFunction()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SMH_REQUIRE_BACKEND();
    }

    // Only an SQLite file has a write-ahead log for the store to checkpoint
    // (LedgerSql says so, not the store): in memory and on PostgreSQL the
    // database needs none of ours.
    void onlyAnSqliteFileHasAWriteAheadLog()
    {
        TaskStore file;
        SMH_VERIFY(file.open(path(u"wal.sqlite"_s)));
        QCOMPARE(LedgerSql::hasWriteAheadLog(QSqlDatabase::database(file.databaseName(), false)),
            !TestLedger::isPostgres());
        TaskStore memory;
        SMH_VERIFY(memory.open(u":memory:"_s));
        QVERIFY(!LedgerSql::hasWriteAheadLog(QSqlDatabase::database(memory.databaseName(), false)));
    }

    // Two stores on one file, as the window and a script are: each sees
    // what the other wrote (tasks, states and timelines, notes, removals,
    // connections), announced by the same signals as its own writes.
    void anotherStoresWritesAreTakenIn()
    {
        const QString file = path(u"shared.sqlite"_s);
        TaskStore window;
        TaskStore script;
        SMH_VERIFY(window.open(file));
        SMH_VERIFY(script.open(file));
        QVERIFY(window.isShared());
        QSignalSpy connections(&window, &TaskStore::connectionsChanged);
        QSignalSpy added(&window, &TaskStore::tasksAdded);
        QSignalSpy changed(&window, &TaskStore::tasksChanged);
        QSignalSpy transitioned(&window, &TaskStore::transitioned);
        QSignalSpy removed(&window, &TaskStore::tasksRemoved);
        QSignalSpy elsewhere(&window, &TaskStore::changedElsewhere);

        const qint64 c = script.addConnection(sampleConnection()).value();
        QVERIFY(c > 0);
        QTRY_VERIFY(window.connection(c).has_value());
        QVERIFY(connections.count() >= 1);
        QCOMPARE(script.addTasks(c, {1, 2, 3}, u"from a script"_s, t(0))->size(), 3);
        QTRY_COMPARE(window.taskCount(), 3);
        QCOMPARE(window.task({c, 2})->note, u"from a script"_s);

        QVERIFY(script.applyObservations({{{c, 1}, TaskState::Running, 202, {}, t(1)}}));
        QTRY_COMPARE(window.task({c, 1})->state, TaskState::Running);
        QCOMPARE(window.task({c, 1})->lastPolledAt, t(1));
        QCOMPARE(transitioned.count(), 1);
        const TaskTransition moved = transitioned.at(0).at(0).value<QList<TaskTransition>>().at(0);
        QCOMPARE(moved.key, (TaskKey {c, 1}));
        QCOMPARE(moved.from, TaskState::Queued);
        QCOMPARE(moved.to, TaskState::Running);
        QCOMPARE(window.timeline({c, 1}).size(), 1);

        QVERIFY(script.setNote({c, 2}, u"later"_s));
        QTRY_COMPARE(window.task({c, 2})->note, u"later"_s);
        QVERIFY(script.removeTasks({{c, 3}}));
        QTRY_VERIFY(!window.contains({c, 3}));
        QCOMPARE(removed.count(), 1);

        // The window's own write is not announced a second time.
        changed.clear();
        QVERIFY(window.setNote({c, 1}, u"mine"_s));
        QCOMPARE(changed.count(), 1);
        QTRY_COMPARE(script.task({c, 1})->note, u"mine"_s);
        QTest::qWait(2 * int(TaskStore::watchInterval.count()));
        QCOMPARE(changed.count(), 1);

        QVERIFY(script.removeConnection(c));
        QTRY_VERIFY(window.connections().isEmpty());
        QCOMPARE(window.taskCount(), 0);
        QVERIFY(elsewhere.count() >= 5);
    }

    // Incremental: a change to one task among thousands is read and
    // announced alone, and a large write arrives in bounded slices.
    void onlyWhatChangedIsReadAndInSlices()
    {
        const QString file = path(u"incremental.sqlite"_s);
        TaskStore window;
        TaskStore script;
        SMH_VERIFY(window.open(file));
        SMH_VERIFY(script.open(file));
        const qint64 c = script.addConnection(sampleConnection()).value();
        QList<qint64> ids(3000);
        std::iota(ids.begin(), ids.end(), 1);
        QSignalSpy added(&window, &TaskStore::tasksAdded);
        QCOMPARE(script.addTasks(c, ids, {}, t(0))->size(), 3000);
        QTRY_COMPARE(window.taskCount(), 3000);
        qsizetype largest = 0;
        for (const QList<QVariant> &signal : std::as_const(added))
            largest = std::max(largest, signal.at(0).value<QList<Task>>().size());
        QVERIFY2(largest <= 500, qPrintable(QString::number(largest)));
        QVERIFY(added.count() >= 6);

        QSignalSpy changed(&window, &TaskStore::tasksChanged);
        QVERIFY(script.applyObservations({{{c, 1234}, TaskState::Failed, 500, {}, t(2)}}));
        QTRY_COMPARE(changed.count(), 1);
        const QList<Task> tasks = changed.at(0).at(0).value<QList<Task>>();
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.at(0).key, (TaskKey {c, 1234}));
        QCOMPARE(tasks.at(0).state, TaskState::Failed);
    }

    // Adding a task another process added meanwhile keeps its row as that
    // process wrote it: the state it found is not reset to queued.
    void addingATaskAddedElsewhereKeepsItsState()
    {
        const QString file = path(u"addedtwice.sqlite"_s);
        TaskStore window;
        TaskStore script;
        SMH_VERIFY(window.open(file));
        SMH_VERIFY(script.open(file));
        const qint64 c = script.addConnection(sampleConnection()).value();
        QTRY_VERIFY(window.connection(c).has_value());
        QCOMPARE(script.addTasks(c, {7}, {}, t(0))->size(), 1);
        QVERIFY(script.applyObservations({{{c, 7}, TaskState::Succeeded, 200, {}, t(1)}}));
        // At once, before the window's timer looked.
        window.addTasks(c, {7}, {}, t(2));
        QCOMPARE(window.task({c, 7})->state, TaskState::Succeeded);
        TaskStore reopened;
        SMH_VERIFY(reopened.open(file));
        QCOMPARE(reopened.task({c, 7})->state, TaskState::Succeeded);
    }

    void roundTripsEveryField()
    {
        const QString file = path(u"roundtrip.sqlite"_s);
        Connection connection = sampleConnection();
        Task expected;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            connection.id = store.addConnection(connection).value();
            QVERIFY(connection.id > 0);
            const QList<Task> added =
                store.addTasks(connection.id, {42, 43}, u"清理 history, \"q\""_s, t(0)).value();
            QCOMPARE(added.size(), 2);
            store.applyObservations(
                {observation(connection.id, 42, TaskState::Running, 202, 1500)});
            store.applyObservations(
                {observation(connection.id, 42, TaskState::Succeeded, 200, 9001)});
            QVERIFY(store.setLastError({{connection.id, 43}}, u"HTTP 500 · InternalError"_s));
            expected = *store.task({connection.id, 42});
        }
        TaskStore reopened;
        SMH_VERIFY(reopened.open(file));
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

    // New tasks are written by one statement over the whole slice (not a
    // row at a time): the rows must be the ones a whole write of the same
    // task leaves, IDs past 2^53 included, and read back as they were added.
    void addedTasksAreWrittenWhole()
    {
        const QString file = path(u"added.sqlite"_s);
        constexpr qint64 big = 9'007'199'254'740'993; // 2^53 + 1: no double holds it
        QList<Task> added;
        qint64 c = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            c = store.addConnection(sampleConnection()).value();
            added = store.addTasks(c, {11, big, 13}, u"清理 \"q\""_s, t(5), true).value();
            QCOMPARE(added.size(), 3);
            // Task 13 written whole (a note changed and changed back).
            QVERIFY(store.setNote({c, 13}, u"other"_s));
            QVERIFY(store.setNote({c, 13}, u"清理 \"q\""_s));
            // More than two statements' worth in one call, as `query` adds.
            QList<qint64> many(9'000);
            std::iota(many.begin(), many.end(), qint64(100));
            QCOMPARE(store.addTasks(c, many, {}, t(6))->size(), 9'000);
        }
        const Observer observer(file);
        QVERIFY(observer.isOpen());
        QCOMPARE(observer.scalar(u"SELECT count(*) FROM tasks"_s).toLongLong(), 9'003);
        QCOMPARE(
            observer.scalar(u"SELECT max(task_id) FROM tasks WHERE task_id < 10000"_s).toLongLong(),
            9'099);
        const QStringList columns {u"state"_s, u"status"_s, u"result"_s, u"note"_s, u"added_at"_s,
            u"state_since"_s, u"first_seen_at"_s, u"last_polled_at"_s, u"finished_at"_s,
            u"last_error"_s, u"library_level"_s, u"task_type"_s, u"typed_result"_s};
        const auto row = [&](qint64 id) {
            QStringList values;
            for (const QString &column : columns)
                values << observer
                              .scalar(u"SELECT CASE WHEN %1 IS NULL THEN 'NULL' ELSE "
                                      "CAST(%1 AS TEXT) END FROM tasks "
                                      "WHERE connection_id = %2 AND task_id = %3"_s.arg(column)
                                          .arg(c)
                                          .arg(id))
                              .toString();
            return values;
        };
        QCOMPARE(row(13).at(3), u"清理 \"q\""_s);
        QCOMPARE(row(13).at(2), u"NULL"_s);
        QCOMPARE(row(11), row(13));
        QCOMPARE(row(big), row(13));
        TaskStore reopened;
        SMH_VERIFY(reopened.open(file));
        QCOMPARE(reopened.taskCount(), 9'003);
        for (const Task &task : std::as_const(added))
            QCOMPARE(*reopened.task(task.key), task);
        QCOMPARE(reopened.task({c, big})->libraryLevel, true);
    }

    void transitionsOnlyOnChangeAndFinishedAtKept()
    {
        TaskStore store;
        QVERIFY(store.open(scratch()));
        const qint64 c = store.addConnection(sampleConnection()).value();
        store.addTasks(c, {1}, {}, t(0));
        QSignalSpy changed(&store, &TaskStore::tasksChanged);
        QSignalSpy transitioned(&store, &TaskStore::transitioned);
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 10)});
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 20)});
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 30)});
        QCOMPARE(store.timeline({c, 1}).size(), 1);
        QCOMPARE(changed.count(), 3); // lastPolledAt moved each time
        // ... but the state changed once, and only that is a transition.
        QCOMPARE(transitioned.count(), 1);
        QCOMPARE(transitioned.at(0).at(0).value<QList<TaskTransition>>(),
            (QList<TaskTransition> {{{c, 1}, TaskState::Queued, TaskState::Running, 202, t(10)}}));
        store.applyObservations({observation(c, 1, TaskState::Failed, 500, 40)});
        store.applyObservations({observation(c, 1, TaskState::Failed, 500, 50)});
        QCOMPARE(transitioned.count(), 2);
        QCOMPARE(transitioned.at(1).at(0).value<QList<TaskTransition>>(),
            (QList<TaskTransition> {{{c, 1}, TaskState::Running, TaskState::Failed, 500, t(40)}}));
        // A re-check with the same answer is one unchanged entry; the end stands.
        TaskObservation recheck = observation(c, 1, TaskState::Failed, 500, 60);
        recheck.recheck = true;
        store.applyObservations({recheck});
        QCOMPARE(transitioned.count(), 3);
        QCOMPARE(transitioned.at(2).at(0).value<QList<TaskTransition>>(),
            (QList<TaskTransition> {{{c, 1}, TaskState::Failed, TaskState::Failed, 500, t(60)}}));
        const Task task = *store.task({c, 1});
        QCOMPARE(task.finishedAt, t(40));
        QCOMPARE(task.stateSince, t(40));
        QCOMPARE(task.lastPolledAt, t(60));
        QCOMPARE(store.timeline({c, 1}).size(), 3);
        // An identical observation changes nothing and announces nothing.
        changed.clear();
        const auto again = store.applyObservations({observation(c, 1, TaskState::Failed, 500, 60)});
        QVERIFY(again);
        QVERIFY(again->isEmpty());
        QCOMPARE(changed.count(), 0);
    }

    void resultStoredAsReturned_data()
    {
        QTest::addColumn<QJsonValue>("raw");
        QTest::newRow("conversion object")
            << QJsonValue(QJsonObject {{u"path"_s, QJsonArray {u"a"_s, u"b.pdf"_s}},
                   {u"srcInode"_s, 12}, {u"extra"_s, u"kept"_s}});
        QTest::newRow("batch array") << QJsonValue(
            QJsonArray {QJsonObject {{u"status"_s, 200}, {u"path"_s, QJsonArray {u"a"_s}}},
                QJsonObject {{u"status"_s, 403}, {u"code"_s, u"NoPermission"_s}}});
        QTest::newRow("other object") << QJsonValue(QJsonObject {{u"deleteCount"_s, 3}});
        QTest::newRow("string") << QJsonValue(u"done"_s);
        QTest::newRow("number") << QJsonValue(42);
        QTest::newRow("false") << QJsonValue(false);
    }

    void resultStoredAsReturned()
    {
        QFETCH(QJsonValue, raw);
        const QString file =
            path(u"as-returned-%1.sqlite"_s.arg(QString::fromUtf8(QTest::currentDataTag())));
        qint64 c = 0;
        TaskResult expected;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            c = store.addConnection(sampleConnection()).value();
            store.addTasks(c, {7}, {}, t(0));
            TaskObservation o = observation(c, 7, TaskState::Succeeded, 204, 10);
            o.status = 200;
            o.result = TaskResult::fromJson(raw);
            expected = *o.result;
            const auto applied = store.applyObservations({o});
            QVERIFY(applied);
            QCOMPARE(applied->size(), 1); // Queued -> Succeeded
        }
        TaskStore reopened;
        SMH_VERIFY(reopened.open(file));
        const Task task = *reopened.task({c, 7});
        QVERIFY(task.result);
        QCOMPARE(task.result->toJson(), raw);
        QCOMPARE(*task.result, expected);
    }

    // "Still running" answers write only the poll time; what reaches the file
    // must be the same as a full rewrite would give, a deleted row included.
    void stillRunningAnswersReachTheFile()
    {
        const QString file = path(u"still-running.sqlite"_s);
        Task expected42;
        Task expected43;
        qint64 c = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            c = store.addConnection(sampleConnection()).value();
            store.addTasks(c, {42, 43}, u"note"_s, t(0));
            store.applyObservations({observation(c, 42, TaskState::Running, 202, 10),
                observation(c, 43, TaskState::Running, 202, 10)});
            {
                // Someone deletes a row behind the store's back.
                Observer raw(file);
                QVERIFY(raw.exec(u"DELETE FROM tasks WHERE task_id = 43"_s));
            }
            const QList<Task> changed = changedBy(store,
                {observation(c, 42, TaskState::Running, 202, 20),
                    observation(c, 43, TaskState::Running, 202, 20)});
            QCOMPARE(changed.size(), 2);
            expected42 = *store.task({c, 42});
            expected43 = *store.task({c, 43});
            QCOMPARE(expected42.lastPolledAt, t(20));
            QCOMPARE(expected42.stateSince, t(10));
        }
        TaskStore reopened;
        SMH_VERIFY(reopened.open(file));
        QCOMPARE(*reopened.task({c, 42}), expected42);
        QVERIFY(reopened.task({c, 43}));
        QCOMPARE(*reopened.task({c, 43}), expected43);
    }

    // "Still running" answers are written a few hundred to a statement, per
    // connection and poll time: two connections with the same task IDs,
    // polled at different moments in one interleaved batch, rows deleted
    // behind the store's back in several statements' share. Every row must
    // end as the cache says, the other connection's rows untouched by the
    // first's times.
    void manyStillRunningAnswersReachTheFile()
    {
        const QString file = path(u"many-still-running.sqlite"_s);
        constexpr qint64 count = 1'200;
        QList<qint64> ids;
        for (qint64 id = 1; id <= count; ++id)
            ids << id;
        QList<Task> expected;
        qint64 c1 = 0;
        qint64 c2 = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            c1 = store.addConnection(sampleConnection()).value();
            c2 = store.addConnection(sampleConnection()).value();
            QList<TaskObservation> first;
            for (const qint64 c : {c1, c2}) {
                QVERIFY(store.addTasks(c, ids, {}, t(0)));
                for (qint64 id : std::as_const(ids))
                    first << observation(c, id, TaskState::Running, 202, 10);
            }
            QVERIFY(store.applyObservations(first));
            {
                Observer raw(file);
                QVERIFY(raw.exec(u"DELETE FROM tasks WHERE connection_id = %1 "
                                 "AND task_id IN (7, 600, 1100)"_s.arg(c1)));
            }
            QList<TaskObservation> again;
            for (qint64 id = 1; id <= 700; ++id)
                again << observation(c1, id, TaskState::Running, 202, 20);
            for (qint64 id : std::as_const(ids))
                again << observation(c2, id, TaskState::Running, 202, 20);
            for (qint64 id = 701; id <= count; ++id)
                again << observation(c1, id, TaskState::Running, 202, 30);
            QCOMPARE(changedBy(store, again).size(), 2 * count);
            expected = store.tasks();
        }
        QCOMPARE(expected.size(), 2 * count);
        TaskStore reopened;
        SMH_VERIFY(reopened.open(file));
        QCOMPARE(reopened.taskCount(), 2 * count);
        for (const Task &task : std::as_const(expected)) {
            const std::optional<Task> read = reopened.task(task.key);
            QVERIFY(read);
            QCOMPARE(*read, task);
            const qint64 polled = task.key.connectionId == c1 && task.key.taskId > 700 ? 30 : 20;
            QCOMPARE(read->lastPolledAt, t(polled));
            QCOMPARE(read->stateSince, t(10));
        }
    }

    void untrackedObservationsAndDuplicatesAreIgnored()
    {
        TaskStore store;
        QString error;
        QVERIFY(store.open(scratch()));
        const qint64 c = store.addConnection(sampleConnection()).value();
        QSignalSpy added(&store, &TaskStore::tasksAdded);
        QCOMPARE(store.addTasks(c, {5, 5, 6}, {}, t(0))->size(), 2);
        QCOMPARE(store.addTasks(c, {6, 7}, {}, t(0))->size(), 1);
        QCOMPARE(added.count(), 2);
        QVERIFY(store.addTasks(c, {5}, {}, t(0))->isEmpty());
        QCOMPARE(added.count(), 2);
        const auto noSuchConnection = store.addTasks(c + 100, {1}, {}, t(0));
        QVERIFY(!noSuchConnection);
        QCOMPARE(noSuchConnection.error().kind(), Error::Kind::Input);
        const QList<Task> changed = changedBy(store,
            {observation(c, 99, TaskState::Running, 202, 1),
                observation(c, 5, TaskState::Running, 202, 1)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().key.taskId, 5);
        QVERIFY(!store.task({c, 99}));
    }

    void recheckRecordsOnlyWhatHappened()
    {
        TaskStore store;
        QVERIFY(store.open(scratch()));
        const qint64 c = store.addConnection(sampleConnection()).value();
        store.addTasks(c, {1}, {}, t(0));
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 1000)});
        store.applyObservations({observation(c, 1, TaskState::Succeeded, 200, 3000)});
        const Task finished = *store.task({c, 1});

        // The same answer, 85 s later: only the poll time moves, and the
        // timeline says it was asked again.
        TaskObservation again = observation(c, 1, TaskState::Succeeded, 200, 88'000);
        again.recheck = true;
        const auto applied = store.applyObservations({again});
        QVERIFY(applied);
        QCOMPARE(applied->size(), 1);
        Task expected = finished;
        expected.lastPolledAt = t(88'000);
        QCOMPARE(*store.task({c, 1}), expected);
        QList<TaskTransition> timeline = store.timeline({c, 1});
        QCOMPARE(timeline.size(), 3);
        QVERIFY(timeline.at(2).isUnchangedRecheck());
        QCOMPARE(timeline.at(2).to, TaskState::Succeeded);
        QCOMPARE(timeline.at(2).at, t(88'000));

        // A different answer is one change, from the old verdict.
        TaskObservation failed = observation(c, 1, TaskState::Failed, 500, 90'000);
        failed.recheck = true;
        store.applyObservations({failed});
        timeline = store.timeline({c, 1});
        QCOMPARE(timeline.size(), 4);
        QCOMPARE(timeline.at(3).from, TaskState::Succeeded);
        QCOMPARE(timeline.at(3).to, TaskState::Failed);
        QCOMPARE(store.task({c, 1})->stateSince, t(90'000));

        // Running again: the old end no longer stands.
        TaskObservation running = observation(c, 1, TaskState::Running, 202, 95'000);
        running.recheck = true;
        store.applyObservations({running});
        QVERIFY(!store.task({c, 1})->finishedAt.isValid());

        // An ordinary poll of an unchanged task adds nothing to the timeline.
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 99'000)});
        QCOMPARE(store.timeline({c, 1}).size(), 5);
    }

    void removalCascades()
    {
        const QString file = path(u"cascade.sqlite"_s);
        TaskStore store;
        QVERIFY(store.open(file));
        const qint64 keep = store.addConnection(sampleConnection()).value();
        const qint64 drop = store.addConnection(sampleConnection()).value();
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

        Observer raw(file);
        QVERIFY(raw.isOpen());
        QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM transitions"_s).toInt(), 0);
        QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM tasks"_s).toInt(), 1);
    }

    // Schema 2 gives each task its scope; a version 1 file keeps the scope
    // its tasks had through their connection.
    void migratesScopeFromVersionOne()
    {
        SMH_SQLITE_ONLY("older SQLite files");
        const QString file = path(u"v1-scope.sqlite"_s);
        qint64 libraryConnection = 0;
        qint64 spaceConnection = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            Connection c = sampleConnection();
            c.settings.libraryLevel = true;
            libraryConnection = store.addConnection(c).value();
            c.settings.libraryLevel = false;
            c.settings.libraryId = u"other"_s;
            spaceConnection = store.addConnection(c).value();
            store.addTasks(libraryConnection, {1}, {}, t(0));
            store.addTasks(spaceConnection, {2}, {}, t(0));
            // Both scopes in one connection, each kept as given.
            store.addTasks(spaceConnection, {3}, {}, t(0), true);
            QVERIFY(store.task({libraryConnection, 1})->libraryLevel);
            QVERIFY(!store.task({spaceConnection, 2})->libraryLevel);
            QVERIFY(store.task({spaceConnection, 3})->libraryLevel);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"make-v1"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"ALTER TABLE tasks DROP COLUMN library_level"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 1"_s));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"make-v1"_s);
        TaskStore store;
        SMH_VERIFY(store.open(file));
        QVERIFY(store.task({libraryConnection, 1})->libraryLevel);
        QVERIFY(!store.task({spaceConnection, 2})->libraryLevel);
        QVERIFY(!store.task({spaceConnection, 3})->libraryLevel); // v1 knew no better
        Observer raw(file);
        QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), TaskStore::schemaVersion);
    }

    // Schema 4 adds what Query Task v2 said; a version 3 file keeps every
    // task, with its type unknown.
    void migratesFromVersionThree()
    {
        SMH_SQLITE_ONLY("older SQLite files");
        const QString file = path(u"v3.sqlite"_s);
        qint64 c = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            c = store.addConnection(sampleConnection()).value();
            store.addTasks(c, {1, 2}, u"kept"_s, t(0), true);
            store.applyObservations({observation(c, 1, TaskState::Succeeded, 200, 10)});
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"make-v3"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"ALTER TABLE tasks DROP COLUMN task_type"_s));
            QVERIFY(q.exec(u"ALTER TABLE tasks DROP COLUMN typed_result"_s));
            QVERIFY(q.exec(u"PRAGMA user_version = 3"_s));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"make-v3"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            QCOMPARE(store.taskCount(), 2);
            const Task first = *store.task({c, 1});
            QCOMPARE(first.state, TaskState::Succeeded);
            QCOMPARE(first.note, u"kept"_s);
            QVERIFY(first.libraryLevel);
            QCOMPARE(store.timeline({c, 1}).size(), 1);
            QVERIFY(first.taskType.isEmpty());
            QVERIFY(first.typedResult.isEmpty());
            // The new columns take writes and read them back.
            const auto typed = TypedTaskResult::parse(
                R"({"taskId":"1","taskType":"clearLibraryHistory","status":200,"clearLibraryHistoryResult":{"deleteCount":"12"}})",
                1);
            QVERIFY(typed);
            QVERIFY(store.applyTypedResults({{{c, 1}, *typed}}, t(20)));
        }
        TaskStore reopened;
        SMH_VERIFY(reopened.open(file));
        QCOMPARE(reopened.task({c, 1})->taskType, u"clearLibraryHistory"_s);
        QCOMPARE(
            TypedTaskResult::fromStored(reopened.task({c, 1})->typedResult)->deleteCount(), 12);
        Observer raw(file);
        QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), TaskStore::schemaVersion);
    }

    // v2's 207 and 400 are finer than v1's 200: the state moves, with a
    // transition; later v1 answers do not move it back.
    void typedResultsRefineTheState()
    {
        TaskStore store;
        QVERIFY(store.open(scratch()));
        const qint64 c = store.addConnection(sampleConnection()).value();
        store.addTasks(c, {1, 2, 3}, {}, t(0));
        store.applyObservations({observation(c, 1, TaskState::Succeeded, 200, 10),
            observation(c, 2, TaskState::Succeeded, 200, 10),
            observation(c, 3, TaskState::Running, 202, 10)});
        QSignalSpy changed(&store, &TaskStore::tasksChanged);
        QSignalSpy transitioned(&store, &TaskStore::transitioned);
        auto typed = [](qint64 id, int status) {
            return *TypedTaskResult::parse(
                u"{\"taskId\":\"%1\",\"taskType\":\"batchCopy\",\"status\":%2}"_s.arg(id)
                    .arg(status)
                    .toUtf8(),
                id);
        };
        const auto applied = store.applyTypedResults(
            {{{c, 1}, typed(1, 207)}, {{c, 2}, typed(2, 400)}, {{c, 3}, typed(3, 202)}}, t(20));
        QVERIFY(applied);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QList<Task>>().size(), 3);
        QCOMPARE(transitioned.count(), 1);
        QCOMPARE(*applied,
            (QList<TaskTransition> {
                {{c, 1}, TaskState::Succeeded, TaskState::PartlyFailed, 200, t(20)},
                {{c, 2}, TaskState::Succeeded, TaskState::Failed, 200, t(20)}}));
        QCOMPARE(store.task({c, 1})->state, TaskState::PartlyFailed);
        QCOMPARE(store.task({c, 3})->state, TaskState::Running); // v2 never ends a task
        QCOMPARE(store.task({c, 3})->taskType, u"batchCopy"_s);
        // A re-check's 200 keeps v2's verdict.
        TaskObservation again = observation(c, 1, TaskState::Succeeded, 200, 30);
        again.recheck = true;
        store.applyObservations({again});
        QCOMPARE(store.task({c, 1})->state, TaskState::PartlyFailed);
        // The same answer again changes nothing and says nothing.
        QVERIFY(store.applyTypedResults({{{c, 1}, typed(1, 207)}}, t(40)));
        QCOMPARE(changed.count(), 2); // the re-check's poll time only
    }

    void migratesAnEmptyDatabase()
    {
        SMH_SQLITE_ONLY("an empty SQLite file");
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
        qint64 id = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            id = store.addConnection(sampleConnection()).value();
            QVERIFY(id > 0);
            QCOMPARE(store.addTasks(id, {7}, {}, t(0))->size(), 1);
        }
        {
            Observer raw(file);
            QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), TaskStore::schemaVersion);
            QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
            QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM sqlite_schema WHERE name IN "
                                "('connections', 'tasks', 'transitions', 'unrelated')"_s)
                         .toInt(),
                4);
        }
        // Opening an up-to-date file runs no migration again (it would fail
        // on the existing tables) and finds what was written.
        TaskStore again;
        SMH_VERIFY(again.open(file));
        QVERIFY(again.task({id, 7}));
    }

    void refusesANewerSchemaAndLeavesItUntouched()
    {
        SMH_SQLITE_ONLY("the file's user_version (refusesANewerSchemaOnTheServer)");
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
        const Expected<void> opened = store.open(file);
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind(), Error::Kind::Ledger);
        const QString error = opened.error().message();
        QVERIFY2(error.contains(u"newer"_s), qPrintable(error));
        QVERIFY(!store.isOpen());
        QCOMPARE(fileHash(file), before);
        QVERIFY(!QFile::exists(file + u"-wal"_s));
        QVERIFY(!store.addConnection(sampleConnection()));
    }

    // The server restarts between two polls: the next write connects again
    // and goes through, nothing said. It stops mid-run: polls go on, their
    // results are announced and kept, the store says it is unreachable, and
    // once the server is back every row and transition is in the ledger.
    // Another monitor's writes made meanwhile arrive too.
    void aDatabaseRestartMidPollLosesNothing()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to restart");
        const QString url = path(u"restart"_s);
        TaskStore store;
        SMH_VERIFY(store.open(url));
        const qint64 c = store.addConnection(sampleConnection()).value();
        QCOMPARE(store.addTasks(c, {1, 2, 3}, {}, t(0))->size(), 3);
        QSignalSpy reachability(&store, &TaskStore::reachabilityChanged);

        QVERIFY(TestLedger::restartServer());
        QVERIFY(store.applyObservations({observation(c, 1, TaskState::Running, 202, 10)}));
        QVERIFY(store.isReachable());
        QCOMPARE(reachability.count(), 0);

        QVERIFY(TestLedger::haltServer());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot be reached"_s));
        const auto whileAway =
            store.applyObservations({observation(c, 1, TaskState::Succeeded, 200, 20),
                observation(c, 2, TaskState::Running, 202, 20)});
        QVERIFY(whileAway);
        QCOMPARE(whileAway->size(), 2);
        QVERIFY(!store.isReachable());
        QCOMPARE(reachability.count(), 1);
        QCOMPARE(reachability.at(0).at(0).toBool(), false);
        QCOMPARE(store.task({c, 1})->state, TaskState::Succeeded); // shown meanwhile
        QVERIFY(store.applyObservations({observation(c, 3, TaskState::Failed, 500, 30)}));
        QVERIFY(store.waitingWrites() > 0);
        // Changing the ledger itself waits for the server, and says so.
        const auto refused = store.addTasks(c, {4}, {}, t(31));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(u"cannot be reached"_s),
            qPrintable(refused.error().message()));

        QVERIFY(TestLedger::resumeServer());
        {
            TaskStore other; // another monitor, writing as soon as it can
            SMH_VERIFY(other.open(url));
            QVERIFY(other.setNote({c, 2}, u"from a colleague"_s));
        }
        QTRY_VERIFY_WITH_TIMEOUT(store.isReachable(), 15'000);
        QCOMPARE(reachability.count(), 2);
        QCOMPARE(store.waitingWrites(), 0);
        QTRY_COMPARE(store.task({c, 2})->note, u"from a colleague"_s);

        Observer raw(url);
        QCOMPARE(
            raw.scalar(u"SELECT state FROM tasks WHERE task_id = 1"_s).toString(), u"succeeded"_s);
        QCOMPARE(
            raw.scalar(u"SELECT state FROM tasks WHERE task_id = 2"_s).toString(), u"running"_s);
        QCOMPARE(
            raw.scalar(u"SELECT state FROM tasks WHERE task_id = 3"_s).toString(), u"failed"_s);
        QCOMPARE(raw.scalar(u"SELECT count(*) FROM transitions"_s).toInt(), 4);
        TaskStore reopened;
        SMH_VERIFY(reopened.open(url));
        QCOMPARE(*reopened.task({c, 1}), *store.task({c, 1}));
        QCOMPARE(reopened.timeline({c, 1}).size(), 2);
    }

    // A server that cannot be reached at start: a clear error naming the
    // ledger (without any password), and nothing open.
    void anUnreachableServerIsSaidAtOpen()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only");
        QUrl url(TestLedger::serverUrl());
        url.setPort(1); // nothing listens there
        TaskStore store;
        const Expected<void> opened = store.open(url.toString());
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind(), Error::Kind::Ledger);
        QVERIFY2(opened.error().message().contains(u"Cannot reach the task ledger"_s)
                && opened.error().message().contains(url.toString())
                && !opened.error().message().contains(u'\n'),
            qPrintable(opened.error().message()));
        QVERIFY(!store.isOpen());
    }

    // PostgreSQL keeps the version in ledger_version: a database a newer
    // program moved on is refused by name and left as it is.
    void refusesANewerSchemaOnTheServer()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only (refusesANewerSchemaAndLeavesItUntouched on SQLite)");
        const QString url = path(u"future"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(url));
        }
        QVERIFY(TestLedger::exec(url, u"UPDATE ledger_version SET version = 99"_s));
        TaskStore store;
        const Expected<void> opened = store.open(url);
        QVERIFY(!opened);
        QCOMPARE(opened.error().kind(), Error::Kind::Ledger);
        const QString error = opened.error().message();
        QVERIFY2(error.contains(u"newer version"_s) && error.contains(u"schema 99"_s)
                && error.contains(LedgerLocation::display(url)),
            qPrintable(error));
        QVERIFY(!store.isOpen());
        QVERIFY(!store.addConnection(sampleConnection()));
        Observer raw(url);
        QCOMPARE(raw.scalar(u"SELECT version FROM ledger_version"_s).toInt(), 99);
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
        SMH_SQLITE_ONLY("the file header");
        QFETCH(QByteArray, content);
        const QString file =
            path(u"corrupt-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentDataTag()))
                     .replace(u' ', u'-'));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(content);
        out.close();
        TaskStore store;
        const Expected<void> opened = store.open(file);
        QVERIFY(!opened);
        const QString error = opened.error().message();
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(u"untouched"_s), qPrintable(error));
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), content);
    }

    void refusesADamagedDatabase()
    {
        SMH_SQLITE_ONLY("SQLite's own check of the file");
        // A real ledger whose pages were overwritten in the middle.
        const QString file = path(u"damaged.sqlite"_s);
        {
            TaskStore store;
            QVERIFY(store.open(file));
            const qint64 c = store.addConnection(sampleConnection()).value();
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
        const Expected<void> opened = store.open(file);
        QVERIFY(!opened);
        const QString error = opened.error().message();
        QVERIFY2(error.contains(u"damaged"_s) || error.contains(u"malformed"_s), qPrintable(error));
        QCOMPARE(fileHash(file), before);
    }

    void aFailedWriteChangesNothing()
    {
        SMH_SQLITE_ONLY("SQLite's wording of a missing table");
        const QString file = path(u"fail.sqlite"_s);
        TaskStore store;
        QString error;
        QVERIFY(store.open(file));
        const qint64 c = store.addConnection(sampleConnection()).value();
        store.addTasks(c, {1}, {}, t(0));
        const Task before = *store.task({c, 1});

        // Each failure is logged and returned with SQLite's reason.
        auto expectFailure = [](const QString &table) {
            QTest::ignoreMessage(QtWarningMsg,
                QRegularExpression(
                    u"Could not write to the task ledger: no such table: "_s + table));
        };
        auto failedOn = [](const auto &result, const QString &table) {
            return !result && result.error().kind() == Error::Kind::Ledger
                && result.error().message().contains(u"no such table: "_s + table);
        };

        // Someone else breaks the schema behind the store's back.
        {
            Observer raw(file);
            QVERIFY(raw.exec(u"DROP TABLE transitions"_s));
        }

        QSignalSpy changed(&store, &TaskStore::tasksChanged);
        expectFailure(u"transitions"_s);
        const auto applied =
            store.applyObservations({observation(c, 1, TaskState::Running, 202, 5)});
        QVERIFY(failedOn(applied, u"transitions"_s));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(*store.task({c, 1}), before); // the cache was not touched
        {
            // ...and the row in the file was rolled back with the failed transition.
            Observer raw(file);
            QCOMPARE(raw.scalar(u"SELECT state FROM tasks"_s).toString(), u"queued"_s);
            QCOMPARE(raw.scalar(u"SELECT last_polled_at IS NULL FROM tasks"_s).toInt(), 1);
            // Now the tasks table goes as well.
            QVERIFY(raw.exec(u"ALTER TABLE tasks RENAME TO tasks_elsewhere"_s));
        }

        QSignalSpy added(&store, &TaskStore::tasksAdded);
        QSignalSpy removed(&store, &TaskStore::tasksRemoved);
        QSignalSpy connections(&store, &TaskStore::connectionsChanged);
        expectFailure(u"tasks"_s);
        QVERIFY(failedOn(store.addTasks(c, {2, 3}, {}, t(1)), u"tasks"_s));
        QCOMPARE(store.taskCount(), 1);
        QVERIFY(!store.task({c, 2}));
        expectFailure(u"tasks"_s);
        QVERIFY(failedOn(store.setNote({c, 1}, u"new note"_s), u"tasks"_s));
        expectFailure(u"tasks"_s);
        QVERIFY(failedOn(store.setLastError({{c, 1}}, u"HTTP 500"_s), u"tasks"_s));
        expectFailure(u"transitions"_s);
        QVERIFY(failedOn(store.removeTasks({{c, 1}}), u"transitions"_s));
        expectFailure(u"transitions"_s);
        QVERIFY(failedOn(store.removeConnection(c), u"transitions"_s));
        QCOMPARE(added.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(connections.count(), 0);
        QCOMPARE(*store.task({c, 1}), before);
        QCOMPARE(store.tasks().size(), 1);
        QVERIFY(store.connection(c));

        // Once the schema is back, the same store writes again.
        {
            Observer raw(file);
            QVERIFY(raw.exec(u"ALTER TABLE tasks_elsewhere RENAME TO tasks"_s));
        }
        QVERIFY(store.setNote({c, 1}, u"new note"_s));
        QCOMPARE(changed.count(), 1);
    }

    void aTaskTwiceInOneBatch()
    {
        TaskStore store;
        QVERIFY(store.open(scratch()));
        const qint64 c = store.addConnection(sampleConnection()).value();
        store.addTasks(c, {1}, {}, t(0));
        const QList<Task> changed = changedBy(store,
            {observation(c, 1, TaskState::Running, 202, 10),
                observation(c, 1, TaskState::Succeeded, 200, 20)});
        QCOMPARE(changed.size(), 1); // one task, in its last state
        QCOMPARE(changed.constFirst().state, TaskState::Succeeded);
        QCOMPARE(changed.constFirst().firstSeenAt, t(10));
        QCOMPARE(changed.constFirst().finishedAt, t(20));
        const QList<TaskTransition> timeline = store.timeline({c, 1});
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline.at(0).to, TaskState::Running);
        QCOMPARE(timeline.at(1).from, TaskState::Running);
        QCOMPARE(timeline.at(1).to, TaskState::Succeeded);
    }

    void anAnswerClearsTheTaskError()
    {
        // Decision: lastError is about the last exchange for the task; once
        // SMH answers for it again (whatever the state), the old error is
        // no longer current. Errors about the connection as a whole are
        // not kept per task.
        TaskStore store;
        QString error;
        QVERIFY(store.open(scratch()));
        const qint64 c = store.addConnection(sampleConnection()).value();
        store.addTasks(c, {1, 2}, {}, t(0));
        QVERIFY(store.setLastError({{c, 1}, {c, 2}}, u"HTTP 500 · InternalError"_s));
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 10)});
        QVERIFY(store.task({c, 1})->lastError.isEmpty());
        QCOMPARE(store.task({c, 2})->lastError, u"HTTP 500 · InternalError"_s);

        // Even an answer that repeats the last one clears a newer error.
        QVERIFY(store.setLastError({{c, 1}}, u"timed out"_s));
        const QList<Task> changed =
            changedBy(store, {observation(c, 1, TaskState::Running, 202, 10)});
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.constFirst().lastError.isEmpty());
    }

    void signalsFollowTheCommit()
    {
        // A second connection sees only committed data (WAL snapshot), so
        // what it sees from inside a slot tells whether the signal came
        // before or after the commit.
        const QString file = path(u"signals.sqlite"_s);
        TaskStore store;
        QVERIFY(store.open(file));
        Observer raw(file);
        QVERIFY(raw.isOpen());
        auto count = [&raw](const QString &sql) { return raw.scalar(sql).toInt(); };
        // Every emission records what the file held at that moment.
        QList<int> connectionsSeen, addedSeen, changedSeen, transitionedSeen, removedSeen;
        connect(&store, &TaskStore::connectionsChanged, &store,
            [&] { connectionsSeen << count(u"SELECT COUNT(*) FROM connections"_s); });
        connect(&store, &TaskStore::tasksAdded, &store,
            [&] { addedSeen << count(u"SELECT COUNT(*) FROM tasks"_s); });
        connect(&store, &TaskStore::tasksChanged, &store,
            [&] { changedSeen << count(u"SELECT COUNT(*) FROM tasks WHERE state = 'running'"_s); });
        connect(&store, &TaskStore::transitioned, &store,
            [&] { transitionedSeen << count(u"SELECT COUNT(*) FROM transitions"_s); });
        connect(&store, &TaskStore::tasksRemoved, &store,
            [&] { removedSeen << count(u"SELECT COUNT(*) FROM tasks"_s); });

        const qint64 c = store.addConnection(sampleConnection()).value();
        QCOMPARE(connectionsSeen, QList<int> {1});
        store.addTasks(c, {1, 2, 3}, {}, t(0));
        QCOMPARE(addedSeen, QList<int> {3});
        store.applyObservations({observation(c, 1, TaskState::Running, 202, 5),
            observation(c, 2, TaskState::Running, 202, 5)});
        QCOMPARE(changedSeen, QList<int> {2});
        QCOMPARE(transitionedSeen, QList<int> {2});
        store.removeTasks({{c, 3}});
        QCOMPARE(removedSeen, QList<int> {2});
        QVERIFY(store.removeConnection(c));
        QCOMPARE(removedSeen, (QList<int> {2, 0}));
        QCOMPARE(connectionsSeen, (QList<int> {1, 0}));
    }

    void eachStoreHasItsOwnConnection()
    {
        const QStringList before = QSqlDatabase::connectionNames();
        {
            TaskStore first;
            TaskStore second;
            QVERIFY(first.open(u":memory:"_s));
            QVERIFY(second.open(u":memory:"_s));
            QCOMPARE(QSqlDatabase::connectionNames().size(), before.size() + 2);
            QVERIFY(first.addConnection(sampleConnection()).value() > 0);
            QCOMPARE(first.connections().size(), 1);
            QVERIFY(second.connections().isEmpty()); // two private ledgers
        }
        QCOMPARE(QSqlDatabase::connectionNames(), before);
    }

    // A private ledger (a query's, the demo's) keeps a bounded cache of its
    // pages and leaves the rest to SQLite's temporary file, deleted on close:
    // a pure in-memory database journals in memory and keeps every page.
    void privateLedgerPagesLeaveMemory()
    {
        TaskStore store;
        QVERIFY(store.open(u":memory:"_s));
        QCOMPARE(store.path(), u":memory:"_s);
        QSqlQuery q(QSqlDatabase::database(store.databaseName()));
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"delete"_s);
        QVERIFY(q.exec(u"PRAGMA cache_size"_s) && q.next());
        const int cacheKiB = -q.value(0).toInt(); // negative: KiB, not pages
        QVERIFY2(cacheKiB > 0 && cacheKiB <= 16384, qPrintable(QString::number(cacheKiB)));
        QVERIFY(q.exec(u"PRAGMA synchronous"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // nothing of it outlives the process
        // Still a ledger like any other.
        const qint64 connection = store.addConnection(sampleConnection()).value();
        QList<qint64> ids(3000);
        std::iota(ids.begin(), ids.end(), 1);
        QVERIFY(store.addTasks(connection, ids, {}, QDateTime::currentDateTimeUtc()));
        QCOMPARE(store.taskCount(), 3000);
        q.finish();
        QVERIFY(q.exec(u"SELECT count(*) FROM tasks"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 3000);
    }

    void defaultPathIsUnderAppData()
    {
        SMH_SQLITE_ONLY("the default file");
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(!dir.isEmpty());
        QCOMPARE(QFileInfo(TaskStore::defaultPath()).absolutePath(), QDir(dir).absolutePath());
    }

    void createsMissingFolders()
    {
        SMH_SQLITE_ONLY("folders of a file");
        const QString file = path(u"nested/deeper/ledger.sqlite"_s);
        TaskStore store;
        SMH_VERIFY(store.open(file));
        QVERIFY(QFile::exists(file));
        QCOMPARE(store.path(), file);
    }

    void theLedgerIsPrivate()
    {
        SMH_SQLITE_ONLY("file permissions");
        // It names libraries, endpoints and paths: for its owner only,
        // whatever the umask, and its folder too.
        const mode_t previous = ::umask(022);
        const QString file = path(u"private/ledger.sqlite"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            store.addTasks(store.addConnection(sampleConnection()).value(), {1, 2}, {}, t(0));
        }
        ::umask(previous);
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFile::permissions(file) & others, QFileDevice::Permissions());
        QCOMPARE(QFile::permissions(path(u"private"_s)) & others, QFileDevice::Permissions());
    }

    void aReadOnlyFolderIsNotCalledDamaged()
    {
        SMH_SQLITE_ONLY("file permissions");
        if (::geteuid() == 0)
            QSKIP("root writes to read-only folders; run as a user to check this");
        const QString folder = path(u"readonly"_s);
        const QString file = folder + u"/ledger.sqlite"_s;
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
            store.addTasks(store.addConnection(sampleConnection()).value(), {1, 2}, {}, t(0));
        }
        const QByteArray before = fileHash(file);
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        TaskStore store;
        const Expected<void> opened = store.open(file);
        QFile::setPermissions(
            folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(!opened);
        const QString error = opened.error().message();
        QVERIFY2(
            !error.contains(u"damaged"_s) && !error.contains(u"move it away"_s), qPrintable(error));
        QVERIFY2(error.contains(u"read-only"_s), qPrintable(error));
        QCOMPARE(fileHash(file), before);
    }

    // A ledger written with `count` tasks of one connection, every tenth
    // one failed; returns the connection.
    qint64 writeLedger(const QString &file, int count)
    {
        const qint64 connectionId = SampleLedger::writeFile(file, count);
        TaskStore store;
        if (connectionId == 0 || !store.open(file))
            return 0;
        QList<TaskObservation> failed;
        for (qint64 id = 10; id <= count; id += 10)
            failed << observation(connectionId, id, TaskState::Failed, 500, 5);
        store.applyObservations(failed);
        return connectionId;
    }

    // Read on a worker thread, announced in slices: every task once, in the
    // ledger's order, then loadFinished.
    void backgroundLoadAnnouncesEveryTaskInSlices()
    {
        const QString file = path(u"background.sqlite"_s);
        const qint64 connectionId = writeLedger(file, 12'000);
        QVERIFY(connectionId != 0);
        QList<Task> expected;
        {
            TaskStore atOnce;
            SMH_VERIFY(atOnce.open(file));
            expected = atOnce.tasks();
        }

        TaskStore store;
        QList<qsizetype> slices;
        QList<Task> announced;
        connect(&store, &TaskStore::tasksAdded, this, [&](const QList<Task> &tasks) {
            slices << tasks.size();
            announced += tasks;
        });
        QSignalSpy finished(&store, &TaskStore::loadFinished);
        SMH_VERIFY(store.open(file, TaskStore::LoadMode::InBackground));
        QVERIFY(store.isLoading());
        QCOMPARE(store.connections().size(), 1); // connections come at once
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.count(), 1);
        QVERIFY(!store.isLoading());
        QVERIFY(slices.size() >= 12);
        QVERIFY(*std::max_element(slices.cbegin(), slices.cend()) <= 1000);
        QCOMPARE(announced, expected);
        QCOMPARE(store.tasks(), expected);
        QCOMPARE(store.task({connectionId, 20})->state, TaskState::Failed);
    }

    // Adding while the read is under way would take a stored task for a new
    // one and write over it: the store takes the rest first.
    void addingWhileLoadingWritesOverNothing()
    {
        const QString file = path(u"background-add.sqlite"_s);
        const qint64 connectionId = writeLedger(file, 5'000);
        QVERIFY(connectionId != 0);
        TaskStore store;
        QList<TaskKey> announced;
        connect(&store, &TaskStore::tasksAdded, this, [&](const QList<Task> &tasks) {
            for (const Task &task : tasks)
                announced << task.key;
        });
        QSignalSpy finished(&store, &TaskStore::loadFinished);
        QVERIFY(store.open(file, TaskStore::LoadMode::InBackground));
        const QList<Task> added = store.addTasks(connectionId, {4'990, 7'000}, {}, t(100)).value();
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.constFirst().key.taskId, 7'000);
        QVERIFY(!store.isLoading());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(store.taskCount(), 5'001);
        QCOMPARE(store.task({connectionId, 4'990})->state, TaskState::Failed);
        QCOMPARE(QSet<TaskKey>(announced.cbegin(), announced.cend()).size(), announced.size());
        QCOMPARE(announced.size(), 5'001);
        // Nothing more arrives afterwards.
        QTest::qWait(50);
        QCOMPARE(announced.size(), 5'001);
        QCOMPARE(finished.count(), 1);
        store.applyObservations({observation(connectionId, 1, TaskState::Running, 202, 200)});
        TaskStore reopened;
        QVERIFY(reopened.open(file));
        QCOMPARE(reopened.task({connectionId, 4'990})->state, TaskState::Failed);
        QCOMPARE(reopened.task({connectionId, 1})->state, TaskState::Running);
    }

    void removingAConnectionWhileLoadingLeavesNothingBehind()
    {
        const QString file = path(u"background-remove.sqlite"_s);
        const qint64 connectionId = writeLedger(file, 5'000);
        TaskStore store;
        QVERIFY(store.open(file, TaskStore::LoadMode::InBackground));
        QSignalSpy removed(&store, &TaskStore::tasksRemoved);
        QVERIFY(store.removeConnection(connectionId));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).value<QList<TaskKey>>().size(), 5'000);
        QSignalSpy added(&store, &TaskStore::tasksAdded);
        QTest::qWait(50);
        QCOMPARE(added.count(), 0);
        QCOMPARE(store.taskCount(), 0);
    }

    // Closing the window at once must not crash or leave a thread behind.
    void destroyedWhileLoading()
    {
        const QString file = path(u"background-destroy.sqlite"_s);
        QVERIFY(writeLedger(file, 20'000) != 0);
        for (int round = 0; round < 3; ++round) {
            auto store = std::make_unique<TaskStore>();
            QVERIFY(store->open(file, TaskStore::LoadMode::InBackground));
            if (round > 0)
                QTest::qWait(round * 5);
            store.reset();
        }
    }

    // An in-memory ledger has nothing to read elsewhere: it is read at once.
    void inMemoryLoadsAtOnce()
    {
        TaskStore store;
        QVERIFY(store.open(u":memory:"_s, TaskStore::LoadMode::InBackground));
        QVERIFY(!store.isLoading());
    }

    void theLedgerHoldsAtMostItsLimit()
    {
        TaskStore store;
        QString error;
        QVERIFY(store.open(scratch()));
        QCOMPARE(store.taskLimit(), TaskStore::maxTasks);
        store.setTaskLimit(TaskStore::maxTasks + 1);
        QCOMPARE(store.taskLimit(), TaskStore::maxTasks);
        store.setTaskLimit(1000);
        const qint64 c = store.addConnection(sampleConnection()).value();
        QList<qint64> ids(999);
        std::iota(ids.begin(), ids.end(), qint64(1));
        QCOMPARE(store.addTasks(c, ids, {}, t(0))->size(), 999);
        const auto beyond = store.addTasks(c, {0, 1000}, {}, t(0));
        QVERIFY(!beyond);
        QVERIFY2(
            beyond.error().message().contains(u"1000"_s), qPrintable(beyond.error().message()));
        QCOMPARE(store.taskCount(), 999);
        QCOMPARE(store.addTasks(c, {0}, {}, t(0))->size(), 1); // exactly the limit
    }

    void storesNoSecrets()
    {
        SMH_SQLITE_ONLY("the bytes of the file");
        // There is no token field to store; the schema must not grow one,
        // and a credential smuggled into the endpoint URL is dropped.
        const QByteArray token = "tok-5f1e3c9a-never-on-disk";
        const QByteArray password = "pw-b7d4-never-on-disk";
        const QString file = path(u"secrets.sqlite"_s);
        // The bytes of the ledger and anything beside it (-wal, -shm).
        auto noneContains = [this](const QByteArray &needle) {
            const QFileInfoList files =
                QDir(m_dir.path()).entryInfoList({u"secrets.sqlite*"_s}, QDir::Files);
            bool clean = !files.isEmpty();
            for (const QFileInfo &info : files) {
                QFile in(info.filePath());
                clean = clean && in.open(QIODevice::ReadOnly) && !in.readAll().contains(needle);
            }
            return clean;
        };
        QStringList columns;
        {
            TaskStore store;
            QVERIFY(store.open(file));
            Connection connection = sampleConnection();
            connection.settings.endpoint =
                QUrl(u"https://operator:%1@smhtest.api.tencentsmh.cn/?access_token=%2#%2"_s.arg(
                    QString::fromLatin1(password), QString::fromLatin1(token)));
            const qint64 id = store.addConnection(connection).value();
            QVERIFY(id > 0);
            const QUrl kept = store.connection(id)->settings.endpoint;
            QCOMPARE(kept, QUrl(u"https://smhtest.api.tencentsmh.cn/"_s));
            connection.id = id;
            QVERIFY(store.updateConnection(connection));
            QCOMPARE(store.connection(id)->settings.endpoint, kept);
            store.addTasks(id, {1}, {}, t(0));

            Observer raw(file);
            columns = raw.column(u"SELECT name FROM pragma_table_info('connections') UNION ALL "
                                 "SELECT name FROM pragma_table_info('tasks') UNION ALL "
                                 "SELECT name FROM pragma_table_info('transitions')"_s);
            QVERIFY(noneContains(token) && noneContains(password)); // while open: -wal too
        }
        QVERIFY(columns.size() > 15);
        for (const QString &column : std::as_const(columns)) {
            QVERIFY2(!column.contains(u"token"_s, Qt::CaseInsensitive)
                    && !column.contains(u"secret"_s, Qt::CaseInsensitive)
                    && !column.contains(u"password"_s, Qt::CaseInsensitive),
                qPrintable(column));
        }
        QVERIFY(noneContains(token) && noneContains(password)); // closed: all in the file
    }

    void survivesKillNineMidTransaction()
    {
        SMH_SQLITE_ONLY("WAL recovery of the file");
        const QString file = path(u"crash.sqlite"_s);
        qint64 connectionId = 0;
        {
            TaskStore store;
            QVERIFY(store.open(file));
            connectionId = store.addConnection(sampleConnection()).value();
            QList<qint64> ids;
            for (qint64 id = 1; id <= crashTaskCount; ++id)
                ids << id;
            QCOMPARE(store.addTasks(connectionId, ids, {}, t(0))->size(), crashTaskCount);
        }
        qint64 previous = 0;
        for (int round = 0; round < 4; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start(QCoreApplication::applicationFilePath(), {u"--crash-writer"_s, file});
            QVERIFY(child.waitForStarted());
            // Let it commit a few cycles, then kill it.
            QByteArray printed;
            const qint64 cycles = 2 + round;
            while (printed.count('\n') < cycles && child.state() == QProcess::Running) {
                child.waitForReadyRead(5000);
                printed += child.readAllStandardOutput();
            }
            // Not a wait for a condition: a random delay picks the moment of
            // the kill, most likely inside a transaction since that is where
            // the writer spends its time. Round 0 kills at once.
            if (round > 0)
                QTest::qSleep(QRandomGenerator::global()->bounded(1, 120));
            child.kill();
            child.waitForFinished();
            printed += child.readAllStandardOutput();
            QVERIFY2(printed.count('\n') >= cycles, child.readAllStandardError().constData());
            const QList<QByteArray> lines = printed.trimmed().split('\n');
            const qint64 lastCommitted = lines.constLast().toLongLong();
            QCOMPARE(lines.constFirst().toLongLong(), previous + 1); // went on from the file

            {
                Observer raw(file);
                QVERIFY(raw.isOpen());
                QCOMPARE(raw.scalar(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
            }

            TaskStore store;
            SMH_VERIFY(store.open(file));
            QCOMPARE(store.taskCount(), crashTaskCount);
            // Printed cycles were committed; the one in flight may or may not
            // have been (killed between the commit and the print).
            const qint64 cycle = store.task({connectionId, 1})->status;
            QVERIFY2(cycle == lastCommitted || cycle == lastCommitted + 1,
                qPrintable(u"found cycle %1, last committed %2"_s.arg(cycle).arg(lastCommitted)));
            // All of a cycle or none of it: every task and the timeline agree.
            const TaskObservation expected = crashObservation(connectionId, 1, cycle);
            const QList<Task> tasks = store.tasks();
            for (const Task &task : tasks) {
                if (task.status != cycle || task.state != expected.state
                    || task.lastPolledAt != expected.polledAt
                    || task.stateSince != expected.polledAt)
                    QFAIL(qPrintable(
                        u"task %1 is not from cycle %2"_s.arg(task.key.taskId).arg(cycle)));
            }
            const QList<TaskTransition> timeline = store.timeline({connectionId, crashTaskCount});
            QCOMPARE(timeline.size(), cycle);
            QCOMPARE(timeline.constLast().at, expected.polledAt);
            QCOMPARE(timeline.constLast().to, expected.state);
            Observer raw(file);
            QCOMPARE(raw.scalar(u"SELECT COUNT(*) FROM transitions"_s).toLongLong(),
                cycle * crashTaskCount);
            previous = cycle;
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
