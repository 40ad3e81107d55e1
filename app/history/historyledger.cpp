#include "history/historyledger.h"

#include "history/enumkeys.h"
#include "tasks/displaytext.h"
#include "tasks/ledgersql.h"
#include "tasks/taskstate.h"
#include "tasks/taskstore.h"
#include "tasks/writetransaction.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSysInfo>

#include <array>
#include <cerrno>
#include <signal.h>
#include <time.h>

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

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
                               "restore_outcome, phase, origin, detail, sent_at, history_off, "
                               "previous_settings, sent_boot_ms, boot_id, restore_phase"_s;

QVariant jsonToDb(const std::optional<QJsonObject> &object)
{
    return object
        ? QVariant(QString::fromUtf8(QJsonDocument(*object).toJson(QJsonDocument::Compact)))
        : QVariant(QMetaType(QMetaType::QString));
}

std::optional<QJsonObject> jsonFromDb(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

void bindCleanup(QSqlQuery &q, const CleanupRecord &record)
{
    q.addBindValue(text(record.library.endpoint));
    q.addBindValue(text(record.library.libraryId));
    q.addBindValue(record.connectionId);
    q.addBindValue(text(record.connectionName));
    q.addBindValue(record.task.connectionId);
    q.addBindValue(record.task.taskId);
    q.addBindValue(LedgerSql::timeValue(record.startedAt));
    q.addBindValue(LedgerSql::timeValue(record.finishedAt));
    q.addBindValue(text(record.outcome));
    q.addBindValue(countToDb(record.usageBefore));
    q.addBindValue(countToDb(record.usageAfter));
    q.addBindValue(countToDb(record.deleteCount));
    q.addBindValue(jsonToDb(record.restoreSettings));
    q.addBindValue(text(record.restoreOutcome));
    q.addBindValue(CleanupRecord::phaseKey(record.phase));
    q.addBindValue(text(record.origin));
    q.addBindValue(text(record.detail));
    q.addBindValue(LedgerSql::timeValue(record.sentAt));
    q.addBindValue(CleanupRecord::historyOffKey(record.historyOff));
    q.addBindValue(jsonToDb(record.previousSettings));
    q.addBindValue(record.sentBootMs);
    q.addBindValue(text(record.bootId));
    q.addBindValue(CleanupRecord::restoreKey(record.restore));
}

constexpr std::array phases {
    std::pair {CleanupRecord::Phase::Claimed, u"claimed"},
    std::pair {CleanupRecord::Phase::Sending, u"sending"},
    std::pair {CleanupRecord::Phase::Accepted, u"accepted"},
    std::pair {CleanupRecord::Phase::Refused, u"refused"},
    std::pair {CleanupRecord::Phase::Unknown, u"unknown"},
    std::pair {CleanupRecord::Phase::Abandoned, u"abandoned"},
};

constexpr std::array historyOffStates {
    std::pair {CleanupRecord::HistoryOff::Untouched, u""},
    std::pair {CleanupRecord::HistoryOff::Sending, u"sending"},
    std::pair {CleanupRecord::HistoryOff::Applied, u"applied"},
    std::pair {CleanupRecord::HistoryOff::Refused, u"refused"},
    std::pair {CleanupRecord::HistoryOff::Unknown, u"unknown"},
    std::pair {CleanupRecord::HistoryOff::Restored, u"restored"},
};

constexpr std::array restoreStates {
    std::pair {CleanupRecord::Restore::None, u""},
    std::pair {CleanupRecord::Restore::Sending, u"sending"},
    std::pair {CleanupRecord::Restore::Answered, u"answered"},
};

// A process on this machine that is gone: its claims are no longer under way.
bool processIsGone(const QString &origin)
{
    static const QRegularExpression pattern(u"@([^,]+), pid (\\d+)$"_s);
    const QRegularExpressionMatch match = pattern.match(origin);
    if (!match.hasMatch() || match.captured(1) != QSysInfo::machineHostName())
        return false;
    const pid_t pid = pid_t(match.captured(2).toLongLong());
    return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
}

bool isStale(const CleanupRecord &record, const QDateTime &now)
{
    const QDateTime since = record.sentAt.isValid() ? record.sentAt : record.startedAt;
    return processIsGone(record.origin) || since.secsTo(now) > HistoryLedger::claimLifetimeSeconds;
}

// One-a-minute: the wait after the latest clear that left, as SMH counts
// it, in real time. Within one boot the boot clock says how long ago that
// was whatever the wall clock did since; otherwise the wall clock, and a
// clear it places in the future (the clock went back) waits the full minute.
int waitAfter(const CleanupRecord *last, const QDateTime &now)
{
    if (!last || !last->wasSent())
        return 0;
    const int interval = HistoryLedger::clearIntervalSeconds;
    qint64 elapsedMs = 0;
    if (!last->bootId.isEmpty() && last->bootId == HistoryLedger::currentBootId())
        elapsedMs = HistoryLedger::bootClockMs() - last->sentBootMs;
    else if ((elapsedMs = last->sentAt.msecsTo(now)) < 0)
        return interval;
    const qint64 leftMs = qint64(interval) * 1000 - elapsedMs;
    return leftMs <= 0 ? 0 : int(std::min<qint64>((leftMs + 999) / 1000, interval));
}

} // namespace

