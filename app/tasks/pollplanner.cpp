#include "tasks/pollplanner.h"

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
    for (Due &due : m_due)
        due.interval = std::clamp(due.interval, m_options.baseInterval, m_options.maxInterval);
}

void PollPlanner::track(const TaskKey &key, const QDateTime &now)
{
    m_due.insert(key, Due {now, m_options.baseInterval});
}

void PollPlanner::untrack(const TaskKey &key)
{
    m_due.remove(key);
}

void PollPlanner::untrackConnection(qint64 connectionId)
{
    m_due.removeIf(
        [connectionId](const auto &it) { return it.key().connectionId == connectionId; });
    m_backoff.remove(connectionId);
}

qsizetype PollPlanner::trackedCount(qint64 connectionId) const
{
    qsizetype count = 0;
    for (auto it = m_due.cbegin(); it != m_due.cend(); ++it)
        count += it.key().connectionId == connectionId;
    return count;
}

QList<qint64> PollPlanner::dueTasks(qint64 connectionId, const QDateTime &now) const
{
    QList<qint64> ids;
    const Backoff backoff = m_backoff.value(connectionId);
    if (backoff.until.isValid() && backoff.until > now)
        return ids;
    bool anyDue = false;
    QList<qint64> soon;
    for (auto it = m_due.cbegin(); it != m_due.cend(); ++it) {
        if (it.key().connectionId != connectionId)
            continue;
        if (it->at <= now) {
            anyDue = true;
            ids.append(it.key().taskId);
        } else {
            const auto slack =
                milliseconds(qint64(double(it->interval.count()) * m_options.coalesceShare));
            if (now.msecsTo(it->at) <= slack.count())
                soon.append(it.key().taskId);
        }
    }
    if (anyDue)
        ids.append(soon);
    std::sort(ids.begin(), ids.end());
    return ids;
}

QDateTime PollPlanner::nextWake(qint64 connectionId) const
{
    QDateTime earliest;
    for (auto it = m_due.cbegin(); it != m_due.cend(); ++it) {
        if (it.key().connectionId == connectionId && (!earliest.isValid() || it->at < earliest))
            earliest = it->at;
    }
    if (!earliest.isValid())
        return earliest;
    const QDateTime backoff = m_backoff.value(connectionId).until;
    return backoff.isValid() && backoff > earliest ? backoff : earliest;
}

void PollPlanner::recordObservation(
    const TaskKey &key, TaskState previous, TaskState current, const QDateTime &now)
{
    auto it = m_due.find(key);
    if (it == m_due.end())
        return;
    if (TaskStates::isFinal(current)) {
        m_due.erase(it);
        return;
    }
    if (previous != current) {
        it->interval = m_options.baseInterval;
    } else {
        const auto grown =
            milliseconds(qint64(std::ceil(double(it->interval.count()) * m_options.growth)));
        it->interval = std::clamp(grown, m_options.baseInterval, m_options.maxInterval);
    }
    it->at = now.addMSecs(it->interval.count());
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
}

void PollPlanner::makeAllDue(qint64 connectionId, const QDateTime &now)
{
    m_backoff.remove(connectionId);
    for (auto it = m_due.begin(); it != m_due.end(); ++it) {
        if (it.key().connectionId == connectionId)
            it->at = now;
    }
}

milliseconds PollPlanner::intervalOf(const TaskKey &key) const
{
    return m_due.value(key).interval;
}
