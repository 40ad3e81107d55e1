#pragma once

#include "smh/accesstoken.h"
#include "smh/connectionsettings.h"
#include "smh/expected.h"
#include "smh/smherror.h"
#include "smh/taskreply.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>

#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

// One call to SMH, possibly made of several HTTP requests. Like KJob it
// deletes itself after finished() has been delivered: read results in the slot.
class SmhJob : public QObject
{
    Q_OBJECT

public:
    // The first error met, or Kind::None.
    SmhError error() const { return m_errors.isEmpty() ? SmhError() : m_errors.constFirst(); }
    QList<SmhError> errors() const { return m_errors; }

Q_SIGNALS:
    void finished();

protected:
    friend class SmhClient;
    explicit SmhJob(QObject *parent);
    void addError(const SmhError &error) { m_errors.append(error); }
    void emitFinishedOnce();

private:
    QList<SmhError> m_errors;
    bool m_finished = false;
};

// A Query Task call: the IDs are batched into as few requests as the URL limit
// allows, and the job finishes when every batch has answered. A failed batch
// does not spoil the others: its IDs are listed in failedIds().
class TaskQueryJob final : public SmhJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskQueryJob)

public:
    QList<qint64> requestedIds() const { return m_requestedIds; }
    // One report per ID of every batch that succeeded, in request order.
    QList<TaskStatusReport> reports() const { return m_reports; }
    QList<qint64> failedIds() const { return m_failedIds; }
    int requestCount() const { return m_requestCount; }

private:
    friend class SmhClient;
    explicit TaskQueryJob(QObject *parent)
        : SmhJob(parent)
    { }

    QList<qint64> m_requestedIds;
    QList<TaskStatusReport> m_reports;
    QList<qint64> m_failedIds;
    int m_requestCount = 0;
    int m_pending = 0;
};

class TokenJob final : public SmhJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenJob)

public:
    AccessToken token() const { return m_token; }

private:
    friend class SmhClient;
    explicit TokenJob(QObject *parent)
        : SmhJob(parent)
    { }
    AccessToken m_token;
};

// A call whose reply is one JSON document or nothing (history settings, the
// clear, usage): the typed readers live with their feature (smh/historyapi.h).
class ApiJob final : public SmhJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiJob)

public:
    // What SMH can have done with the call: nothing (it never left, or SMH
    // refused it with a 3xx or 4xx), what was asked (SMH said 2xx, even if
    // the body was then cut short), or nobody can say (the request left and
    // no status came back, or SMH said 5xx: it may have acted first).
    enum class Effect {
        None,
        Applied,
        Unknown
    };

    int httpStatus() const { return m_httpStatus; }
    QByteArray body() const { return m_body; }
    Effect effect() const { return m_effect; }

    // The reply as a typed value: the request's error, else what `parse`
    // (a reader of the feature's, e.g. HistorySettings::fromJson) makes of
    // the body. Called from a slot on finished().
    template<typename Parse>
    auto read(Parse parse) const -> decltype(parse(QByteArray()))
    {
        if (error().isError())
            return unexpected(error());
        return parse(m_body);
    }

private:
    friend class SmhClient;
    explicit ApiJob(QObject *parent)
        : SmhJob(parent)
    { }
    int m_httpStatus = 0;
    QByteArray m_body;
    Effect m_effect = Effect::None;
};

// The only place that talks HTTP to SMH. It owns the one
// QNetworkAccessManager, builds every request in prepareRequest(), and turns
// replies into typed results and typed errors. Nothing it logs or reports
// contains a token or secret.
class SmhClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmhClient)

