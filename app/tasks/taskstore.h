#pragma once

#include "smh/expected.h"
#include "smh/typedtaskresult.h"
#include "tasks/task.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>

// The durable ledger of connections, tracked tasks and their timelines, in one
// SQLite file (WAL), or in a PostgreSQL database a team shares
// (postgresql://user@host:port/db; the same schema and statements, through
// QtSql's QPSQL driver). It is also the in-memory source of truth the model reads:
// every change is written in one transaction first, then announced by signal.
//
// Never stores a token or library secret.
class QSqlQuery;

class TaskStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskStore)

public:
    static constexpr int schemaVersion = 6;
    // Tasks one ledger holds at most, over all connections: beyond this the
    // window and the ledger would cost more memory than a desktop should give.
    static constexpr qsizetype maxTasks = 1'000'000;
    // Lowers the limit (tests, small devices); never above maxTasks.
    void setTaskLimit(qsizetype limit) { m_taskLimit = std::min(limit, maxTasks); }
    qsizetype taskLimit() const { return m_taskLimit; }

    explicit TaskStore(QObject *parent = nullptr);
    ~TaskStore() override;

    // The ledger every door opens: the one --ledger chose for this process
    // (setDefaultLocation), else the file under QStandardPaths::AppDataLocation.
    static QString defaultPath();
    static void setDefaultLocation(const QString &location);
    // Whether there is a ledger at `location` to read (a server always
    // counts: it says itself when it cannot be reached).
    static bool exists(const QString &location);

    enum class LoadMode {
        AtOnce, // every task is in memory when open() returns
        // The tasks are read on a worker thread and arrive as tasksAdded in
        // slices of a few milliseconds each while the event loop runs, then
        // loadFinished(): a large ledger never freezes a window. Anything that
        // needs the whole ledger (adding tasks, removing a connection) first
        // takes the rest at once.
        InBackground,
    };

    // Opens (creating or migrating) the database: a file path, or a
    // postgresql:// URL (LedgerLocation). ":memory:" gives a private
    // in-memory ledger (demo mode, tests), always read at once. A file from a
    // newer schema or a corrupt file is refused (Error::Kind::Ledger, or File
    // for its folder) and left untouched.
    Expected<void> open(const QString &path, LoadMode mode = LoadMode::AtOnce);

    // A feature beside the engine (a wing) keeps tables of its own in the
    // ledger and brings their migrations: step i moves the part from
    // version i to i + 1, counted apart from the store's own schema (in
    // schema_parts). They run on every open(), and at once when the ledger
    // is open already; each step in its own write transaction, so that two
    // processes never run one twice. A part newer than this program is
    // refused by name.
    using Migration = std::function<bool(QSqlQuery &)>;
    Expected<void> addSchemaPart(const QString &part, const QList<Migration> &steps);
    bool isOpen() const;
    // Tasks read in the background are still arriving.
    bool isLoading() const;
    QString path() const;
    // The QSqlDatabase connection name, for tables kept beside the tasks
    // (HistoryLedger); empty while closed.
    QString databaseName() const;

    // Connections
    QList<Connection> connections() const;
    std::optional<Connection> connection(qint64 id) const;
    // Returns the new id.
    Expected<qint64> addConnection(const Connection &connection);
    Expected<void> updateConnection(const Connection &connection);
    // Removes the connection and all of its tasks.
    Expected<void> removeConnection(qint64 id);

    // Tasks (while loading: those announced so far)
    QList<Task> tasks() const;
    std::optional<Task> task(const TaskKey &key) const;
    bool contains(const TaskKey &key) const;
    qsizetype taskCount() const;
    // Adds tasks not tracked yet (existing ones are left alone) in one
    // transaction; returns the added tasks in the order given (none when all
    // were tracked already). Their scope is `libraryLevel`, by default the
    // connection's.
    Expected<QList<Task>> addTasks(qint64 connectionId, const QList<qint64> &taskIds,
        const QString &note, const QDateTime &now, std::optional<bool> libraryLevel = std::nullopt);
    Expected<void> removeTasks(const QList<TaskKey> &keys);
    Expected<void> setNote(const TaskKey &key, const QString &note);

    // Applies one poll cycle's observations in one transaction: updates each
    // task, records a transition where the state changed. Observations for
    // tasks not tracked (removed meanwhile) are ignored. A re-check that finds
    // a final task in the same state moves only its poll time and records an
    // unchanged entry (from == to); a different answer is one transition like
    // any other. Returns the transitions recorded (also announced by
    // transitioned()), or why the write failed.
    Expected<QList<TaskTransition>> applyObservations(const QList<TaskObservation> &observations);
    // Records what Query Task v2 said of tasks (type and typed result) in one
    // transaction. Where v2's verdict is finer than the state v1 gave
    // (TaskStates::refine: 207, 400), the state moves and a transition is
    // recorded, announced like a poll's. Tasks removed meanwhile are ignored.
    Expected<QList<TaskTransition>> applyTypedResults(
        const QList<std::pair<TaskKey, TypedTaskResult>> &results, const QDateTime &now);
    // Records an SMH error about specific tasks (not connection-wide).
    Expected<void> setLastError(const QList<TaskKey> &keys, const QString &redactedError);

    QList<TaskTransition> timeline(const TaskKey &key) const;

    // A file ledger may be written by other processes too (a script's
    // `watch --profile` beside the window). Every so often the store looks
    // whether another connection committed (PRAGMA data_version, microseconds;
    // on PostgreSQL, whether another session's NOTIFY came in, which also
    // starts the look at once) and, only then, reads the rows changed since the last it saw, a
    // slice per turn of the event loop, and announces them with the signals above, as if written
    // here.
    static constexpr std::chrono::milliseconds watchInterval {500};
    bool isShared() const;
    // Whether another connection may have written something not taken in
    // yet (its commit counted, or a catch-up under way).
    bool hasUnseenWrites() const;
    // Looks now (`now`: and takes in everything at once); the timer calls it.
    void checkElsewhere(bool now = false);
    // When each of the connection's `taskIds` was last polled, by any process,
    // as the ledger says now (absent: never). One query.
    QHash<qint64, QDateTime> lastPolledInLedger(
        qint64 connectionId, const QList<qint64> &taskIds) const;

    // A PostgreSQL ledger whose server went away (a restart, the network):
    // polls go on, their results are announced and kept in memory, and
    // written once the server answers again (tried every retryInterval).
    // Commands that change the ledger (adding, removing) fail meanwhile.
    static constexpr std::chrono::milliseconds retryInterval {2000};
    bool isReachable() const;
    // Rows and transitions waiting for the server.
    qsizetype waitingWrites() const;

