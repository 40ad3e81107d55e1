#pragma once

#include "smh/smherror.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

// The `result` object of a finished task, as SMH documents it.
struct TaskResult
{
    QStringList convertFrom; // path segments
    QStringList path; // path segments
    QString srcInode;
    QString dstInode;
    // The object as SMH returned it, unknown fields included: scripts reading
    // the JSON output get what the server said, not our reading of it.
    QJsonObject raw = {};

    static QString joined(const QStringList &segments) { return segments.join(u'/'); }
    // `raw` when there is one, otherwise built from the fields.
    QJsonObject toJson() const;
    // Reads a result object; nullopt when a field has a type no reading fits.
    static std::optional<TaskResult> fromJson(const QJsonObject &object);
    // The same result is the same fields: how the server spelled them (a
    // quoted inode, an extra field) is no change of the task.
    friend bool operator==(const TaskResult &a, const TaskResult &b)
    {
        return a.convertFrom == b.convertFrom && a.path == b.path && a.srcInode == b.srcInode
            && a.dstInode == b.dstInode;
    }
};

// What one query said of one task ID. `found == false` means the task was asked
// for but not in the reply: unknown, or finished more than 30 days ago.
struct TaskStatusReport
{
    static constexpr int statusRunning = 202;
    static constexpr int statusSucceeded = 200;
    static constexpr int statusSucceededNoResult = 204;
    static constexpr int statusFailed = 500;

    qint64 taskId = 0;
    bool found = false;
    int status = 0; // as sent; values outside the four documented ones are kept
    std::optional<TaskResult> result;

    friend bool operator==(const TaskStatusReport &, const TaskStatusReport &) = default;
};

// Decodes the Query Task reply: a JSON array of task objects. Tolerant of
// extra fields (ignored) and of unknown status values (kept), strict about the
// documented fields' types, because a wrongly typed reply is not one we can trust.
namespace TaskReply {

struct Parsed
{
    QList<TaskStatusReport> reports; // one per requested ID, in request order
    QList<qint64> unrequested; // IDs the server returned that we did not ask for
    SmhError error; // Kind::Malformed when the body could not be used
};

Parsed parse(const QByteArray &body, const QList<qint64> &requestedIds);

// The inverse, used by the simulator and test servers.
QJsonObject toJson(const TaskStatusReport &report);

} // namespace TaskReply
