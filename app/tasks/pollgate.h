#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

// The scheduler's one question before a cycle: may this monitor poll the
// connection now? Several monitors on one shared ledger ask it so that each
// library is polled once (PollLease answers it from the ledger). A scheduler
// without a gate polls every connection it has, as a monitor alone does.
class PollGate : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollGate)

public:
    struct Verdict
    {
        bool mayPoll = true;
        // Who polls it instead ("alice@host, pid 42"), when not this monitor.
        QString holder;
        // When to ask again, when not this monitor (the holder's lease ends).
        QDateTime askAgainAt;
    };

    using QObject::QObject;
    ~PollGate() override = default;

    // `everyTask`: this monitor polls every task of the connection, so it
    // may become the one that polls it for all; one that polls a few of them
    // (a script's own tasks) only gives way to such a monitor.
    virtual Verdict mayPoll(qint64 connectionId, const QDateTime &now, bool everyTask) = 0;
    // This monitor stops polling the connection (paused, removed, without a
    // usable token, nothing left to ask, closing): another one may take over.
    virtual void release(qint64 connectionId) = 0;

Q_SIGNALS:
    // The connection's poller went away (released, lapsed, its process
    // gone): ask again now rather than at the time a refusal named.
    void reopened(qint64 connectionId);
};
