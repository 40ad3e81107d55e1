#pragma once

#include "smh/expected.h"
#include "tasks/task.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHashFunctions>
#include <QJsonObject>
#include <QObject>

#include <optional>

class QSqlQuery;
class TaskStore;

// A library as the history ledger knows it: where it is served and its ID.
// Connections come and go; the record of what was cleared stays with the library.
struct LibraryKey
{
    QString endpoint; // without credentials
    QString libraryId;

    static LibraryKey of(const ConnectionSettings &settings);
    friend bool operator==(const LibraryKey &, const LibraryKey &) = default;
};

inline size_t qHash(const LibraryKey &key, size_t seed = 0) noexcept
{
    return qHashMulti(seed, key.endpoint, key.libraryId);
}

// One reading of used storage. `spaceId` empty: the whole library.
struct UsageSample
{
    QDateTime at; // UTC
    qint64 bytes = 0;
    QString spaceId;

    friend bool operator==(const UsageSample &, const UsageSample &) = default;
};

// One clear of historical versions: who started it, the task that tracks it,
// how it ended and what it freed. The record is written before anything
// destructive is sent and follows the clear through its phases, so that a
// crash, a lost answer or a second process never hides that a clear may
// have happened.
struct CleanupRecord
{
    Q_DECLARE_TR_FUNCTIONS(CleanupRecord)

public:
    enum class Phase {
        Claimed, // the library is ours to clear; nothing destructive sent yet
        Sending, // the DELETE is about to leave or left; no answer recorded
        Accepted, // SMH answered 202: a task runs (task.taskId, 0 if unreadable)
        Refused, // SMH refused it, or it never left: nothing was cleared
        Unknown, // it may have been accepted: no complete answer came back
        Abandoned, // given up before the DELETE (refused by a step, closed, crashed)
    };
    // Our switching file history off for the clear, a change of its own.
    enum class HistoryOff {
        Untouched, // history was off already, or we were not asked to
        Sending, // the change is about to leave or left; no answer recorded
        Applied,
        Refused,
        Unknown, // it may have been applied
        Restored, // it was applied, and the previous settings were put back since
    };
    // Putting the previous settings back once the clear has ended.
    enum class Restore {
        None, // not tried (yet)
        Sending, // the change is about to leave or left; no answer recorded
        Answered, // it ended: restoreOutcome says how
    };

    qint64 id = 0;
    LibraryKey library;
    qint64 connectionId = 0; // the connection it was started from
    QString connectionName;
    TaskKey task; // on the library-level connection; taskId 0 until accepted
    QDateTime startedAt; // when the library was claimed
    QDateTime sentAt; // when the DELETE left; invalid if it never did
    // The same moment on this machine's boot clock, which no change of the
    // wall clock moves: the one-a-minute rule counts on it within a boot.
    qint64 sentBootMs = 0;
    QString bootId;
    QDateTime finishedAt; // the task's end, or when the attempt ended without one
    QString outcome; // the task's final state key, empty while it runs
    Phase phase = Phase::Accepted;
    QString origin; // who ran it from where ("command, alice@host, pid 42")
    QString detail; // why it was refused, or what to check when unknown
    std::optional<qint64> usageBefore;
    std::optional<qint64> usageAfter;
    std::optional<qint64> deleteCount; // versions, when v2 told
    HistoryOff historyOff = HistoryOff::Untouched;
    // The settings before history was switched off (put back after a failed
    // clear, or offered back after an unknown one).
    std::optional<QJsonObject> previousSettings;
    // The settings to put back when it ends (history was switched off for it).
    std::optional<QJsonObject> restoreSettings;
    Restore restore = Restore::None;
    QString restoreOutcome; // a sentence for the user; empty: nothing done yet

    // A clear whose task is being tracked.
    bool isRunning() const { return phase == Phase::Accepted && !finishedAt.isValid(); }
    // The DELETE left (whatever came of it): it counts for the one-a-minute rule.
    bool wasSent() const { return sentAt.isValid(); }
    // History was (or may have been) switched off for a clear that did not
    // or may not have happened, and nothing has put it back yet.
    bool leftHistoryOff() const;
    std::optional<qint64> freedBytes() const
    {
        if (!usageBefore || !usageAfter)
            return std::nullopt;
        return *usageBefore - *usageAfter;
    }
    // For lists and reports: "Succeeded", "Outcome unknown", "Refused"...
    QString outcomeLabel() const;

    static QString phaseKey(Phase phase);
    static QString historyOffKey(HistoryOff state);
    static QString restoreKey(Restore state);
};

// Why a library could not be claimed for a clear. Nothing was sent.
struct ClaimRefusal
{
    enum class Reason {
        Busy, // another clear of the library is under way (here or elsewhere)
        RateLimited, // one a minute: a clear left less than a minute ago
        Ledger, // the ledger could not record the attempt
    };
    Reason reason = Reason::Ledger;
    QString message;
    int secondsLeft = 0; // RateLimited
};