Q_SIGNALS:
    // The ledger's server became unreachable (false) or answers again and
    // has what waited (true).
    void reachabilityChanged(bool reachable);
    void tasksAdded(const QList<Task> &tasks);
    void tasksChanged(const QList<Task> &tasks);
    // State changes, as written to the timelines, after tasksChanged: what the
    // scheduler, the notifier and the headless output act on, so that none
    // of them keeps a copy of earlier states.
    void transitioned(const QList<TaskTransition> &transitions);
    void tasksRemoved(const QList<TaskKey> &keys);
    void connectionsChanged();
    // Every task of a ledger opened InBackground has arrived.
    void loadFinished();
    // Reading the ledger in the background failed: the store is closed, so
    // that nothing is written over tasks it never read.
    void loadFailed(const Error &error);
    // Tasks another process added or changed, after tasksAdded/tasksChanged
    // (the scheduler takes their poll times as its own).
    void tasksChangedElsewhere(const QList<Task> &tasks);
    // Another process wrote the ledger (any table) and what it wrote to
    // tasks and connections has been announced: lists kept beside the tasks
    // (history, cleanups) read theirs again.
    void changedElsewhere();

private:
    // After the commit: the cache takes the rows, then the signals go out.
    void announce(const QList<Task> &changed, const QList<TaskTransition> &transitions);
    void publishLoadedSlice(bool everything = false);
    Expected<void> ensureLoaded();
    bool takeConnections();
    void continueCatchUp(bool everything);
    // One slice; nullopt when reading failed, else whether more may follow.
    std::optional<bool> takeRemovals();
    std::optional<bool> takeChangedTasks();
    void abandonCatchUp();
    void listenForOthers();
    bool keepWhileLost(const QList<Task> &changed, const QList<TaskTransition> &transitions);
    void retryLedger();

    class Private;
    std::unique_ptr<Private> d;
    qsizetype m_taskLimit = maxTasks;
};
