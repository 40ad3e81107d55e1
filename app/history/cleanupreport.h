#pragma once

#include "history/historyledger.h"
#include "smh/expected.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>

#include <array>

// Every clear of historical versions the ledger recorded, for an
// administrator's records: one row per clear, then totals per library and
// overall. CSV (UTF-8 with BOM so that spreadsheets read it as UTF-8, ISO
// 8601 UTC dates, RFC 4180) or JSON (sizes as strings of bytes). Nothing in
// it comes from a credential; texts pass Redact. No widgets: the window's
// File ▸ Export Cleanup Report… and `history report` both use it.
class CleanupReport final
{
    Q_DECLARE_TR_FUNCTIONS(CleanupReport)

public:
    // How a clear ended, as the totals count it.
    enum class Result {
        Succeeded, // the task ended as a success
        Failed, // the task ended, not as a success
        Unknown, // it may or may not have happened (no answer, no task ID)
        NotCleared, // refused, or never sent: nothing was cleared
        Running, // under way
    };

    struct Totals
    {
        LibraryKey library; // empty for the overall totals
        int cleanups = 0;
        std::array<int, 5> results {}; // by Result
        qint64 versionsDeleted = 0; // of the clears that said
        qint64 freedBytes = 0; // of the clears with usage before and after
    };

    // `records` in any order; the report lists them oldest first.
    // `spaces`: a connection's space, by connection id (where it was run from).
    explicit CleanupReport(QList<CleanupRecord> records, QHash<qint64, QString> spaces = {});
    // Every clear recorded since `since` (all when invalid).
    static CleanupReport fromLedger(const HistoryLedger &ledger,
        const QList<Connection> &connections, const QDateTime &since = {});

    const QList<CleanupRecord> &records() const { return m_records; }
    QList<Totals> libraryTotals() const;
    Totals overall() const;

    static Result resultOf(const CleanupRecord &record);
    static QString resultKey(Result result);

    QByteArray toCsv() const;
    QByteArray toJson(const QDateTime &generatedAt, const QDateTime &since = {}) const;
    static QStringList csvHeader();

private:
    QStringList csvRow(const CleanupRecord &record) const;
    static QStringList csvTotals(const Totals &totals, const QString &kind);

    QList<CleanupRecord> m_records;
    QHash<qint64, QString> m_spaces;
};
