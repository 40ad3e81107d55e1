#pragma once

#include "smh/historyapi.h"
#include "tasks/historyledger.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>

class Monitor;

// What the user asked for besides the clear itself.
struct ClearOptions
{
    // File history must be off for a clear; switch it off first.
    bool disableHistoryFirst = false;
    // Put the previous settings back once the clear has finished.
    bool restoreAfterwards = false;
};

// Why a clear was not started. Nothing destructive was sent in any case.
struct ClearRefusal
{
    enum class Reason {
        NoConnection,
        RateLimited, // one call a minute, ours or the server's 429
        Busy, // a clear of this library is being started already
        NotAdmin, // the token lacks the admin grant (403 NoPermission)
        AuthFailed, // the credentials themselves were refused
        HistoryOn, // file history is on and we were not asked to turn it off
        Failed, // anything else the server or the ledger said
    };
    Reason reason = Reason::Failed;
    QString message; // a sentence for the user, already redacted
    SmhError error; // the server's answer, when there was one
    int secondsLeft = 0; // RateLimited: until the next call may be made
};

struct ClearStarted
{
    CleanupRecord record;
    std::optional<HistorySettings> previous; // the settings before the clear
};

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
// all in the ledger. Front ends reach it through Monitor::history().
class HistoryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryService)

public:
    // SMH accepts one clear a minute per library.
    static constexpr int clearIntervalSeconds = 60;
    // Usage lags behind: samples this long after a clear still count as "after".
    static constexpr std::chrono::minutes afterWindow {15};
    static constexpr std::chrono::seconds defaultSampleInterval {30};

    explicit HistoryService(Monitor *monitor);

    HistoryLedger *ledger() const { return m_ledger; }

    using ClearDone = std::function<void(Expected<ClearStarted, ClearRefusal>)>;

    void readSettings(
        qint64 connectionId, QObject *context, HistoryApi::Done<HistorySettings> done);
    void applySettings(qint64 connectionId, const HistoryChange &change,
        const std::optional<HistorySettings> &current, QObject *context,
        HistoryApi::Done<bool> done);
    // Reads usage now and keeps it in the ledger.
    void sampleUsage(qint64 connectionId, QObject *context, HistoryApi::Done<UsageReading> done);
    // The guarded clear; see ClearRefusal for every way it can be refused.
    void clearHistory(
        qint64 connectionId, const ClearOptions &options, QObject *context, ClearDone done);
    // 0 when a clear may be sent now.
    int secondsUntilNextClear(const LibraryKey &library) const;

    // Sample a connection's usage on a timer while someone looks (reference counted).
    void watchUsage(qint64 connectionId, bool watch);
    void setSampleInterval(std::chrono::milliseconds interval);

    // After the ledger was opened: clears whose task ended while nobody watched.
    void resume();
    // From Monitor::shutdown(): replies cut short from here on start nothing new.
    void shutdown();

Q_SIGNALS:
    void cleanupFinished(const CleanupRecord &record);

private:
    using Release = std::function<void()>;
    using WithToken = std::function<void(Expected<QString, SmhError>, Release)>;
    void withAdminToken(qint64 connectionId, QObject *context, WithToken use);
    // One call with an admin token, released once its reply is in.
    template<typename T>
    using AdminCall =
        std::function<void(const ConnectionSettings &, const QString &, HistoryApi::Done<T>)>;
    template<typename T>
    void adminCall(
        qint64 connectionId, QObject *context, HistoryApi::Done<T> done, AdminCall<T> call);
    void onTransitions(const QList<TaskTransition> &transitions);
    void finishCleanup(CleanupRecord record, const QString &outcome);
    // The clear's versions deleted, from the typed result v2 gave its task.
    void takeDeleteCount(const Task &task);
    void recordSample(const LibraryKey &library, const UsageSample &sample);
    void sampleTick();
    static ClearRefusal refusalFor(const SmhError &error);

    Monitor *m_monitor;
    HistoryLedger *m_ledger;
    QHash<LibraryKey, QDateTime> m_lastAttempt;
    QSet<LibraryKey> m_starting;
    QHash<qint64, int> m_watchers;
    QSet<qint64> m_sampling;
    QTimer m_sampleTimer;
    bool m_closing = false;
};
