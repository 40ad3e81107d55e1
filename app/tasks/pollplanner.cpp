#include "tasks/pollplanner.h"

#include <QSet>

#include <algorithm>
#include <cmath>

using std::chrono::milliseconds;

PollPlanner::PollPlanner()
    : PollPlanner(Options {})
{ }

PollPlanner::PollPlanner(Options options, quint32 seed)
    : m_random(seed)
{
    setOptions(options);
}

void PollPlanner::setOptions(const Options &options)
{
    m_options = options;
    // Every clamp below takes (base, max) as its bounds: reversed bounds are
    // undefined behaviour, so the longest interval never falls below the base.
    m_options.maxInterval = std::max(m_options.maxInterval, m_options.baseInterval);
    m_options.requestsPerSecond = std::max(m_options.requestsPerSecond, 0.01);
    m_options.requestBurst = std::max(m_options.requestBurst, 1);
    m_options.finishShare = std::max(m_options.finishShare, 0.0);
    m_options.finishRateMemory = std::max(m_options.finishRateMemory, milliseconds(1));
    for (Plan &plan : m_plans) {
        for (Due &due : plan.due)
            due.interval = std::clamp(due.interval, m_options.baseInterval, m_options.maxInterval);
    }
}

void PollPlanner::setDue(Plan &plan, qint64 taskId, Due &due, qint64 atMs)
{
    plan.byTime.erase({due.atMs, taskId});
    due.atMs = atMs;
    plan.byTime.insert({atMs, taskId});
}

const PollPlanner::Due *PollPlanner::find(const TaskKey &key) const
{
    const auto plan = m_plans.constFind(key.connectionId);
    if (plan == m_plans.cend())
        return nullptr;
    const auto due = plan->due.constFind(key.taskId);
    return due == plan->due.cend() ? nullptr : &*due;
}

void PollPlanner::track(const TaskKey &key, const QDateTime &now)
{
    Plan &plan = m_plans[key.connectionId];
    const qint64 atMs = now.toMSecsSinceEpoch();
    const auto existing = plan.due.find(key.taskId);
    if (existing != plan.due.end()) {
        existing->interval = m_options.baseInterval;
        setDue(plan, key.taskId, *existing, atMs);
        return;
    }
    plan.due.insert(key.taskId, Due {atMs, m_options.baseInterval});
    plan.byTime.insert({atMs, key.taskId});
}

void PollPlanner::untrack(const TaskKey &key)
{
    const auto plan = m_plans.find(key.connectionId);
    if (plan == m_plans.end())
        return;
    const auto due = plan->due.constFind(key.taskId);
    if (due == plan->due.cend())
        return;
    plan->byTime.erase({due->atMs, key.taskId});
    plan->due.erase(due);
}

void PollPlanner::untrackConnection(qint64 connectionId)
{
    m_plans.remove(connectionId);
    m_backoff.remove(connectionId);
    m_budgets.remove(connectionId);
    m_finishRates.remove(connectionId);
}

bool PollPlanner::isTracked(const TaskKey &key) const
{
    return find(key) != nullptr;
}

qsizetype PollPlanner::trackedCount(qint64 connectionId) const
{
    const auto plan = m_plans.constFind(connectionId);
    return plan == m_plans.cend() ? 0 : plan->due.size();
}

QList<qint64> PollPlanner::dueTasks(
    qint64 connectionId, const QDateTime &now, qsizetype limit) const
{
    QList<qint64> ids;
    const auto plan = m_plans.constFind(connectionId);
    if (plan == m_plans.cend() || plan->byTime.empty() || limit <= 0)
        return ids;
    const Backoff backoff = m_backoff.value(connectionId);
    if (backoff.until.isValid() && backoff.until > now)
        return ids;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    // Tasks due soon ride along only with a cycle that is due anyway.
    if (plan->byTime.begin()->first > nowMs)
        return ids;
    // No task's slack is longer than the longest interval's.
    const qint64 horizonMs =
        nowMs + qint64(double(m_options.maxInterval.count()) * m_options.coalesceShare);
    for (const auto &[atMs, taskId] : plan->byTime) {
        if (ids.size() >= limit || atMs > horizonMs)
            break;
        if (atMs > nowMs) {
            const Due &due = *plan->due.constFind(taskId);
            const auto slackMs = qint64(double(due.interval.count()) * m_options.coalesceShare);
            if (atMs - nowMs > slackMs)
                continue;
        }
        ids.append(taskId);
    }
    return ids;
}

