#pragma once

#include "tasks/task.h"

#include <QJsonObject>
#include <QString>

#include <functional>

class QTextStream;

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

// `{"summary": summary, "tasks": [task(0), …, task(count - 1)]}` written to
// `out` one task at a time, in the very bytes QJsonDocument's indented form
// gives for the whole document (indentation, key order, escaping, numbers):
// a million tasks never exist as one tree or one text, only the task being
// written. Stops early once `out` fails (its status says so).
void writeDocument(QTextStream &out, const QJsonObject &summary, qsizetype count,
    const std::function<QJsonObject(qsizetype)> &task);

} // namespace TaskJson
