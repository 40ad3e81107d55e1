#include "tasks/pollscheduler.h"

#include "smh/redact.h"
#include "smh/smhclient.h"
#include "smh/taskquery.h"
#include "tasks/taskstore.h"
#include "tasks/workturn.h"

#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPoll, "smh.poll", QtWarningMsg)

PollScheduler::PollScheduler(SmhClient *client, TaskStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    connect(m_store, &TaskStore::tasksAdded, this, &PollScheduler::trackTasks);
    connect(m_store, &TaskStore::tasksRemoved, this, &PollScheduler::untrackTasks);
    connect(m_store, &TaskStore::connectionsChanged, this, &PollScheduler::connectionsEdited);
    connect(m_store, &TaskStore::tasksChangedElsewhere, this, &PollScheduler::takePollsElsewhere);
}

void PollScheduler::limitTo(const std::optional<QSet<TaskKey>> &keys)
{
    m_limit = keys;
    if (!m_limit)
        return;
    QList<TaskKey> outside;
    const QList<Task> all = m_store->tasks();
    QList<Task> inside;
    for (const Task &task : all) {
        if (!m_limit->contains(task.key))
            outside.append(task.key);
        else if (m_connections.contains(task.key.connectionId))
            inside.append(task);
    }
    untrackTasks(outside);
    trackTasks(inside);
}

void PollScheduler::takePollsElsewhere(const QList<Task> &tasks)
{
    for (const Task &task : tasks) {
        if (!m_planner.isTracked(task.key) || m_rechecking.contains(task.key))
            continue;
        if (task.isFinal())
            m_planner.untrack(task.key); // nothing left to ask
        else
            m_planner.polledElsewhere(task.key, task.lastPolledAt);
    }
    for (qint64 id : m_connections.keys())
        reschedule(id);
}

QList<qint64> PollScheduler::notPolledElsewhere(
    qint64 connectionId, QList<qint64> ids, const QDateTime &now, qsizetype limit)
{
    // Nobody else wrote since the last look: the cache is the ledger, and
    // the planner already knows every poll time in it.
    if (ids.isEmpty() || !m_store->hasUnseenWrites())
        return ids;
    const QHash<qint64, QDateTime> polled = m_store->lastPolledInLedger(connectionId, ids);
    bool moved = false;
    for (qint64 id : std::as_const(ids)) {
        const TaskKey key {connectionId, id};
        const QDateTime at = polled.value(id);
        if (!at.isValid() || m_rechecking.contains(key))
            continue;
        const std::optional<Task> known = m_store->task(key);
        // Newer than what this process knows: another one asked since.
        if (known && known->lastPolledAt.isValid() && at <= known->lastPolledAt)
            continue;
        m_planner.polledElsewhere(key, at);
        moved = true;
    }
    return moved ? m_planner.dueTasks(connectionId, now, limit) : ids;
}

void PollScheduler::connectionsEdited()
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (!it->misconfigured)
            continue;
        const std::optional<Connection> connection = m_store->connection(it.key());
        if (!connection || connection->settings == *it->misconfigured)
            continue;
        it->misconfigured.reset();
        it->lastError = {};
        // The edit may also have fixed the library the token was minted for.
        if (it->tokens)
            it->tokens->ensureToken();
        reschedule(it.key());
        Q_EMIT connectionStatusChanged(it.key());
    }
}

PollScheduler::~PollScheduler()
{
    shutdown();
}

void PollScheduler::setGate(PollGate *gate)
{
    if (m_gate)
        m_gate->disconnect(this);
    m_gate = gate;
    if (m_gate)
        connect(m_gate, &PollGate::reopened, this, &PollScheduler::gateReopened);
}

void PollScheduler::gateReopened(qint64 connectionId)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    const bool wasElsewhere = !it->polledBy.isEmpty();
    it->polledBy.clear();
    it->askGateAt = {};
    reschedule(connectionId);
    if (wasElsewhere)
        Q_EMIT connectionStatusChanged(connectionId);
}

bool PollScheduler::passGate(qint64 connectionId, ConnectionState &state, const QDateTime &now)
{
    if (!m_gate)
        return true;
    const bool everyTask = !m_limit && !m_wanted;
    const PollGate::Verdict verdict = m_gate->mayPoll(connectionId, now, everyTask);
    state.askGateAt = verdict.mayPoll ? QDateTime() : verdict.askAgainAt;
    const QString polledBy = verdict.mayPoll ? QString() : verdict.holder;
    if (polledBy != state.polledBy) {
        state.polledBy = polledBy;
        Q_EMIT connectionStatusChanged(connectionId);
    }
    return verdict.mayPoll;
}

