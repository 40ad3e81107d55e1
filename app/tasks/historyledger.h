#pragma once

#include "smh/expected.h"
#include "tasks/task.h"

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
// how it ended and what it freed.
struct CleanupRecord
{
    qint64 id = 0;
    LibraryKey library;
    qint64 connectionId = 0; // the connection it was started from
    QString connectionName;
    TaskKey task; // on the library-level connection
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while it runs
    QString outcome; // the task's final state key, empty while it runs
    std::optional<qint64> usageBefore;
    std::optional<qint64> usageAfter;
    std::optional<qint64> deleteCount; // versions, when v2 told
    // The settings to put back when it ends (history was switched off for it).
    std::optional<QJsonObject> restoreSettings;
    QString restoreOutcome; // empty: nothing done yet

    bool isRunning() const { return !finishedAt.isValid(); }
    std::optional<qint64> freedBytes() const
    {
        if (!usageBefore || !usageAfter)
            return std::nullopt;
        return *usageBefore - *usageAfter;
    }
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

    // The schema migration: idempotent, so that it does not care which other
    // migrations ran before it.
    static bool createTables(QSqlQuery &query);

    Expected<void> addSample(const LibraryKey &library, const UsageSample &sample);
    // Oldest first.
    QList<UsageSample> samples(const LibraryKey &library, const QString &spaceId = {}) const;
    std::optional<UsageSample> latestSample(
        const LibraryKey &library, const QString &spaceId = {}) const;

    Expected<qint64> addCleanup(const CleanupRecord &record);
    Expected<void> updateCleanup(const CleanupRecord &record);
    // Newest first.
    QList<CleanupRecord> cleanups(const LibraryKey &library) const;
    QList<CleanupRecord> runningCleanups() const;
    std::optional<CleanupRecord> cleanupForTask(const TaskKey &task) const;
    // When the library's last clear was accepted (the one-a-minute rule).
    QDateTime lastClearAt(const LibraryKey &library) const;

Q_SIGNALS:
    void sampleAdded(const LibraryKey &library, const UsageSample &sample);
    void cleanupsChanged(const LibraryKey &library);

private:
    QList<CleanupRecord> selectCleanups(const QString &where, const QVariantList &values) const;

    TaskStore *m_store;
};

Q_DECLARE_METATYPE(LibraryKey)
Q_DECLARE_METATYPE(UsageSample)
