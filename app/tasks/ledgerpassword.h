#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

class SecretStore;
class QTimer;

// Finds a team ledger's password where the operator keeps it, in this order:
// PGPASSWORD, ~/.pgpass (libpq reads both itself), then the keychain. The
// keychain answers asynchronously (never in a nested event loop) within a
// deadline; what it holds is kept in this process's memory for the ledger's
// connections (LedgerLocation::keptPassword). A file ledger, or a password
// libpq finds itself, asks nothing.
//
// finished() comes once, always after start() has returned. A keychain that
// fails or does not answer in time is no end: the server then says whether
// it needed a password, and problem() says why none came from the keychain.
class LedgerPasswordJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerPasswordJob)

public:
    LedgerPasswordJob(
        QString location, std::chrono::milliseconds deadline, QObject *parent = nullptr);
    ~LedgerPasswordJob() override;

    // Whether `location` is a team ledger whose password libpq does not find.
    static bool needed(const QString &location);

    void start();
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void finished();

private:
    void answered(const QString &secret, const QString &problem);

    QString m_location;
    std::chrono::milliseconds m_deadline;
    std::unique_ptr<SecretStore> m_secrets;
    QTimer *m_timer = nullptr;
    QString m_problem;
    bool m_done = false;
};
