#include "tasks/taskstore.h"

#include "smh/privatefile.h"
#include "tasks/ledgerping.h"
#include "tasks/ledgersql.h"
#include "tasks/walcheckpointer.h"
#include "tasks/workturn.h"
#include "tasks/writetransaction.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <atomic>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "smh.store", QtWarningMsg)

namespace {

// The pages a private ledger keeps in memory (SQLite's cache, in KiB): a
// query's rows are written in slices of a few hundred, which this holds
// many times over; the rest waits in SQLite's temporary file.
constexpr int privateCacheKiB = 8192;

// A result is stored as the JSON text SMH sent, whatever its shape. A bare
// value (a string, a number) is no JSON document, so it travels wrapped in a
// one-element array and is unwrapped the same way.
QVariant resultToDb(const SharedResult &result)
{
    if (!result)
        return QVariant(QMetaType(QMetaType::QString));
    return QString::fromUtf8(result->json); // kept compact, as SharedResult holds it
}

std::optional<TaskResult> resultFromDb(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    // Stored as SMH returned it; read the way a reply is read.
    const QByteArray json = value.toString().toUtf8();
    const QJsonValue stored = QJsonDocument::fromJson('[' + json + ']').array().at(0);
    TaskResult result = TaskResult::fromJson(stored);
    result.json = json; // already compact: not written out again
    return result;
}

QString authKindKey(AuthKind kind)
{
    return kind == AuthKind::LibrarySecret ? u"library_secret"_s : u"access_token"_s;
}

// Endpoint::parse() already refuses user info and queries, but a connection
// built another way (an old settings file, a script) must still not carry a
// password or an access_token=... into the ledger.
Connection withoutCredentials(const Connection &connection)
{
    Connection clean = connection;
    clean.settings.endpoint = connection.settings.endpoint.adjusted(
        QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    return clean;
}

// Whether the tasks table has `column`; nullopt when the database could not say.
std::optional<bool> hasTaskColumn(QSqlQuery &q, const QString &column)
{
    return LedgerSql::hasColumn(q, u"tasks"_s, column);
}

using LedgerSql::hasColumn;

// What a schema statement written for SQLite says on this ledger's database.
QString ddl(const QSqlQuery &q, const QString &sqlite)
{
    return LedgerSql::table(q, sqlite);
}

// 4 -> 5: what changed since when, for other processes sharing the file. One
// sequence number is drawn per write transaction (ledger_seq); every task and
// connection row it writes carries it (change_seq), and every removal leaves
// a tombstone with it (ledger_removals; task_id NULL: the whole connection).
// A reader asks for the rows past the last number it has seen. Kept apart
// from the other migrations so that the list can be ordered when merged;
// tables and columns already there are left as they are.
bool addChangeTracking(QSqlQuery &q)
{
    for (const QString &table : {u"tasks"_s, u"connections"_s}) {
        const std::optional<bool> has = hasColumn(q, table, u"change_seq"_s);
        if (!has)
            return false;
        if (!*has
            && !q.exec(ddl(q,
                u"ALTER TABLE %1 ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0"_s.arg(table))))
            return false;
    }
    // PostgreSQL has no rowid: its tombstones get a column of that name,
    // numbered in the order they were written (writers take turns on
    // ledger_seq's row), so that the catch-up reads them the same way.
    const QString removals = LedgerSql::isPostgres(q)
        ? u"CREATE TABLE IF NOT EXISTS ledger_removals (rowid BIGSERIAL PRIMARY KEY, "
          "seq BIGINT NOT NULL, connection_id BIGINT NOT NULL, task_id BIGINT, at BIGINT NOT NULL)"_s
        : u"CREATE TABLE IF NOT EXISTS ledger_removals (seq INTEGER NOT NULL, "
          "connection_id INTEGER NOT NULL, task_id INTEGER, at INTEGER NOT NULL)"_s;
    return q.exec(ddl(q,
               u"CREATE TABLE IF NOT EXISTS ledger_seq (id INTEGER PRIMARY KEY "
               "CHECK (id = 1), value INTEGER NOT NULL)"_s))
        && q.exec(u"INSERT INTO ledger_seq (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING"_s)
        // All three columns: a reader resumes after the last row it took
        // with one seek, also inside a write of a hundred thousand rows.
        && q.exec(u"CREATE INDEX IF NOT EXISTS tasks_by_change "
                  "ON tasks(change_seq, connection_id, task_id)"_s)
        && q.exec(removals)
        && q.exec(u"CREATE INDEX IF NOT EXISTS removals_by_seq ON ledger_removals(seq)"_s);
}

QVariant typedResultToDb(const QJsonObject &typed)
{
    if (typed.isEmpty())
        return QVariant(QMetaType(QMetaType::QString));
    return QString::fromUtf8(QJsonDocument(typed).toJson(QJsonDocument::Compact));
}

QJsonObject typedResultFromDb(const QVariant &value)
{
    return value.isNull() ? QJsonObject()
                          : QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

// Each migration moves the schema from version (index) to (index + 1). Adding
// a version is appending one function; a database is never moved backwards.
using Migration = std::function<bool(QSqlQuery &)>;

const QList<Migration> &migrations()
{
    static const QList<Migration> list = {
        [](QSqlQuery &q) {
            return q.exec(ddl(q, uR"(CREATE TABLE connections (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL DEFAULT '',
                    endpoint TEXT NOT NULL,
                    library_id TEXT NOT NULL,
                    space_id TEXT NOT NULL DEFAULT '-',
                    user_id TEXT NOT NULL DEFAULT '',
                    ca_file TEXT NOT NULL DEFAULT '',
                    library_level INTEGER NOT NULL DEFAULT 0,
                    auth_kind TEXT NOT NULL DEFAULT 'access_token'))"_s))
                && q.exec(ddl(q, uR"(CREATE TABLE tasks (
                    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
                    task_id INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    status INTEGER NOT NULL DEFAULT 0,
                    result TEXT,
                    note TEXT NOT NULL DEFAULT '',
                    added_at INTEGER,
                    state_since INTEGER,
                    first_seen_at INTEGER,
                    last_polled_at INTEGER,
                    finished_at INTEGER,
                    last_error TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (connection_id, task_id)) WITHOUT ROWID)"_s))
                && q.exec(ddl(q, uR"(CREATE TABLE transitions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    connection_id INTEGER NOT NULL,
                    task_id INTEGER NOT NULL,
                    from_state TEXT NOT NULL,
                    to_state TEXT NOT NULL,
                    status INTEGER NOT NULL DEFAULT 0,
                    at INTEGER NOT NULL,
                    FOREIGN KEY (connection_id, task_id) REFERENCES tasks(connection_id, task_id)
                        ON DELETE CASCADE))"_s))
                && q.exec(
                    u"CREATE INDEX transitions_by_task ON transitions(connection_id, task_id, at)"_s);
        },
        // 1 -> 2 made the history wing's tables; the wing makes them itself
        // now (addSchemaPart), so this step only keeps the numbering.
        [](QSqlQuery &) { return true; },
        // 2 -> 3: the scope belongs to the task. Tasks already tracked keep
        // the scope their connection gave them. A file that has the column
        // already (migrations run in another order) is left as it is.
        [](QSqlQuery &q) {
            const std::optional<bool> has = hasTaskColumn(q, u"library_level"_s);
            if (!has || *has)
                return has.has_value();
            return q.exec(ddl(q,
                       u"ALTER TABLE tasks ADD COLUMN library_level INTEGER NOT NULL DEFAULT 0"_s))
                && q.exec(u"UPDATE tasks SET library_level = 1 WHERE connection_id IN "
                          "(SELECT id FROM connections WHERE library_level = 1)"_s);
        },
        // 3 -> 4: what Query Task v2 said (type and typed result). Every task
        // starts unknown; columns already there are left as they are.
        [](QSqlQuery &q) {
            const std::optional<bool> hasType = hasTaskColumn(q, u"task_type"_s);
            if (!hasType)
                return false;
            if (!*hasType
                && !q.exec(u"ALTER TABLE tasks ADD COLUMN task_type TEXT NOT NULL DEFAULT ''"_s))
                return false;
            const std::optional<bool> hasResult = hasTaskColumn(q, u"typed_result"_s);
            if (!hasResult)
                return false;
            return *hasResult || q.exec(u"ALTER TABLE tasks ADD COLUMN typed_result TEXT"_s);
        },
        // 4 -> 5: the parts' versions (addSchemaPart).
        [](QSqlQuery &q) {
            return q.exec(u"CREATE TABLE IF NOT EXISTS schema_parts (part TEXT PRIMARY KEY, "
                          "version INTEGER NOT NULL)"_s);
        },
        // 5 -> 6: what changed, and in which order (other processes' writes).
        &addChangeTracking,
    };
    return list;
}

// The schema's version: SQLite keeps it in the file's header (user_version),
// PostgreSQL in a one-row table made with the first step. nullopt: unreadable.
std::optional<int> schemaVersionOf(QSqlQuery &q)
{
    if (!LedgerSql::isPostgres(q)) {
        if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
            return std::nullopt;
        const int version = q.value(0).toInt();
        q.finish();
        return version;
    }
    if (!q.exec(u"SELECT to_regclass('ledger_version') IS NOT NULL"_s) || !q.next())
        return std::nullopt;
    const bool made = q.value(0).toBool();
    q.finish();
    if (!made)
        return 0;
    if (!q.exec(u"SELECT version FROM ledger_version"_s))
        return std::nullopt;
    const int version = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return version;
}

bool setSchemaVersion(QSqlQuery &q, int version)
{
    if (!LedgerSql::isPostgres(q))
        return q.exec(u"PRAGMA user_version = %1"_s.arg(version));
    return q.exec(u"CREATE TABLE IF NOT EXISTS ledger_version (id INTEGER PRIMARY KEY "
                  "CHECK (id = 1), version INTEGER NOT NULL)"_s)
        && q.exec(u"INSERT INTO ledger_version (id, version) VALUES (1, %1) ON CONFLICT (id) "
                  "DO UPDATE SET version = excluded.version"_s.arg(version));
}

// Each step reads the version inside its write transaction: a second
// process opening a new ledger at the same moment waits for the first one's
// step, then finds it done instead of creating the tables again.
Expected<void> migrate(const QSqlDatabase &database)
{
    for (;;) {
        bool done = false;
        const Expected<void> step = WriteTransaction::run(database, [&done](QSqlQuery &q) {
            const std::optional<int> version = schemaVersionOf(q);
            if (!version)
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            const int from = *version;
            done = from >= TaskStore::schemaVersion;
            if (done)
                return Expected<void>();
            if (!migrations().at(from)(q) || !setSchemaVersion(q, from + 1))
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            return Expected<void>();
        });
        if (!step || done)
            return step;
    }
}

// As migrate(), for a part's steps and the version kept in schema_parts.
Expected<void> migratePart(
    const QSqlDatabase &database, const QString &part, const QList<TaskStore::Migration> &steps)
{
    for (;;) {
        bool done = false;
        const Expected<void> step = WriteTransaction::run(database, [&](QSqlQuery &q) {
            q.prepare(u"SELECT version FROM schema_parts WHERE part = ?"_s);
            q.addBindValue(part);
            if (!q.exec())
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            const int from = q.next() ? q.value(0).toInt() : 0;
            q.finish();
            if (from > steps.size())
                return Expected<void>(unexpected(Error::ledger(
                    TaskStore::tr("its %1 tables were written by a newer version of SMH Task "
                                  "Monitor (version %2, this version knows %3)")
                        .arg(part)
                        .arg(from)
                        .arg(steps.size()))));
            done = from == steps.size();
            if (done)
                return Expected<void>();
            if (!steps.at(from)(q))
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            q.finish();
            q.prepare(u"INSERT INTO schema_parts (part, version) VALUES (?, ?) "
                      "ON CONFLICT (part) DO UPDATE SET version = excluded.version"_s);
            q.addBindValue(part);
            q.addBindValue(from + 1);
            if (!q.exec())
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            return Expected<void>();
        });
        if (!step || done)
            return step;
    }
}

// The switch needs the file to itself, and SQLite does not wait for it:
// a second process opening a new ledger at the same moment holds it for a
// few milliseconds. Tried again for a little while, then reported.
bool switchToWal(QSqlQuery &q)
{
    QDeadlineTimer deadline(5'000);
    for (;;) {
        if (q.exec(u"PRAGMA journal_mode=WAL"_s) && q.next())
            return true;
        const int code = q.lastError().nativeErrorCode().toInt() & 0xff;
        if ((code != 5 && code != 6) || deadline.hasExpired()) // SQLITE_BUSY, SQLITE_LOCKED
            return false;
        q.finish();
        QThread::msleep(20);
    }
}

bool isDamage(const QSqlError &error)
{
    // SQLITE_CORRUPT and SQLITE_NOTADB.
    const int code = error.nativeErrorCode().toInt() & 0xff;
    return code == 11 || code == 26;
}

} // namespace

class TaskStore::Private
{
public:
    QString connectionName = u"smh-store-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString path;
    // Why the store is closed, when opening or reading it failed.
    std::optional<Error> whyClosed;
    bool open = false;
    QHash<TaskKey, Task> tasks;
    QList<TaskKey> order; // insertion order, for a stable tasks()
    QHash<qint64, Connection> connections;
    // The wings' tables: migrated on every open (addSchemaPart).
    QList<std::pair<QString, QList<TaskStore::Migration>>> parts;

    // A ledger read in the background: the worker hands over slices as it
    // reads them (no copy of the whole ledger waits anywhere), then its
    // error, if any, when the thread has finished.
    struct BackgroundRead
    {
        std::atomic_bool cancel = false;
        QMutex mutex;
        QList<QList<Task>> slices; // guarded by mutex
        Expected<void> outcome; // written by the worker before it ends
    };
    std::shared_ptr<BackgroundRead> read;
    std::unique_ptr<QThread> reader;
    bool loading = false;
    // A file ledger's WAL checkpoints, off the GUI thread.
    std::unique_ptr<WalCheckpointer> checkpointer;
    void checkpointElsewhere(const QString &file);
    QTimer announcer;

    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }

    // The reason a write cannot even begin: the store is closed.
    Error notOpen() const
    {
        return whyClosed.value_or(Error::ledger(TaskStore::tr("The task ledger is not open.")));
    }

    // Runs `work` in one transaction; on failure rolls back and says why.
    // A PostgreSQL server that went away (a restart) is connected to again
    // and the work done once more; one still away leaves the store `lost`.
    Expected<void> transact(const std::function<bool(QSqlQuery &)> &work)
    {
        if (postgres && lost)
            return unexpected(unreachable());
        droppedConnection = false;
        const Expected<void> done = transactOnce(work);
        if (done || !droppedConnection)
            return done;
        if (reconnect())
            return transactOnce(work);
        lost = true;
        if (onLost)
            onLost();
        return unexpected(unreachable());
    }

    // PostgreSQL: the server could not be reached for the last write; what
    // polls found waits here (the latest row of each task, every
    // transition) and is written when it is back (TaskStore::retryLedger).
    bool lost = false;
    bool droppedConnection = false; // the last transactOnce() lost the server
    QHash<TaskKey, Task> waitingTasks;
    QList<TaskTransition> waitingTransitions;
    QTimer retry;
    std::unique_ptr<LedgerPing> probe; // whether the server answers again, off the GUI thread
    bool serverAnswered = false; // the probe's last answer, for the next retryLedger()
    std::function<void()> onLost;

    Error unreachable() const
    {
        return Error::ledger(
            TaskStore::tr("The task ledger %1 cannot be reached; what polls find is kept in "
                          "memory and written when it is back.")
                .arg(LedgerLocation::display(path)));
    }

    // A new session with the server: listening again, and reading what
    // others wrote meanwhile (their notifications were missed).
    bool reconnect()
    {
        QSqlDatabase database = db();
        database.close();
        if (!database.open())
            return false;
        QSqlDriver *driver = database.driver();
        if (!driver->subscribeToNotification(LedgerSql::notifyChannel()))
            return false;
        notified = true;
        return true;
    }

    Expected<void> transactOnce(const std::function<bool(QSqlQuery &)> &work)
    {
        QSqlDatabase database = db();
        if (!open || !database.isOpen()) {
            // An open PostgreSQL ledger whose connection the driver closed
            // itself: its socket died (a network cut, not a server that said
            // goodbye), which is a lost server like any other.
            droppedConnection = open && postgres;
            return unexpected(Error::ledger(TaskStore::tr("The task ledger is not open.")));
        }
        if (!database.transaction()) {
            droppedConnection = LedgerSql::isConnectionLost(database, database.lastError().text());
            return unexpected(Error::ledger(database.lastError().text()));
        }
        QSqlQuery query(database);
        if (!work(query)) {
            const QString why = query.lastError().text();
            droppedConnection = LedgerSql::isConnectionLost(
                database, why.isEmpty() ? database.lastError().text() : why);
            database.rollback();
            if (droppedConnection)
                return unexpected(unreachable());
            const Error failed =
                Error::ledger(TaskStore::tr("Could not write to the task ledger: %1")
                                  .arg(why.isEmpty() ? database.lastError().text() : why));
            qCWarning(lcStore).noquote() << failed.message();
            return unexpected(failed);
        }
        if (!database.commit()) {
            droppedConnection = LedgerSql::isConnectionLost(database, database.lastError().text());
            const Error failed =
                Error::ledger(TaskStore::tr("Could not write to the task ledger: %1")
                                  .arg(database.lastError().text()));
            database.rollback();
            return unexpected(failed);
        }
        return {};
    }

    // What other processes wrote (schema 5): the last sequence number whose
    // rows this store has taken in, SQLite's count of other connections'
    // commits as last read, and the catch-up under way, if any.
    bool shared = false; // a file or a server, which other processes may write too
    bool postgres = false;
    // PostgreSQL: another session's NOTIFY came in since the last look
    // (the part SQLite's data_version plays for a file).
    bool notified = false;
    qint64 seen = 0;
    std::optional<qint64> dataVersion;
    struct CatchUp
    {
        qint64 target = 0; // the rows up to this number, no further
        qint64 removalCursor = 0; // rowid of the last tombstone taken
        bool removalsDone = false;
        // The last row taken, in (change_seq, connection_id, task_id) order.
        qint64 seqCursor = 0;
        qint64 connectionCursor = std::numeric_limits<qint64>::max();
        qint64 taskCursor = std::numeric_limits<qint64>::max();
    };
    std::optional<CatchUp> catchUp;
    QTimer watcher; // looks at data_version (or whether a NOTIFY came in)
    QMetaObject::Connection listening; // to the PostgreSQL driver's notifications
    QTimer catchUpStep; // the next slice, on the next turn of the event loop
    // As many as a slice of a poll's answers (PollScheduler::answerSlice):
    // the table and its sorting proxy take a slice in one pass.
    static constexpr qsizetype catchUpSlice = 300;

    // transact() under a sequence number drawn for this write. When nobody
    // wrote between the last number seen and this one, `seen` moves along:
    // the next catch-up need not read this store's own rows back.
    Expected<void> write(const std::function<bool(QSqlQuery &, qint64)> &work)
    {
        qint64 seq = 0;
        const Expected<void> done = transact([&](QSqlQuery &q) {
            if (!q.exec(u"UPDATE ledger_seq SET value = value + 1"_s)
                || !q.exec(u"SELECT value FROM ledger_seq"_s) || !q.next())
                return false;
            seq = q.value(0).toLongLong();
            q.finish();
            return work(q, seq);
        });
        if (done && !catchUp && seq == seen + 1)
            seen = seq;
        return done;
    }

    // Whether another connection committed since the last look: SQLite's
    // count of other connections' commits, PostgreSQL's notifications.
    bool othersCommitted()
    {
        if (postgres)
            return std::exchange(notified, false);
        const std::optional<qint64> version = scalar(u"PRAGMA data_version"_s);
        if (!version || version == dataVersion)
            return false;
        dataVersion = version;
        return true;
    }

    std::optional<qint64> scalar(const QString &statement) const
    {
        QSqlQuery q(db());
        if (!q.exec(statement) || !q.next())
            return std::nullopt;
        return q.value(0).toLongLong();
    }

    // Takes tasks new to memory in: by key, and in the order tasks() keeps.
    void remember(const QList<Task> &list)
    {
        for (const Task &task : list) {
            tasks.insert(task.key, task);
            order.append(task.key);
        }
    }

    // SQLite's own words when reading fails.
    Expected<void> loadConnections();
    // Hands the tasks to `take` a slice at a time; stops (cancelled) when it
    // says no.
    static Expected<void> readTasks(
        const QSqlDatabase &database, const std::function<bool(QList<Task> &&)> &take);
    static constexpr qsizetype readSlice = 500;
    static Task taskFromQuery(const QSqlQuery &q);
    void stopReading();

    // The steps of open(), in order.
    static Expected<void> checkFile(const QString &path);
    Expected<void> openDatabase(const QString &location);
    Expected<void> notifyOthers();
    static Expected<int> checkLedger(QSqlQuery &q, const QString &path);
    Expected<void> prepareSchema(const QString &path, bool inMemory);
    void watchOthers(bool file);
    Expected<void> readConnections();
    Expected<void> readTasksAtOnce();
    void startReading(TaskStore *store, const QString &path);
    void closeAfter(const Error &failure);
};

Task TaskStore::Private::taskFromQuery(const QSqlQuery &q)
{
    Task task;
    task.key = {q.value(0).toLongLong(), q.value(1).toLongLong()};
    task.state = TaskStates::fromKey(q.value(2).toString()).value_or(TaskState::Unknown);
    task.status = q.value(3).toInt();
    task.result = resultFromDb(q.value(4));
    task.note = q.value(5).toString();
    task.addedAt = LedgerSql::timeOf(q.value(6));
    task.stateSince = LedgerSql::timeOf(q.value(7));
    task.firstSeenAt = LedgerSql::timeOf(q.value(8));
    task.lastPolledAt = LedgerSql::timeOf(q.value(9));
    task.finishedAt = LedgerSql::timeOf(q.value(10));
    task.lastError = q.value(11).toString();
    task.libraryLevel = q.value(12).toBool();
    task.taskType = q.value(13).toString();
    task.typedResult = typedResultFromDb(q.value(14));
    return task;
}

Expected<void> TaskStore::Private::loadConnections()
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(
            u"SELECT id, name, endpoint, library_id, space_id, user_id, ca_file, library_level, "
            "auth_kind FROM connections ORDER BY id"_s))
        return unexpected(Error::ledger(q.lastError().text()));
    while (q.next()) {
        Connection c;
        c.id = q.value(0).toLongLong();
        c.name = q.value(1).toString();
        c.settings.endpoint = QUrl(q.value(2).toString());
        c.settings.libraryId = q.value(3).toString();
        c.settings.spaceId = q.value(4).toString();
        c.settings.userId = q.value(5).toString();
        c.settings.caFile = q.value(6).toString();
        c.settings.libraryLevel = q.value(7).toBool();
        c.authKind = q.value(8).toString() == u"library_secret" ? AuthKind::LibrarySecret
                                                                : AuthKind::AccessToken;
        connections.insert(c.id, c);
    }
    return {};
}