QString CleanupRecord::phaseKey(Phase phase)
{
    return EnumKeys::toKey(phases, phase);
}

QString CleanupRecord::historyOffKey(HistoryOff state)
{
    return EnumKeys::toKey(historyOffStates, state);
}

QString CleanupRecord::restoreKey(Restore state)
{
    return EnumKeys::toKey(restoreStates, state);
}

bool CleanupRecord::leftHistoryOff() const
{
    const bool off = historyOff == HistoryOff::Applied || historyOff == HistoryOff::Unknown
        || historyOff == HistoryOff::Sending;
    const bool noClear = phase == Phase::Refused || phase == Phase::Unknown
        || phase == Phase::Abandoned || phase == Phase::Sending;
    return off && noClear && previousSettings && restore == Restore::None;
}

QString CleanupRecord::outcomeLabel() const
{
    switch (phase) {
    case Phase::Claimed:
        return tr("Starting");
    case Phase::Sending:
        return tr("Sent, no answer yet");
    case Phase::Refused:
        return tr("Refused, nothing cleared");
    case Phase::Unknown:
        return tr("Outcome unknown");
    case Phase::Abandoned:
        return tr("Not sent");
    case Phase::Accepted:
        break;
    }
    if (task.taskId == 0)
        return tr("Accepted, task unknown");
    if (isRunning())
        return tr("Running");
    const auto state = TaskStates::fromKey(outcome);
    return state ? TaskStates::label(*state) : outcome;
}

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
{
    // The wing's own tables, whatever the store's schema: samples and
    // cleanups, then a clear's phases (recorded before it is sent).
    if (const auto added =
            store->addSchemaPart(u"history"_s, {&createTables, &addClearPhases, &addRestorePhase});
        !added)
        qWarning("%s", qPrintable(added.error().message()));
    // A clear recorded by another process (a script, another window): every
    // library's list reads its cleanups again.
    connect(store, &TaskStore::changedElsewhere, this, &HistoryLedger::announceAllLibraries);
}

void HistoryLedger::announceAllLibraries()
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT DISTINCT endpoint, library_id FROM cleanups"_s))
        return;
    QList<LibraryKey> libraries;
    while (q.next())
        libraries.append({q.value(0).toString(), q.value(1).toString()});
    for (const LibraryKey &library : std::as_const(libraries))
        Q_EMIT cleanupsChanged(library);
}

bool HistoryLedger::createTables(QSqlQuery &q)
{
    // Written for SQLite; LedgerSql::table says it PostgreSQL's way.
    return q.exec(LedgerSql::table(q, uR"(CREATE TABLE IF NOT EXISTS usage_samples (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                endpoint TEXT NOT NULL,
                library_id TEXT NOT NULL,
                space_id TEXT NOT NULL DEFAULT '',
                at INTEGER NOT NULL,
                bytes INTEGER NOT NULL))"_s))
        && q.exec(u"CREATE INDEX IF NOT EXISTS usage_by_library "
                  "ON usage_samples(endpoint, library_id, space_id, at)"_s)
        // No foreign key to tasks: removing the task from the table must not
        // take the record of what was cleared with it.
        && q.exec(LedgerSql::table(q, uR"(CREATE TABLE IF NOT EXISTS cleanups (
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
                restore_outcome TEXT NOT NULL DEFAULT ''))"_s))
        && q.exec(u"CREATE INDEX IF NOT EXISTS cleanups_by_library "
                  "ON cleanups(endpoint, library_id, started_at)"_s);
}

