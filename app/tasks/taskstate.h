#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <array>
#include <optional>

struct TaskStatusReport;

// What the monitor believes about a task. Derived from SMH's status code, plus
// the two states SMH has no code for: not asked yet, and not returned.
enum class TaskState {
    Queued, // tracked, no answer yet
    Running, // 202
    Succeeded, // 200, details in the result
    SucceededNoResult, // 204
    Failed, // 500
    NotFound, // asked for but not returned: unknown ID or ended > 30 days ago
    Unknown, // a status the API does not document; kept, never taken for success
    // 200 with some items failed (a batch), or v2's 207/400 "partly succeeded".
    // Last, so that the stored numbering of the others does not move.
    PartlyFailed,
};

namespace TaskStates {

inline constexpr int count = 8;
// How many tasks are in each state, indexed by int(TaskState): the table
// model, the filters, the sidebar and the status panel all count this way.
using Counts = std::array<int, count>;

TaskState fromStatus(bool found, int status);
// The state an answer puts a task in: its status, and for a 200 whose result
// lists failed items, PartlyFailed (Failed when every item failed).
TaskState fromReport(const TaskStatusReport &report);
// Query Task v1 answers 200 for a batch however its items went; v2's 207
// (partly succeeded) and 400 (every item failed) are finer, and stand over a
// success. Any other state, or status, is returned as it is.
TaskState refine(TaskState state, int typedStatus);
// Final states are never polled again unless the user asks for a re-check.
bool isFinal(TaskState state);
bool isSuccess(TaskState state);
// Failed or partly failed: notified as a failure; `watch` exits 1 for it.
bool isFailure(TaskState state);
// Ended, and not as asked (failed, partly failed, not found, unknown status):
// what "Needs attention" lists and notifiers speak up for.
bool needsAttention(TaskState state);
QList<TaskState> attentionStates();

// The stable machine name used by the headless output and the ledger:
// running, succeeded, succeeded_no_result, failed, partially_failed, not_found,
// unknown, queued.
QString key(TaskState state);
std::optional<TaskState> fromKey(QStringView key);

// Translated label for people.
QString label(TaskState state);
// What an operator should know about a state that is not plain success or
// progress (why "not found", what a 500 means, what to give support);
// empty for the others. `status` is the code SMH sent.
QString explanation(TaskState state, int status);

} // namespace TaskStates
