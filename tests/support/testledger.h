#pragma once

#include <QString>

class QTemporaryDir;

// The backend the ledger tests run on. A test binary of the store runs once
// per backend under ctest: as is (SQLite files), and with
// SMH_TEST_POSTGRES_DIR naming the folder of the throwaway cluster the
// `postgres` fixture started (tests/support/pgcluster.sh: its url and
// pgpass), or SMH_TEST_POSTGRES_URL naming a server of one's own (its
// password from PGPASSWORD or ~/.pgpass).
namespace TestLedger {

// Whether this run is the PostgreSQL one.
bool isPostgres();
// Why the PostgreSQL run cannot go on (no cluster), or empty. A missing
// cluster while SMH_REQUIRE_POSTGRES=1 (CI) is a failure, not a skip.
QString unavailable();
bool required();
// The cluster's maintenance database URL (postgresql://…/postgres).
QString serverUrl();

// A fresh, empty ledger called `name`: a file in `dir` (SQLite), or a new
// database on the cluster, made afresh (PostgreSQL).
QString fresh(const QTemporaryDir &dir, const QString &name);
// ":memory:" on SQLite; a fresh database on PostgreSQL.
QString scratch(const QString &name);
// Runs SQL on the ledger at `location` from a connection of its own (as
// another process would). Returns whether it succeeded.
bool exec(const QString &location, const QString &sql);

// Stops and starts the cluster (the fixture's script), keeping its data;
// or stops it (haltServer) until resumeServer.
bool restartServer();
bool haltServer();
bool resumeServer();

} // namespace TestLedger

// In a test function: skips it on the PostgreSQL run (what it checks is
// SQLite's file), or fails/skips the run when PostgreSQL is unavailable.
#define SMH_SQLITE_ONLY(why)                                                                       \
    do {                                                                                           \
        if (TestLedger::isPostgres())                                                              \
            QSKIP("SQLite only: " why);                                                            \
    } while (false)

#define SMH_REQUIRE_BACKEND()                                                                      \
    do {                                                                                           \
        if (const QString why = TestLedger::unavailable(); !why.isEmpty()) {                       \
            if (TestLedger::required())                                                            \
                QFAIL(qPrintable(why));                                                            \
            QSKIP(qPrintable(why));                                                                \
        }                                                                                          \
    } while (false)