bool HistoryLedger::addClearPhases(QSqlQuery &q)
{
    // Clears recorded before schema 5 were all accepted ones.
    const QList<std::pair<QString, QString>> columns = {
        {u"phase"_s, u"TEXT NOT NULL DEFAULT 'accepted'"_s},
        {u"origin"_s, u"TEXT NOT NULL DEFAULT ''"_s},
        {u"detail"_s, u"TEXT NOT NULL DEFAULT ''"_s},
        {u"sent_at"_s, u"INTEGER"_s},
        {u"history_off"_s, u"TEXT NOT NULL DEFAULT ''"_s},
        {u"previous_settings"_s, u"TEXT"_s},
        {u"sent_boot_ms"_s, u"INTEGER NOT NULL DEFAULT 0"_s},
        {u"boot_id"_s, u"TEXT NOT NULL DEFAULT ''"_s},
    };
    for (const auto &[name, type] : columns) {
        const std::optional<bool> has = LedgerSql::hasColumn(q, u"cleanups"_s, name);
        if (!has
            || (!*has
                && !q.exec(LedgerSql::table(
                    q, u"ALTER TABLE cleanups ADD COLUMN "_s + name + u' ' + type))))
            return false;
    }
    // Every clear recorded before was sent when it started.
    return q.exec(u"UPDATE cleanups SET sent_at = started_at WHERE sent_at IS NULL "
                  "AND phase = 'accepted'"_s)
        // Changes to file history made on their own (not for a clear).
        && q.exec(LedgerSql::table(q, uR"(CREATE TABLE IF NOT EXISTS settings_changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                endpoint TEXT NOT NULL,
                library_id TEXT NOT NULL,
                at INTEGER NOT NULL,
                change TEXT NOT NULL,
                origin TEXT NOT NULL DEFAULT '',
                outcome TEXT NOT NULL DEFAULT 'sending'))"_s));
}

bool HistoryLedger::addRestorePhase(QSqlQuery &q)
{
    const std::optional<bool> has = LedgerSql::hasColumn(q, u"cleanups"_s, u"restore_phase"_s);
    if (!has
        || (!*has
            && !q.exec(
                u"ALTER TABLE cleanups ADD COLUMN restore_phase TEXT NOT NULL DEFAULT ''"_s)))
        return false;
    // Before, a restore in flight was known by its sentence, in either of the
    // languages the program speaks; any other sentence was its answer.
    if (!q.prepare(u"UPDATE cleanups SET restore_phase = 'sending' "
                   "WHERE restore_phase = '' AND restore_outcome IN (?, ?)"_s))
        return false;
    q.addBindValue(u"Putting file history back was sent; no answer was recorded."_s);
    q.addBindValue(u"恢复文件历史的请求已发送；尚未记录到回复。"_s);
    return q.exec()
        && q.exec(u"UPDATE cleanups SET restore_phase = 'answered' "
                  "WHERE restore_phase = '' AND restore_outcome <> ''"_s);
}

Expected<void> HistoryLedger::addSample(const LibraryKey &library, const UsageSample &sample)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    if (!q.prepare(u"INSERT INTO usage_samples (endpoint, library_id, space_id, at, bytes) "
                   "VALUES (?, ?, ?, ?, ?)"_s))
        return unexpected(WriteTransaction::describe(q.lastError()));
    q.addBindValue(text(library.endpoint));
    q.addBindValue(text(library.libraryId));
    q.addBindValue(text(sample.spaceId));
    q.addBindValue(LedgerSql::timeValue(sample.at));
    q.addBindValue(sample.bytes);
    if (!q.exec())
        return unexpected(WriteTransaction::describe(q.lastError()));
    Q_EMIT sampleAdded(library, sample);
    return {};
}

QList<UsageSample> HistoryLedger::samples(
    const LibraryKey &library, const QString &spaceId, int limit) const
{
    return recentSamples({library}, limit, spaceId).value(library);
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
    return UsageSample {LedgerSql::timeOf(q.value(0)), q.value(1).toLongLong(), spaceId};
}

