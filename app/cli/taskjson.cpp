#include "cli/taskjson.h"

#include "tasks/taskstate.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace TaskJson {

bool hasStatus(const Task &task)
{
    return task.state != TaskState::Queued && task.state != TaskState::NotFound
        && task.status != TaskStatusReport::statusUnreadable;
}

QJsonObject of(const Task &task)
{
    QJsonObject object {{u"taskId"_s, task.key.taskId}, {u"state"_s, TaskStates::key(task.state)}};
    // null only when the server said nothing of the task: a status of 0 it
    // sent is printed as 0.
    object.insert(
        u"status"_s, hasStatus(task) ? QJsonValue(task.status) : QJsonValue(QJsonValue::Null));
    if (task.result)
        object.insert(u"result"_s, task.result->toJson());
    // Why a task's answer could not be read (it alone was over the size cap).
    if (!task.lastError.isEmpty())
        object.insert(u"error"_s, task.lastError);
    return object;
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace TaskJson
