#pragma once

#include "demo/httpserver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

// An SMH stand-in served on loopback: the Query Task endpoint (both the
// spaced and the library-level form) and the token endpoints, with tasks that
// progress over time. It backs --demo and the tests, so it checks what SMH
// checks (library, token, expiry) and answers errors in SMH's shape.
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
    };

    static constexpr QStringView defaultLibraryId = u"smhdemo";
    static constexpr QStringView defaultLibrarySecret = u"demo-library-secret-0123456789";
    static constexpr qint64 defaultTokenLifetimeSeconds = 24 * 3600;

    explicit SmhSimulator(QObject *parent = nullptr);

    bool start(quint16 port = 0);
    QUrl baseUrl() const { return m_server.baseUrl(); }
    HttpServer &server() { return m_server; }

    QString libraryId() const { return m_libraryId; }
    void setLibraryId(const QString &id) { m_libraryId = id; }
    QString librarySecret() const { return m_librarySecret; }

    // A token valid from the start, for callers that do not mint one.
    QString staticToken() const { return m_staticToken; }
    void setTokenLifetimeSeconds(qint64 seconds) { m_tokenLifetimeSeconds = seconds; }
    // A new valid token, as if minted elsewhere; 0 seconds: never expires.
    QString issueToken(qint64 periodSeconds = 0);
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

    // Fault injection: the next `count` task queries answer `response`.
    void failNextQueries(int count, const HttpResponse &response);
    int taskQueryCount() const { return m_taskQueryCount; }
    // Task queries whose request target is longer than this are refused with
    // 414 URITooLong, as a proxy in front of SMH would; 0: no limit.
    void setMaxUrlBytes(qsizetype bytes) { m_maxUrlBytes = bytes; }
    int uriTooLongCount() const { return m_uriTooLongCount; }
    QList<qint64> lastQueriedIds() const { return m_lastQueriedIds; }

private:
    HttpResponse handle(const HttpRequest &request);
    HttpResponse handleTaskQuery(const QStringList &segments, const HttpRequest &request);
    HttpResponse handleCreateToken(const HttpRequest &request);
    HttpResponse handleRenewToken(const QString &libraryId, const QString &token);
    HttpResponse handleDeleteToken(const QString &libraryId, const QString &token);
    std::optional<HttpResponse> checkToken(const QString &token);
    QString nextRequestId();

    HttpServer m_server;
    QString m_libraryId = defaultLibraryId.toString();
    QString m_librarySecret = defaultLibrarySecret.toString();
    QString m_staticToken;
    qint64 m_tokenLifetimeSeconds = defaultTokenLifetimeSeconds;
    struct TokenState
    {
        qint64 expiryMs = 0; // on our clock
        qint64 periodSeconds = 0;
    };
    QHash<QString, TokenState> m_tokens;
    QHash<qint64, TaskScript> m_tasks;
    std::function<qint64()> m_nowMs;
    int m_failuresLeft = 0;
    HttpResponse m_failure;
    int m_taskQueryCount = 0;
    qsizetype m_maxUrlBytes = 0;
    int m_uriTooLongCount = 0;
    int m_mintCount = 0;
    int m_renewCount = 0;
    QList<qint64> m_lastQueriedIds;
    quint64 m_requestSerial = 0;
};
