#include "tasks/task.h"

qint64 Task::runningSeconds(const QDateTime &now) const
{
    if (!addedAt.isValid())
        return 0;
    const QDateTime end = finishedAt.isValid() ? finishedAt : now;
    return std::max<qint64>(0, addedAt.secsTo(end));
}

QDateTime Task::queryableUntil() const
{
    if (!finishedAt.isValid() || state == TaskState::NotFound)
        return {};
    return finishedAt.addDays(30);
}

bool Task::nearQueryWindowEnd(const QDateTime &now, qint64 marginSeconds) const
{
    const QDateTime until = queryableUntil();
    return until.isValid() && now.secsTo(until) <= marginSeconds;
}
