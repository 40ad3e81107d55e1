#include "history/campaignledger.h"

#include "tasks/ledgersql.h"
#include "tasks/taskstore.h"
#include "tasks/writetransaction.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QString summaryColumns =
    u"c.id, c.started_at, c.finished_at, c.origin, c.options, c.state, "
    "(SELECT COUNT(*) FROM campaign_libraries l WHERE l.campaign_id = c.id)"_s;

const QString libraryColumns =
    u"position, connection_id, connection_name, endpoint, library_id, step, outcome, "
    "cleanup_id, started_at, finished_at, detail, refusal"_s;

void bindLibrary(QSqlQuery &q, const CampaignLibrary &library)
{
    q.addBindValue(text(library.connectionName));
    q.addBindValue(text(library.library.endpoint));
    q.addBindValue(text(library.library.libraryId));
    q.addBindValue(CampaignLibrary::stepKey(library.step));
    q.addBindValue(CampaignLibrary::outcomeKey(library.outcome));
    q.addBindValue(library.cleanupId);
    q.addBindValue(LedgerSql::timeValue(library.startedAt));
    q.addBindValue(LedgerSql::timeValue(library.finishedAt));
    q.addBindValue(text(library.detail));
    q.addBindValue(library.refusal ? int(*library.refusal) : -1);
}

} // namespace

CampaignLedger::CampaignLedger(TaskStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    if (const auto added = store->addSchemaPart(u"campaigns"_s, {&createTables}); !added)
        qWarning("%s", qPrintable(added.error().message()));
}

bool CampaignLedger::createTables(QSqlQuery &q)
{
    // No foreign key to cleanups: a cleanup record outlives any list of it.
    // Written for SQLite; LedgerSql::table says it PostgreSQL's way.
    return q.exec(LedgerSql::table(q, uR"(CREATE TABLE IF NOT EXISTS campaigns (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started_at INTEGER NOT NULL,
                finished_at INTEGER,
                origin TEXT NOT NULL DEFAULT '',
                options TEXT NOT NULL DEFAULT '{}',
                state TEXT NOT NULL DEFAULT 'running'))"_s))
        && q.exec(LedgerSql::table(q, uR"(CREATE TABLE IF NOT EXISTS campaign_libraries (
                campaign_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                connection_id INTEGER NOT NULL,
                connection_name TEXT NOT NULL DEFAULT '',
                endpoint TEXT NOT NULL,
                library_id TEXT NOT NULL,
                step TEXT NOT NULL DEFAULT 'waiting',
                outcome TEXT NOT NULL DEFAULT '',
                cleanup_id INTEGER NOT NULL DEFAULT 0,
                started_at INTEGER,
                finished_at INTEGER,
                detail TEXT NOT NULL DEFAULT '',
                refusal INTEGER NOT NULL DEFAULT -1,
                PRIMARY KEY (campaign_id, position)))"_s));
}

Expected<qint64> CampaignLedger::add(
    const CampaignSummary &summary, const QList<CampaignLibrary> &libraries)
{
    qint64 id = 0;
    const Expected<void> written = WriteTransaction::run(
        QSqlDatabase::database(m_store->databaseName(), false), [&](QSqlQuery &q) {
            q.prepare(u"INSERT INTO campaigns (started_at, finished_at, origin, options, state) "
                      "VALUES (?, ?, ?, ?, ?)"_s);
            q.addBindValue(LedgerSql::timeValue(summary.startedAt));
            q.addBindValue(LedgerSql::timeValue(summary.finishedAt));
            q.addBindValue(text(summary.origin));
            q.addBindValue(jsonText(summary.plan.optionsJson()));
            q.addBindValue(CampaignSummary::stateKey(summary.state));
            if (!q.exec())
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            id = LedgerSql::insertedId(q).value_or(0);
            for (const CampaignLibrary &library : libraries) {
                q.prepare(u"INSERT INTO campaign_libraries (connection_name, endpoint, library_id, "
                          "step, outcome, cleanup_id, started_at, finished_at, detail, refusal, "
                          "campaign_id, position, connection_id) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
                bindLibrary(q, library);
                q.addBindValue(id);
                q.addBindValue(library.position);
                q.addBindValue(library.connectionId);
                if (!q.exec())
                    return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            }
            return Expected<void>();
        });
    if (!written)
        return unexpected(written.error());
    return id;
}

Expected<void> CampaignLedger::updateSummary(const CampaignSummary &summary)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.prepare(u"UPDATE campaigns SET finished_at = ?, state = ? WHERE id = ?"_s);
    q.addBindValue(LedgerSql::timeValue(summary.finishedAt));
    q.addBindValue(CampaignSummary::stateKey(summary.state));
    q.addBindValue(summary.id);
    if (!q.exec())
        return unexpected(WriteTransaction::describe(q.lastError()));
    return {};
}

