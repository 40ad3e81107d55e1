#include "tasks/historyledger.h"

#include "tasks/taskstore.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

QVariant timeToDb(const QDateTime &when)
{
    return when.isValid() ? QVariant(when.toMSecsSinceEpoch())
                          : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime timeFromDb(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant countToDb(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<qint64> countFromDb(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

// A null QString binds as SQL NULL, which neither fits NOT NULL nor equals ''.
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

const QString cleanupColumns = u"id, endpoint, library_id, connection_id, connection_name, "
                               "task_connection_id, task_id, started_at, finished_at, outcome, "
                               "usage_before, usage_after, delete_count, restore_settings, "
                               "restore_outcome"_s;

void bindCleanup(QSqlQuery &q, const CleanupRecord &record)
{
    q.addBindValue(text(record.library.endpoint));
    q.addBindValue(text(record.library.libraryId));
    q.addBindValue(record.connectionId);
    q.addBindValue(text(record.connectionName));
    q.addBindValue(record.task.connectionId);
    q.addBindValue(record.task.taskId);
    q.addBindValue(timeToDb(record.startedAt));
    q.addBindValue(timeToDb(record.finishedAt));
    q.addBindValue(text(record.outcome));
    q.addBindValue(countToDb(record.usageBefore));
    q.addBindValue(countToDb(record.usageAfter));
    q.addBindValue(countToDb(record.deleteCount));
    q.addBindValue(record.restoreSettings ? QVariant(QString::fromUtf8(
                       QJsonDocument(*record.restoreSettings).toJson(QJsonDocument::Compact)))
                                          : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(text(record.restoreOutcome));
}

} // namespace

LibraryKey LibraryKey::of(const ConnectionSettings &settings)
{
    QUrl endpoint = settings.endpoint.adjusted(
        QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    if (endpoint.path() == u"/")
        endpoint.setPath({});
    return {endpoint.toString(), settings.libraryId};
}

HistoryLedger::HistoryLedger(TaskStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{ }

bool HistoryLedger::createTables(QSqlQuery &q)
{
    return q.exec(uR"(CREATE TABLE IF NOT EXISTS usage_samples (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                endpoint TEXT NOT NULL,
                library_id TEXT NOT NULL,
                space_id TEXT NOT NULL DEFAULT '',
                at INTEGER NOT NULL,
                bytes INTEGER NOT NULL))"_s)
        && q.exec(u"CREATE INDEX IF NOT EXISTS usage_by_library "
                  "ON usage_samples(endpoint, library_id, space_id, at)"_s)
        // No foreign key to tasks: removing the task from the table must not
        // take the record of what was cleared with it.
        && q.exec(uR"(CREATE TABLE IF NOT EXISTS cleanups (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                endpoint TEXT NOT NULL,
                library_id TEXT NOT NULL,
                connection_id INTEGER NOT NULL,
                connection_name TEXT NOT NULL DEFAULT '',
                task_connection_id INTEGER NOT NULL,
                task_id INTEGER NOT NULL,
                started_at INTEGER NOT NULL,
                finished_at INTEGER,
                outcome TEXT NOT NULL DEFAULT '',
                usage_before INTEGER,
                usage_after INTEGER,
                delete_count INTEGER,
                restore_settings TEXT,
                restore_outcome TEXT NOT NULL DEFAULT ''))"_s)
        && q.exec(u"CREATE INDEX IF NOT EXISTS cleanups_by_library "
                  "ON cleanups(endpoint, library_id, started_at)"_s);
}

Expected<void> HistoryLedger::addSample(const LibraryKey &library, const UsageSample &sample)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    if (!q.prepare(u"INSERT INTO usage_samples (endpoint, library_id, space_id, at, bytes) "
                   "VALUES (?, ?, ?, ?, ?)"_s))
        return unexpected(q.lastError().text());
    q.addBindValue(text(library.endpoint));
    q.addBindValue(text(library.libraryId));
    q.addBindValue(text(sample.spaceId));
    q.addBindValue(timeToDb(sample.at));
    q.addBindValue(sample.bytes);
    if (!q.exec())
        return unexpected(tr("Could not write to the task ledger: %1").arg(q.lastError().text()));
    Q_EMIT sampleAdded(library, sample);
    return {};
}

QList<UsageSample> HistoryLedger::samples(const LibraryKey &library, const QString &spaceId) const
{
    // The newest ones when there are too many, returned oldest first.
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT at, bytes FROM (SELECT at, bytes, id FROM usage_samples WHERE endpoint = ? "
              "AND library_id = ? AND space_id = ? ORDER BY at DESC, id DESC LIMIT ?) "
              "ORDER BY at, id"_s);
    q.addBindValue(text(library.endpoint));
    q.addBindValue(text(library.libraryId));
    q.addBindValue(text(spaceId));
    q.addBindValue(maxSamplesRead);
    QList<UsageSample> list;
    if (!q.exec())
        return list;
    while (q.next())
        list.append({timeFromDb(q.value(0)), q.value(1).toLongLong(), spaceId});
    return list;
}

std::optional<UsageSample> HistoryLedger::latestSample(
    const LibraryKey &library, const QString &spaceId) const
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.prepare(u"SELECT at, bytes FROM usage_samples WHERE endpoint = ? AND library_id = ? "
              "AND space_id = ? ORDER BY at DESC, id DESC LIMIT 1"_s);
    q.addBindValue(text(library.endpoint));
    q.addBindValue(text(library.libraryId));
    q.addBindValue(text(spaceId));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return UsageSample {timeFromDb(q.value(0)), q.value(1).toLongLong(), spaceId};
}

Expected<qint64> HistoryLedger::addCleanup(const CleanupRecord &record)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    if (!q.prepare(u"INSERT INTO cleanups (endpoint, library_id, connection_id, connection_name, "
                   "task_connection_id, task_id, started_at, finished_at, outcome, usage_before, "
                   "usage_after, delete_count, restore_settings, restore_outcome) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s))
        return unexpected(q.lastError().text());
    bindCleanup(q, record);
    if (!q.exec())
        return unexpected(tr("Could not write to the task ledger: %1").arg(q.lastError().text()));
    const qint64 id = q.lastInsertId().toLongLong();
    Q_EMIT cleanupsChanged(record.library);
    return id;
}

Expected<void> HistoryLedger::updateCleanup(const CleanupRecord &record)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    if (!q.prepare(u"UPDATE cleanups SET endpoint = ?, library_id = ?, connection_id = ?, "
                   "connection_name = ?, task_connection_id = ?, task_id = ?, started_at = ?, "
                   "finished_at = ?, outcome = ?, usage_before = ?, usage_after = ?, "
                   "delete_count = ?, restore_settings = ?, restore_outcome = ? WHERE id = ?"_s))
        return unexpected(q.lastError().text());
    bindCleanup(q, record);
    q.addBindValue(record.id);
    if (!q.exec())
        return unexpected(tr("Could not write to the task ledger: %1").arg(q.lastError().text()));
    Q_EMIT cleanupsChanged(record.library);
    return {};
}

QList<CleanupRecord> HistoryLedger::selectCleanups(
    const QString &where, const QVariantList &values) const
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + cleanupColumns + u" FROM cleanups WHERE "_s + where
        + u" ORDER BY started_at DESC, id DESC"_s);
    for (const QVariant &value : values)
        q.addBindValue(value);
    QList<CleanupRecord> list;
    if (!q.exec())
        return list;
    while (q.next()) {
        CleanupRecord r;
        r.id = q.value(0).toLongLong();
        r.library = {q.value(1).toString(), q.value(2).toString()};
        r.connectionId = q.value(3).toLongLong();
        r.connectionName = q.value(4).toString();
        r.task = {q.value(5).toLongLong(), q.value(6).toLongLong()};
        r.startedAt = timeFromDb(q.value(7));
        r.finishedAt = timeFromDb(q.value(8));
        r.outcome = q.value(9).toString();
        r.usageBefore = countFromDb(q.value(10));
        r.usageAfter = countFromDb(q.value(11));
        r.deleteCount = countFromDb(q.value(12));
        if (!q.value(13).isNull())
            r.restoreSettings = QJsonDocument::fromJson(q.value(13).toString().toUtf8()).object();
        r.restoreOutcome = q.value(14).toString();
        list.append(r);
    }
    return list;
}

QList<CleanupRecord> HistoryLedger::cleanups(const LibraryKey &library) const
{
    return selectCleanups(
        u"endpoint = ? AND library_id = ?"_s, {text(library.endpoint), text(library.libraryId)});
}

QList<CleanupRecord> HistoryLedger::runningCleanups() const
{
    return selectCleanups(u"finished_at IS NULL"_s, {});
}

std::optional<CleanupRecord> HistoryLedger::cleanupForTask(const TaskKey &task) const
{
    const QList<CleanupRecord> found = selectCleanups(
        u"task_connection_id = ? AND task_id = ?"_s, {task.connectionId, task.taskId});
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

QDateTime HistoryLedger::lastClearAt(const LibraryKey &library) const
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.prepare(u"SELECT MAX(started_at) FROM cleanups WHERE endpoint = ? AND library_id = ?"_s);
    q.addBindValue(text(library.endpoint));
    q.addBindValue(text(library.libraryId));
    if (!q.exec() || !q.next())
        return {};
    return timeFromDb(q.value(0));
}
