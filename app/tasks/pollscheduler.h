#pragma once

#include "smh/smherror.h"
#include "smh/tokenprovider.h"
#include "tasks/pollgate.h"
#include "tasks/pollplanner.h"
#include "tasks/task.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

class SmhClient;
class TaskQueryJob;
class TaskStore;

// Drives polling: for each connection, one single-shot timer set to the next
// due task, one cycle in flight at a time, the due tasks of a cycle sent in
// the fewest batched requests, answers written to the store in one
// transaction. Transport and auth errors are recorded on the connection and
// never change a task's state.
class PollScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollScheduler)

public:
    enum class Health {
        Idle, // nothing to poll
        Ok,
        Paused, // by the user
        Backoff, // last cycle failed; waiting to retry
        AuthRejected, // needs new credentials, or access the token cannot give
        NoCredentials,
        ConfigError, // no such library or space: stopped until the connection is edited
        Elsewhere, // another monitor on the shared ledger polls it: its answers are shown
    };
    Q_ENUM(Health)

    struct ConnectionStatus
    {
        Health health = Health::Idle;
        bool inFlight = false;
        SmhError lastError;
        QDateTime lastPollAt;
        QDateTime nextPollAt;
        int consecutiveFailures = 0;
        qint64 requestsSent = 0;
        qsizetype pending = 0; // tasks not final yet
        qsizetype urlLimit = 0; // bytes per request URL; 0 until a 414 lowered it
        QString polledBy; // Elsewhere: who polls it ("alice@host, pid 42")
    };

    // A 414 halves a connection's URL budget, down to this.
    static constexpr qsizetype minUrlLimit = 512;

    PollScheduler(SmhClient *client, TaskStore *store, QObject *parent = nullptr);
    ~PollScheduler() override;

    // Qt 6.4's timers take an int of milliseconds: a wait past 2^31 ms would
    // wrap around and fire at once or never. A timer therefore waits at most
    // this long, then the scheduler looks at its clock again.
    static constexpr std::chrono::milliseconds defaultMaxTimerStep {3'600'000};

    // `now` replaces the wall clock (tests drive a hand clock, with a short
    // step so that timers look at it often).
    void setClock(std::function<QDateTime()> now,
        std::chrono::milliseconds maxTimerStep = defaultMaxTimerStep)
    {
        m_now = std::move(now);
        m_maxTimerStep = maxTimerStep;
    }
    void setOptions(const PollPlanner::Options &options);
    // Several monitors on one shared ledger: a connection is polled only when
    // `gate` (not owned; PollLease) says so. None: every connection is polled.
    void setGate(PollGate *gate);
    const PollPlanner &planner() const { return m_planner; }

    // Starts watching the connection's tasks (from the store) with the given
    // token provider, which the scheduler does not own.
    void addConnection(qint64 connectionId, TokenProvider *tokens);
    void removeConnection(qint64 connectionId);
    QList<qint64> connectionIds() const { return m_connections.keys(); }

    // Only tasks `wanted` accepts are polled (a command that shares the
    // window's ledger polls its own tasks, not the window's). Unset: all.
    using TaskFilter = std::function<bool(const Task &)>;
    void setTaskFilter(TaskFilter wanted) { m_wanted = std::move(wanted); }

    void pollNow(qint64 connectionId);
    void pollAllNow();
    void setPaused(qint64 connectionId, bool paused);
    bool isPaused(qint64 connectionId) const;
    // Final tasks are asked about once more (the user asked to re-check
    // them); their state stays until the answer says otherwise. Returns how
    // many were final and not being re-checked already.
    int recheck(const QList<TaskKey> &keys);

    // Only these tasks are polled (a headless command watching a few tasks
    // of a connection whose ledger holds many); nullopt: every task.
    void limitTo(const std::optional<QSet<TaskKey>> &keys);

    ConnectionStatus status(qint64 connectionId) const;
    qint64 totalRequests() const { return m_totalRequests; }
    bool hasWork() const;

    // Aborts every request in flight; no further cycles start.
    void shutdown();

Q_SIGNALS:
    void connectionStatusChanged(qint64 connectionId);
    void cycleFinished(qint64 connectionId);