Expected<void> TaskStore::Private::readTasks(
    const QSqlDatabase &database, const std::function<bool(QList<Task> &&)> &take)
{
    const Error cancelled = Error::ledger(TaskStore::tr("reading was cancelled"));
    QSqlQuery q(database);
    q.setForwardOnly(true);
    if (!q.exec(
            u"SELECT connection_id, task_id, state, status, result, note, added_at, state_since, "
            "first_seen_at, last_polled_at, finished_at, last_error, library_level, task_type, "
            "typed_result FROM tasks "
            "ORDER BY added_at, connection_id, task_id"_s))
        return unexpected(Error::ledger(q.lastError().text()));
    QList<Task> slice;
    slice.reserve(readSlice);
    while (q.next()) {
        slice.append(taskFromQuery(q));
        if (slice.size() == readSlice) {
            if (!take(std::exchange(slice, {})))
                return unexpected(cancelled);
            slice.reserve(readSlice);
        }
    }
    if (q.lastError().isValid())
        return unexpected(Error::ledger(q.lastError().text()));
    if (!slice.isEmpty() && !take(std::move(slice)))
        return unexpected(cancelled);
    return {};
}

void TaskStore::Private::stopReading()
{
    if (read)
        read->cancel = true;
    // It looks at `cancel` every slice it reads: the wait is short.
    if (reader && !reader->wait(QDeadlineTimer(30'000)))
        qCWarning(lcStore) << "the ledger reader did not stop in 30 s";
    reader.reset();
    read.reset();
    loading = false;
    announcer.stop();
}

TaskStore::TaskStore(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    WorkTurn::setUpNextTurn(d->announcer, this, [this] { publishLoadedSlice(); });
    // A look at data_version costs microseconds; the rows are read only when
    // another connection committed.
    d->watcher.setInterval(watchInterval);
    connect(&d->watcher, &QTimer::timeout, this, [this] { checkElsewhere(); });
    WorkTurn::setUpNextTurn(d->catchUpStep, this, [this] { continueCatchUp(false); });
    d->retry.setInterval(retryInterval);
    connect(&d->retry, &QTimer::timeout, this, &TaskStore::retryLedger);
    d->onLost = [this] {
        qCWarning(lcStore).noquote() << d->unreachable().message();
        d->retry.start();
        Q_EMIT reachabilityChanged(false);
    };
}

TaskStore::~TaskStore()
{
    d->stopReading();
    d->checkpointer.reset();
    d->watcher.stop();
    d->catchUpStep.stop();
    {
        QSqlDatabase database = d->db();
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(d->connectionName);
}

namespace {
QString &chosenLocation()
{
    static QString location;
    return location;
}
} // namespace

void TaskStore::setDefaultLocation(const QString &location)
{
    chosenLocation() = location;
}

bool TaskStore::exists(const QString &location)
{
    return LedgerLocation::isPostgres(location) || QFileInfo::exists(location);
}

QString TaskStore::defaultPath()
{
    return chosenLocation().isEmpty() ? localPath() : chosenLocation();
}

QString TaskStore::localPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(u"ledger.sqlite"_s);
}

bool TaskStore::isOpen() const
{
    return d->open;
}

QString TaskStore::path() const
{
    return d->path;
}

QString TaskStore::databaseName() const
{
    return d->open ? d->connectionName : QString();
}

Expected<void> TaskStore::addSchemaPart(const QString &part, const QList<Migration> &steps)
{
    d->parts.append({part, steps});
    if (!d->open)
        return {};
    const Expected<void> migrated = migratePart(d->db(), part, steps);
    if (!migrated || !d->postgres)
        return migrated;
    return d->notifyOthers(); // the part's new tables announce their writes too
}

void TaskStore::listenForOthers()
{
    QObject::disconnect(d->listening);
    if (!d->postgres)
        return;
    d->listening = connect(d->db().driver(), &QSqlDriver::notification, this,
        [this](const QString &channel, QSqlDriver::NotificationSource source) {
            // Our own writes come back too; only other sessions' count.
            if (source != QSqlDriver::OtherSource || channel != LedgerSql::notifyChannel())
                return;
            d->notified = true;
            checkElsewhere();
        });
}

bool TaskStore::isLoading() const
{
    return d->loading;
}

// Opening a ledger, a step at a time; any step's failure closes the store
// again (closeAfter), so that nothing is written to a ledger half looked at.

Expected<void> TaskStore::open(const QString &path, LoadMode mode)
{
    d->stopReading();
    d->probe.reset(); // it asked after the ledger open before
    d->checkpointer.reset();
    const bool inMemory = path == u":memory:";
    const bool atOnce = inMemory || mode == LoadMode::AtOnce;
    d->postgres = LedgerLocation::isPostgres(path);
    Expected<void> opened = inMemory || d->postgres ? Expected<void>() : Private::checkFile(path);
    if (opened)
        opened = d->openDatabase(path);
    if (opened)
        opened = d->prepareSchema(path, inMemory);
    if (opened && LedgerSql::hasWriteAheadLog(d->db()))
        d->checkpointElsewhere(path);
    if (opened && d->postgres)
        opened = d->notifyOthers();
    if (opened) {
        d->watchOthers(!inMemory);
        opened = d->readConnections();
    }
    if (opened && atOnce)
        opened = d->readTasksAtOnce();
    if (!opened) {
        d->closeAfter(opened.error());
        return opened;
    }
    d->whyClosed.reset();
    listenForOthers();
    if (!atOnce)
        d->startReading(this, path);
    return {};
}

void TaskStore::Private::checkpointElsewhere(const QString &file)
{
    checkpointer = std::make_unique<WalCheckpointer>(file);
    QSqlQuery q(db());
    if (checkpointer->isOpen() && q.exec(u"PRAGMA wal_autocheckpoint=0"_s))
        return;
    // SQLite's own, in the commits, as before.
    checkpointer.reset();
    q.exec(u"PRAGMA wal_autocheckpoint=1000"_s);
}

void TaskStore::Private::closeAfter(const Error &failure)
{
    whyClosed = failure;
    checkpointer.reset();
    watcher.stop();
    catchUp.reset();
    QSqlDatabase database = db();
    if (database.isOpen())
        database.close();
    open = false;
}

// The file, before SQLite touches it: a folder we may write, and either
// nothing yet or an SQLite file (SQLite would happily treat a foreign file
// as garbage to be overwritten by WAL recovery).
Expected<void> TaskStore::Private::checkFile(const QString &path)
{
    const QFileInfo info(path);
    if (const Expected<void> folder = PrivateFile::makeFolder(info.absolutePath()); !folder)
        return folder;
    // SQLite needs to write beside the ledger (its WAL) even to read it;
    // where it cannot, the ledger is not damaged and must not be called so.
    const QFileInfo folderInfo(info.absolutePath());
    if (!folderInfo.isWritable() || (info.exists() && !info.isWritable()))
        return unexpected(Error::ledger(
            TaskStore::tr("The task ledger \"%1\" cannot be written here: %2 is read-only. "
                          "The ledger itself is fine and was left untouched; make the folder "
                          "and the file writable, or start with another ledger.")
                .arg(path,
                    QDir::toNativeSeparators(
                        info.exists() && folderInfo.isWritable() ? path : info.absolutePath()))));
    if (info.exists()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return unexpected(Error::ledger(TaskStore::tr("Cannot read the task ledger \"%1\": %2")
                                                .arg(path, file.errorString())));
        const QByteArray head = file.read(16);
        if (!head.isEmpty() && head != QByteArrayLiteral("SQLite format 3\0"))
            return unexpected(Error::ledger(
                TaskStore::tr("\"%1\" is not a task ledger (not an SQLite database). It was left "
                              "untouched; move it away to start a new ledger.")
                    .arg(path)));
    }
    // Made private before SQLite writes a byte; its WAL files take the
    // ledger's permissions.
    return PrivateFile::prepare(path);
}

Expected<void> TaskStore::Private::openDatabase(const QString &location)
{
    if (QSqlDatabase::contains(connectionName)
        && QSqlDatabase::database(connectionName, false).driverName()
            != (postgres ? u"QPSQL"_s : u"QSQLITE"_s))
        QSqlDatabase::removeDatabase(connectionName); // another kind of ledger before
    // A private ledger is SQLite's temporary database (an empty name), not
    // ":memory:": the same privacy and lifetime, but its pages beyond a
    // bounded cache go to a file deleted on close instead of staying in the
    // process (a query of a million tasks kept some 200 MB of them).
    const QString file = location == u":memory:" ? QString() : location;
    Expected<QSqlDatabase> added = LedgerSql::addConnection(connectionName, file);
    if (!added)
        return unexpected(added.error());
    if (!added->open())
        return unexpected(
            Error::ledger(postgres ? TaskStore::tr("Cannot reach the task ledger %1: %2")
                                         .arg(LedgerLocation::display(location),
                                             LedgerSql::serverWords(added->lastError()))
                                   : TaskStore::tr("Cannot open the task ledger \"%1\": %2")
                                         .arg(location, added->lastError().text())));
    path = location;
    return {};
}

// PostgreSQL: every table of the ledger announces its writes on one channel
// (a statement trigger, so that the wings' tables do too, whoever wrote),
// and this connection listens to it. A missing trigger is added under the
// ledger's write lock, so that two monitors starting together do not
// collide.
Expected<void> TaskStore::Private::notifyOthers()
{
    const Expected<void> installed = WriteTransaction::run(db(), [](QSqlQuery &q) {
        QStringList bare;
        if (!q.exec(u"SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' "
                    "AND c.relnamespace = current_schema()::regnamespace AND NOT EXISTS "
                    "(SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
                    "AND t.tgname = 'smh_ledger_notify')"_s))
            return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
        while (q.next())
            bare << q.value(0).toString();
        q.finish();
        if (bare.isEmpty())
            return Expected<void>();
        if (!q.exec(u"CREATE OR REPLACE FUNCTION smh_ledger_notify() RETURNS trigger "
                    "LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('%1', ''); RETURN NULL; "
                    "END $$"_s.arg(LedgerSql::notifyChannel())))
            return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
        for (const QString &table : std::as_const(bare)) {
            if (!q.exec(u"CREATE TRIGGER smh_ledger_notify AFTER INSERT OR UPDATE OR DELETE "
                        "ON \"%1\" FOR EACH STATEMENT EXECUTE FUNCTION smh_ledger_notify()"_s.arg(
                            table)))
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
        }
        return Expected<void>();
    });
    if (!installed)
        return unexpected(installed.error().withMessage(
            TaskStore::tr("Cannot prepare the task ledger %1 for other monitors' changes: %2")
                .arg(LedgerLocation::display(path), installed.error().message())));
    QSqlDriver *driver = db().driver();
    if (!driver->subscribedToNotifications().contains(LedgerSql::notifyChannel())
        && !driver->subscribeToNotification(LedgerSql::notifyChannel()))
        return unexpected(Error::ledger(
            TaskStore::tr("Cannot listen to other monitors' changes on the task ledger %1: %2")
                .arg(LedgerLocation::display(path), driver->lastError().text())));
    return {};
}

// SQLite's verdict on the file, then its schema version: the version, or
// why the ledger is not read.
Expected<int> TaskStore::Private::checkLedger(QSqlQuery &q, const QString &path)
{
    if (LedgerSql::isPostgres(q)) {
        const std::optional<int> version = schemaVersionOf(q);
        if (!version)
            return unexpected(
                Error::ledger(TaskStore::tr("Cannot read the task ledger's version: %1")
                                  .arg(WriteTransaction::sentence(q.lastError()))));
        if (*version > schemaVersion)
            return unexpected(Error::ledger(
                TaskStore::tr("The task ledger %1 was written by a newer version of SMH Task "
                              "Monitor (schema %2, this version knows %3). It was left untouched.")
                    .arg(LedgerLocation::display(path))
                    .arg(*version)
                    .arg(schemaVersion)));
        return *version;
    }
    // Only SQLite's own verdict calls a ledger damaged; a full disk or a
    // lock held elsewhere is said as such, not "move it away".
    const bool checked = q.exec(u"PRAGMA quick_check"_s);
    if (!checked && !isDamage(q.lastError()))
        return unexpected(Error::ledger(TaskStore::tr("Cannot read the task ledger \"%1\": %2")
                                            .arg(path, WriteTransaction::sentence(q.lastError()))));
    if (!checked || !q.next() || q.value(0).toString() != u"ok")
        return unexpected(Error::ledger(
            TaskStore::tr("The task ledger \"%1\" is damaged (%2). It was left untouched; move it "
                          "away to start a new ledger.")
                .arg(
                    path, q.lastError().isValid() ? q.lastError().text() : q.value(0).toString())));
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
        return unexpected(Error::ledger(
            TaskStore::tr("Cannot read the task ledger's version: %1").arg(q.lastError().text())));
    const int version = q.value(0).toInt();
    if (version > schemaVersion)
        return unexpected(Error::ledger(
            TaskStore::tr("The task ledger \"%1\" was written by a newer version of SMH Task "
                          "Monitor (schema %2, this version knows %3). It was left untouched.")
                .arg(path)
                .arg(version)
                .arg(schemaVersion)));
    return version;
}

// Checks the ledger, sets how it is written, and brings its schema (and
// the wings' parts) up to date.
Expected<void> TaskStore::Private::prepareSchema(const QString &path, bool inMemory)
{
    QSqlDatabase database = db();
    QSqlQuery q(database);
    const Expected<int> version = checkLedger(q, path);
    if (!version)
        return unexpected(version.error());
    q.finish();

    // WAL: readers never block the writer, and a crash loses at most the
    // transaction in flight. synchronous=NORMAL is durable against process
    // crashes in WAL mode; only a power cut may lose the last commits.
    if (!inMemory && !postgres && !switchToWal(q))
        return unexpected(
            Error::ledger(TaskStore::tr("Cannot switch the task ledger to WAL mode: %1")
                              .arg(WriteTransaction::sentence(q.lastError()))));
    q.finish();
    if (!postgres) {
        // A private ledger ends with the process: nothing to make durable.
        q.exec(inMemory ? u"PRAGMA synchronous=OFF"_s : u"PRAGMA synchronous=NORMAL"_s);
        q.exec(u"PRAGMA foreign_keys=ON"_s);
    }
    if (inMemory)
        q.exec(u"PRAGMA cache_size=-%1"_s.arg(privateCacheKiB));

    open = true;
    if (*version < schemaVersion) {
        if (const auto migrated = migrate(database); !migrated)
            return unexpected(
                migrated.error().withMessage(TaskStore::tr("Cannot upgrade the task ledger: %1")
                                                 .arg(migrated.error().message())));
    }
    for (const auto &[part, steps] : std::as_const(parts)) {
        if (const auto migrated = migratePart(database, part, steps); !migrated)
            return unexpected(migrated.error().withMessage(
                TaskStore::tr("Cannot upgrade the task ledger \"%1\": %2")
                    .arg(path, migrated.error().message())));
    }
    return {};
}

// Forgets the previous ledger's rows and notes how far this one has been
// written, before its tasks are read: whatever is written after this point
// is taken in by the next catch-up.
void TaskStore::Private::watchOthers(bool file)
{
    tasks.clear();
    order.clear();
    connections.clear();
    catchUp.reset();
    shared = file;
    notified = false;
    lost = false;
    waitingTasks.clear();
    waitingTransitions.clear();
    retry.stop();
    seen = scalar(u"SELECT value FROM ledger_seq"_s).value_or(0);
    dataVersion = postgres ? std::nullopt : scalar(u"PRAGMA data_version"_s);
    if (shared)
        watcher.start();
    else
        watcher.stop();
}

Expected<void> TaskStore::Private::readConnections()
{
    if (const Expected<void> read = loadConnections(); !read)
        return unexpected(Error::ledger(
            TaskStore::tr("Cannot read the task ledger: %1").arg(read.error().message())));
    return {};
}

Expected<void> TaskStore::Private::readTasksAtOnce()
{
    auto keep = [this](QList<Task> &&slice) {
        remember(slice);
        return true;
    };
    if (const Expected<void> read = readTasks(db(), keep); !read)
        return unexpected(Error::ledger(
            TaskStore::tr("Cannot read the task ledger: %1").arg(read.error().message())));
    return {};
}

// A connection of its own on a worker thread (WAL: it reads while this one
// writes). Nothing writes tasks until the read is taken: adding waits for
// it, and polls only concern tasks already announced.
void TaskStore::Private::startReading(TaskStore *store, const QString &path)
{
    loading = true;
    auto shared = std::make_shared<BackgroundRead>();
    read = shared;
    // The store outlives the thread (stopReading waits for it), so the
    // worker may post to it.
    reader.reset(QThread::create([read = shared, path, store] {
        const QString name = u"smh-reader-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            const Expected<QSqlDatabase> added = LedgerSql::addConnection(name, path);
            QSqlDatabase database = added ? *added : QSqlDatabase();
            auto hand = [&read, store](QList<Task> &&slice) {
                if (read->cancel)
                    return false;
                bool first = false;
                {
                    const QMutexLocker lock(&read->mutex);
                    first = read->slices.isEmpty();
                    read->slices.append(std::move(slice));
                }
                if (first)
                    QMetaObject::invokeMethod(
                        store, [store] { store->publishLoadedSlice(); }, Qt::QueuedConnection);
                return true;
            };
            read->outcome = !added ? Expected<void>(unexpected(added.error()))
                : database.open()
                ? readTasks(database, hand)
                : Expected<void>(unexpected(Error::ledger(database.lastError().text())));
            database.close();
        }
        QSqlDatabase::removeDatabase(name);
    }));
    QObject::connect(reader.get(), &QThread::finished, store, [store, shared] {
        if (shared == store->d->read && store->d->loading)
            store->publishLoadedSlice();
    });
    reader->start();
}

// Announces what the worker has read so far, a few milliseconds at a time;
// once it has finished and everything is announced, the load is over.
void TaskStore::publishLoadedSlice(bool everything)
{
    if (!d->loading || !d->read)
        return;
    const std::shared_ptr<Private::BackgroundRead> read = d->read;
    const WorkTurn turn;
    bool more = false;
    while (d->loading) {
        QList<Task> slice;
        {
            const QMutexLocker lock(&read->mutex);
            if (read->slices.isEmpty())
                break;
            slice = read->slices.takeFirst();
            more = !read->slices.isEmpty();
        }
        d->remember(slice);
        // Each listener (table, planner, counts) works on a bounded piece.
        Q_EMIT tasksAdded(slice);
        if (!everything && more && turn.isSpent()) {
            d->announcer.start();
            return;
        }
    }
    if (!d->loading)
        return; // a listener needed everything at once (ensureLoaded)
    if (d->reader && d->reader->isRunning())
        return; // the worker posts again with its next slice, or QThread::finished
    {
        const QMutexLocker lock(&read->mutex);
        if (!read->slices.isEmpty()) {
            d->announcer.start();
            return;
        }
    }
    d->read.reset();
    d->reader.reset();
    d->loading = false;
    if (!read->outcome) {
        const Error failure = Error::ledger(
            tr("Cannot read the task ledger: %1").arg(read->outcome.error().message()));
        d->whyClosed = failure;
        d->open = false;
        d->checkpointer.reset();
        if (QSqlDatabase database = d->db(); database.isOpen())
            database.close();
        qCWarning(lcStore).noquote() << failure.message();
        Q_EMIT loadFailed(failure);
        return;
    }
#ifdef __GLIBC__
    // The reader's malloc arena keeps the pages of its freed temporaries
    // (every row's values) otherwise: hundreds of bytes per task for good.
    malloc_trim(0);
#endif
    Q_EMIT loadFinished();
}

Expected<void> TaskStore::ensureLoaded()
{
    if (d->loading) {
        if (d->reader && !d->reader->wait(QDeadlineTimer(60'000))) {
            d->stopReading();
            d->whyClosed = Error::ledger(tr("The task ledger took more than a minute to read."));
            d->open = false;
            Q_EMIT loadFailed(*d->whyClosed);
            return unexpected(*d->whyClosed);
        }
        d->announcer.stop();
        // Everything left, now.
        publishLoadedSlice(true);
    }
    if (!d->open)
        return unexpected(d->notOpen());
    return {};
}

QList<Connection> TaskStore::connections() const
{
    return d->connections.values();
}

std::optional<Connection> TaskStore::connection(qint64 id) const
{
    const auto it = d->connections.constFind(id);
    if (it == d->connections.cend())
        return std::nullopt;
    return *it;
}

namespace {

// The eight stored columns, in the order both statements name them.
void bindConnection(QSqlQuery &q, const Connection &connection)
{
    q.addBindValue(connection.name);
    q.addBindValue(connection.settings.endpoint.toString());
    q.addBindValue(connection.settings.libraryId);
    q.addBindValue(connection.settings.spaceId);
    q.addBindValue(connection.settings.userId);
    q.addBindValue(connection.settings.caFile);
    q.addBindValue(int(connection.settings.libraryLevel)); // a number in either database
    q.addBindValue(authKindKey(connection.authKind));
}

} // namespace

Expected<qint64> TaskStore::addConnection(const Connection &given)
{
    const Connection connection = withoutCredentials(given);
    qint64 id = 0;
    const Expected<void> written = d->write([&](QSqlQuery &q, qint64 seq) {
        if (!q.prepare(u"INSERT INTO connections (name, endpoint, library_id, space_id, user_id, "
                       "ca_file, library_level, auth_kind, change_seq) VALUES (COALESCE(?, ''), "
                       "COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''), COALESCE(?, ''), "
                       "COALESCE(?, ''), ?, ?, ?)"_s))
            return false;
        bindConnection(q, connection);
        q.addBindValue(seq);
        if (!q.exec())
            return false;
        id = LedgerSql::insertedId(q).value_or(0);
        return id > 0;
    });
    if (!written)
        return unexpected(written.error());
    Connection stored = connection;
    stored.id = id;
    d->connections.insert(id, stored);
    Q_EMIT connectionsChanged();
    return id;
}

Expected<void> TaskStore::updateConnection(const Connection &given)
{
    const Connection connection = withoutCredentials(given);
    if (!d->connections.contains(connection.id))
        return unexpected(Error::input(tr("There is no connection %1.").arg(connection.id)));
    const Expected<void> written = d->write([&](QSqlQuery &q, qint64 seq) {
        // COALESCE: a null QString binds as NULL, but "not set" means empty here.
        if (!q.prepare(
                u"UPDATE connections SET name = COALESCE(?, ''), endpoint = COALESCE(?, ''), "
                "library_id = COALESCE(?, ''), space_id = COALESCE(?, ''), "
                "user_id = COALESCE(?, ''), ca_file = COALESCE(?, ''), library_level = ?, "
                "auth_kind = ?, change_seq = ? WHERE id = ?"_s))
            return false;
        bindConnection(q, connection);
        q.addBindValue(seq);
        q.addBindValue(connection.id);
        return q.exec();
    });
    if (!written)
        return written;
    d->connections.insert(connection.id, connection);
    Q_EMIT connectionsChanged();
    return {};
}

Expected<void> TaskStore::removeConnection(qint64 id)
{
    if (!d->connections.contains(id))
        return {};
    if (const Expected<void> loaded = ensureLoaded(); !loaded)
        return loaded;
    QList<TaskKey> removed;
    for (const TaskKey &key : std::as_const(d->order)) {
        if (key.connectionId == id)
            removed.append(key);
    }
    // Explicit deletes rather than relying on the cascade alone: the rows go
    // even if a file was ever written with foreign keys off.
    const Expected<void> written = d->write([id](QSqlQuery &q, qint64 seq) {
        for (const QString &statement : {u"DELETE FROM transitions WHERE connection_id = ?"_s,
                 u"DELETE FROM tasks WHERE connection_id = ?"_s,
                 u"DELETE FROM connections WHERE id = ?"_s}) {
            if (!q.prepare(statement))
                return false;
            q.addBindValue(id);
            if (!q.exec())
                return false;
        }
        // One tombstone for the connection and every task it had.
        if (!q.prepare(u"INSERT INTO ledger_removals (seq, connection_id, task_id, at) "
                       "VALUES (?, ?, NULL, ?)"_s))
            return false;
        q.addBindValue(seq);
        q.addBindValue(id);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        return q.exec();
    });
    if (!written)
        return written;
    for (const TaskKey &key : std::as_const(removed))
        d->tasks.remove(key);
    d->order.removeIf([id](const TaskKey &key) { return key.connectionId == id; });
    d->connections.remove(id);
    if (!removed.isEmpty())
        Q_EMIT tasksRemoved(removed);
    Q_EMIT connectionsChanged();
    return {};
}

QList<Task> TaskStore::tasks() const
{
    QList<Task> list;
    list.reserve(d->order.size());
    for (const TaskKey &key : std::as_const(d->order))
        list.append(d->tasks.value(key));
    return list;
}

bool TaskStore::contains(const TaskKey &key) const
{
    return d->tasks.contains(key);
}

std::optional<Task> TaskStore::task(const TaskKey &key) const
{
    const auto it = d->tasks.constFind(key);
    if (it == d->tasks.cend())
        return std::nullopt;
    return *it;
}

qsizetype TaskStore::taskCount() const
{
    return d->tasks.size();
}

namespace {

// Qt's bindValue(int) formats the placeholder's name anew for every value
// (QSqlResult::bindValue(int) calls QString::arg), which cost more than
// SQLite's own work for a row; binding by a name made once costs a fraction.
// The statements below name their values :v0, :v1, ...
class Binder
{
public:
    explicit Binder(QSqlQuery &query)
        : q(query)
    { }
    void operator()(int index, const QVariant &value) { q.bindValue(name(index), value); }

private:
    static const QString &name(int index)
    {
        static const QStringList names = [] {
            QStringList list;
            for (int i = 0; i < 16; ++i)
                list.append(u":v%1"_s.arg(i));
            return list;
        }();
        return names.at(index);
    }

    QSqlQuery &q;
};

// Writes every column of a task; one prepared statement reused for a batch.
// `seq`: the write's sequence number (schema 5). New tasks (`onlyNew`) leave
// a row another process added meanwhile as it is.
// What an existing row takes from the statement: every column, none (new
// tasks only), or what a poll says (results kept while the server was away
// leave a note or scope another monitor set meanwhile alone).
enum class Upsert {
    Whole,
    OnlyNew,
    PollColumns
};

bool upsertTasks(QSqlQuery &q, const QList<Task> &tasks, qint64 seq, Upsert mode = Upsert::Whole)
{
    const bool onlyNew = mode == Upsert::OnlyNew;
    // An upsert, not INSERT OR REPLACE: a replace deletes the row first, and
    // the delete would cascade to the task's timeline.
    if (!q.prepare(u"INSERT INTO tasks (connection_id, task_id, state, status, result, note, "
                   "added_at, state_since, first_seen_at, last_polled_at, finished_at, last_error, "
                   "library_level, task_type, typed_result, change_seq) VALUES (:v0, :v1, :v2, "
                   ":v3, :v4, COALESCE(:v5, ''), :v6, :v7, :v8, :v9, :v10, COALESCE(:v11, ''), "
                   ":v12, COALESCE(:v13, ''), :v14, :v15) "_s
            + (onlyNew ? u"ON CONFLICT (connection_id, task_id) DO NOTHING"_s
                    : mode == Upsert::PollColumns
                    ? u"ON CONFLICT (connection_id, task_id) DO UPDATE SET state = excluded.state, "
                      "status = excluded.status, result = excluded.result, "
                      "state_since = excluded.state_since, "
                      "first_seen_at = excluded.first_seen_at, "
                      "last_polled_at = excluded.last_polled_at, "
                      "finished_at = excluded.finished_at, last_error = excluded.last_error, "
                      "task_type = excluded.task_type, typed_result = excluded.typed_result, "
                      "change_seq = excluded.change_seq"_s
                    : u"ON CONFLICT (connection_id, task_id) DO UPDATE SET state = excluded.state, "
                      "status = excluded.status, result = excluded.result, note = excluded.note, "
                      "added_at = excluded.added_at, state_since = excluded.state_since, "
                      "first_seen_at = excluded.first_seen_at, "
                      "last_polled_at = excluded.last_polled_at, "
                      "finished_at = excluded.finished_at, last_error = excluded.last_error, "
                      "library_level = excluded.library_level, task_type = excluded.task_type, "
                      "typed_result = excluded.typed_result, change_seq = excluded.change_seq"_s)))
        return false;
    Binder bind(q);
    for (const Task &task : tasks) {
        bind(0, task.key.connectionId);
        bind(1, task.key.taskId);
        bind(2, TaskStates::key(task.state));
        bind(3, task.status);
        bind(4, resultToDb(task.result));
        bind(5, task.note);
        bind(6, LedgerSql::timeValue(task.addedAt));
        bind(7, LedgerSql::timeValue(task.stateSince));
        bind(8, LedgerSql::timeValue(task.firstSeenAt));
        bind(9, LedgerSql::timeValue(task.lastPolledAt));
        bind(10, LedgerSql::timeValue(task.finishedAt));
        bind(11, task.lastError);
        bind(12, int(task.libraryLevel));
        bind(13, task.taskType);
        bind(14, typedResultToDb(task.typedResult));
        bind(15, seq);
        if (!q.exec())
            return false;
    }
    return true;
}

// New tasks, as addTasks makes them: one connection, note, time and scope,
// the state and every other column at its start. On SQLite the rows go in
// with one statement over the IDs as a JSON array: binding sixteen values a
// row through QSqlQuery cost more than SQLite's own insert (a first start of
// 100,000 IDs spent most of its GUI-thread time there). A row another
// process added meanwhile is left as it is. PostgreSQL (and an SQLite
// without JSON) takes them a row at a time.
bool insertNewTasks(QSqlQuery &q, const QList<Task> &tasks, qint64 seq)
{
    if (tasks.isEmpty())
        return true;
    const Task &first = tasks.constFirst();
    const bool oneShape = std::all_of(tasks.cbegin(), tasks.cend(), [&first](const Task &task) {
        return task.key.connectionId == first.key.connectionId && task.note == first.note
            && task.addedAt == first.addedAt && task.stateSince == first.stateSince
            && task.libraryLevel == first.libraryLevel && task.state == first.state;
    });
    if (!oneShape || LedgerSql::isPostgres(q)
        || !q.prepare(u"INSERT INTO tasks (connection_id, task_id, state, status, result, note, "
                      "added_at, state_since, first_seen_at, last_polled_at, finished_at, "
                      "last_error, library_level, task_type, typed_result, change_seq) "
                      "SELECT ?, value, ?, 0, NULL, ?, ?, ?, NULL, NULL, NULL, '', ?, '', NULL, ? "
                      "FROM json_each(?) WHERE true "
                      "ON CONFLICT (connection_id, task_id) DO NOTHING"_s))
        return upsertTasks(q, tasks, seq, Upsert::OnlyNew);
    q.bindValue(0, first.key.connectionId);
    q.bindValue(1, TaskStates::key(first.state));
    q.bindValue(2, first.note.isNull() ? u""_s : first.note);
    q.bindValue(3, LedgerSql::timeValue(first.addedAt));
    q.bindValue(4, LedgerSql::timeValue(first.stateSince));
    q.bindValue(5, int(first.libraryLevel));
    q.bindValue(6, seq);
    // A few thousand IDs a statement: `query` adds a million at once, and
    // their array (and SQLite's parse of it) need not be in memory whole.
    constexpr qsizetype perStatement = 4096;
    for (qsizetype at = 0; at < tasks.size(); at += perStatement) {
        QByteArray ids;
        ids.reserve(std::min(perStatement, tasks.size() - at) * 12 + 2);
        ids += '[';
        for (qsizetype i = at; i < std::min(at + perStatement, tasks.size()); ++i) {
            if (i > at)
                ids += ',';
            ids += QByteArray::number(tasks.at(i).key.taskId);
        }
        ids += ']';
        q.bindValue(7, QString::fromLatin1(ids));
        if (!q.exec())
            return false;
    }
    return true;
}

// Adds to `missing` the tasks of `chunk` (one connection) that have no row.
bool findMissing(QSqlQuery &q, const QList<Task> &chunk, QList<Task> &missing)
{
    QString ids;
    for (const Task &task : chunk)
        ids += (ids.isEmpty() ? u""_s : u","_s) + QString::number(task.key.taskId);
    if (!q.exec(u"SELECT task_id FROM tasks WHERE connection_id = %1 AND task_id IN (%2)"_s.arg(
            QString::number(chunk.constFirst().key.connectionId), ids)))
        return false;
    QSet<qint64> present;
    while (q.next())
        present.insert(q.value(0).toLongLong());
    q.finish();
    for (const Task &task : chunk) {
        if (!present.contains(task.key.taskId))
            missing.append(task);
    }
    return true;
}

// Most answers say "still running": only the poll time moves, and writing
// that one column costs a fraction of the whole row. The tasks polled at the
// same moment are touched by one statement per few hundred; a row missing
// from the file (deleted behind our back) is written whole again.
bool touchLastPolled(QSqlQuery &q, const QList<Task> &tasks, qint64 seq)
{
    constexpr qsizetype idsPerStatement = 500;
    QList<Task> missing;
    for (qsizetype from = 0; from < tasks.size();) {
        const Task &first = tasks.at(from);
        qsizetype to = from + 1;
        while (to < tasks.size() && to - from < idsPerStatement
            && tasks.at(to).key.connectionId == first.key.connectionId
            && tasks.at(to).lastPolledAt == first.lastPolledAt)
            ++to;
        // Integers written as their digits (never text from outside): one
        // statement, nothing to bind (see Binder for what binding costs).
        QString ids;
        for (qsizetype i = from; i < to; ++i)
            ids += (i == from ? u""_s : u","_s) + QString::number(tasks.at(i).key.taskId);
        const QVariant when = LedgerSql::timeValue(first.lastPolledAt);
        if (!q.exec(u"UPDATE tasks SET last_polled_at = %1, change_seq = %2 "
                    "WHERE connection_id = %3 AND task_id IN (%4)"_s.arg(
                        when.isNull() ? u"NULL"_s : QString::number(when.toLongLong()),
                        QString::number(seq), QString::number(first.key.connectionId), ids)))
            return false;
        if (q.numRowsAffected() < to - from && !findMissing(q, tasks.mid(from, to - from), missing))
            return false;
        from = to;
    }
    return missing.isEmpty() || upsertTasks(q, missing, seq);
}

bool insertTransitions(QSqlQuery &q, const QList<TaskTransition> &transitions)
{
    if (transitions.isEmpty())
        return true;
    if (!q.prepare(
            u"INSERT INTO transitions (connection_id, task_id, from_state, to_state, status, at) "
            "VALUES (:v0, :v1, :v2, :v3, :v4, :v5)"_s))
        return false;
    Binder bind(q);
    for (const TaskTransition &t : transitions) {
        bind(0, t.key.connectionId);
        bind(1, t.key.taskId);
        bind(2, TaskStates::key(t.from));
        bind(3, TaskStates::key(t.to));
        bind(4, t.status);
        bind(5, t.at.toMSecsSinceEpoch());
        if (!q.exec())
            return false;
    }
    return true;
}

} // namespace

Expected<QList<Task>> TaskStore::addTasks(qint64 connectionId, const QList<qint64> &taskIds,
    const QString &note, const QDateTime &now, std::optional<bool> libraryLevel)
{
    // A task still being read would otherwise look new and be written over.
    if (const Expected<void> loaded = ensureLoaded(); !loaded)
        return unexpected(loaded.error());
    // Tasks another process added are not new: take them in first (this
    // may change the connections too, so they are looked at afterwards).
    checkElsewhere(true);
    const auto connection = d->connections.constFind(connectionId);
    if (connection == d->connections.cend())
        return unexpected(Error::input(tr("There is no connection %1.").arg(connectionId)));
    const bool scope = libraryLevel.value_or(connection->settings.libraryLevel);
    QList<Task> added;
    QSet<qint64> seen;
    for (qint64 id : taskIds) {
        const TaskKey key {connectionId, id};
        if (d->tasks.contains(key) || seen.contains(id))
            continue;
        seen.insert(id);
        Task task;
        task.key = key;
        task.note = note;
        task.addedAt = now;
        task.stateSince = now;
        task.libraryLevel = scope;
        added.append(task);
    }
    if (added.isEmpty())
        return added; // nothing new is no failure
    if (d->tasks.size() + added.size() > m_taskLimit)
        return unexpected(
            Error::input(tr("The ledger may hold at most %1 tasks; remove finished ones first.")
                             .arg(m_taskLimit)));
    if (const Expected<void> written =
            d->write([&added](QSqlQuery &q, qint64 seq) { return insertNewTasks(q, added, seq); });
        !written)
        return unexpected(written.error());
    d->remember(added);
    Q_EMIT tasksAdded(added);
    return added;
}

Expected<void> TaskStore::removeTasks(const QList<TaskKey> &keys)
{
    QList<TaskKey> present;
    QSet<TaskKey> seen;
    for (const TaskKey &key : keys) {
        if (d->tasks.contains(key) && !seen.contains(key)) {
            seen.insert(key);
            present.append(key);
        }
    }
    if (present.isEmpty())
        return {};
    // One query for both statements, so that a failure's reason is where
    // transact() looks for it.
    const Expected<void> written = d->write([&present](QSqlQuery &q, qint64 seq) {
        for (const QString &table : {u"transitions"_s, u"tasks"_s}) {
            if (!q.prepare(u"DELETE FROM %1 WHERE connection_id = ? AND task_id = ?"_s.arg(table)))
                return false;
            for (const TaskKey &key : present) {
                q.bindValue(0, key.connectionId);
                q.bindValue(1, key.taskId);
                if (!q.exec())
                    return false;
            }
        }
        // Tombstones: other processes learn of the removal from them.
        if (!q.prepare(u"INSERT INTO ledger_removals (seq, connection_id, task_id, at) "
                       "VALUES (?, ?, ?, ?)"_s))
            return false;
        const qint64 at = QDateTime::currentMSecsSinceEpoch();
        for (const TaskKey &key : present) {
            q.bindValue(0, seq);
            q.bindValue(1, key.connectionId);
            q.bindValue(2, key.taskId);
            q.bindValue(3, at);
            if (!q.exec())
                return false;
        }
        return true;
    });
    if (!written)
        return written;
    for (const TaskKey &key : std::as_const(present))
        d->tasks.remove(key);
    d->order.removeIf([&seen](const TaskKey &key) { return seen.contains(key); });
    Q_EMIT tasksRemoved(present);
    return {};
}

Expected<void> TaskStore::setNote(const TaskKey &key, const QString &note)
{
    const auto it = d->tasks.constFind(key);
    if (it == d->tasks.cend())
        return unexpected(Error::input(tr("This task is no longer watched.")));
    if (it->note == note)
        return {};
    Task changed = *it;
    changed.note = note;
    const Expected<void> written =
        d->write([&changed](QSqlQuery &q, qint64 seq) { return upsertTasks(q, {changed}, seq); });
    if (!written)
        return written;
    announce({changed}, {});
    return {};
}

Expected<QList<TaskTransition>> TaskStore::applyObservations(
    const QList<TaskObservation> &observations)
{
    QList<Task> changed;
    QList<TaskTransition> transitions;
    changed.reserve(observations.size());
    QHash<TaskKey, qsizetype> indexOf; // the same task twice in a batch: the last wins
    for (const TaskObservation &o : observations) {
        const auto existing = indexOf.constFind(o.key);
        const Task *current = existing != indexOf.cend() ? &changed.at(*existing) : nullptr;
        if (!current) {
            const auto it = d->tasks.constFind(o.key);
            if (it == d->tasks.cend())
                continue; // removed while its request was out
            current = &*it;
        }
        Task task = *current;
        // v2's verdict, once learned, outlives v1's coarser re-answers.
        const TaskState observed =
            TaskStates::refine(o.state, task.typedResult.value(u"status").toInt());
        if (task.state != observed) {
            transitions.append({o.key, task.state, observed, o.status, o.polledAt});
            // Running again after a final answer: that end no longer stands.
            if (task.isFinal() && !TaskStates::isFinal(observed))
                task.finishedAt = {};
            task.state = observed;
            task.stateSince = o.polledAt;
        } else if (o.recheck && task.isFinal()) {
            transitions.append({o.key, task.state, observed, o.status, o.polledAt});
        }
        task.status = o.status;
        // A result, once seen, is kept: a later answer without one (the same
        // task reported as 204 by a retrying backend, say) must not erase it.
        if (o.result)
            task.result = o.result;
        task.lastPolledAt = o.polledAt;
        if (!task.firstSeenAt.isValid() && o.state != TaskState::Queued)
            task.firstSeenAt = o.polledAt;
        if (!task.finishedAt.isValid() && TaskStates::isFinal(o.state))
            task.finishedAt = o.polledAt;
        // An answer about the task supersedes an old error about it; one that
        // could not be read says why.
        task.lastError = o.error;
        if (existing != indexOf.cend()) {
            changed[*existing] = task;
        } else {
            indexOf.insert(o.key, changed.size());
            changed.append(task);
        }
    }
    // One look at the cached row per task: unchanged ones are dropped, and
    // those whose poll time alone moved get the narrow update.
    QList<Task> rewritten;
    QList<Task> polledOnly;
    changed.removeIf([&](const Task &task) {
        const Task &before = *d->tasks.constFind(task.key); // skipped above if missing
        if (before == task)
            return true;
        Task moved = before;
        moved.lastPolledAt = task.lastPolledAt;
        (moved == task ? polledOnly : rewritten).append(task);
        return false;
    });
    if (changed.isEmpty())
        return QList<TaskTransition>();
    const Expected<void> written = d->write([&](QSqlQuery &q, qint64 seq) {
        return upsertTasks(q, rewritten, seq) && touchLastPolled(q, polledOnly, seq)
            && insertTransitions(q, transitions);
    });
    if (!written && !keepWhileLost(changed, transitions))
        return unexpected(written.error());
    announce(changed, transitions);
    return transitions;
}

void TaskStore::announce(const QList<Task> &changed, const QList<TaskTransition> &transitions)
{
    for (const Task &task : changed)
        d->tasks.insert(task.key, task);
    Q_EMIT tasksChanged(changed);
    if (!transitions.isEmpty())
        Q_EMIT transitioned(transitions);
}

Expected<QList<TaskTransition>> TaskStore::applyTypedResults(
    const QList<std::pair<TaskKey, TypedTaskResult>> &results, const QDateTime &now)
{
    QList<Task> changed;
    QList<TaskTransition> transitions;
    for (const auto &[key, typed] : results) {
        const auto it = d->tasks.constFind(key);
        if (it == d->tasks.cend())
            continue; // removed while its request was out
        Task task = *it;
        task.taskType = typed.taskType;
        task.typedResult = typed.raw;
        const TaskState refined = TaskStates::refine(task.state, typed.status);
        if (refined != task.state) {
            transitions.append({key, task.state, refined, task.status, now});
            task.state = refined;
            task.stateSince = now;
        }
        if (task != *it)
            changed.append(task);
    }
    if (changed.isEmpty())
        return QList<TaskTransition>();
    const Expected<void> written = d->write([&](QSqlQuery &q, qint64 seq) {
        return upsertTasks(q, changed, seq) && insertTransitions(q, transitions);
    });
    if (!written && !keepWhileLost(changed, transitions))
        return unexpected(written.error());
    announce(changed, transitions);
    return transitions;
}

Expected<void> TaskStore::setLastError(const QList<TaskKey> &keys, const QString &redactedError)
{
    QList<Task> changed;
    for (const TaskKey &key : keys) {
        const auto it = d->tasks.constFind(key);
        if (it != d->tasks.cend() && it->lastError != redactedError) {
            Task task = *it;
            task.lastError = redactedError;
            changed.append(task);
        }
    }
    if (changed.isEmpty())
        return {};
    const Expected<void> written =
        d->write([&changed](QSqlQuery &q, qint64 seq) { return upsertTasks(q, changed, seq); });
    if (!written && !keepWhileLost(changed, {}))
        return written;
    announce(changed, {});
    return {};
}

bool TaskStore::keepWhileLost(const QList<Task> &changed, const QList<TaskTransition> &transitions)
{
    if (!d->lost)
        return false;
    for (const Task &task : changed)
        d->waitingTasks.insert(task.key, task);
    d->waitingTransitions += transitions;
    return true;
}

bool TaskStore::isReachable() const
{
    return !d->lost;
}

qsizetype TaskStore::waitingWrites() const
{
    return d->waitingTasks.size() + d->waitingTransitions.size();
}

// The server is tried again every few seconds; once it answers, what polls
// found meanwhile is written in one transaction, then what others wrote
// meanwhile is read.
void TaskStore::retryLedger()
{
    if (!d->lost)
        return;
    // Connecting waits up to libpq's connect timeout for a server that does
    // not answer (a network cut): asked off the GUI thread first, and
    // connected to here only once it answers.
    if (!std::exchange(d->serverAnswered, false)) {
        if (!d->probe) {
            d->probe = std::make_unique<LedgerPing>(d->path);
            connect(d->probe.get(), &LedgerPing::finished, this,
                [this](const Expected<void> &answered) {
                    d->serverAnswered = bool(answered);
                    if (answered)
                        retryLedger();
                });
        }
        d->probe->start();
        return;
    }
    if (!d->reconnect())
        return;
    d->lost = false;
    QList<Task> tasks;
    tasks.reserve(d->waitingTasks.size());
    for (const Task &task : std::as_const(d->waitingTasks)) {
        if (d->tasks.contains(task.key)) // not removed meanwhile
            tasks.append(task);
    }
    const QList<TaskTransition> transitions = d->waitingTransitions;
    const Expected<void> written = d->write([&](QSqlQuery &q, qint64 seq) {
        return upsertTasks(q, tasks, seq, Upsert::PollColumns) && insertTransitions(q, transitions);
    });
    if (!written && d->lost)
        return; // away again: the next try
    if (!written)
        qCWarning(lcStore).noquote() << written.error().message();
    d->waitingTasks.clear();
    d->waitingTransitions.clear();
    d->retry.stop();
    Q_EMIT reachabilityChanged(true);
    checkElsewhere();
}

QList<TaskTransition> TaskStore::timeline(const TaskKey &key) const
{
    QList<TaskTransition> list;
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    q.prepare(u"SELECT from_state, to_state, status, at FROM transitions "
              "WHERE connection_id = ? AND task_id = ? ORDER BY at, id"_s);
    q.addBindValue(key.connectionId);
    q.addBindValue(key.taskId);
    if (!q.exec())
        return list;
    while (q.next()) {
        TaskTransition t;
        t.key = key;
        t.from = TaskStates::fromKey(q.value(0).toString()).value_or(TaskState::Unknown);
        t.to = TaskStates::fromKey(q.value(1).toString()).value_or(TaskState::Unknown);
        t.status = q.value(2).toInt();
        t.at = LedgerSql::timeOf(q.value(3));
        list.append(t);
    }
    return list;
}

// ---- What other processes wrote (schema 5) ----

void TaskStore::checkElsewhere(bool now)
{
    if (!d->open || !d->shared || d->loading || d->lost)
        return;
    if (d->catchUp) {
        if (now)
            continueCatchUp(true);
        return;
    }
    // A notification may still be on its way when everything is needed now
    // (adding tasks): PostgreSQL is then asked for its last number.
    const bool committed = d->othersCommitted();
    const bool askServer = !committed && now && d->postgres;
    if (!committed && !askServer)
        return;
    const std::optional<qint64> target = d->scalar(u"SELECT value FROM ledger_seq"_s);
    if (!target || (askServer && *target <= d->seen))
        return;
    if (*target <= d->seen) {
        Q_EMIT changedElsewhere(); // other tables (history), or nothing of ours
        return;
    }
    Private::CatchUp pass;
    pass.target = *target;
    pass.seqCursor = d->seen;
    d->catchUp = pass;
    if (!takeConnections())
        return abandonCatchUp();
    continueCatchUp(now);
}

void TaskStore::abandonCatchUp()
{
    // Tried again at the next look: data_version is read afresh.
    qCWarning(lcStore).noquote() << "cannot read other processes' changes:"
                                 << d->db().lastError().text();
    d->catchUp.reset();
    d->catchUpStep.stop();
    d->dataVersion.reset();
    d->notified = true;
}

bool TaskStore::takeConnections()
{
    QSqlQuery q(d->db());
    q.prepare(u"SELECT (SELECT count(*) FROM connections WHERE change_seq > ?) + "
              "(SELECT count(*) FROM ledger_removals WHERE seq > ? AND task_id IS NULL)"_s);
    q.addBindValue(d->seen);
    q.addBindValue(d->seen);
    if (!q.exec() || !q.next())
        return false;
    if (q.value(0).toLongLong() == 0)
        return true;
    q.finish();
    // A handful of rows: read them all again.
    const QHash<qint64, Connection> before = std::exchange(d->connections, {});
    if (!d->loadConnections()) {
        d->connections = before;
        return false;
    }
    QList<TaskKey> removed;
    for (const TaskKey &key : std::as_const(d->order)) {
        if (!d->connections.contains(key.connectionId))
            removed.append(key);
    }
    if (!removed.isEmpty()) {
        for (const TaskKey &key : std::as_const(removed))
            d->tasks.remove(key);
        d->order.removeIf([this](const TaskKey &key) { return !d->tasks.contains(key); });
        Q_EMIT tasksRemoved(removed);
    }
    Q_EMIT connectionsChanged();
    return true;
}

// A slice at a time, a few milliseconds per turn of the event loop, unless
// `everything` is needed now (adding tasks).
void TaskStore::continueCatchUp(bool everything)
{
    const WorkTurn turn;
    while (d->catchUp) {
        const std::optional<bool> more =
            d->catchUp->removalsDone ? takeChangedTasks() : takeRemovals();
        if (!more)
            return abandonCatchUp();
        if (!*more) {
            if (!d->catchUp->removalsDone) {
                d->catchUp->removalsDone = true;
                continue;
            }
            d->seen = std::max(d->seen, d->catchUp->target);
            d->catchUp.reset();
            Q_EMIT changedElsewhere();
            return;
        }
        if (!everything && turn.isSpent()) {
            d->catchUpStep.start();
            return;
        }
    }
}

std::optional<bool> TaskStore::takeRemovals()
{
    Private::CatchUp &pass = *d->catchUp;
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    q.prepare(u"SELECT rowid, connection_id, task_id FROM ledger_removals WHERE seq > ? "
              "AND seq <= ? AND rowid > ? AND task_id IS NOT NULL ORDER BY rowid LIMIT ?"_s);
    q.addBindValue(d->seen);
    q.addBindValue(pass.target);
    q.addBindValue(pass.removalCursor);
    q.addBindValue(Private::catchUpSlice);
    if (!q.exec())
        return std::nullopt;
    qsizetype rows = 0;
    QList<TaskKey> removed;
    QSet<TaskKey> gone;
    while (q.next()) {
        ++rows;
        pass.removalCursor = q.value(0).toLongLong();
        const TaskKey key {q.value(1).toLongLong(), q.value(2).toLongLong()};
        if (d->tasks.remove(key)) {
            removed.append(key);
            gone.insert(key);
        }
    }
    if (q.lastError().isValid())
        return std::nullopt;
    if (!removed.isEmpty()) {
        d->order.removeIf([&gone](const TaskKey &key) { return gone.contains(key); });
        Q_EMIT tasksRemoved(removed);
    }
    return rows == Private::catchUpSlice;
}

std::optional<bool> TaskStore::takeChangedTasks()
{
    Private::CatchUp &pass = *d->catchUp;
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    q.prepare(u"SELECT connection_id, task_id, state, status, result, note, added_at, "
              "state_since, first_seen_at, last_polled_at, finished_at, last_error, "
              "library_level, task_type, typed_result, change_seq FROM tasks "
              "WHERE (change_seq, connection_id, task_id) > (?, ?, ?) AND change_seq <= ? "
              "ORDER BY change_seq, connection_id, task_id LIMIT ?"_s);
    q.addBindValue(pass.seqCursor);
    q.addBindValue(pass.connectionCursor);
    q.addBindValue(pass.taskCursor);
    q.addBindValue(pass.target);
    q.addBindValue(Private::catchUpSlice);
    if (!q.exec())
        return std::nullopt;
    qsizetype rows = 0;
    QList<Task> added;
    QList<Task> changed;
    QList<TaskTransition> transitions;
    while (q.next()) {
        ++rows;
        Task task = Private::taskFromQuery(q);
        pass.seqCursor = q.value(15).toLongLong();
        pass.connectionCursor = task.key.connectionId;
        pass.taskCursor = task.key.taskId;
        if (!d->connections.contains(task.key.connectionId))
            continue;
        const auto it = d->tasks.constFind(task.key);
        if (it == d->tasks.cend()) {
            added.append(task);
            continue;
        }
        if (*it == task)
            continue; // this store's own write, read back
        if (task.result == it->result)
            task.result = it->result; // shared, not a second copy
        if (task.state != it->state)
            transitions.append({task.key, it->state, task.state, task.status, task.stateSince});
        changed.append(task);
    }
    if (q.lastError().isValid())
        return std::nullopt;
    q.finish();
    if (d->order.size() + added.size() > m_taskLimit)
        added.resize(std::max<qsizetype>(0, m_taskLimit - d->order.size()));
    if (!added.isEmpty()) {
        d->remember(added);
        Q_EMIT tasksAdded(added);
    }
    if (!changed.isEmpty())
        announce(changed, transitions);
    if (!added.isEmpty() || !changed.isEmpty())
        Q_EMIT tasksChangedElsewhere(added + changed);
    return rows == Private::catchUpSlice;
}

QHash<qint64, QDateTime> TaskStore::lastPolledInLedger(
    qint64 connectionId, const QList<qint64> &taskIds) const
{
    QHash<qint64, QDateTime> polled;
    if (!d->open || !d->shared || taskIds.isEmpty())
        return polled;
    // Numbers only, written by us: safe in the statement's text, and one
    // statement for a whole cycle's IDs.
    QString list;
    list.reserve(taskIds.size() * 10);
    for (qint64 id : taskIds) {
        if (!list.isEmpty())
            list += u',';
        list += QString::number(id);
    }
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT task_id, last_polled_at FROM tasks WHERE connection_id = %1 "
                "AND last_polled_at IS NOT NULL AND task_id IN (%2)"_s.arg(connectionId)
                    .arg(list)))
        return polled;
    polled.reserve(taskIds.size());
    while (q.next())
        polled.insert(q.value(0).toLongLong(), LedgerSql::timeOf(q.value(1)));
    return polled;
}

bool TaskStore::hasUnseenWrites() const
{
    if (!d->open || !d->shared)
        return false;
    if (d->postgres)
        return d->catchUp || d->notified;
    return d->catchUp || d->scalar(u"PRAGMA data_version"_s) != d->dataVersion;
}

bool TaskStore::isShared() const
{
    return d->open && d->shared;
}
