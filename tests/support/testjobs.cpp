#include "testjobs.h"

#include "smh/smhclient.h"

#include <QTest>

#include <memory>

TaskStatusReport JobResult::report(qint64 id) const
{
    for (const TaskStatusReport &report : reports) {
        if (report.taskId == id)
            return report;
    }
    return {};
}

namespace TestJobs {

JobResult wait(SmhJob *job, std::chrono::milliseconds timeout)
{
    // Shared, so that a job finishing after a timeout writes into live memory.
    auto result = std::make_shared<JobResult>();
    QObject context;
    QObject::connect(job, &SmhJob::finished, &context, [job, result] {
        ++result->finishedCount;
        result->finished = true;
        result->errors = job->errors();
        if (const auto *query = qobject_cast<TaskQueryJob *>(job)) {
            result->requestedIds = query->requestedIds();
            result->reports = query->reports();
            result->failedIds = query->failedIds();
            result->requestCount = query->requestCount();
        } else if (const auto *token = qobject_cast<TokenJob *>(job)) {
            result->token = token->token();
        } else if (const auto *api = qobject_cast<ApiJob *>(job)) {
            result->httpStatus = api->httpStatus();
            result->body = api->body();
            result->effect = int(api->effect());
        }
    });
    if (!QTest::qWaitFor([&result] { return result->finished; }, int(timeout.count())))
        return *result;
    // Let a (wrong) second finished() arrive before anyone counts.
    QCoreApplication::processEvents();
    return *result;
}

} // namespace TestJobs
