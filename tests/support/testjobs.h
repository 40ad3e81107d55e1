#pragma once

#include "smh/accesstoken.h"
#include "smh/smherror.h"
#include "smh/taskreply.h"

#include <QList>

#include <chrono>

class SmhJob;

// What a finished SmhJob reported, copied out in its finished() slot (the job
// deletes itself right after).
struct JobResult
{
    bool finished = false;
    int finishedCount = 0;
    QList<SmhError> errors;
    // TaskQueryJob
    QList<qint64> requestedIds;
    QList<TaskStatusReport> reports;
    QList<qint64> failedIds;
    int requestCount = 0;
    // TokenJob
    AccessToken token;
    // ApiJob
    int httpStatus = 0;
    QByteArray body;
    int effect = -1; // ApiJob::Effect

    SmhError error() const { return errors.value(0); }
    // The report for `id`, or a default one (taskId 0) when there is none.
    TaskStatusReport report(qint64 id) const;
};

namespace TestJobs {

// Waits for `job` to finish; `finished` stays false on timeout.
JobResult wait(SmhJob *job, std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace TestJobs