Expected<void> HistoryLedger::write(QSqlQuery &q, const CleanupRecord &record, bool insert) const
{
    const QString sql = insert
        ? u"INSERT INTO cleanups (endpoint, library_id, connection_id, connection_name, "
          "task_connection_id, task_id, started_at, finished_at, outcome, usage_before, "
          "usage_after, delete_count, restore_settings, restore_outcome, phase, origin, detail, "
          "sent_at, history_off, previous_settings, sent_boot_ms, boot_id, restore_phase) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s
        : u"UPDATE cleanups SET endpoint = ?, library_id = ?, connection_id = ?, "
          "connection_name = ?, task_connection_id = ?, task_id = ?, started_at = ?, "
          "finished_at = ?, outcome = ?, usage_before = ?, usage_after = ?, delete_count = ?, "
          "restore_settings = ?, restore_outcome = ?, phase = ?, origin = ?, detail = ?, "
          "sent_at = ?, history_off = ?, previous_settings = ?, sent_boot_ms = ?, boot_id = ?, "
          "restore_phase = ? WHERE id = ?"_s;
    if (!q.prepare(sql))
        return unexpected(WriteTransaction::describe(q.lastError()));
    bindCleanup(q, record);
    if (!insert)
        q.addBindValue(record.id);
    if (!q.exec())
        return unexpected(WriteTransaction::describe(q.lastError()));
    return {};
}

Expected<qint64> HistoryLedger::addCleanup(const CleanupRecord &record)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    if (const auto written = write(q, record, true); !written)
        return unexpected(written.error());
    const qint64 id = LedgerSql::insertedId(q).value_or(0);
    Q_EMIT cleanupsChanged(record.library);
    return id;
}

Expected<void> HistoryLedger::updateCleanup(const CleanupRecord &record)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    if (const auto written = write(q, record, false); !written)
        return written;
    Q_EMIT cleanupsChanged(record.library);
    return {};
}

Expected<CleanupRecord, ClaimRefusal> HistoryLedger::claimClear(CleanupRecord record)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    record.startedAt = now;
    record.phase = CleanupRecord::Phase::Claimed;
    std::optional<ClaimRefusal> refusal;
    const Expected<void> claimed = WriteTransaction::run(
        QSqlDatabase::database(m_store->databaseName(), false), [&](QSqlQuery &q) {
            q.setForwardOnly(true);
            q.prepare(u"SELECT "_s + cleanupColumns
                + u" FROM cleanups WHERE endpoint = ? AND library_id = ? AND "
                  "(phase IN ('claimed', 'sending') OR sent_at IS NOT NULL) "
                  "ORDER BY COALESCE(sent_at, started_at) DESC, id DESC LIMIT 50"_s);
            q.addBindValue(text(record.library.endpoint));
            q.addBindValue(text(record.library.libraryId));
            if (!q.exec())
                return Expected<void>(unexpected(WriteTransaction::describe(q.lastError())));
            const QList<CleanupRecord> recent = readCleanups(q);
            q.finish();
            const CleanupRecord *lastSent = nullptr;
            for (const CleanupRecord &other : recent) {
                const bool underWay = other.phase == CleanupRecord::Phase::Claimed
                    || other.phase == CleanupRecord::Phase::Sending;
                if (underWay && !isStale(other, now)) {
                    refusal = ClaimRefusal {ClaimRefusal::Reason::Busy,
                        tr("A clear of library %1 is under way already, started %2 by %3.")
                            .arg(record.library.libraryId, DisplayText::dateTime(other.startedAt),
                                other.origin.isEmpty() ? tr("another monitor") : other.origin),
                        0};
                    return Expected<void>(unexpected(Error::input(refusal->message)));
                }
                if (other.wasSent() && (!lastSent || other.sentAt > lastSent->sentAt))
                    lastSent = &other;
            }
            if (const int wait = waitAfter(lastSent, now); wait > 0) {
                refusal = ClaimRefusal {ClaimRefusal::Reason::RateLimited,
                    tr("SMH accepts one clear of historical versions a minute per library; the "
                       "next one may be sent in %n s.",
                        nullptr, wait),
                    wait};
                return Expected<void>(unexpected(Error::input(refusal->message)));
            }
            if (const auto written = write(q, record, true); !written)
                return written;
            record.id = LedgerSql::insertedId(q).value_or(0);
            return Expected<void>();
        });
    if (refusal)
        return unexpected(*refusal);
    if (!claimed)
        return unexpected(ClaimRefusal {ClaimRefusal::Reason::Ledger,
            tr("Nothing was sent: the task ledger could not record the clear before sending it "
               "(%1).")
                .arg(claimed.error().message()),
            0});
    Q_EMIT cleanupsChanged(record.library);
    return record;
}

