#include "tasks/writetransaction.h"

#include "tasks/ledgersql.h"

#include <QSqlError>
#include <QSqlQuery>

#include <optional>

using namespace Qt::StringLiterals;

namespace {

// SQLite's primary result codes, as the driver reports them.
enum SqliteCode {
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoError = 10,
    Full = 13,
    CantOpen = 14,
    Unreachable = 1000 // PostgreSQL only: the server is gone
};

// PostgreSQL's SQLSTATE, as its driver reports it, for the same cases.
std::optional<int> postgresCode(const QSqlError &error)
{
    const QString state = error.nativeErrorCode();
    if (state == u"55P03") // lock_not_available: lock_timeout passed
        return Busy;
    if (state == u"53100") // disk_full
        return Full;
    if (state.startsWith(u"08") || state == u"57P01" || state == u"57P03") // connection gone
        return Unreachable;
    return std::nullopt;
}

int primaryCode(const QSqlError &error)
{
    if (const std::optional<int> code = postgresCode(error))
        return *code;
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1;
}

// The advisory lock's key: "SMH1" in ASCII, apart from any other
// application's keys in a shared database.
constexpr qint64 advisoryKey = 0x534d4831;

} // namespace

Error WriteTransaction::describe(const QSqlError &error)
{
    return Error::ledger(sentence(error));
}

QString WriteTransaction::sentence(const QSqlError &error)
{
    switch (primaryCode(error)) {
    case Full:
        return tr("the disk holding the task ledger is full (%1); free some space and try again")
            .arg(error.text());
    case Busy:
    case Locked:
        return tr("another program is writing the task ledger and did not finish within "
                  "5 seconds (%1); try again")
            .arg(error.text());
    case ReadOnly:
        return tr("the task ledger cannot be written (%1)").arg(error.text());
    case IoError:
    case CantOpen:
        return tr("the task ledger could not be read or written (%1); check that its disk has "
                  "free space and is still there")
            .arg(error.text());
    case Unreachable:
        return tr("the ledger's database server cannot be reached (%1)").arg(error.text());
    default:
        return error.text();
    }
}

Expected<void> WriteTransaction::run(QSqlDatabase database, const Work &work)
{
    if (!database.isOpen())
        return unexpected(Error::ledger(tr("the task ledger is not open")));
    QSqlQuery query(database);
    if (!query.exec(LedgerSql::isPostgres(database) ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s))
        return unexpected(describe(query.lastError()));
    // PostgreSQL has no write lock of the whole database: one advisory lock
    // stands for it, waited for as long as SQLite waits for its own.
    if (LedgerSql::isPostgres(database)
        && (!query.exec(u"SET LOCAL lock_timeout = 5000"_s)
            || !query.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(advisoryKey)))) {
        const Error why = describe(query.lastError());
        QSqlQuery(database).exec(u"ROLLBACK"_s);
        return unexpected(why);
    }
    const Expected<void> done = work(query);
    if (!done) {
        QSqlQuery(database).exec(u"ROLLBACK"_s);
        return done;
    }
    query.finish();
    QSqlQuery commit(database);
    if (!commit.exec(u"COMMIT"_s)) {
        const Error why = describe(commit.lastError());
        QSqlQuery(database).exec(u"ROLLBACK"_s);
        return unexpected(why);
    }
    return {};
}
