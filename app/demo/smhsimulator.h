#pragma once

#include "demo/httpserver.h"
#include "smh/taskreply.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <functional>
#include <limits>
#include <optional>

// An SMH stand-in served on loopback: the Query Task endpoint (both the
// spaced and the library-level form), the token endpoints, and clearing
// historical versions (settings, the clear, its library-level task, v2 result,
// usage that drops a while after the clear), with tasks that progress over time. It backs --demo
// and the tests, so it checks what SMH checks (library, token, expiry) and answers errors in SMH's
// shape. It serves one library (libraryId()) unless more are added (addLibrary(), the demo's
// fleet): each has its own secret, file history, usage and clears, and a token opens only the
// library it was minted for. The calls without a library argument are about the first one.
class SmhSimulator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmhSimulator)

public:
    // How one task behaves: it runs for `runMs` after it started, then ends with
    // `finalStatus` (200 with a result, 204, 500, or anything else). A task
    // that is not `known` is never returned (unknown ID, or expired).
    struct TaskScript
    {
        bool known = true;
        qint64 startMs = 0; // on the simulator's clock
        qint64 runMs = 0;
        int finalStatus = 200;
        QStringList convertFrom;
        QStringList path;
        QString srcInode;
        QString dstInode;
        // When set, the result a 200 answers with instead of the conversion
        // above: a batch's array, or any other shape SMH may send.
        QJsonValue result = {};
        // Which query form answers for the task: set, only the library-level
        // form (true: clear-history tasks) or only the spaced one (false).
        std::optional<bool> libraryLevel = {};
        // Query Task v2's taskType; empty: batchDelete for an array result,
        // convertFile otherwise.
        QString taskType = {};
        // v2's status once done, when it differs from what the result says
        // (207 for a batch that v1 calls a success, say).
        std::optional<int> typedStatus = {};
    };

    static constexpr QStringView defaultLibraryId = u"smhdemo";
    static constexpr QStringView defaultLibrarySecret = u"demo-library-secret-0123456789";
    static constexpr qint64 defaultTokenLifetimeSeconds = 24 * 3600;

    explicit SmhSimulator(QObject *parent = nullptr);

    bool start(quint16 port = 0);
    QUrl baseUrl() const { return m_server.baseUrl(); }
    HttpServer &server() { return m_server; }

    QString libraryId() const { return m_libraryId; }
    void setLibraryId(const QString &id);
    QString librarySecret() const { return librarySecret(m_libraryId); }

    // A token valid from the start, for callers that do not mint one.
    QString staticToken() const { return m_staticToken; }
    void setTokenLifetimeSeconds(qint64 seconds) { m_tokenLifetimeSeconds = seconds; }
    // A new valid token, as if minted elsewhere; 0 seconds: never expires.
    // Only admin tokens may read or change history settings, clear, read usage.
    // `libraryId` empty: the first library.
    QString issueToken(qint64 periodSeconds = 0, bool admin = false, const QString &libraryId = {});
    int mintCount() const { return m_mintCount; }
    int renewCount() const { return m_renewCount; }
    void revokeAllTokens();

    // The clock tasks progress by, in milliseconds; tests drive it by hand.
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }
    qint64 nowMs() const { return m_nowMs(); }

    void setTask(qint64 taskId, const TaskScript &script) { m_tasks.insert(taskId, script); }
    // The deterministic behaviour of an ID nobody configured: most succeed,
    // some end without details, some fail, some are unknown or expired, a few
    // report a status the API does not document.
    TaskScript scriptFor(qint64 taskId) const;
    // Tasks for --demo: a mix of states, some already finished at start-up,
    // batch tasks among them (one partly failed).
    QList<qint64> seedDemoTasks();
    // A batch task's result: `count` items, the last `failed` of them refused.
    static QJsonArray batchResult(qint64 taskId, int count, int failed);

    // Clearing historical versions. Usage is `baseBytes` plus the versions'
    // bytes until `usageLagMs` after a clear finished (SMH's figures lag).
    struct HistoryState
    {
        bool enabled = false;
        std::optional<int> count;
        std::optional<int> expireDays;
        std::optional<int> mergeInterval;
    };
    static constexpr qint64 clearIntervalMs = 60'000;
    HistoryState historyState(const QString &libraryId = {}) const;
    void setHistoryState(const HistoryState &state, const QString &libraryId = {});
    void setUsage(qint64 baseBytes, qint64 historyBytes, const QString &libraryId = {});
    void setClearRunMs(qint64 ms) { m_clearRunMs = ms; }
    void setUsageLagMs(qint64 ms) { m_usageLagMs = ms; }
    qint64 usageBytes(const QString &libraryId = {}) const;
    int clearCount(const QString &libraryId = {}) const;
    int historyWrites(const QString &libraryId = {}) const;
    // Seeds --demo: history on, usage to free, so that the whole job can be shown.
    void seedDemoHistory();

    // More libraries beside the first, on the same server.
    struct LibrarySetup
    {
        QString id;
        QString secret;
        HistoryState history;
        qint64 baseBytes = 0;
        qint64 historyBytes = 0;
        // false: tokens minted with this library's secret never get the admin
        // grant (an account whose secret may not administer the library).
        bool adminGrant = true;
    };
    void addLibrary(const LibrarySetup &setup);
    // The first library, then the others in the order they were added.
    QStringList libraryIds() const;
    QString librarySecret(const QString &libraryId) const;
    // Seeds --demo's fleet beside the first library: one with file history
    // already off (versions left to clear), one whose secret mints no admin
    // token, and a small busy one. Returns their IDs.
    QStringList seedDemoFleet();

    // The calls of a clear that change state at SMH.
    enum class HistoryCall {
        WriteSettings,
        Clear
    };
    // Fault injection for them: the next such call is answered `response`
    // (a 5xx, a 429, or HttpResponse::dropConnection), with the change
    // made first when `applied` (a server that acts, then fails to say so)
    // or not at all.
    void failNextHistoryCall(HistoryCall call, const HttpResponse &response, bool applied);
    // Requests `which` accepts are answered only after `delay` (a server
    // that hangs at one step); empty: none.
    void setStall(std::function<bool(const HttpRequest &)> which, std::chrono::milliseconds delay)
    {
        m_stall = std::move(which);
        m_stallDelay = delay;
    }
    // DELETE .../library-history and POST .../library-history requests
    // received, answered or not.
    int clearRequests() const { return library().clearRequests; }
    int historyWriteRequests() const { return library().historyWriteRequests; }
    // Admin tokens minted and not deleted (nor expired) yet.
    int liveAdminTokens() const;

    // Fault injection: the next `count` task queries answer `response`.
    void failNextQueries(int count, const HttpResponse &response);
    int taskQueryCount() const { return m_taskQueryCount; }
    // Task queries whose request target is longer than this are refused with
    // 414 URITooLong, as a proxy in front of SMH would; 0: no limit.
    void setMaxUrlBytes(qsizetype bytes) { m_maxUrlBytes = bytes; }
    int uriTooLongCount() const { return m_uriTooLongCount; }

    // Query Task v2 (GET /api/v1/task-result/...). Off: every such request is
    // answered 404 RouteNotFound, as by a server that predates it.
    void setTaskResultEnabled(bool enabled) { m_taskResultEnabled = enabled; }
    // v2 requests received (answered or refused), and their paths in order.
    int taskResultCount() const { return int(m_taskResultPaths.size()); }
    QStringList taskResultPaths() const { return m_taskResultPaths; }
    // The v2 taskType a task reports.
    QString taskTypeOf(qint64 taskId) const;
    // A finished clear of historical versions for --demo (a library-level task).
    static constexpr qint64 demoClearTaskId = 9000;
    QList<qint64> lastQueriedIds() const { return m_lastQueriedIds; }