// Usage samples and cleanup records, in the task ledger's database (its own
// tables; see createTables()). Writes go straight to the database, then the
// change is announced.
class HistoryLedger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryLedger)

public:
    // At most this many samples are read back per library and space (the
    // newest; about 40 hours of an open view): the chart opens in well under
    // 50 ms on the GUI thread (bench_history).
    static constexpr int maxSamplesRead = 5'000;

    explicit HistoryLedger(TaskStore *store, QObject *parent = nullptr);

    // The schema migrations: idempotent, so that they do not care which
    // other migrations ran before them.
    static bool createTables(QSqlQuery &query);
    // Schema 5: a clear's phases, its origin and the history it switched off.
    static bool addClearPhases(QSqlQuery &query);
    // The history part's third step: the restore's phase (CleanupRecord::Restore),
    // which older ledgers said only in words.
    static bool addRestorePhase(QSqlQuery &query);

    Expected<void> addSample(const LibraryKey &library, const UsageSample &sample);
    // Oldest first; the newest `limit` of them (recentSamples for one library).
    QList<UsageSample> samples(
        const LibraryKey &library, const QString &spaceId = {}, int limit = maxSamplesRead) const;
    std::optional<UsageSample> latestSample(
        const LibraryKey &library, const QString &spaceId = {}) const;

    // SMH accepts one clear a minute per library.
    static constexpr int clearIntervalSeconds = 60;
    // A claim or a DELETE in flight whose process is gone, or older than
    // any of our deadlines allow, is no longer under way.
    static constexpr int claimLifetimeSeconds = 10 * 60;

    // Claims `record.library` for a clear, in one write transaction that
    // every process on this ledger goes through: refused while another
    // clear of it is under way or one left less than a minute ago.
    // `record` is stored as Phase::Claimed and returned with its id.
    Expected<CleanupRecord, ClaimRefusal> claimClear(CleanupRecord record);
    // Seconds until the one-a-minute rule lets a clear of `library` go.
    int secondsUntilNextClear(const LibraryKey &library) const;
    // Claims and DELETEs in flight of processes that are gone, or too old
    // to be in flight, become Abandoned or Unknown.
    void settleStaleClaims();
    // The machine's boot clock and boot (Linux), for CleanupRecord::sentBootMs.
    static qint64 bootClockMs();
    static QString currentBootId();
    // This process's origin line: what a claim names.
    static QString thisOrigin(const QString &face);
    // The process an origin line names ran on this machine and is gone.
    static bool isProcessGone(const QString &origin);

    Expected<qint64> addCleanup(const CleanupRecord &record);
    Expected<void> updateCleanup(const CleanupRecord &record);
    std::optional<CleanupRecord> cleanup(qint64 id) const;

    // A change to file history, written before it is sent ("sending"),
    // then settled with "applied", "refused" or "unknown".
    Expected<qint64> recordSettingsChange(
        const LibraryKey &library, const QJsonObject &change, const QString &origin);
    void settleSettingsChange(qint64 id, const QString &outcome);
    // Newest first.
    QList<CleanupRecord> cleanups(const LibraryKey &library) const;
    // Every library's newest cleanup and the seconds until its next clear is
    // allowed, in two queries whatever the number of libraries (the Libraries
    // view opens on them).
    struct LibraryClears
    {
        std::optional<CleanupRecord> latest;
        int secondsUntilNextClear = 0;
    };
    QHash<LibraryKey, LibraryClears> clearsByLibrary() const;
    // The newest `limit` samples of each library (whole-library figures, or
    // `spaceId`'s), oldest first: one statement, prepared once.
    QHash<LibraryKey, QList<UsageSample>> recentSamples(
        const QList<LibraryKey> &libraries, int limit, const QString &spaceId = {}) const;
    QList<CleanupRecord> runningCleanups() const;
    // Every library's, started at or after `since` (all when invalid),
    // whatever became of them: the cleanup report.
    QList<CleanupRecord> allCleanups(const QDateTime &since = {}) const;
    std::optional<CleanupRecord> cleanupForTask(const TaskKey &task) const;

Q_SIGNALS:
    void sampleAdded(const LibraryKey &library, const UsageSample &sample);
    void cleanupsChanged(const LibraryKey &library);

private:
    QList<CleanupRecord> selectCleanups(const QString &where, const QVariantList &values) const;
    void announceAllLibraries();
    static QList<CleanupRecord> readCleanups(QSqlQuery &query);
    Expected<void> write(QSqlQuery &query, const CleanupRecord &record, bool insert) const;

    TaskStore *m_store;
};

Q_DECLARE_METATYPE(LibraryKey)
Q_DECLARE_METATYPE(UsageSample)
