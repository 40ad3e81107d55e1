#pragma once

#include "tasks/task.h"

#include <QJsonObject>
#include <QString>

// How every command prints a task, so that watch, query and history clear
// say the same of the same answer.
namespace TaskJson {

// The server said something of the task (a status it sent, 0 included).
bool hasStatus(const Task &task);
// {"taskId", "state", "status" (null only when the server said nothing),
// "result" (as SMH sent it, null included; absent when it sent none),
// "error" (why its answer could not be read; absent when there is none)}.
QJsonObject of(const Task &task);
// Now, as the timestamps of jsonl lines.
QString isoNow();

} // namespace TaskJson