bool PollScheduler::wantsToPoll(qint64 connectionId, const ConnectionState &state) const
{
    const TokenProvider *tokens = state.tokens;
    return !state.paused && !state.misconfigured && !m_shutDown && tokens
        && tokens->state() != TokenProvider::State::Rejected
        && (tokens->state() != TokenProvider::State::Missing || tokens->usesSecret())
        && (state.inFlight || m_planner.trackedCount(connectionId) > 0);
}

void PollScheduler::setOptions(const PollPlanner::Options &options)
{
    m_planner.setOptions(options);
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it)
        reschedule(it.key());
}

void PollScheduler::addConnection(qint64 connectionId, TokenProvider *tokens)
{
    ConnectionState &state = m_connections[connectionId];
    state.tokens = tokens;
    if (!state.timer) {
        state.timer = new QTimer(this);
        state.timer->setSingleShot(true);
        connect(
            state.timer, &QTimer::timeout, this, [this, connectionId] { runCycle(connectionId); });
    }
    if (tokens) {
        // Not TokenProvider::whenReady: every change, a renewal or an emptied
        // token too, moves the next cycle and the status shown, for as long
        // as the connection is polled.
        connect(tokens, &TokenProvider::tokenChanged, this, [this, connectionId] {
            reschedule(connectionId);
            Q_EMIT connectionStatusChanged(connectionId);
        });
        connect(tokens, &TokenProvider::stateChanged, this,
            [this, connectionId, tokens](TokenProvider::State state) {
                // Minting failed for a passing reason: back off like a
                // failed cycle, then the timer asks for a token again.
                const std::optional<SmhError> failure = tokens->whyNotReady();
                if (state == TokenProvider::State::Missing && tokens->usesSecret() && failure) {
                    recordFailure(connectionId, *failure);
                    reschedule(connectionId);
                }
                Q_EMIT connectionStatusChanged(connectionId);
            });
        tokens->ensureToken();
    }
    QList<Task> tasks;
    const QList<Task> all = m_store->tasks();
    for (const Task &task : all) {
        if (task.key.connectionId == connectionId)
            tasks.append(task);
    }
    trackTasks(tasks);
    reschedule(connectionId);
}

void PollScheduler::removeConnection(qint64 connectionId)
{
    const auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    if (it->tokens)
        it->tokens->disconnect(this);
    if (m_gate)
        m_gate->release(connectionId);
    delete it->timer;
    m_connections.erase(it);
    m_planner.untrackConnection(connectionId);
    m_rechecking.removeIf(
        [connectionId](const TaskKey &key) { return key.connectionId == connectionId; });
    m_libraryLevel.removeIf(
        [connectionId](const TaskKey &key) { return key.connectionId == connectionId; });
}

void PollScheduler::trackTasks(const QList<Task> &tasks)
{
    const QDateTime current = now();
    QSet<qint64> touched;
    for (const Task &task : tasks) {
        if (!task.isFinal() && !m_planner.isTracked(task.key) && inScope(task.key)
            && (!m_wanted || m_wanted(task))) {
            m_planner.track(task.key, current);
            // Asked about by another process (or an earlier run) lately:
            // not again before its interval has passed.
            if (m_store->isShared())
                m_planner.polledElsewhere(task.key, task.lastPolledAt);
            if (task.libraryLevel)
                m_libraryLevel.insert(task.key);
            touched.insert(task.key.connectionId);
        }
    }
    for (qint64 id : std::as_const(touched)) {
        reschedule(id);
        Q_EMIT connectionStatusChanged(id);
    }
}

void PollScheduler::untrackTasks(const QList<TaskKey> &keys)
{
    for (const TaskKey &key : keys) {
        m_planner.untrack(key);
        m_rechecking.remove(key);
        m_libraryLevel.remove(key);
        if (auto it = m_connections.find(key.connectionId);
            it != m_connections.end() && !it->splitBatches.isEmpty()) {
            for (QList<qint64> &batch : it->splitBatches)
                batch.removeOne(key.taskId);
            it->splitBatches.removeIf([](const QList<qint64> &batch) { return batch.isEmpty(); });
        }
    }
}

