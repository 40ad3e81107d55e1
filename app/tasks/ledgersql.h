#pragma once

#include "smh/expected.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QUrl>
#include <QVariant>

#include <optional>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

// Where a ledger lives: an SQLite file (the default, a path) or a
// PostgreSQL database shared by a team (postgresql://user@host:port/db).
// The URL never carries a password: libpq reads PGPASSWORD or ~/.pgpass.
class LedgerLocation final
{
    Q_DECLARE_TR_FUNCTIONS(LedgerLocation)

public:
    static bool isPostgres(const QString &location);
    // Checks a postgresql:// URL: a host and a database, nothing else than
    // sslmode in its query, and no password (refused with a sentence that
    // says where a password goes instead).
    static Expected<QUrl> parse(const QString &location);
    // The location as it may be shown or logged: user info beyond the user
    // name and any query are dropped.
    static QString display(const QString &location);
    // Where one window per ledger keeps its lock: beside a file; for a
    // server, a name in the application's data folder made from the URL.
    static QString lockBase(const QString &location);

    // A team ledger's URL as one name, whatever the spelling: postgresql://,
    // the host in lower case, the port given, no password and no query. Its
    // password is kept in the keychain under this name.
    static QString canonical(const QString &location);

    // Whether libpq finds the password of a team ledger by itself, as it
    // looks first: PGPASSWORD, then a line of the password file (PGPASSFILE,
    // else ~/.pgpass, and only while others cannot read it) that names this
    // server, database and user. Only when it finds none is the keychain asked.
    static bool libpqHasPassword(const QString &location);
    // A team ledger's password read from the keychain, for this process's
    // connections to it; held in memory only, never written anywhere.
    static void keepPassword(const QString &location, const QString &password);
    static QString keptPassword(const QString &location);
};

// The few places where SQLite and PostgreSQL speak differently, so that the
// ledger's statements and migrations are written once for both.
namespace LedgerSql {

bool isPostgres(const QSqlDatabase &database);
bool isPostgres(const QSqlQuery &q);

// Whether the open `database` writes through a write-ahead log that someone
// has to checkpoint (an SQLite file in WAL mode): not an in-memory ledger,
// not PostgreSQL, which checkpoints its own.
bool hasWriteAheadLog(const QSqlDatabase &database);

// A CREATE TABLE written for SQLite, as PostgreSQL takes it: 64-bit
// integers (times are milliseconds), BIGSERIAL for AUTOINCREMENT keys, no
// WITHOUT ROWID. SQLite gets the text unchanged.
QString table(const QSqlQuery &q, const QString &sqliteDefinition);

// A LIMIT clause (with its leading space) for at most `rows` rows; none for
// a negative count, which SQLite reads as "no limit" and PostgreSQL refuses.
QString limit(qint64 rows);

// Whether `table` has `column`; nullopt when the database could not say.
std::optional<bool> hasColumn(QSqlQuery &q, const QString &table, const QString &column);

// The key the INSERT just run on `q` gave its row (SQLite's rowid;
// PostgreSQL's sequence, through lastval() on the same connection).
std::optional<qint64> insertedId(QSqlQuery &q);

// Adds (without opening) a connection named `name` to the ledger at
// `location`: QSQLITE for a file, QPSQL for a URL (with a connect deadline,
// and `password` when one is given, else the one kept from the keychain,
// else libpq's own sources).
Expected<QSqlDatabase> addConnection(
    const QString &name, const QString &location, const QString &password = {});

// Times are kept as milliseconds since the epoch (UTC), NULL when unset, in
// every table of both databases.
QVariant timeValue(const QDateTime &when);
QDateTime timeOf(const QVariant &value);

// The PostgreSQL channel every ledger write is announced on (NOTIFY).
inline QString notifyChannel()
{
    return QStringLiteral("smh_ledger");
}

// What the server or libpq said, on one line.
QString serverWords(const QSqlError &error);

// Whether an error means the connection to the server is gone (rather than
// a statement refused): the ledger is then unreachable, not wrong.
bool isConnectionLost(const QSqlDatabase &database, const QString &driverText);

} // namespace LedgerSql
