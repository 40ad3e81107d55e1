#include "tasks/tasktypefetcher.h"

#include "smh/smhclient.h"
#include "smh/tokenprovider.h"
#include "tasks/taskstore.h"

#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcTypes, "smh.tasktypes", QtWarningMsg)

TaskTypeFetcher::TaskTypeFetcher(
    SmhClient *client, TaskStore *store, TokenLookup tokens, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_tokens(std::move(tokens))
{
    m_clock.start();
    connect(store, &TaskStore::transitioned, this, &TaskTypeFetcher::transitioned);
    connect(store, &TaskStore::connectionsChanged, this, &TaskTypeFetcher::connectionsEdited);
}

void TaskTypeFetcher::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled)
        return;
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        it->queue.clear();
        it->timer->stop();
    }
}

bool TaskTypeFetcher::isAvailable(qint64 connectionId) const
{
    const auto it = m_connections.constFind(connectionId);
    return it == m_connections.cend() || !it->unavailable;
}

qint64 TaskTypeFetcher::requestsSent(qint64 connectionId) const
{
    return m_connections.value(connectionId).requestsSent;
}

qsizetype TaskTypeFetcher::queued(qint64 connectionId) const
{
    return m_connections.value(connectionId).queue.size();
}

int TaskTypeFetcher::inFlight(qint64 connectionId) const
{
    return m_connections.value(connectionId).inFlight;
}

void TaskTypeFetcher::removeConnection(qint64 connectionId)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    QObject::disconnect(it->wait);
    delete it->timer;
    m_connections.erase(it);
}

TaskTypeFetcher::ConnectionState &TaskTypeFetcher::stateOf(qint64 connectionId)
{
    ConnectionState &state = m_connections[connectionId];
    if (!state.timer) {
        state.timer = new QTimer(this);
        state.timer->setSingleShot(true);
        connect(state.timer, &QTimer::timeout, this, [this, connectionId] { pump(connectionId); });
        state.bucket = TokenBucket(rate(), m_clock.elapsed());
    }
    return state;
}

void TaskTypeFetcher::connectionsEdited()
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (!it->unavailable)
            continue;
        const std::optional<Connection> connection = m_store->connection(it.key());
        if (connection && connection->settings != *it->unavailable)
            it->unavailable.reset();
    }
}

void TaskTypeFetcher::transitioned(const QList<TaskTransition> &transitions)
{
    if (!m_enabled)
        return;
    QSet<qint64> touched;
    for (const TaskTransition &transition : transitions) {
        // Ended now; a re-check that found it unchanged is no news.
        if (!TaskStates::isFinal(transition.to) || TaskStates::isFinal(transition.from))
            continue;
        // Thousands ending in one cycle: those that cannot be queued cost
        // no look-up.
        const auto known = m_connections.constFind(transition.key.connectionId);
        if (known != m_connections.cend()
            && (known->unavailable || known->queue.size() >= m_budget.maxQueued))
            continue;
        const std::optional<Task> task = m_store->task(transition.key);
        if (task && enqueue(*task, false))
            touched.insert(transition.key.connectionId);
    }
    for (qint64 connectionId : std::as_const(touched))
        pump(connectionId);
}

void TaskTypeFetcher::request(const TaskKey &key)
{
    if (!m_enabled || !m_store)
        return;
    // Already waiting behind others that merely ended: it goes first.
    const auto known = m_connections.find(key.connectionId);
    if (known != m_connections.end()) {
        const qsizetype at = known->queue.indexOf(key.taskId);
        if (at > 0)
            known->queue.move(at, 0);
        if (at >= 0)
            return;
    }
    const std::optional<Task> task = m_store->task(key);
    if (task && enqueue(*task, true))
        pump(key.connectionId);
}

