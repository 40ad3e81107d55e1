#pragma once

#include "tasks/pollscheduler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QStringList>

class Monitor;

// How each connection is doing, as words and a kind of trouble, decided in
// one place for every face that shows it: the status bar, the sidebar, the
// tray and the table's connection column read the same verdict.
class ConnectionHealth final
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionHealth)

public:
    // Trouble with a connection rather than with a task.
    enum class Trouble {
        None,
        Auth, // credentials missing or refused
        Network, // transport errors, server errors, backoff
    };

    struct Entry
    {
        qint64 id = 0;
        QString name;
        PollScheduler::Health health = PollScheduler::Health::Idle;
        Trouble trouble = Trouble::None;
        QString message; // redacted; empty while all is well
        QString toolTip; // several lines: where, what is wrong, counts
        qsizetype pending = 0; // tasks being polled
    };

    struct Summary
    {
        QList<Entry> connections;
        QStringList problems; // the message of each connection in trouble
        // Connections another monitor on the shared ledger polls, each
        // naming who ("Archive: polled by alice@host, pid 42, ...").
        QStringList elsewhere;
        bool authProblem = false;
        bool allPaused = false;
        bool inFlight = false;
        // Some connection has been answered without error: only then is
        // "OK" a thing the monitor knows.
        bool answered = false;
        QDateTime lastPollAt;
        QDateTime nextPollAt; // invalid: nothing due
        qint64 requests = 0;

        bool hasConnections() const { return !connections.isEmpty(); }
    };

    static Summary of(const Monitor &monitor, const QDateTime &now);
};
