#pragma once

#include "smh/expected.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

class QThread;

// Whether a PostgreSQL ledger's server answers, asked off the GUI thread:
// connecting waits up to libpq's connect_timeout (LedgerSql::addConnection),
// far beyond what a window may be held up. One attempt at a time; finished()
// comes on the probe's own thread.
class LedgerPing final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerPing)

public:
    explicit LedgerPing(QString location, QObject *parent = nullptr);
    // Waits for an attempt under way (its connect timeout bounds the wait).
    ~LedgerPing() override;

    const QString &location() const { return m_location; }
    // Starts an attempt; false when one is under way already.
    bool start();
    bool isRunning() const;

Q_SIGNALS:
    // The server took the connection (the ledger's own checks come after),
    // or what libpq said.
    void finished(const Expected<void> &result);

private:
    struct Attempt;
    void attemptEnded();

    QString m_location;
    std::shared_ptr<Attempt> m_attempt;
    QThread *m_thread = nullptr;
};

// A ledger that could not be reached, tried again with a bounded back-off
// (delayAfter) until it answers: the window's wait at start. retryNow() is
// the user's "Retry Now".
class LedgerRetry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerRetry)

public:
    // The wait after `failures` failed attempts in a row: 2 s, doubling, at
    // most 30 s.
    static std::chrono::seconds delayAfter(int failures);

    explicit LedgerRetry(const QString &location, QObject *parent = nullptr);

    // Tries now, then again after each failure.
    void start();
    // Tries now unless an attempt is under way.
    void retryNow();
    void stop();

    bool isProbing() const;
    // When the next attempt starts (invalid while one is under way).
    QDateTime nextAttemptAt() const { return m_nextAttemptAt; }
    int failures() const { return m_failures; }
    const QString &location() const { return m_probe.location(); }

Q_SIGNALS:
    void attemptStarted();
    // The attempt failed: why, and when the next one starts.
    void waiting(const Error &why, const QDateTime &nextAttemptAt);
    void reachable();

private:
    void attemptEnded(const Expected<void> &result);

    LedgerPing m_probe;
    QTimer m_timer;
    QDateTime m_nextAttemptAt;
    int m_failures = 0;
    bool m_active = false;
};