bool TaskTypeFetcher::enqueue(const Task &task, bool first)
{
    const auto asked = m_asked.constFind(task.key);
    const bool learnedWhileRunning = task.isFinal() && !task.taskType.isEmpty()
        && TypedTaskResult::fromStored(task.typedResult).value_or(TypedTaskResult {}).isRunning();
    if (asked != m_asked.cend() ? (*asked || !learnedWhileRunning)
                                : (!task.taskType.isEmpty() && !learnedWhileRunning))
        return false;
    const auto known = m_connections.constFind(task.key.connectionId);
    if (known != m_connections.cend() && known->unavailable)
        return false;
    ConnectionState &state = stateOf(task.key.connectionId);
    if (state.queue.size() >= m_budget.maxQueued) {
        if (!first)
            return false; // stays unknown; asked when someone looks at it
        m_asked.remove({task.key.connectionId, state.queue.takeLast()});
    }
    if (first)
        state.queue.prepend(task.key.taskId);
    else
        state.queue.append(task.key.taskId);
    m_asked.insert(task.key, task.isFinal());
    return true;
}

void TaskTypeFetcher::pump(qint64 connectionId)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || !m_enabled || !m_client || !m_store)
        return;
    ConnectionState &state = *it;
    const std::optional<Connection> connection = m_store->connection(connectionId);
    TokenProvider *tokens = m_tokens ? m_tokens(connectionId) : nullptr;
    if (!connection || !tokens) {
        state.queue.clear();
        return;
    }
    if (tokens->state() != TokenProvider::State::Ready) {
        // The poller gets the connection a token; the queue waits for it.
        if (state.waitingFor != tokens || !state.wait) {
            QObject::disconnect(state.wait);
            state.waitingFor = tokens;
            state.wait = tokens->whenReady(this, [this, connectionId] { pump(connectionId); });
        }
        return;
    }
    const qint64 now = m_clock.elapsed();
    const int maxInFlight = state.confirmed ? m_budget.maxInFlight : 1;
    while (!state.queue.isEmpty() && state.inFlight < maxInFlight
        && state.bucket.allowance(rate(), now) >= 1) {
        const TaskKey key {connectionId, state.queue.takeFirst()};
        const std::optional<Task> task = m_store->task(key);
        if (!task)
            continue; // removed while it waited: no request spent
        state.bucket.spend(1, rate(), now);
        ++state.inFlight;
        ++state.requestsSent;
        ApiJob *job = TaskResultApi::start(
            m_client, connection->settings, tokens->token(), task->libraryLevel, key.taskId);
        connect(job, &SmhJob::finished, this,
            [this, job, key] { answered(key, TaskResultApi::read(*job, key.taskId)); });
    }
    if (!state.queue.isEmpty() && state.inFlight < maxInFlight) {
        if (const qint64 wait = state.bucket.msUntilOne(rate(), now); wait > 0)
            state.timer->start(std::chrono::milliseconds(wait));
    }
}

void TaskTypeFetcher::answered(
    const TaskKey &key, const Expected<TypedTaskResult, SmhError> &result)
{
    const auto it = m_connections.find(key.connectionId);
    if (it == m_connections.end())
        return; // the connection went meanwhile
    --it->inFlight;
    if (result) {
        it->confirmed = true;
        const Expected<QList<TaskTransition>> applied =
            m_store->applyTypedResults({{key, *result}}, QDateTime::currentDateTimeUtc());
        if (!applied)
            qCInfo(lcTypes).noquote() << "task" << key.taskId << applied.error().message();
    } else if (TaskResultApi::meansUnavailable(result.error())) {
        qCInfo(lcTypes) << "connection" << key.connectionId << "has no Query Task v2";
        if (const std::optional<Connection> connection = m_store->connection(key.connectionId))
            it->unavailable = connection->settings;
        it->queue.clear();
        it->timer->stop();
        return;
    } else if (result.error().kind() != SmhError::Kind::Cancelled) {
        // SMH's own error about this task (TaskNotFound, say): v2 is there.
        it->confirmed = it->confirmed || !result.error().code().isEmpty();
        // The type stays unknown. A passing failure is worth one more try,
        // after whatever waits already; never a loop.
        qCInfo(lcTypes).noquote() << "task" << key.taskId << result.error().toString();
        if (result.error().isTransient() && !m_retried.contains(key)
            && it->queue.size() < m_budget.maxQueued) {
            m_retried.insert(key);
            it->queue.append(key.taskId);
        }
    }
    pump(key.connectionId);
}
