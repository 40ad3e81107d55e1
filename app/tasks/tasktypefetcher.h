#pragma once

#include "smh/smherror.h"
#include "smh/typedtaskresult.h"
#include "tasks/task.h"
#include "tasks/tokenbucket.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QTimer;
class SmhClient;
class TaskStore;
class TokenProvider;

// Learns each task's type and typed result from Query Task v2, one request
// per task, so that it never multiplies the load of polling: only tasks whose
// type is unknown, each once (plus once more when it ends, if it was asked
// while still running), when a task ends or is shown; per connection a token
// bucket of its own (beside the polling budget), a bounded queue and a few
// requests in flight. A server without v2 (404 RouteNotFound) is remembered
// per connection and never asked again.
class TaskTypeFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskTypeFetcher)

public:
    struct Budget
    {
        double perSecond = 1.0;
        int burst = 2;
        int maxInFlight = 2;
        // Tasks waiting per connection; more that end at once stay unknown
        // (they are asked when shown) rather than pile up.
        qsizetype maxQueued = 256;
    };

    using TokenLookup = std::function<TokenProvider *(qint64 connectionId)>;
    TaskTypeFetcher(
        SmhClient *client, TaskStore *store, TokenLookup tokens, QObject *parent = nullptr);

    void setBudget(const Budget &budget) { m_budget = budget; }
    Budget budget() const { return m_budget; }
    // Off: nothing is asked (one-shot commands end before an answer could).
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // The task is on screen: asked before those that merely ended.
    void request(const TaskKey &key);

    // False once the connection's server said it has no v2.
    bool isAvailable(qint64 connectionId) const;
    qint64 requestsSent(qint64 connectionId) const;
    qsizetype queued(qint64 connectionId) const;
    // The task IDs waiting, next first.
    QList<qint64> waiting(qint64 connectionId) const
    {
        return m_connections.value(connectionId).queue;
    }
    int inFlight(qint64 connectionId) const;

    void removeConnection(qint64 connectionId);

private:
    struct ConnectionState
    {
        QList<qint64> queue;
        QTimer *timer = nullptr; // child of the fetcher: one per connection
        TokenBucket bucket;
        int inFlight = 0;
        qint64 requestsSent = 0;
        // Until the server has answered v2 once, one request at a time: a
        // server without it then sees a single 404.
        bool confirmed = false;
        // The settings whose server has no v2; an edit asks again.
        std::optional<ConnectionSettings> unavailable;
        // The provider whose token the queue waits for, and that wait
        // (TokenProvider::whenReady; false once the token came).
        QPointer<TokenProvider> waitingFor;
        QMetaObject::Connection wait;
    };

    void transitioned(const QList<TaskTransition> &transitions);
    void connectionsEdited();
    bool enqueue(const Task &task, bool first);
    ConnectionState &stateOf(qint64 connectionId);
    TokenBucket::Rate rate() const { return {m_budget.perSecond, double(m_budget.burst)}; }
    void pump(qint64 connectionId);
    void answered(const TaskKey &key, const Expected<TypedTaskResult, SmhError> &result);

    QPointer<SmhClient> m_client;
    QPointer<TaskStore> m_store;
    TokenLookup m_tokens;
    Budget m_budget;
    bool m_enabled = true;
    QElapsedTimer m_clock;
    QHash<qint64, ConnectionState> m_connections;
    // Asked this session, with whether the task had ended by then: a task
    // asked while running is asked once more when it ends, never again after.
    QHash<TaskKey, bool> m_asked;
    QSet<TaskKey> m_retried; // after a passing error, asked a second time
};
