#pragma once

#include "smh/expected.h"
#include "tasks/pollgate.h"

#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

class QSqlDatabase;
class QSqlQuery;
class TaskStore;

// Each library polled once by the monitors that share a ledger: a monitor
// holds a lease on a connection's polling, a row of the ledger naming it
// (user, host, process) with an expiry, renewed while it polls. The others
// read its answers from the ledger and poll only once the lease is free:
// released when the holder stops polling or quits, lapsed when it crashed
// (at its expiry; at once when its process is seen gone on this machine).
//
// Plain SQL that SQLite and PostgreSQL both run the same way: one statement
// takes or renews a lease (UPDATE ... WHERE the holder is this monitor or the
// expiry has passed), so two monitors can never both hold one. Expiries are
// the holders' wall clocks: monitors on several machines need clocks that
// agree within a few seconds (NTP); one running ahead only polls sooner.
class PollLease final : public PollGate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollLease)

public:
    static constexpr std::chrono::milliseconds defaultLifetime {20'000};
    // The ledger part (TaskStore::addSchemaPart) that keeps the leases.
    static constexpr QStringView schemaPart = u"poll_leases";
    static bool createTable(QSqlQuery &query);

    // Adds the leases' table to `store`, open on a ledger other monitors may
    // share, and makes the lease that polls through it (owned by `parent`).
    static Expected<PollLease *> attach(TaskStore *store, QObject *parent);
    // Releases every lease held: the others take over at once.
    ~PollLease() override;

    // How long a lease lasts unless renewed (renewed every third of it).
    void setLifetime(std::chrono::milliseconds lifetime);
    std::chrono::milliseconds lifetime() const { return m_lifetime; }

    Verdict mayPoll(qint64 connectionId, const QDateTime &now, bool everyTask) override;
    void release(qint64 connectionId) override;
    void releaseAll();
    bool holds(qint64 connectionId) const { return m_held.contains(connectionId); }

    // "alice@host, pid 42": who a lease names.
    static QString describe(const QString &user, const QString &host, qint64 pid);

private:
    PollLease(TaskStore *store, QObject *parent);

    struct Row
    {
        QString holder;
        QString user;
        QString host;
        qint64 pid = 0;
        qint64 expiresMs = 0;
    };
    // Takes or renews the lease: whether this monitor holds it now, or
    // nullopt when the ledger could not say.
    std::optional<bool> take(qint64 connectionId, qint64 nowMs);
    // One statement: true when it changed a row (`ok`: it ran at all).
    bool exec(QSqlQuery &q, bool *ok) const;
    std::optional<Row> read(qint64 connectionId, bool *ok) const;
    // A holder whose process is gone from this machine (a crash): its row
    // is taken over without waiting for it to lapse.
    bool takeFromTheGone(qint64 connectionId, const Row &row, qint64 nowMs);
    Verdict refusal(qint64 connectionId, const Row &row, qint64 nowMs);
    void renewAll();
    // Another monitor wrote the ledger: whether a lease waited for is free.
    void lookAgain();
    QSqlDatabase database() const;

    QPointer<TaskStore> m_store;
    std::chrono::milliseconds m_lifetime = defaultLifetime;
    QString m_id; // this monitor's, among the holders
    QString m_user;
    QString m_host;
    qint64 m_pid = 0;
    QHash<qint64, qint64> m_held; // connection -> the expiry written, ms
    QHash<qint64, Row> m_waiting; // connections another monitor held, as read
    QTimer m_renewal;
};
