#include "tasks/writetransaction.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

// SQLite's primary result codes, as the driver reports them.
enum SqliteCode {
    Busy = 5,
    Locked = 6,
    ReadOnly = 8,
    IoError = 10,
    Full = 13,
    CantOpen = 14
};

int primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1;
}

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
    default:
        return error.text();
    }
}

Expected<void> WriteTransaction::run(QSqlDatabase database, const Work &work)
{
    if (!database.isOpen())
        return unexpected(Error::ledger(tr("the task ledger is not open")));
    QSqlQuery query(database);
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return unexpected(describe(query.lastError()));
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