private:
    struct ConnectionState
    {
        QPointer<TokenProvider> tokens;
        QTimer *timer = nullptr; // child of the scheduler
        bool paused = false;
        bool inFlight = false;
        SmhError lastError;
        QDateTime lastPollAt;
        qint64 requestsSent = 0;
        qsizetype urlLimit = 0; // 0: the client's default; lowered by 414s, kept
        // IDs whose request's reply went over the client's size cap: each
        // list is asked in a request of its own, halved again while too large.
        QList<QList<qint64>> splitBatches;
        // The settings that named a library or space SMH does not have;
        // polling waits until the connection's settings differ.
        std::optional<ConnectionSettings> misconfigured;
        // Polled by another monitor (the gate said no): who, and when to
        // ask the gate again.
        QString polledBy;
        QDateTime askGateAt;
    };

    QDateTime now() const { return m_now(); }
    void trackTasks(const QList<Task> &tasks);
    void untrackTasks(const QList<TaskKey> &keys);
    bool inScope(const TaskKey &key) const { return !m_limit || m_limit->contains(key); }
    // Another process polled (or ended) tasks: as if this one had.
    void takePollsElsewhere(const QList<Task> &tasks);
    // The due IDs less those another process polled within their interval,
    // as the shared ledger says right now.
    QList<qint64> notPolledElsewhere(
        qint64 connectionId, QList<qint64> ids, const QDateTime &now, qsizetype limit);
    void reschedule(qint64 connectionId);
    // Whether this monitor polls the connection now (the gate's verdict,
    // kept for the status and the next wake-up).
    bool passGate(qint64 connectionId, ConnectionState &state, const QDateTime &now);
    // Whether the connection would be polled here at all: otherwise its
    // lease goes to whoever can.
    bool wantsToPoll(qint64 connectionId, const ConnectionState &state) const;
    void gateReopened(qint64 connectionId);
    void runCycle(qint64 connectionId);
    // The answers of one cycle: its requests, finished together.
    struct Cycle
    {
        int pending = 0;
        QList<TaskStatusReport> reports;
        QList<SmhError> errors;
        // A lone task whose answer alone exceeded the size cap, and why.
        QList<std::pair<qint64, SmhError>> unreadable;
    };
    // The requests of one scope in this cycle: the split batches among `due`
    // first (each alone, taken out of the state: `split` of them), then the
    // rest batched to the URL budget.
    struct Planned
    {
        QList<QList<qint64>> requests;
        qsizetype split = 0;
    };
    Planned plannedRequests(ConnectionState &state, const ConnectionSettings &settings,
        const QString &token, const QList<qint64> &due) const;
    // A reply over the size cap: its batch is asked again at once in two
    // halves, and a lone task becomes unreadable; other errors stay errors.
    void sortOutOversized(ConnectionState &state, const TaskQueryJob &job, Cycle &cycle) const;
    // A cycle's answers as they are written to the ledger, slices in turns
    // of the event loop (WorkTurn): two full requests answer for 1,800 tasks,
    // and writing them at once would hold the window for tens of milliseconds.
    struct Answers
    {
        QList<TaskObservation> observations;
        QList<SmhError> errors;
        QString tokenUsed;
        QDateTime polledAt;
        qsizetype written = 0;
        QString writeError;
    };
    static constexpr qsizetype answerSlice = 300;
    void finishCycle(qint64 connectionId, const QString &tokenUsed, const Cycle &cycle);
    void writeAnswers(qint64 connectionId, const std::shared_ptr<Answers> &answers);
    void writeAnswerSlice(Answers &answers);
    void concludeCycle(qint64 connectionId, const Answers &answers);
    void recordFailure(qint64 connectionId, const SmhError &error);
    // A 414: true when the budget could still be halved (the IDs are sent
    // again at once, in smaller requests).
    bool shrinkUrlLimit(qint64 connectionId);
    void connectionsEdited();
    void startTimer(QTimer *timer, const QDateTime &wake) const;

    QPointer<SmhClient> m_client; // may go first when both are children of one owner
    TaskStore *m_store;
    QPointer<PollGate> m_gate;
    PollPlanner m_planner;
    std::function<QDateTime()> m_now;
    TaskFilter m_wanted;
    std::chrono::milliseconds m_maxTimerStep = defaultMaxTimerStep;
    QHash<qint64, ConnectionState> m_connections;
    QSet<TaskKey> m_rechecking; // final tasks asked about again, answer pending
    // Every library-level task ever tracked, until removed (few: history
    // clears; a final one stays, as a re-check may track it again). A cycle
    // sorts its due IDs by scope from this, not by looking up thousands of
    // tasks.
    QSet<TaskKey> m_libraryLevel;
    std::optional<QSet<TaskKey>> m_limit;
    qint64 m_totalRequests = 0;
    bool m_shutDown = false;
};