public:
    static constexpr std::chrono::milliseconds defaultTransferTimeout {30'000};
    // A full batch of results is well under 1 MiB; anything far larger is a
    // misbehaving proxy, not a reply worth buffering.
    static constexpr qint64 defaultMaxReplyBytes = 16 * 1024 * 1024;
    // The transfer timeout restarts on every byte; this one does not, so a
    // server that trickles its reply cannot hold a request forever.
    static constexpr std::chrono::milliseconds defaultTotalTimeout {60'000};
    // SMH's tokens are a few dozen characters; one far longer would make
    // every query URL too long, and it is the server's fault, not the user's.
    static constexpr qsizetype maxTokenLength = 4096;

    explicit SmhClient(QObject *parent = nullptr);
    ~SmhClient() override;

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }
    std::chrono::milliseconds transferTimeout() const { return m_transferTimeout; }
    void setTotalTimeout(std::chrono::milliseconds timeout) { m_totalTimeout = timeout; }
    std::chrono::milliseconds totalTimeout() const { return m_totalTimeout; }
    void setMaxReplyBytes(qint64 bytes) { m_maxReplyBytes = bytes; }
    qint64 maxReplyBytes() const { return m_maxReplyBytes; }
    void setUrlLimit(qsizetype bytes) { m_urlLimit = bytes; }

    static QString userAgent();

    // The bytes a request URL may have: `urlLimit` when given (a connection
    // whose server refused long URLs), else the client's (setUrlLimit), else
    // TaskQuery::maxUrlBytes.
    qsizetype urlLimit(qsizetype urlLimit = 0) const;
    // `ids` cut into the requests queryTasks() sends for them, so that a
    // caller can plan its requests before it spends them.
    QList<QList<qint64>> taskBatches(const ConnectionSettings &settings, const QString &accessToken,
        const QList<qint64> &ids, qsizetype urlLimit = 0) const;
    // `urlLimit` as for urlLimit().
    TaskQueryJob *queryTasks(const ConnectionSettings &settings, const QString &accessToken,
        const QList<qint64> &ids, qsizetype urlLimit = 0);
    // GET /api/v1/token with the library secret. `periodSeconds` unset: the server's default.
    // `grant` empty: read-only; "admin" for history settings, clearing, usage.
    TokenJob *createToken(const ConnectionSettings &settings, const QString &librarySecret,
        std::optional<qint64> periodSeconds = std::nullopt, const QString &grant = {});
    // POST /api/v1/token/{LibraryId}/{AccessToken}
    TokenJob *renewToken(const ConnectionSettings &settings, const QString &accessToken);
    // DELETE /api/v1/token/{LibraryId}/{AccessToken}
    SmhJob *deleteToken(const ConnectionSettings &settings, const QString &accessToken);

    // How a call may travel. Once is for what changes state at SMH (a clear,
    // a settings change): it leaves at most once, never resent by Qt or by
    // us, on a connection of its own that no earlier request left half-closed,
    // redirects are not followed, and ApiJob::effect() says what SMH can have
    // done with it.
    enum class Send {
        Repeatable,
        Once
    };

    // `verb` {endpoint}{encodedPath}?access_token=…[&user_id=…] with an optional
    // JSON body. The path is percent-encoded by the caller.
    ApiJob *callApi(const QByteArray &verb, const ConnectionSettings &settings,
        const QString &accessToken, const QString &encodedPath, const QByteArray &jsonBody = {},
        Send send = Send::Repeatable);

    // Aborts every request in flight; their jobs finish with Kind::Cancelled.
    void abortAll();
    int requestsInFlight() const { return int(m_inFlight.size()); }
    qint64 requestsSent() const { return m_requestsSent; }

Q_SIGNALS:
    // For logs and the status bar; `redactedUrl` carries no secret.
    void requestFinished(
        const QString &verb, const QString &redactedUrl, int httpStatus, const SmhError &error);

private:
    struct Outcome
    {
        QByteArray body;
        int httpStatus = 0;
        SmhError error;
    };

    QNetworkRequest prepareRequest(const QUrl &url, const ConnectionSettings &settings) const;
    QNetworkReply *send(const QByteArray &verb, const QNetworkRequest &request,
        const QByteArray &body = {}, Send policy = Send::Repeatable);
    static ApiJob::Effect effectOf(const QNetworkReply *reply, const Outcome &outcome);
    Outcome takeOutcome(QNetworkReply *reply);
    QList<QSslCertificate> caCertificates(const QString &path, SmhError *error);
    QUrl apiUrl(const ConnectionSettings &settings, const QString &encodedPath) const;
    QUrl tokenUrl(const ConnectionSettings &settings, const QString &accessToken) const;
    std::optional<SmhError> preflight(const ConnectionSettings &settings);
    TokenJob *startTokenJob(
        const QByteArray &verb, const QUrl &url, const ConnectionSettings &settings);
    void failLater(SmhJob *job, const SmhError &error);

    QNetworkAccessManager *m_network;
    // For Send::Once calls only: its connections are never reused, so such
    // a call never goes out on a keep-alive connection the server is closing.
    QNetworkAccessManager *m_onceNetwork;
    QList<QPointer<QNetworkReply>> m_inFlight;
    QHash<QNetworkReply *, QByteArray> m_bodies; // read so far, per reply in flight
    struct CaFile
    {
        QDateTime modified;
        qint64 size = 0;
        QList<QSslCertificate> certificates;
    };
    // By path, and read again when the file changes (a renewed private CA).
    QHash<QString, CaFile> m_caCache;
    std::chrono::milliseconds m_transferTimeout = defaultTransferTimeout;
    std::chrono::milliseconds m_totalTimeout = defaultTotalTimeout;
    qint64 m_maxReplyBytes = defaultMaxReplyBytes;
    qsizetype m_urlLimit = 0; // 0: TaskQuery::maxUrlBytes
    qint64 m_requestsSent = 0;
};
