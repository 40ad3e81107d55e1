#pragma once

#include "smh/smherror.h"
#include "tasks/task.h"
#include "tasks/tokenbucket.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QRandomGenerator>

#include <chrono>
#include <limits>
#include <set>

// The scheduling decisions, kept free of timers and sockets so that they can
// be tested with a hand-driven clock: which tasks are due, when to wake up
// next, how fast to poll a task that keeps running, how long to back off.
class PollPlanner final
{
public:
    struct Options
    {
        std::chrono::milliseconds baseInterval {3'000};
        std::chrono::milliseconds maxInterval {60'000};
        double growth = 1.5; // a task still running is asked again this much later
        // While tasks are finishing, a task still running is asked again once
        // about this share of the connection's running tasks would have
        // finished since (the rate seen over the last `finishRateMemory`),
        // when that is sooner than growth would ask, never before
        // baseInterval. 0: growth alone.
        double finishShare = 0.2;
        std::chrono::milliseconds finishRateMemory {5'000};
        std::chrono::milliseconds backoffBase {2'000};
        std::chrono::milliseconds backoffMax {300'000};
        // Tasks due within this share of their interval ride along with a
        // cycle that is happening anyway: one request instead of two.
        double coalesceShare = 0.5;
        // Task queries one connection may send per second, on average; a
        // burst of up to `requestBurst` at once. A 429 halves the rate for
        // `slowDownFor`.
        double requestsPerSecond = 2.0;
        int requestBurst = 2;
        std::chrono::milliseconds slowDownFor {600'000};
    };

    PollPlanner();
    explicit PollPlanner(Options options, quint32 seed = QRandomGenerator::global()->generate());

    const Options &options() const { return m_options; }
    void setOptions(const Options &options);

    // Starts tracking a non-final task: due at once.
    void track(const TaskKey &key, const QDateTime &now);
    void untrack(const TaskKey &key);
    void untrackConnection(qint64 connectionId);
    bool isTracked(const TaskKey &key) const;
    // O(1).
    qsizetype trackedCount(qint64 connectionId) const;
    // IDs of the connection's tasks due at `now` (plus those due soon, see
    // coalesceShare), unless the connection is backing off; the most overdue
    // first (ties by ID), at most `limit`. Costs O(log n) plus the IDs it
    // looks at: the tasks due by now or within the coalescing window.
    QList<qint64> dueTasks(qint64 connectionId, const QDateTime &now,
        qsizetype limit = std::numeric_limits<qsizetype>::max()) const;
    // Up to `count` of the connection's tasks not in `due`, in the order
    // they fall due: riders for the free places of a request that goes
    // anyway. Costs the IDs it looks at.
    QList<qint64> riders(qint64 connectionId, const QList<qint64> &due, qsizetype count) const;
    // When the connection next has something to do; invalid when nothing.
    // O(1).
    QDateTime nextWake(qint64 connectionId) const;

    // The polite request rate: how many task queries the connection may send
    // now, what sending them costs, and when the next one may go.
    int requestAllowance(qint64 connectionId, const QDateTime &now) const;
    void spendRequests(qint64 connectionId, int count, const QDateTime &now);
    QDateTime requestsAllowedAt(qint64 connectionId, const QDateTime &now) const;
    double requestRate(qint64 connectionId, const QDateTime &now) const;

    // A cycle's answers: final tasks stop being tracked; a task whose state
    // changed is asked again soon; one still unchanged waits longer.
    void recordObservation(
        const TaskKey &key, TaskState previous, TaskState current, const QDateTime &now);
    // A cycle's answers (or a slice of them) at once: every finish among them
    // counts in the finishing rate before any next interval is chosen.
    struct Answer
    {
        TaskKey key;
        TaskState previous = TaskState::Queued;
        TaskState current = TaskState::Queued;
    };
    void recordObservations(const QList<Answer> &answers, const QDateTime &now);
    // Another process sharing the ledger asked about the task at `at`: when
    // that is newer than the poll the schedule counts from, the task waits
    // a grown interval from then, as after an unchanged answer of its own.
    // Untracked tasks are left alone.
    void polledElsewhere(const TaskKey &key, const QDateTime &at);
    // The connection succeeded: its backoff is over.
    void recordSuccess(qint64 connectionId);
    // The connection failed: wait with exponential backoff and jitter, or as
    // long as Retry-After asks (never less). Tasks keep their due times.
    void recordFailure(qint64 connectionId, const SmhError &error, const QDateTime &now);
    QDateTime backoffUntil(qint64 connectionId) const
    {
        return m_backoff.value(connectionId).until;
    }
    int consecutiveFailures(qint64 connectionId) const
    {
        return m_backoff.value(connectionId).failures;
    }
    // Poll now: every tracked task of the connection is due, backoff dropped.
    void makeAllDue(qint64 connectionId, const QDateTime &now);

    // Running tasks found finished per running task and second, as recent
    // answers say (tasks seen running before): what shortens intervals.
    double finishRate(qint64 connectionId) const;

    std::chrono::milliseconds intervalOf(const TaskKey &key) const;
    QDateTime dueAt(const TaskKey &key) const;

private:
    struct Due
    {
        qint64 atMs = 0; // since the epoch
        std::chrono::milliseconds interval {0};
    };
    // One connection's tasks, by ID and in the order they fall due, so that
    // nothing asks for a pass over every tracked task.
    struct Plan
    {
        QHash<qint64, Due> due;
        std::set<std::pair<qint64, qint64>> byTime; // (due time, task ID)
    };
    struct Backoff
    {
        QDateTime until;
        int failures = 0;
    };
    // A token bucket per connection, refilled at the rate.
    struct Budget
    {
        TokenBucket bucket;
        qint64 slowUntilMs = 0; // a 429 halved the rate until then
    };

    // Answers about tasks seen running before, forgotten at an exponential
    // pace (finishRateMemory): how many had finished, and for how long in all
    // they had gone unasked.
    struct FinishRate
    {
        double finished = 0;
        double exposureMs = 0;
        qint64 atMs = 0;
    };
    void countFinishes(qint64 connectionId, qint64 exposureMs, bool finished, qint64 nowMs);
    std::chrono::milliseconds grownInterval(
        qint64 connectionId, std::chrono::milliseconds interval) const;

    void schedule(const Answer &answer, qint64 nowMs);
    void setDue(Plan &plan, qint64 taskId, Due &due, qint64 atMs);
    const Due *find(const TaskKey &key) const;
    double rateAt(const Budget &budget, qint64 nowMs) const;
    TokenBucket::Rate bucketRate(const Budget &budget, qint64 nowMs) const;
    Budget &budgetOf(qint64 connectionId, qint64 nowMs);
    double tokensAt(qint64 connectionId, qint64 nowMs) const;

    Options m_options;
    QRandomGenerator m_random;
    QHash<qint64, Plan> m_plans;
    QHash<qint64, Backoff> m_backoff;
    QHash<qint64, Budget> m_budgets;
    QHash<qint64, FinishRate> m_finishRates;
};
