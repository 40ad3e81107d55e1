#pragma once

#include "history/clearjob.h"
#include "history/historyapi.h"
#include "history/historyledger.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <chrono>

class Monitor;
class SmhClient;
class TaskStore;

// One reading of what a connection's library (and space) stores.
struct UsageReading
{
    qint64 libraryBytes = 0;
    std::optional<qint64> spaceBytes; // spaced connections
    QDateTime at;
};

// Clearing historical versions, end to end: the settings, the guarded clear,
// the task that tracks it (on a library-level connection, where SMH answers
// for it), usage before and after, putting history back, and the record of it
// all in the ledger. A face makes one per Monitor (the window, `history`);
// it reaches the engine only through Monitor's public door.
class HistoryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryService)

public:
    // SMH accepts one clear a minute per library.
    static constexpr int clearIntervalSeconds = HistoryLedger::clearIntervalSeconds;
    // Usage lags behind: samples this long after a clear still count as "after".
    static constexpr std::chrono::minutes afterWindow {15};
    static constexpr std::chrono::seconds defaultSampleInterval {30};

    // The monitor's history wing, made on first use as the monitor's child:
    // one per monitor, so that two faces never sample or claim twice. It
    // resumes what the ledger left (a clear whose outcome was not read yet)
    // at once if the ledger is open, else when it opens, and stops sending
    // when the monitor shuts down.
    static HistoryService *of(Monitor *monitor);

    HistoryLedger *ledger() const { return m_ledger; }
    // Who this process is, in the records of the clears it starts
    // ("window", "command").
    void setFace(const QString &face) { m_origin = HistoryLedger::thisOrigin(face); }
    // The origin line of the clears started from here now.
    QString origin() const { return m_origin; }
    // The monitor it serves (its parent), for the campaigns beside it.
    Monitor *monitor() const;

    // What a call on a connection comes to, in `context`'s thread, never
    // after `context` is gone.
    template<typename T>
    using Done = std::function<void(Expected<T, SmhError>)>;
    using ClearDone = std::function<void(ClearResult)>;

    void readSettings(qint64 connectionId, QObject *context, Done<HistorySettings> done);
    // Recorded in the ledger before it is sent, and sent once; an answer that
    // never came is an error that says the change may have been applied.
    void applySettings(qint64 connectionId, const HistoryChange &change,
        const std::optional<HistorySettings> &current, QObject *context, Done<bool> done);
    // Reads usage now and keeps it in the ledger.
    void sampleUsage(qint64 connectionId, QObject *context, Done<UsageReading> done);
    // The guarded clear (see ClearJob). It runs to its end whatever becomes
    // of `context`: `done` is called only while `context` lives.
    void clearHistory(
        qint64 connectionId, const ClearOptions &options, QObject *context, ClearDone done);
    // 0 when a clear may be sent now.
    int secondsUntilNextClear(const LibraryKey &library) const;
    // A clear of `library` started by this process is under way.
    bool isClearing(const LibraryKey &library) const;
    // The clear of `library` under way here sends nothing further (history
    // off, the DELETE); what it switched off is put back; `why` is what its
    // refusal says. A DELETE in flight is still answered and recorded.
    void stopClearing(const LibraryKey &library, const QString &why);
    // Puts back the file history a clear switched off, for a record that
    // leftHistoryOff(): recorded before it is sent, like the clear.
    void restoreHistory(qint64 cleanupId, QObject *context, Done<bool> done);

    // Sample a connection's usage on a timer while someone looks (reference counted).
    void watchUsage(qint64 connectionId, bool watch);
    void setSampleInterval(std::chrono::milliseconds interval);

    // After the ledger was opened: clears whose task ended while nobody
    // watched, and attempts of processes that are gone.
    void resume();
    // From Monitor::shutdown(): nothing new is sent from here on.
    void shutdown();
    // Calls `then` once every admin token minted here is deleted, or after
    // `deadline`: a command must not exit with one left behind.
    void whenTokensReleased(QObject *context, std::function<void()> then,
        std::chrono::milliseconds deadline = std::chrono::milliseconds(
            ClearJob::releaseDeadlineMs));

Q_SIGNALS:
    void cleanupFinished(const CleanupRecord &record);
    // Every clear this process started, when its job ends (see ClearJob).
    void clearFinished(const LibraryKey &library, const ClearResult &result);
    void tokensReleased();

private:
    // What the service needs of the monitor, as functions: it never keeps
    // the monitor itself.
    struct Engine
    {
        SmhClient *client = nullptr;
        TaskStore *store = nullptr;
        std::function<QString(qint64 connectionId)> librarySecret;
        std::function<QString(qint64 connectionId)> accessToken;
        // Tracks a task (a clear's, at library level) like any other.
        std::function<Expected<void>(qint64 connectionId, qint64 taskId, const QString &note)>
            addLibraryTask;
        std::function<bool()> isDemoMode;
    };
    static Engine engineOf(Monitor *monitor);
    explicit HistoryService(Monitor *monitor);

    // Usage now: the library's, then the space's for a spaced connection.
    void readLibraryUsage(
        const ConnectionSettings &settings, const QString &token, Done<UsageReading> done);
    void readSpaceSize(const ConnectionSettings &settings, const QString &token,
        UsageReading reading, Done<UsageReading> done);

    using Release = std::function<void()>;
    using WithToken = std::function<void(Expected<QString, SmhError>, Release)>;
    void withAdminToken(qint64 connectionId, QObject *context, WithToken use);
    // One call with an admin token, released once its reply is in.
    template<typename T>
    using AdminCall = std::function<void(const ConnectionSettings &, const QString &, Done<T>)>;
    template<typename T>
    void adminCall(qint64 connectionId, QObject *context, Done<T> done, AdminCall<T> call);
    void writeSettings(
        qint64 connectionId, const HistoryChange &change, QObject *context, Done<bool> done);
    void releaseToken(const ConnectionSettings &settings, const QString &token);
    void onTransitions(const QList<TaskTransition> &transitions);
    void finishCleanup(CleanupRecord record, const QString &outcome);
    void putSettingsBack(const CleanupRecord &record, const QJsonObject &settings, QObject *context,
        Done<bool> done);
    // The clear's versions deleted, from the typed result v2 gave its task.
    void takeDeleteCount(const Task &task);
    void recordSample(const LibraryKey &library, const UsageSample &sample);
    void sampleTick();

    Engine m_engine;
    HistoryLedger *m_ledger;
    QString m_origin;
    QList<QPointer<ClearJob>> m_clears;
    int m_releasing = 0;
    QHash<qint64, int> m_watchers;
    QSet<qint64> m_sampling;
    QTimer m_sampleTimer;
    bool m_closing = false;
};