QList<qint64> PollPlanner::riders(
    qint64 connectionId, const QList<qint64> &due, qsizetype count) const
{
    QList<qint64> ids;
    const auto plan = m_plans.constFind(connectionId);
    if (plan == m_plans.cend() || count <= 0)
        return ids;
    const QSet<qint64> taken(due.cbegin(), due.cend());
    for (const auto &[atMs, taskId] : plan->byTime) {
        if (ids.size() >= count)
            break;
        if (!taken.contains(taskId))
            ids.append(taskId);
    }
    return ids;
}

QDateTime PollPlanner::nextWake(qint64 connectionId) const
{
    const auto plan = m_plans.constFind(connectionId);
    if (plan == m_plans.cend() || plan->byTime.empty())
        return {};
    const QDateTime earliest = QDateTime::fromMSecsSinceEpoch(plan->byTime.begin()->first, Qt::UTC);
    const QDateTime backoff = m_backoff.value(connectionId).until;
    return backoff.isValid() && backoff > earliest ? backoff : earliest;
}

double PollPlanner::rateAt(const Budget &budget, qint64 nowMs) const
{
    return nowMs < budget.slowUntilMs ? m_options.requestsPerSecond / 2.0
                                      : m_options.requestsPerSecond;
}

TokenBucket::Rate PollPlanner::bucketRate(const Budget &budget, qint64 nowMs) const
{
    return {rateAt(budget, nowMs), double(m_options.requestBurst)};
}

PollPlanner::Budget &PollPlanner::budgetOf(qint64 connectionId, qint64 nowMs)
{
    auto it = m_budgets.find(connectionId);
    if (it == m_budgets.end()) // a fresh connection may burst
        it = m_budgets.insert(connectionId, {TokenBucket(bucketRate({}, nowMs), nowMs)});
    return *it;
}

double PollPlanner::tokensAt(qint64 connectionId, qint64 nowMs) const
{
    const auto it = m_budgets.constFind(connectionId);
    if (it == m_budgets.cend())
        return double(m_options.requestBurst); // a fresh connection may burst
    return it->bucket.available(bucketRate(*it, nowMs), nowMs);
}

int PollPlanner::requestAllowance(qint64 connectionId, const QDateTime &now) const
{
    return std::max(0, int(std::floor(tokensAt(connectionId, now.toMSecsSinceEpoch()))));
}

void PollPlanner::spendRequests(qint64 connectionId, int count, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    Budget &budget = budgetOf(connectionId, nowMs);
    // A job may take more requests than were allowed (one cannot send half a
    // batch): the debt delays the next ones.
    budget.bucket.spend(double(count), bucketRate(budget, nowMs), nowMs);
}

QDateTime PollPlanner::requestsAllowedAt(qint64 connectionId, const QDateTime &now) const
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const auto it = m_budgets.constFind(connectionId);
    if (it == m_budgets.cend())
        return now; // a fresh connection may burst
    const qint64 wait = it->bucket.msUntilOne(bucketRate(*it, nowMs), nowMs);
    return wait == 0 ? now : now.addMSecs(wait);
}

double PollPlanner::requestRate(qint64 connectionId, const QDateTime &now) const
{
    return rateAt(m_budgets.value(connectionId), now.toMSecsSinceEpoch());
}

void PollPlanner::recordObservation(
    const TaskKey &key, TaskState previous, TaskState current, const QDateTime &now)
{
    recordObservations({{key, previous, current}}, now);
}

void PollPlanner::recordObservations(const QList<Answer> &answers, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    // Running when last asked: each either finished since or did not, which
    // is what the finishing rate is made of (a due time counts from the last
    // poll). All of them first, so that every interval below knows them.
    for (const Answer &answer : answers) {
        if (answer.previous != TaskState::Running)
            continue;
        if (const Due *due = find(answer.key)) {
            const qint64 askedMs = due->atMs - due->interval.count();
            countFinishes(answer.key.connectionId, nowMs - askedMs,
                TaskStates::isFinal(answer.current), nowMs);
        }
    }
    for (const Answer &answer : answers)
        schedule(answer, nowMs);
}

void PollPlanner::schedule(const Answer &answer, qint64 nowMs)
{
    const auto plan = m_plans.find(answer.key.connectionId);
    if (plan == m_plans.end())
        return;
    const auto it = plan->due.find(answer.key.taskId);
    if (it == plan->due.end())
        return;
    if (TaskStates::isFinal(answer.current)) {
        plan->byTime.erase({it->atMs, answer.key.taskId});
        plan->due.erase(it);
        return;
    }
    if (answer.previous != answer.current)
        it->interval = m_options.baseInterval;
    else
        it->interval = grownInterval(answer.key.connectionId, it->interval);
    setDue(*plan, answer.key.taskId, *it, nowMs + it->interval.count());
}

