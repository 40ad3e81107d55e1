#pragma once

#include "smh/smherror.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

// One entry of a batch task's result (batch delete, copy, move, recycle-bin
// restore): SMH answers one per entry of the batch, in the batch's order.
struct TaskResultItem
{
    int status = 0; // 0 when the item carried none
    QStringList path; // segments
    QStringList from; // copyFrom / from: where a copied or moved entry came from
    QStringList to; // to: where it went
    QString recycledItemId; // batch delete into the recycle bin
    QString code; // SMH error code of a failed entry
    QString message;

    // The item did not do what was asked: SMH marks it by a status >= 400 or
    // by an error code (the Android SDK reads either as a failure).
    bool failed() const { return status >= 400 || !code.isEmpty(); }
    // What to show as the item's path: its path, else where it went or came from.
    QStringList displayPath() const;

    friend bool operator==(const TaskResultItem &, const TaskResultItem &) = default;
};

// The `result` of a finished task. SMH gives it no fixed shape: it is what the
// operation's own synchronous reply would have been. The known shapes are
// read; every shape is kept as returned in `raw` and never refused.
struct TaskResult
{
    enum class Shape {
        Conversion, // document conversion: the fields below
        Batch, // an array of per-item results: `items`
        Other, // anything else (another object, a string, a number): `raw` only
    };

    QStringList convertFrom; // path segments
    QStringList path; // path segments
    QString srcInode;
    QString dstInode;
    // The value as SMH returned it, unknown fields included: scripts reading
    // the JSON output get what the server said, not our reading of it. A
    // full reading (fromJson) has it; a compact one (what SharedResult
    // keeps) has `json` instead and reads it again when asked.
    QJsonValue raw = {};
    Shape shape = Shape::Conversion;
    // A batch's items: in a full reading only (readItems() reads them from
    // `json` otherwise). A batch's counts and first path are always there.
    QList<TaskResultItem> items = {};
    qsizetype itemCount = 0;
    qsizetype failedCount = 0;
    QStringList firstItemPath = {};
    // The same value as compact JSON text (UTF-8): how a result is kept, a
    // few bytes per byte SMH sent instead of a parsed tree of them.
    QByteArray json = {};

    static QString joined(const QStringList &segments) { return segments.join(u'/'); }
    // `raw` when there is one, else `json` read again, otherwise built from
    // the conversion fields.
    QJsonValue toJson() const;
    // Reads any value SMH may send; never fails (an unreadable shape is Other).
    static TaskResult fromJson(const QJsonValue &value);
    // The same result without its parsed tree and items, holding `json`.
    TaskResult compact() const;
    // A batch's items, read from `json` when this reading does not hold them.
    QList<TaskResultItem> readItems() const;

    qsizetype failedItemCount() const { return failedCount; }
    bool hasFailedItems() const { return failedCount > 0; }
    // Every item of a batch failed: the task failed, it did not partly fail.
    bool allItemsFailed() const { return itemCount > 0 && failedCount == itemCount; }
    // The path a table cell shows: the converted file's, or a batch's first
    // item's followed by "+N more".
    QString summaryPath() const;
    // "998 done, 2 failed" for a batch; empty otherwise.
    QString itemCounts() const;

    // The same result is the same reading: how the server spelled it (a
    // quoted inode, an extra field) is no change of the task. Shapes the
    // monitor does not read compare as returned.
    friend bool operator==(const TaskResult &a, const TaskResult &b);
};

// A task's result, shared by every copy of the task (the ledger's, the
// table's, a notification's): a batch holds up to 1,000 items, and a hundred
// thousand tasks each carrying their own copy would cost the window more than
// the tasks themselves. Results are never changed in place, only replaced,
// and held compact: their JSON text and a summary, not a parsed tree.
// Reads like std::optional<TaskResult>.
class SharedResult
{
public:
    SharedResult() = default;
    SharedResult(std::nullopt_t) { }
    // Kept compact (TaskResult::compact): a 14 MB result costs about 14 MB,
    // not a parsed tree many times that size.
    SharedResult(const TaskResult &result)
        : m_result(std::make_shared<const TaskResult>(result.compact()))
    { }
    SharedResult(const std::optional<TaskResult> &result)
    {
        if (result)
            m_result = std::make_shared<const TaskResult>(result->compact());
    }

    bool has_value() const { return m_result != nullptr; }
    explicit operator bool() const { return has_value(); }
    const TaskResult &operator*() const { return *m_result; }
    const TaskResult *operator->() const { return m_result.get(); }
    void reset() { m_result.reset(); }

    friend bool operator==(const SharedResult &a, const SharedResult &b)
    {
        return a.m_result == b.m_result || (a.m_result && b.m_result && *a.m_result == *b.m_result);
    }

private:
    std::shared_ptr<const TaskResult> m_result;
};

// What one query said of one task ID. `found == false` means the task was asked
// for but not in the reply: unknown, or finished more than 30 days ago.
struct TaskStatusReport
{
    static constexpr int statusRunning = 202;
    static constexpr int statusSucceeded = 200;
    static constexpr int statusSucceededNoResult = 204;
    static constexpr int statusFailed = 500;
    // Not SMH's: the monitor could not read the answer about the task (it
    // alone exceeded the reply size cap). Never sent by a server.
    static constexpr int statusUnreadable = -1;

    qint64 taskId = 0;
    bool found = false;
    int status = 0; // as sent; values outside the four documented ones are kept
    SharedResult result;

    friend bool operator==(const TaskStatusReport &, const TaskStatusReport &) = default;
};

// Decodes the Query Task reply: a JSON array of task objects. Tolerant of
// extra fields (ignored), of unknown status values (kept) and of any `result`
// (kept as returned), strict about taskId and status, without which an answer
// cannot be trusted to be about the task asked for.
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
