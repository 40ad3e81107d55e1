#pragma once

#include "smh/expected.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <functional>

class QSqlQuery;

// A write transaction that takes SQLite's write lock before it reads
// (BEGIN IMMEDIATE): what `work` reads cannot change under it before it
// commits, in this process or any other on the same ledger. That makes a
// check and the write that follows it one step (a schema migration, the
// one-clear-a-minute rule). Another process holding the lock is waited for
// up to the connection's busy timeout, then reported. On PostgreSQL a
// transaction-scoped advisory lock plays the write lock's part.
class WriteTransaction final
{
    Q_DECLARE_TR_FUNCTIONS(WriteTransaction)

public:
    // `work` returns an error to roll back with; its SQL errors are read
    // from the query it was given.
    using Work = std::function<Expected<void>(QSqlQuery &)>;
    static Expected<void> run(QSqlDatabase database, const Work &work);

    // The Error (Kind::Ledger) for an SQLite error, whose sentence says: a
    // full disk, a ledger another program holds, one that cannot be
    // written, or the driver's own words.
    static Error describe(const QSqlError &error);
    static QString sentence(const QSqlError &error);
};