int HistoryLedger::secondsUntilNextClear(const LibraryKey &library) const
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + cleanupColumns
        + u" FROM cleanups WHERE endpoint = ? AND library_id = ? AND sent_at IS NOT NULL "
          "ORDER BY sent_at DESC, id DESC LIMIT 1"_s);
    q.addBindValue(text(library.endpoint));
    q.addBindValue(text(library.libraryId));
    const QList<CleanupRecord> latest = q.exec() ? readCleanups(q) : QList<CleanupRecord>();
    return waitAfter(
        latest.isEmpty() ? nullptr : &latest.constFirst(), QDateTime::currentDateTimeUtc());
}

qint64 HistoryLedger::bootClockMs()
{
    timespec now {};
    ::clock_gettime(CLOCK_BOOTTIME, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
}

QString HistoryLedger::currentBootId()
{
    static const QString id = [] {
        QFile file(u"/proc/sys/kernel/random/boot_id"_s);
        return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed())
                                              : QString();
    }();
    return id;
}

void HistoryLedger::settleStaleClaims()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<CleanupRecord> open = selectCleanups(u"phase IN ('claimed', 'sending')"_s, {});
    for (CleanupRecord record : open) {
        if (!isStale(record, now))
            continue;
        if (record.phase == CleanupRecord::Phase::Sending) {
            record.phase = CleanupRecord::Phase::Unknown;
            record.detail = tr("The monitor that sent this clear stopped before SMH's answer was "
                               "recorded: it may have been accepted. Look at the library's usage "
                               "and file history, or ask Tencent Cloud support, before clearing "
                               "again.");
        } else {
            record.phase = CleanupRecord::Phase::Abandoned;
            record.detail = tr("The monitor that started this clear stopped before sending it.");
        }
        record.finishedAt = now;
        updateCleanup(record);
    }
}

QString HistoryLedger::thisOrigin(const QString &face)
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return tr("%1, %2@%3, pid %4")
        .arg(face, user, QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid());
}

bool HistoryLedger::isProcessGone(const QString &origin)
{
    return processIsGone(origin);
}

Expected<qint64> HistoryLedger::recordSettingsChange(
    const LibraryKey &library, const QJsonObject &change, const QString &origin)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    if (!q.prepare(u"INSERT INTO settings_changes (endpoint, library_id, at, change, origin) "
                   "VALUES (?, ?, ?, ?, ?)"_s))
        return unexpected(WriteTransaction::describe(q.lastError()));
    q.addBindValue(text(library.endpoint));
    q.addBindValue(text(library.libraryId));
    q.addBindValue(LedgerSql::timeValue(QDateTime::currentDateTimeUtc()));
    q.addBindValue(QString::fromUtf8(QJsonDocument(change).toJson(QJsonDocument::Compact)));
    q.addBindValue(text(origin));
    if (!q.exec())
        return unexpected(WriteTransaction::describe(q.lastError()));
    return LedgerSql::insertedId(q).value_or(0);
}

void HistoryLedger::settleSettingsChange(qint64 id, const QString &outcome)
{
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.prepare(u"UPDATE settings_changes SET outcome = ? WHERE id = ?"_s);
    q.addBindValue(outcome);
    q.addBindValue(id);
    q.exec();
}