void PollPlanner::countFinishes(qint64 connectionId, qint64 exposureMs, bool finished, qint64 nowMs)
{
    FinishRate &rate = m_finishRates[connectionId];
    if (nowMs > rate.atMs) {
        const double kept =
            std::exp(-double(nowMs - rate.atMs) / double(m_options.finishRateMemory.count()));
        rate.finished *= kept;
        rate.exposureMs *= kept;
        rate.atMs = nowMs;
    }
    rate.exposureMs += double(std::max<qint64>(exposureMs, 0));
    rate.finished += finished ? 1.0 : 0.0;
}

double PollPlanner::finishRate(qint64 connectionId) const
{
    const FinishRate rate = m_finishRates.value(connectionId);
    return rate.exposureMs > 0 ? rate.finished / rate.exposureMs * 1000.0 : 0.0;
}

milliseconds PollPlanner::grownInterval(qint64 connectionId, milliseconds interval) const
{
    const auto grown =
        std::clamp(milliseconds(qint64(std::ceil(double(interval.count()) * m_options.growth))),
            m_options.baseInterval, m_options.maxInterval);
    // Tasks like this one are finishing: ask again once about finishShare of
    // them would have, so that a request finds that share finished. Nothing
    // finishing: growth alone, as many requests spent on waiting as before.
    const double perSecond = finishRate(connectionId);
    if (m_options.finishShare <= 0 || perSecond <= 0)
        return grown;
    const double wantedMs = m_options.finishShare / perSecond * 1000.0;
    if (wantedMs >= double(grown.count()))
        return grown;
    return std::max(m_options.baseInterval, milliseconds(qint64(wantedMs)));
}

void PollPlanner::recordSuccess(qint64 connectionId)
{
    m_backoff.remove(connectionId);
}

void PollPlanner::recordFailure(qint64 connectionId, const SmhError &error, const QDateTime &now)
{
    Backoff &backoff = m_backoff[connectionId];
    ++backoff.failures;
    // base * 2^(n-1), capped, then shortened by up to a quarter at random so
    // that many monitors that failed together do not retry together.
    const double exponent = std::min(backoff.failures - 1, 20);
    const double raw = std::min(double(m_options.backoffBase.count()) * std::pow(2.0, exponent),
        double(m_options.backoffMax.count()));
    const double jitter = 0.75 + 0.25 * m_random.generateDouble();
    qint64 waitMs = qint64(raw * jitter);
    if (error.retryAfterSeconds() >= 0)
        waitMs = std::max<qint64>(waitMs, qint64(error.retryAfterSeconds()) * 1000);
    backoff.until = now.addMSecs(waitMs);
    // Too many requests: ask less often for a while, beyond this backoff.
    if (error.httpStatus() == 429) {
        const qint64 nowMs = now.toMSecsSinceEpoch();
        Budget &budget = budgetOf(connectionId, nowMs);
        budget.bucket.drain(bucketRate(budget, nowMs), nowMs);
        budget.slowUntilMs = nowMs + m_options.slowDownFor.count();
    }
}

void PollPlanner::makeAllDue(qint64 connectionId, const QDateTime &now)
{
    m_backoff.remove(connectionId);
    const auto plan = m_plans.find(connectionId);
    if (plan == m_plans.end())
        return;
    // The user asked: every task at once (a pass over one connection's tasks).
    const qint64 nowMs = now.toMSecsSinceEpoch();
    plan->byTime.clear();
    for (auto it = plan->due.begin(); it != plan->due.end(); ++it) {
        it->atMs = nowMs;
        plan->byTime.insert({nowMs, it.key()});
    }
}

void PollPlanner::polledElsewhere(const TaskKey &key, const QDateTime &at)
{
    const auto plan = m_plans.find(key.connectionId);
    if (plan == m_plans.end() || !at.isValid())
        return;
    const auto it = plan->due.find(key.taskId);
    if (it == plan->due.end())
        return;
    if (at.toMSecsSinceEpoch() + it->interval.count() <= it->atMs)
        return; // not newer than the poll this schedule counts from
    // As if this process had asked and heard "still running": otherwise a
    // process that only hears of polls would keep the base interval and ask
    // between the other's ever longer waits.
    const auto grown =
        milliseconds(qint64(std::ceil(double(it->interval.count()) * m_options.growth)));
    it->interval = std::clamp(grown, m_options.baseInterval, m_options.maxInterval);
    setDue(*plan, key.taskId, *it, at.toMSecsSinceEpoch() + it->interval.count());
}

milliseconds PollPlanner::intervalOf(const TaskKey &key) const
{
    const Due *due = find(key);
    return due ? due->interval : milliseconds(0);
}

QDateTime PollPlanner::dueAt(const TaskKey &key) const
{
    const Due *due = find(key);
    return due ? QDateTime::fromMSecsSinceEpoch(due->atMs, Qt::UTC) : QDateTime();
}