Expected<void> CampaignLedger::updateLibrary(qint64 campaignId, const CampaignLibrary &library)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.prepare(u"UPDATE campaign_libraries SET connection_name = ?, endpoint = ?, library_id = ?, "
              "step = ?, outcome = ?, cleanup_id = ?, started_at = ?, finished_at = ?, "
              "detail = ?, refusal = ? WHERE campaign_id = ? AND position = ?"_s);
    bindLibrary(q, library);
    q.addBindValue(campaignId);
    q.addBindValue(library.position);
    if (!q.exec())
        return unexpected(WriteTransaction::describe(q.lastError()));
    if (q.numRowsAffected() != 1)
        return unexpected(Error::ledger(tr("The campaign's library is not in the ledger.")));
    return {};
}

QList<CampaignSummary> CampaignLedger::select(
    const QString &where, const QVariantList &values, int limit) const
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + summaryColumns + u" FROM campaigns c WHERE "_s + where
        + u" ORDER BY c.started_at DESC, c.id DESC"_s + LedgerSql::limit(limit));
    for (const QVariant &value : values)
        q.addBindValue(value);
    QList<CampaignSummary> list;
    if (!q.exec())
        return list;
    while (q.next()) {
        CampaignSummary s;
        s.id = q.value(0).toLongLong();
        s.startedAt = LedgerSql::timeOf(q.value(1));
        s.finishedAt = LedgerSql::timeOf(q.value(2));
        s.origin = q.value(3).toString();
        s.plan = CampaignPlan::fromOptionsJson(
            QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object());
        s.state = CampaignSummary::stateFromKey(q.value(5).toString());
        s.libraryCount = q.value(6).toInt();
        list.append(s);
    }
    return list;
}

std::optional<CampaignSummary> CampaignLedger::summary(qint64 id) const
{
    const QList<CampaignSummary> found = select(u"c.id = ?"_s, {id});
    if (found.isEmpty())
        return std::nullopt;
    CampaignSummary summary = found.constFirst();
    for (const CampaignLibrary &library : libraries(id))
        summary.plan.connectionIds.append(library.connectionId);
    return summary;
}

QList<CampaignLibrary> CampaignLedger::libraries(qint64 campaignId) const
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + libraryColumns
        + u" FROM campaign_libraries WHERE campaign_id = ? ORDER BY position"_s);
    q.addBindValue(campaignId);
    QList<CampaignLibrary> list;
    if (!q.exec())
        return list;
    while (q.next()) {
        CampaignLibrary l;
        l.position = q.value(0).toInt();
        l.connectionId = q.value(1).toLongLong();
        l.connectionName = q.value(2).toString();
        l.library = {q.value(3).toString(), q.value(4).toString()};
        l.step = CampaignLibrary::stepFromKey(q.value(5).toString());
        l.outcome = CampaignLibrary::outcomeFromKey(q.value(6).toString());
        l.cleanupId = q.value(7).toLongLong();
        l.startedAt = LedgerSql::timeOf(q.value(8));
        l.finishedAt = LedgerSql::timeOf(q.value(9));
        l.detail = q.value(10).toString();
        if (const int refusal = q.value(11).toInt(); refusal >= 0)
            l.refusal = ClearRefusal::Reason(refusal);
        list.append(l);
    }
    return list;
}

QList<CampaignSummary> CampaignLedger::list(int limit) const
{
    return select(u"1 = 1"_s, {}, std::max(0, limit));
}

QList<CampaignSummary> CampaignLedger::orphaned() const
{
    QList<CampaignSummary> gone;
    const QList<CampaignSummary> open =
        select(u"c.state IN ('running', 'cancelling') OR (c.state = 'interrupted' "
               "AND c.finished_at IS NULL)"_s,
            {});
    for (const CampaignSummary &summary : open) {
        // An interrupted one was resumed by a monitor that stopped too.
        if (summary.state == CampaignSummary::State::Interrupted
            || HistoryLedger::isProcessGone(summary.origin))
            gone.append(summary);
    }
    return gone;
}