std::optional<CleanupRecord> HistoryLedger::cleanup(qint64 id) const
{
    const QList<CleanupRecord> found = selectCleanups(u"id = ?"_s, {id});
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

QList<CleanupRecord> HistoryLedger::readCleanups(QSqlQuery &q)
{
    QList<CleanupRecord> list;
    while (q.next()) {
        CleanupRecord r;
        r.id = q.value(0).toLongLong();
        r.library = {q.value(1).toString(), q.value(2).toString()};
        r.connectionId = q.value(3).toLongLong();
        r.connectionName = q.value(4).toString();
        r.task = {q.value(5).toLongLong(), q.value(6).toLongLong()};
        r.startedAt = LedgerSql::timeOf(q.value(7));
        r.finishedAt = LedgerSql::timeOf(q.value(8));
        r.outcome = q.value(9).toString();
        r.usageBefore = countFromDb(q.value(10));
        r.usageAfter = countFromDb(q.value(11));
        r.deleteCount = countFromDb(q.value(12));
        r.restoreSettings = jsonFromDb(q.value(13));
        r.restoreOutcome = q.value(14).toString();
        r.phase = EnumKeys::fromKey(phases, q.value(15).toString(), CleanupRecord::Phase::Accepted);
        r.origin = q.value(16).toString();
        r.detail = q.value(17).toString();
        r.sentAt = LedgerSql::timeOf(q.value(18));
        r.historyOff = EnumKeys::fromKey(
            historyOffStates, q.value(19).toString(), CleanupRecord::HistoryOff::Untouched);
        r.previousSettings = jsonFromDb(q.value(20));
        r.sentBootMs = q.value(21).toLongLong();
        r.bootId = q.value(22).toString();
        r.restore =
            EnumKeys::fromKey(restoreStates, q.value(23).toString(), CleanupRecord::Restore::None);
        list.append(r);
    }
    return list;
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
    if (!q.exec())
        return {};
    return readCleanups(q);
}

QList<CleanupRecord> HistoryLedger::cleanups(const LibraryKey &library) const
{
    return selectCleanups(
        u"endpoint = ? AND library_id = ?"_s, {text(library.endpoint), text(library.libraryId)});
}

QList<CleanupRecord> HistoryLedger::runningCleanups() const
{
    return selectCleanups(u"phase = 'accepted' AND finished_at IS NULL AND task_id != 0"_s, {});
}

QList<CleanupRecord> HistoryLedger::allCleanups(const QDateTime &since) const
{
    if (!since.isValid())
        return selectCleanups(u"1 = 1"_s, {});
    return selectCleanups(u"started_at >= ?"_s, {since.toMSecsSinceEpoch()});
}

std::optional<CleanupRecord> HistoryLedger::cleanupForTask(const TaskKey &task) const
{
    if (task.taskId == 0)
        return std::nullopt;
    const QList<CleanupRecord> found = selectCleanups(
        u"task_connection_id = ? AND task_id = ?"_s, {task.connectionId, task.taskId});
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

QHash<LibraryKey, HistoryLedger::LibraryClears> HistoryLedger::clearsByLibrary() const
{
    QHash<LibraryKey, LibraryClears> clears;
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    // Each library's newest by start (cleanups_by_library answers the inner query).
    if (q.exec(u"SELECT "_s + cleanupColumns
            + u" FROM cleanups c WHERE id = (SELECT id FROM cleanups WHERE endpoint = c.endpoint "
              "AND library_id = c.library_id ORDER BY started_at DESC, id DESC LIMIT 1)"_s)) {
        for (const CleanupRecord &record : readCleanups(q))
            clears[record.library].latest = record;
    }
    q.finish();
    // ... and by the DELETE's leaving: the one-a-minute rule counts from it.
    if (q.exec(u"SELECT "_s + cleanupColumns
            + u" FROM cleanups c WHERE id = (SELECT id FROM cleanups WHERE endpoint = c.endpoint "
              "AND library_id = c.library_id AND sent_at IS NOT NULL "
              "ORDER BY sent_at DESC, id DESC LIMIT 1)"_s)) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const CleanupRecord &record : readCleanups(q))
            clears[record.library].secondsUntilNextClear = waitAfter(&record, now);
    }
    return clears;
}

QHash<LibraryKey, QList<UsageSample>> HistoryLedger::recentSamples(
    const QList<LibraryKey> &libraries, int limit, const QString &spaceId) const
{
    QHash<LibraryKey, QList<UsageSample>> samples;
    QSqlQuery q(QSqlDatabase::database(m_store->databaseName(), false));
    q.setForwardOnly(true);
    // The newest ones when there are too many, returned oldest first.
    // PostgreSQL wants the subquery named (AS newest).
    if (!q.prepare(u"SELECT at, bytes FROM (SELECT at, bytes, id FROM usage_samples "
                   "WHERE endpoint = ? AND library_id = ? AND space_id = ? "
                   "ORDER BY at DESC, id DESC LIMIT ?) AS newest ORDER BY at, id"_s))
        return samples;
    for (const LibraryKey &library : libraries) {
        if (samples.contains(library))
            continue;
        q.addBindValue(text(library.endpoint));
        q.addBindValue(text(library.libraryId));
        q.addBindValue(text(spaceId));
        q.addBindValue(std::clamp(limit, 0, maxSamplesRead));
        QList<UsageSample> &list = samples[library];
        if (!q.exec())
            continue;
        while (q.next())
            list.append({LedgerSql::timeOf(q.value(0)), q.value(1).toLongLong(), spaceId});
        q.finish();
    }
    return samples;
}
