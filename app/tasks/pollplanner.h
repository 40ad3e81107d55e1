#pragma once

#include "smh/smherror.h"
#include "tasks/task.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QRandomGenerator>

#include <chrono>

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
        std::chrono::milliseconds backoffBase {2'000};
        std::chrono::milliseconds backoffMax {300'000};
        // Tasks due within this share of their interval ride along with a
        // cycle that is happening anyway: one request instead of two.
        double coalesceShare = 0.5;
    };

    PollPlanner();
    explicit PollPlanner(Options options, quint32 seed = QRandomGenerator::global()->generate());

    const Options &options() const { return m_options; }
    void setOptions(const Options &options);

    // Starts tracking a non-final task: due at once.
    void track(const TaskKey &key, const QDateTime &now);
    void untrack(const TaskKey &key);
    void untrackConnection(qint64 connectionId);
    bool isTracked(const TaskKey &key) const { return m_due.contains(key); }
    qsizetype trackedCount(qint64 connectionId) const;

    // IDs of the connection's tasks due at `now` (plus those due soon, see
    // coalesceShare), unless the connection is backing off. Sorted.
    QList<qint64> dueTasks(qint64 connectionId, const QDateTime &now) const;
    // When the connection next has something to do; invalid when nothing.
    QDateTime nextWake(qint64 connectionId) const;

    // A cycle's answers: final tasks stop being tracked; a task whose state
    // changed is asked again soon; one still unchanged waits longer.
    void recordObservation(
        const TaskKey &key, TaskState previous, TaskState current, const QDateTime &now);
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

    std::chrono::milliseconds intervalOf(const TaskKey &key) const;
    QDateTime dueAt(const TaskKey &key) const { return m_due.value(key).at; }

private:
    struct Due
    {
        QDateTime at;
        std::chrono::milliseconds interval {0};
    };
    struct Backoff
    {
        QDateTime until;
        int failures = 0;
    };

    Options m_options;
    QRandomGenerator m_random;
    QHash<TaskKey, Due> m_due;
    QHash<qint64, Backoff> m_backoff;
};