void PollScheduler::pollNow(qint64 connectionId)
{
    if (!m_connections.contains(connectionId))
        return;
    m_planner.makeAllDue(connectionId, now());
    // Asked of the gate again too: another monitor's lease may have ended.
    m_connections[connectionId].askGateAt = {};
    if (TokenProvider *tokens = m_connections.value(connectionId).tokens)
        tokens->ensureToken();
    reschedule(connectionId);
}

void PollScheduler::pollAllNow()
{
    for (qint64 id : m_connections.keys())
        pollNow(id);
}

void PollScheduler::setPaused(qint64 connectionId, bool paused)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || it->paused == paused)
        return;
    it->paused = paused;
    reschedule(connectionId);
    Q_EMIT connectionStatusChanged(connectionId);
}

bool PollScheduler::isPaused(qint64 connectionId) const
{
    return m_connections.value(connectionId).paused;
}

int PollScheduler::recheck(const QList<TaskKey> &keys)
{
    const QDateTime current = now();
    QSet<qint64> touched;
    int count = 0;
    for (const TaskKey &key : keys) {
        const std::optional<Task> task = m_store->task(key);
        if (!task || !task->isFinal() || m_planner.isTracked(key)
            || !m_connections.contains(key.connectionId) || !inScope(key)
            || (m_wanted && !m_wanted(*task)))
            continue;
        m_planner.track(key, current);
        m_rechecking.insert(key);
        // Asked here, also of a connection another monitor polls.
        m_connections[key.connectionId].askGateAt = {};
        if (task->libraryLevel)
            m_libraryLevel.insert(key);
        touched.insert(key.connectionId);
        ++count;
    }
    for (qint64 id : std::as_const(touched)) {
        reschedule(id);
        Q_EMIT connectionStatusChanged(id);
    }
    return count;
}

bool PollScheduler::hasWork() const
{
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (m_planner.trackedCount(it.key()) > 0 || it->inFlight)
            return true;
    }
    return false;
}

PollScheduler::ConnectionStatus PollScheduler::status(qint64 connectionId) const
{
    ConnectionStatus status;
    const auto it = m_connections.constFind(connectionId);
    if (it == m_connections.cend())
        return status;
    status.inFlight = it->inFlight;
    status.lastError = it->lastError;
    status.lastPollAt = it->lastPollAt;
    status.requestsSent = it->requestsSent;
    status.consecutiveFailures = m_planner.consecutiveFailures(connectionId);
    status.pending = m_planner.trackedCount(connectionId);
    status.nextPollAt = m_planner.nextWake(connectionId);
    status.urlLimit = it->urlLimit;
    status.polledBy = it->polledBy;
    const TokenProvider *tokens = it->tokens;
    if (it->paused)
        status.health = Health::Paused;
    else if (it->misconfigured)
        status.health = Health::ConfigError;
    else if (tokens && tokens->state() == TokenProvider::State::Rejected)
        status.health = Health::AuthRejected;
    else if (!tokens || (tokens->state() == TokenProvider::State::Missing && !tokens->usesSecret()))
        status.health = Health::NoCredentials;
    else if (status.pending == 0 && !status.inFlight)
        status.health = Health::Idle;
    else if (!status.polledBy.isEmpty())
        status.health = Health::Elsewhere;
    else if (status.consecutiveFailures > 0)
        status.health = Health::Backoff;
    else
        status.health = Health::Ok;
    return status;
}

void PollScheduler::reschedule(qint64 connectionId)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || m_shutDown)
        return;
    it->timer->stop();
    // Not polled here for now: whoever can takes it over.
    if (m_gate && !wantsToPoll(connectionId, *it))
        m_gate->release(connectionId);
    if (it->paused || it->inFlight || it->misconfigured)
        return; // finishCycle() or an edit of the connection reschedules
    const TokenProvider *tokens = it->tokens;
    if (!tokens || tokens->state() != TokenProvider::State::Ready) {
        // Wait for tokenChanged; a provider that lost its token to a
        // transient failure is asked again after the connection's backoff.
        if (tokens && tokens->usesSecret() && tokens->state() == TokenProvider::State::Missing)
            startTimer(it->timer, m_planner.backoffUntil(connectionId));
        return;
    }
    QDateTime wake = m_planner.nextWake(connectionId);
    if (!wake.isValid())
        return;
    wake = std::max(wake, m_planner.requestsAllowedAt(connectionId, now()));
    // Another monitor polls it: asked again when its lease ends (or at once
    // when it lets go: gateReopened).
    if (it->askGateAt.isValid())
        wake = std::max(wake, it->askGateAt);
    startTimer(it->timer, wake);
}

