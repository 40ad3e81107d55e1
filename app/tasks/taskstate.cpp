#include "tasks/taskstate.h"

#include "smh/taskreply.h"

using namespace Qt::StringLiterals;

namespace TaskStates {

TaskState fromStatus(bool found, int status)
{
    if (!found)
        return TaskState::NotFound;
    switch (status) {
    case TaskStatusReport::statusRunning:
        return TaskState::Running;
    case TaskStatusReport::statusSucceeded:
        return TaskState::Succeeded;
    case TaskStatusReport::statusSucceededNoResult:
        return TaskState::SucceededNoResult;
    case TaskStatusReport::statusFailed:
        return TaskState::Failed;
    default:
        return TaskState::Unknown;
    }
}

TaskState fromReport(const TaskStatusReport &report)
{
    const TaskState state = fromStatus(report.found, report.status);
    if (state != TaskState::Succeeded || !report.result || !report.result->hasFailedItems())
        return state;
    // A batch none of whose items was done failed; it did not partly fail.
    return report.result->allItemsFailed() ? TaskState::Failed : TaskState::PartlyFailed;
}

TaskState refine(TaskState state, int typedStatus)
{
    if (typedStatus == 400 && (isSuccess(state) || state == TaskState::PartlyFailed))
        return TaskState::Failed;
    if (typedStatus == 207 && isSuccess(state))
        return TaskState::PartlyFailed;
    return state;
}

bool isFinal(TaskState state)
{
    return state != TaskState::Queued && state != TaskState::Running;
}

bool isSuccess(TaskState state)
{
    return state == TaskState::Succeeded || state == TaskState::SucceededNoResult;
}

bool isFailure(TaskState state)
{
    return state == TaskState::Failed || state == TaskState::PartlyFailed;
}

bool needsAttention(TaskState state)
{
    return isFinal(state) && !isSuccess(state);
}

QList<TaskState> attentionStates()
{
    QList<TaskState> states;
    for (int i = 0; i < count; ++i) {
        if (needsAttention(TaskState(i)))
            states << TaskState(i);
    }
    return states;
}

QString key(TaskState state)
{
    switch (state) {
    case TaskState::Queued:
        return u"queued"_s;
    case TaskState::Running:
        return u"running"_s;
    case TaskState::Succeeded:
        return u"succeeded"_s;
    case TaskState::SucceededNoResult:
        return u"succeeded_no_result"_s;
    case TaskState::Failed:
        return u"failed"_s;
    case TaskState::NotFound:
        return u"not_found"_s;
    case TaskState::Unknown:
        return u"unknown"_s;
    case TaskState::PartlyFailed:
        return u"partially_failed"_s;
    }
    return {};
}

std::optional<TaskState> fromKey(QStringView text)
{
    for (int i = 0; i < count; ++i) {
        const auto state = static_cast<TaskState>(i);
        if (key(state) == text)
            return state;
    }
    return std::nullopt;
}

QString label(TaskState state)
{
    switch (state) {
    case TaskState::Queued:
        return QCoreApplication::translate("TaskState", "Queued");
    case TaskState::Running:
        return QCoreApplication::translate("TaskState", "Running");
    case TaskState::Succeeded:
        return QCoreApplication::translate("TaskState", "Succeeded");
    case TaskState::SucceededNoResult:
        return QCoreApplication::translate("TaskState", "Succeeded (no result)");
    case TaskState::Failed:
        return QCoreApplication::translate("TaskState", "Failed");
    case TaskState::NotFound:
        return QCoreApplication::translate("TaskState", "Not found / expired");
    case TaskState::Unknown:
        return QCoreApplication::translate("TaskState", "Unknown status");
    case TaskState::PartlyFailed:
        return QCoreApplication::translate("TaskState", "Partly failed");
    }
    return {};
}

QString explanation(TaskState state, int status)
{
    if (state == TaskState::NotFound)
        return QCoreApplication::translate("TaskState",
            "SMH did not return this task. It forgets tasks 30 days after they end, so an old "
            "task ends up here; so does an ID that was mistyped or belongs to another library or "
            "space.");
    if (state == TaskState::Failed)
        return QCoreApplication::translate("TaskState",
            "SMH reports that the task failed (status %1): the job itself went wrong, not the "
            "monitor or the network. Start it again if it should be done; for Tencent support, "
            "give the task ID, the library and space, and the SMH code and request ID under "
            "\"Last error\" if there is one.")
            .arg(status);
    if (state == TaskState::Unknown && status == TaskStatusReport::statusUnreadable)
        return QCoreApplication::translate("TaskState",
            "The monitor could not read SMH's answer about this task: \"Last error\" says why. "
            "It is not taken for success; re-check it to ask again.");
    if (state == TaskState::Unknown)
        return QCoreApplication::translate("TaskState",
            "SMH answered with status %1, which its API does not document for tasks. The monitor "
            "does not take it for success. For Tencent support, give the task ID, this status "
            "and the request ID under \"Last error\" if there is one.")
            .arg(status);
    if (state == TaskState::PartlyFailed)
        return QCoreApplication::translate("TaskState",
            "SMH finished the task, but some of its items failed: the rest was done. The failed "
            "items are listed first below with the error SMH gave for each; \"Copy Failed "
            "Paths\" takes their paths to try them again. For Tencent support, give the task ID "
            "and the errors.");
    if (state == TaskState::SucceededNoResult)
        return QCoreApplication::translate("TaskState",
            "Done: SMH reported success without details (status 204), so there is no path or "
            "inode to show.");
    return {};
}

} // namespace TaskStates
