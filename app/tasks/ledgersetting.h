#pragma once

#include "smh/expected.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

class QSettings;

// The ledger every door of the program uses when no --ledger is given: this
// computer's SQLite file (nothing saved) or a team's PostgreSQL database,
// chosen in the window and kept in the application's settings. A URL is
// checked before it is saved and again when read: it never holds a password
// (that lives in PGPASSWORD, ~/.pgpass or the keychain).
class LedgerSetting final
{
    Q_DECLARE_TR_FUNCTIONS(LedgerSetting)

public:
    // Uses the application's settings file, or `settings` (not owned).
    explicit LedgerSetting(QSettings *settings = nullptr);
    ~LedgerSetting();
    Q_DISABLE_COPY_MOVE(LedgerSetting)

    // The saved team ledger's URL, empty for this computer's file; an entry
    // that does not pass the checks (edited by hand) is an error that says so.
    Expected<QString> location() const;
    // Saves a team ledger's URL after the checks (empty: this computer).
    Expected<void> setLocation(const QString &location);

    // The checks of a team ledger's URL typed by a person: a postgresql://
    // URL with a host and a database, no password, sslmode at most.
    static Expected<QString> check(const QString &location);
    // The URL made of its parts (host, port, database, user), checked.
    static Expected<QString> compose(
        const QString &host, int port, const QString &database, const QString &user);

private:
    std::unique_ptr<QSettings> m_owned;
    QSettings *m_settings;
};