void PollScheduler::startTimer(QTimer *timer, const QDateTime &wake) const
{
    // A far wake-up is reached in steps; runCycle() checks the clock and
    // comes back here while it is early.
    const qint64 delay = wake.isValid() ? std::max<qint64>(0, now().msecsTo(wake)) : 0;
    timer->start(std::chrono::milliseconds(std::min<qint64>(delay, m_maxTimerStep.count())));
}

void PollScheduler::runCycle(qint64 connectionId)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end() || it->paused || it->inFlight || m_shutDown || !m_client)
        return;
    TokenProvider *tokens = it->tokens;
    if (!tokens)
        return;
    if (tokens->state() != TokenProvider::State::Ready) {
        const QDateTime backoff = m_planner.backoffUntil(connectionId);
        if (backoff.isValid() && backoff > now())
            reschedule(connectionId); // a step of a long wait, not its end
        else
            tokens->ensureToken();
        return;
    }
    const std::optional<Connection> connection = m_store->connection(connectionId);
    if (!connection)
        return;
    const QDateTime current = now();
    // The polite rate: as many requests as the budget allows, each filled to
    // its URL's capacity with the tasks that waited longest.
    const int allowance = m_planner.requestAllowance(connectionId, current);
    if (allowance == 0) {
        reschedule(connectionId);
        return;
    }
    const QString token = tokens->token();
    const qsizetype limit = qsizetype(allowance) * TaskQuery::maxIdsPerUrl;
    QList<qint64> ids = m_planner.dueTasks(connectionId, current, limit);
    if (passGate(connectionId, *it, current)) {
        // The ledger's poll times are the truth all processes share: a task
        // another one asked about within its interval waits.
        ids = notPolledElsewhere(connectionId, std::move(ids), current, limit);
    } else {
        // Another monitor polls the connection and its answers arrive
        // through the ledger: only re-checks asked for here go out.
        ids.removeIf([this, connectionId](qint64 id) {
            return !m_rechecking.contains({connectionId, id});
        });
    }
    if (ids.isEmpty()) {
        reschedule(connectionId);
        return;
    }
    // Requests go full: the free places of the last one carry the tasks due
    // next, asked about for nothing more. A request of riders alone is not sent.
    QSet<qint64> riders;
    if (ids.size() < limit) {
        const QList<qint64> more = m_planner.riders(connectionId, ids, TaskQuery::maxIdsPerUrl);
        riders = QSet<qint64>(more.cbegin(), more.cend());
        ids.append(more);
    }
    const auto ridersOnly = [&riders](const QList<qint64> &request) {
        return std::all_of(
            request.cbegin(), request.cend(), [&riders](qint64 id) { return riders.contains(id); });
    };
    // The scope belongs to the task: space tasks and library-level tasks
    // are asked with their own URL form, each batched on its own, together
    // within the request allowance.
    QList<qint64> scoped[2];
    if (m_libraryLevel.isEmpty()) {
        scoped[0] = std::move(ids);
    } else {
        for (qint64 id : std::as_const(ids))
            scoped[m_libraryLevel.contains({connectionId, id})].append(id);
    }
    it->inFlight = true;
    auto cycle = std::make_shared<Cycle>();
    int left = allowance;
    for (int libraryLevel = 0; libraryLevel < 2 && left > 0; ++libraryLevel) {
        if (scoped[libraryLevel].isEmpty())
            continue;
        ConnectionSettings settings = connection->settings;
        settings.libraryLevel = libraryLevel == 1;
        Planned planned = plannedRequests(*it, settings, token, scoped[libraryLevel]);
        QList<QList<qint64>> &requests = planned.requests;
        while (requests.size() > planned.split && ridersOnly(requests.constLast()))
            requests.removeLast();
        // Split batches beyond the allowance wait for the next cycle.
        for (qsizetype i = left; i < planned.split; ++i)
            it->splitBatches.append(requests.at(i));
        if (requests.size() > left)
            requests.resize(left);
        // One job per request, so that a reply over the size cap names its batch.
        for (const QList<qint64> &request : std::as_const(requests)) {
            TaskQueryJob *job = m_client->queryTasks(settings, token, request, it->urlLimit);
            left -= job->requestCount();
            m_planner.spendRequests(connectionId, job->requestCount(), current);
            it->requestsSent += job->requestCount();
            m_totalRequests += job->requestCount();
            ++cycle->pending;
            connect(job, &SmhJob::finished, this, [this, connectionId, token, job, cycle] {
                cycle->reports.append(job->reports());
                if (auto state = m_connections.find(connectionId); state != m_connections.end())
                    sortOutOversized(*state, *job, *cycle);
                else
                    cycle->errors.append(job->errors());
                if (--cycle->pending == 0)
                    finishCycle(connectionId, token, *cycle);
            });
        }
    }
    Q_EMIT connectionStatusChanged(connectionId);
}

