#pragma once

#include "smh/connectionsettings.h"
#include "smh/expected.h"
#include "smh/smherror.h"

#include <QJsonObject>
#include <QString>

#include <optional>

class ApiJob;
class SmhClient;

// What Query Task v2 (GET /api/v1/task-result/...) says of one task: its type
// and a result typed by it. One request per task, so the monitor asks it
// sparingly (TaskTypeFetcher); SMH servers without it answer 404.
struct TypedTaskResult
{
    // v2's statuses beside v1's 202/200/500.
    static constexpr int statusPartlySucceeded = 207;
    static constexpr int statusAllFailed = 400;

    QString taskType; // batchDelete, convertFile, clearLibraryHistory, ... as sent
    int status = 0;
    // The reply as SMH sent it, typed result included: the ledger keeps it,
    // and readers below take what they know from it.
    QJsonObject raw;

    bool isRunning() const { return status == 202; }
    // clearLibraryHistoryResult.deleteCount: versions deleted, not bytes.
    std::optional<qint64> deleteCount() const;

    struct Uncompress
    {
        QString outputDir;
        qint64 fileCount = 0;
        qint64 successCount = 0;
        qint64 failedCount = 0;
        // failedItems' paths (a string or segments), the first maxFailedPaths.
        QStringList failedPaths = {};
        static constexpr int maxFailedPaths = 100;
    };
    // fileUncompressResult's counts.
    std::optional<Uncompress> uncompress() const;

    // A reply must be one object naming the task asked for (as a string or
    // a number) and carrying a type; anything else is Malformed.
    static Expected<TypedTaskResult, SmhError> parse(const QByteArray &body, qint64 taskId);
    // The ledger's copy, read back; nullopt for an empty or unreadable one.
    static std::optional<TypedTaskResult> fromStored(const QJsonObject &raw);

    friend bool operator==(const TypedTaskResult &, const TypedTaskResult &) = default;
};

namespace TaskResultApi {

// /api/v1/task-result/{Lib}/{Space}/{TaskId}, or /{Lib}/{TaskId} for a
// library-level task; percent-encoded.
QString path(const ConnectionSettings &settings, bool libraryLevel, qint64 taskId);

// One request through SmhClient::callApi; read its answer with read() once
// the job has finished.
ApiJob *start(SmhClient *client, const ConnectionSettings &settings, const QString &token,
    bool libraryLevel, qint64 taskId);
Expected<TypedTaskResult, SmhError> read(const ApiJob &job, qint64 taskId);

// The answer of a server that has no v2 at all: 404 RouteNotFound, or a 404
// that is not SMH's (no code), rather than a 404 about this one task.
bool meansUnavailable(const SmhError &error);

} // namespace TaskResultApi
