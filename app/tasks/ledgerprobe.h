#pragma once

#include "smh/expected.h"

#include <QObject>
#include <QString>

#include <chrono>

class QTimer;

// "Test Connection" for a team ledger: connects to the server on a thread of
// its own (the GUI never waits on the network) and says in words what it
// found: a ledger this version can use, an empty database the first monitor
// will set up, or what is wrong (the server cannot be reached, the password
// was refused or none was found, no such database, not a ledger, a ledger of
// a newer version). No sentence ever holds the password.
//
// finished() comes once, always after start() returns; within the deadline,
// else with a sentence that says the server did not answer in time.
class LedgerProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerProbe)

public:
    // `password` empty: as the monitor would connect (PGPASSWORD, ~/.pgpass,
    // the password kept from the keychain).
    LedgerProbe(QString location, QString password, std::chrono::milliseconds deadline,
        QObject *parent = nullptr);
    ~LedgerProbe() override;

    void start();

    // What was found: a sentence for a usable ledger, an error for anything else.
    using Verdict = Expected<QString>;
    // The same check, on the calling thread (the probe's worker runs it).
    static Verdict check(const QString &location, const QString &password);

Q_SIGNALS:
    void finished(const LedgerProbe::Verdict &verdict);

private:
    void answer(const Verdict &verdict);

    QString m_location;
    QString m_password;
    std::chrono::milliseconds m_deadline;
    QTimer *m_timer = nullptr;
    bool m_done = false;
};