PollScheduler::Planned PollScheduler::plannedRequests(ConnectionState &state,
    const ConnectionSettings &settings, const QString &token, const QList<qint64> &due) const
{
    Planned planned;
    if (state.splitBatches.isEmpty()) {
        planned.requests = m_client->taskBatches(settings, token, due, state.urlLimit);
        return planned;
    }
    QSet<qint64> rest(due.cbegin(), due.cend());
    QList<QList<qint64>> kept;
    for (QList<qint64> &batch : state.splitBatches) {
        QList<qint64> dueNow;
        for (qint64 id : std::as_const(batch)) {
            if (rest.remove(id))
                dueNow.append(id);
        }
        if (!dueNow.isEmpty())
            planned.requests.append(dueNow);
        else
            kept.append(std::move(batch)); // of the other scope, or not due yet
    }
    state.splitBatches = std::move(kept);
    planned.split = planned.requests.size();
    QList<qint64> others;
    for (qint64 id : due) {
        if (rest.contains(id))
            others.append(id);
    }
    planned.requests.append(m_client->taskBatches(settings, token, others, state.urlLimit));
    return planned;
}

void PollScheduler::sortOutOversized(
    ConnectionState &state, const TaskQueryJob &job, Cycle &cycle) const
{
    const QList<SmhError> errors = job.errors();
    const auto oversized = std::find_if(errors.cbegin(), errors.cend(),
        [](const SmhError &error) { return error.kind() == SmhError::Kind::Oversized; });
    if (oversized == errors.cend()) {
        cycle.errors.append(errors);
        return;
    }
    for (const SmhError &error : errors) {
        if (error.kind() != SmhError::Kind::Oversized)
            cycle.errors.append(error);
    }
    const QList<qint64> failed = job.failedIds();
    if (failed.size() == 1 && job.requestedIds().size() == 1) {
        cycle.unreadable.append({failed.constFirst(), *oversized});
        return;
    }
    // As with a 414, the IDs are still due, so the next cycle asks again at
    // once; only this batch is split, not the connection's other requests.
    const qsizetype half = failed.size() / 2;
    qCInfo(lcPoll) << "a reply for" << failed.size() << "tasks exceeded the size cap; split";
    state.splitBatches.append(failed.first(half));
    state.splitBatches.append(failed.sliced(half));
}

void PollScheduler::finishCycle(qint64 connectionId, const QString &tokenUsed, const Cycle &cycle)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    const QDateTime current = now();
    it->lastPollAt = current;

    auto answers = std::make_shared<Answers>();
    answers->errors = cycle.errors;
    answers->tokenUsed = tokenUsed;
    answers->polledAt = current;
    answers->observations.reserve(cycle.reports.size());
    for (const TaskStatusReport &report : cycle.reports) {
        const TaskKey key {connectionId, report.taskId};
        answers->observations.append(TaskObservation {key, TaskStates::fromReport(report),
            report.status, report.result, current, m_rechecking.contains(key)});
    }
    // Asked alone and still over the cap: its answer will never be read, so
    // it ends here, saying why, instead of being asked (and downloaded) for
    // ever while the watch waits on it.
    for (const auto &[taskId, error] : cycle.unreadable) {
        const TaskKey key {connectionId, taskId};
        TaskObservation observation {key, TaskState::Unknown, TaskStatusReport::statusUnreadable,
            {}, current, m_rechecking.contains(key)};
        observation.error =
            tr("SMH's answer about this task alone is larger than the "
               "%1 a reply may have, so its status and result cannot be read. "
               "It is not asked about again unless re-checked. (%2)")
                .arg(QLocale().formattedDataSize(
                         m_client ? m_client->maxReplyBytes() : SmhClient::defaultMaxReplyBytes, 0),
                    Redact::text(error.toString()));
        answers->observations.append(observation);
    }
    // The connection stays in flight until the last slice is written.
    writeAnswers(connectionId, answers);
}