private:
    struct ClearTask
    {
        qint64 startMs = 0;
        qint64 deleteCount = 0;
        qint64 freedBytes = 0;
    };
    struct HistoryFault
    {
        HttpResponse response;
        bool applied = false;
    };
    // What SMH keeps per library.
    struct Library
    {
        QString secret;
        bool adminGrant = true;
        HistoryState history;
        QHash<qint64, ClearTask> clearTasks;
        qint64 lastClearMs = std::numeric_limits<qint64>::min() / 2;
        qint64 baseBytes = 40LL * 1024 * 1024 * 1024;
        qint64 historyBytes = 12LL * 1024 * 1024 * 1024;
        int clearCount = 0;
        int clearRequests = 0;
        int historyWrites = 0;
        int historyWriteRequests = 0;
        QHash<int, HistoryFault> historyFaults; // by HistoryCall
    };
    HttpResponse handle(const HttpRequest &request);
    HttpResponse route(const HttpRequest &request);
    HttpResponse handleTaskQuery(const QStringList &segments, const HttpRequest &request);
    HttpResponse handleCreateToken(const HttpRequest &request);
    HttpResponse handleRenewToken(const QString &libraryId, const QString &token);
    HttpResponse handleDeleteToken(const QString &libraryId, const QString &token);
    HttpResponse changeHistory(Library &library, const HttpRequest &request);
    HttpResponse handleHistory(const QStringList &segments, const HttpRequest &request);
    HttpResponse handleUsage(const QStringList &segments, const HttpRequest &request);
    HttpResponse handleTaskResult(const QStringList &segments, const HttpRequest &request);
    enum class Access {
        Library, // the library only (the token is checked later, or not at all)
        Token,
        Admin,
    };
    // What every route checks first, in SMH's order: the route exists, the
    // library is ours, the token may do this. nullopt: go ahead.
    std::optional<HttpResponse> refuse(
        bool routeExists, const QString &libraryId, const QString &token, Access access);
    std::optional<HttpResponse> checkToken(const QString &token);
    // `id` empty: the first library. Null for a library not served.
    Library *findLibrary(const QString &id);
    const Library *findLibrary(const QString &id) const;
    Library &library(const QString &id = {}) { return *findLibrary(id); }
    const Library &library(const QString &id = {}) const { return *findLibrary(id); }
    qint64 usageBytes(const Library &library) const;
    // A clear's library-level task; nullopt when `taskId` is no clear of it.
    std::optional<TaskStatusReport> clearReport(const Library &library, qint64 taskId) const;
    // A scripted task as the given query form sees it; nullopt when that
    // form does not know it. An ID nobody configured starts now.
    std::optional<TaskStatusReport> scriptedReport(qint64 taskId, bool libraryLevel);
    QString nextRequestId();

    HttpServer m_server;
    QString m_libraryId = defaultLibraryId.toString();
    QHash<QString, Library> m_libraries;
    QStringList m_libraryOrder; // after the first
    QString m_staticToken;
    qint64 m_tokenLifetimeSeconds = defaultTokenLifetimeSeconds;
    struct TokenState
    {
        qint64 expiryMs = 0; // on our clock
        qint64 periodSeconds = 0;
        bool admin = false;
        QString library; // empty: the first
    };
    QHash<QString, TokenState> m_tokens;
    QHash<qint64, TaskScript> m_tasks;
    QHash<qint64, qint64> m_firstAsked; // IDs not set: when first asked about
    std::function<qint64()> m_nowMs;
    int m_failuresLeft = 0;
    HttpResponse m_failure;
    int m_taskQueryCount = 0;
    qsizetype m_maxUrlBytes = 0;
    int m_uriTooLongCount = 0;
    int m_mintCount = 0;
    int m_renewCount = 0;
    QList<qint64> m_lastQueriedIds;
    bool m_taskResultEnabled = true;
    QStringList m_taskResultPaths;
    qint64 m_nextClearTaskId = 9001;
    qint64 m_clearRunMs = 8'000;
    qint64 m_usageLagMs = 5'000;
    std::function<bool(const HttpRequest &)> m_stall;
    std::chrono::milliseconds m_stallDelay {0};
    quint64 m_requestSerial = 0;
};