void PollScheduler::writeAnswers(qint64 connectionId, const std::shared_ptr<Answers> &answers)
{
    const WorkTurn turn;
    do {
        // Looked up again after every slice: a listener of the store may
        // have removed the connection or shut the scheduler down.
        auto it = m_connections.find(connectionId);
        if (it == m_connections.end())
            return;
        if (m_shutDown) {
            it->inFlight = false; // answers after the end are not written
            return;
        }
        writeAnswerSlice(*answers);
        if (!answers->writeError.isEmpty() || answers->written >= answers->observations.size())
            return concludeCycle(connectionId, *answers);
    } while (!turn.isSpent());
    QTimer::singleShot(
        0, this, [this, connectionId, answers] { writeAnswers(connectionId, answers); });
}

void PollScheduler::writeAnswerSlice(Answers &answers)
{
    const qsizetype count = std::min(answerSlice, answers.observations.size() - answers.written);
    if (count <= 0)
        return;
    const QList<TaskObservation> slice = answers.observations.mid(answers.written, count);
    answers.written += count;
    // The store says which states changed; every other answer repeated
    // the state the task already had. Tasks removed while the request
    // was out are ignored by both the store and the planner.
    const Expected<QList<TaskTransition>> applied = m_store->applyObservations(slice);
    if (!applied) {
        answers.writeError = applied.error().message();
        return;
    }
    QHash<TaskKey, TaskState> previous;
    previous.reserve(applied->size());
    for (const TaskTransition &transition : *applied)
        previous.insert(transition.key, transition.from);
    QList<PollPlanner::Answer> planned;
    planned.reserve(slice.size());
    for (const TaskObservation &o : slice) {
        planned.append({o.key, previous.value(o.key, o.state), o.state});
        m_rechecking.remove(o.key);
    }
    m_planner.recordObservations(planned, answers.polledAt);
}

void PollScheduler::concludeCycle(qint64 connectionId, const Answers &answers)
{
    auto it = m_connections.find(connectionId);
    if (it == m_connections.end())
        return;
    it->inFlight = false;
    if (!answers.errors.isEmpty()) {
        const SmhError error = answers.errors.constFirst();
        if (error.kind() == SmhError::Kind::Cancelled)
            return;
        if (error.isConfigurationError()) {
            // Asking again cannot help: wait for the user to edit the connection.
            it->lastError = error;
            if (const auto connection = m_store->connection(connectionId))
                it->misconfigured = connection->settings;
        } else if (error.isUriTooLong() && shrinkUrlLimit(connectionId)) {
            // The unanswered IDs are still due: the next cycle, right away,
            // sends them in shorter requests.
            it->lastError = error;
        } else if (error.isAuthError() && it->tokens) {
            // Never a task failure: the connection waits for a usable token.
            it->lastError = error;
            it->tokens->handleRejection(answers.tokenUsed, error);
        } else {
            recordFailure(connectionId, error);
        }
    } else if (!answers.writeError.isEmpty()) {
        // The store's sentence says already that the ledger could not be written.
        recordFailure(connectionId, SmhError(SmhError::Kind::InvalidInput, answers.writeError));
    } else {
        it->lastError = {};
        m_planner.recordSuccess(connectionId);
        if (it->tokens)
            it->tokens->tokenAccepted();
    }
    reschedule(connectionId);
    Q_EMIT connectionStatusChanged(connectionId);
    Q_EMIT cycleFinished(connectionId);
}

void PollScheduler::recordFailure(qint64 connectionId, const SmhError &error)
{
    qCInfo(lcPoll).noquote() << "connection" << connectionId << error.toString();
    m_connections[connectionId].lastError = error;
    m_planner.recordFailure(connectionId, error, now());
}

bool PollScheduler::shrinkUrlLimit(qint64 connectionId)
{
    ConnectionState &state = m_connections[connectionId];
    if (!m_client)
        return false;
    const qsizetype current = m_client->urlLimit(state.urlLimit);
    if (current / 2 < minUrlLimit)
        return false;
    state.urlLimit = current / 2;
    qCInfo(lcPoll) << "connection" << connectionId << "URL budget lowered to" << state.urlLimit;
    return true;
}

void PollScheduler::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->timer)
            it->timer->stop();
        if (m_gate)
            m_gate->release(it.key());
    }
    if (m_client)
        m_client->abortAll();
}
