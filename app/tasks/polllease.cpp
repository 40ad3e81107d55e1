#include "tasks/polllease.h"

#include "tasks/taskstore.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>

#include <cerrno>
#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLease, "smh.lease", QtWarningMsg)

namespace {

// A process of this machine that is gone: its leases are no longer held.
bool processIsGone(const QString &host, qint64 pid)
{
    return host == QSysInfo::machineHostName() && pid > 0
        && pid != QCoreApplication::applicationPid() && ::kill(pid_t(pid), 0) != 0
        && errno == ESRCH;
}

// Who a lease names: never empty (the column is NOT NULL), also where the
// environment does not say (a service, a test).
QString userName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return user.isEmpty() ? u"uid %1"_s.arg(::getuid()) : user;
}

} // namespace

bool PollLease::createTable(QSqlQuery &query)
{
    // BIGINT and TEXT mean the same to SQLite and PostgreSQL; times are
    // milliseconds since the epoch, as everywhere in the ledger.
    return query.exec(u"CREATE TABLE IF NOT EXISTS poll_leases ("
                      "connection_id BIGINT NOT NULL PRIMARY KEY, "
                      "holder TEXT NOT NULL, "
                      "holder_user TEXT NOT NULL, "
                      "holder_host TEXT NOT NULL, "
                      "holder_pid BIGINT NOT NULL, "
                      "expires_at BIGINT NOT NULL)"_s);
}

Expected<PollLease *> PollLease::attach(TaskStore *store, QObject *parent)
{
    if (const Expected<void> part = store->addSchemaPart(schemaPart.toString(), {&createTable});
        !part)
        return unexpected(part.error());
    return new PollLease(store, parent);
}

PollLease::PollLease(TaskStore *store, QObject *parent)
    : PollGate(parent)
    , m_store(store)
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_user(userName())
    , m_host(QSysInfo::machineHostName())
    , m_pid(QCoreApplication::applicationPid())
{
    m_renewal.setInterval(m_lifetime / 3);
    connect(&m_renewal, &QTimer::timeout, this, &PollLease::renewAll);
    connect(m_store, &TaskStore::changedElsewhere, this, &PollLease::lookAgain);
}

PollLease::~PollLease()
{
    releaseAll();
}

void PollLease::setLifetime(std::chrono::milliseconds lifetime)
{
    m_lifetime = std::max(lifetime, std::chrono::milliseconds(30));
    m_renewal.setInterval(m_lifetime / 3);
}

QString PollLease::describe(const QString &user, const QString &host, qint64 pid)
{
    return tr("%1@%2, pid %3").arg(user, host).arg(pid);
}

QSqlDatabase PollLease::database() const
{
    // The store may have closed first (its owner going down): nothing to
    // write then, and a lease not released lapses at its expiry.
    return QSqlDatabase::database(m_store ? m_store->databaseName() : QString(), false);
}

bool PollLease::exec(QSqlQuery &q, bool *ok) const
{
    *ok = q.exec();
    if (!*ok) {
        qCInfo(lcLease).noquote() << "poll lease:" << q.lastError().text();
        return false;
    }
    return q.numRowsAffected() > 0;
}

PollGate::Verdict PollLease::mayPoll(qint64 connectionId, const QDateTime &now, bool everyTask)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    bool ok = false;
    if (!everyTask) {
        // Gives way to a live holder; never holds the lease itself, so that
        // the connection's other tasks are not left to nobody.
        const std::optional<Row> row = read(connectionId, &ok);
        if (!ok || !row || row->holder == m_id || row->expiresMs < nowMs
            || processIsGone(row->host, row->pid))
            return {};
        return refusal(connectionId, *row, nowMs);
    }
    // Renewed lately (renewAll): nobody can have taken it since.
    if (const auto held = m_held.constFind(connectionId);
        held != m_held.cend() && *held - nowMs > (m_lifetime / 3).count())
        return {};
    // Read first: a monitor that waits only reads (no write lock taken, no
    // write announced to the others).
    std::optional<Row> row = read(connectionId, &ok);
    if (!ok)
        return {}; // a ledger that cannot say: poll, as a monitor alone would
    if (row && row->holder != m_id && row->expiresMs >= nowMs) {
        if (!processIsGone(row->host, row->pid))
            return refusal(connectionId, *row, nowMs);
        if (takeFromTheGone(connectionId, *row, nowMs))
            return {};
    }
    const std::optional<bool> took = take(connectionId, nowMs);
    if (!took || *took)
        return {};
    // Taken by another monitor between the two statements.
    row = read(connectionId, &ok);
    if (!ok || !row)
        return {};
    return refusal(connectionId, *row, nowMs);
}

PollGate::Verdict PollLease::refusal(qint64 connectionId, const Row &row, qint64 nowMs)
{
    m_waiting.insert(connectionId, row);
    Verdict verdict;
    verdict.mayPoll = false;
    verdict.holder = describe(row.user, row.host, row.pid);
    // Just past its end (the holder's clock; never later than a lifetime
    // from now by this one, should that clock run far ahead).
    const qint64 until =
        std::min(row.expiresMs, nowMs + std::max(m_lifetime, defaultLifetime).count());
    verdict.askAgainAt = QDateTime::fromMSecsSinceEpoch(until + 20, Qt::UTC);
    return verdict;
}

std::optional<bool> PollLease::take(qint64 connectionId, qint64 nowMs)
{
    const qint64 expires = nowMs + m_lifetime.count();
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return std::nullopt;
    QSqlQuery q(db);
    // Renewed when this monitor holds it, taken over when it has lapsed:
    // one statement, so two monitors never both succeed.
    q.prepare(u"UPDATE poll_leases SET holder = ?, holder_user = ?, holder_host = ?, "
              "holder_pid = ?, expires_at = ? "
              "WHERE connection_id = ? AND (holder = ? OR expires_at < ?)"_s);
    for (const QVariant &value :
        {QVariant(m_id), QVariant(m_user), QVariant(m_host), QVariant(m_pid), QVariant(expires),
            QVariant(connectionId), QVariant(m_id), QVariant(nowMs)})
        q.addBindValue(value);
    bool ok = false;
    bool held = exec(q, &ok);
    if (!ok)
        return std::nullopt;
    if (!held) {
        // Nobody ever held it (or its holder let go).
        q.prepare(u"INSERT INTO poll_leases (connection_id, holder, holder_user, holder_host, "
                  "holder_pid, expires_at) VALUES (?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (connection_id) DO NOTHING"_s);
        for (const QVariant &value : {QVariant(connectionId), QVariant(m_id), QVariant(m_user),
                 QVariant(m_host), QVariant(m_pid), QVariant(expires)})
            q.addBindValue(value);
        held = exec(q, &ok);
        if (!ok)
            return std::nullopt;
    }
    if (held) {
        m_held.insert(connectionId, expires);
        m_waiting.remove(connectionId);
        if (!m_renewal.isActive())
            m_renewal.start();
    }
    return held;
}

std::optional<PollLease::Row> PollLease::read(qint64 connectionId, bool *ok) const
{
    const QSqlDatabase db = database();
    *ok = db.isOpen();
    if (!*ok)
        return std::nullopt;
    QSqlQuery q(db);
    q.prepare(u"SELECT holder, holder_user, holder_host, holder_pid, expires_at "
              "FROM poll_leases WHERE connection_id = ?"_s);
    q.addBindValue(connectionId);
    *ok = q.exec();
    if (!*ok) {
        qCInfo(lcLease).noquote() << "poll lease:" << q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return Row {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
        q.value(3).toLongLong(), q.value(4).toLongLong()};
}

bool PollLease::takeFromTheGone(qint64 connectionId, const Row &row, qint64 nowMs)
{
    if (!processIsGone(row.host, row.pid))
        return false;
    const qint64 expires = nowMs + m_lifetime.count();
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    // Only the row as read: a monitor that took it meanwhile keeps it.
    q.prepare(u"UPDATE poll_leases SET holder = ?, holder_user = ?, holder_host = ?, "
              "holder_pid = ?, expires_at = ? WHERE connection_id = ? AND holder = ?"_s);
    for (const QVariant &value : {QVariant(m_id), QVariant(m_user), QVariant(m_host),
             QVariant(m_pid), QVariant(expires), QVariant(connectionId), QVariant(row.holder)})
        q.addBindValue(value);
    bool ok = false;
    if (!exec(q, &ok))
        return false;
    m_held.insert(connectionId, expires);
    m_waiting.remove(connectionId);
    if (!m_renewal.isActive())
        m_renewal.start();
    return true;
}

void PollLease::release(qint64 connectionId)
{
    m_waiting.remove(connectionId);
    if (!m_held.remove(connectionId))
        return;
    if (m_held.isEmpty())
        m_renewal.stop();
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return;
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM poll_leases WHERE connection_id = ? AND holder = ?"_s);
    q.addBindValue(connectionId);
    q.addBindValue(m_id);
    bool ok = false;
    exec(q, &ok); // not deleted: it lapses at its expiry
}

void PollLease::releaseAll()
{
    const QList<qint64> held = m_held.keys();
    for (qint64 id : held)
        release(id);
}

void PollLease::renewAll()
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 expires = nowMs + m_lifetime.count();
    const QSqlDatabase db = database();
    if (!db.isOpen())
        return;
    QSqlQuery q(db);
    const QList<qint64> held = m_held.keys();
    for (qint64 id : held) {
        q.prepare(
            u"UPDATE poll_leases SET expires_at = ? WHERE connection_id = ? AND holder = ?"_s);
        q.addBindValue(expires);
        q.addBindValue(id);
        q.addBindValue(m_id);
        bool ok = false;
        if (exec(q, &ok)) {
            m_held.insert(id, expires);
        } else if (ok) {
            // Lapsed while this monitor stood still, and taken: the next
            // cycle asks again and finds out by whom.
            m_held.remove(id);
            Q_EMIT reopened(id);
        }
    }
    if (m_held.isEmpty())
        m_renewal.stop();
}

void PollLease::lookAgain()
{
    if (m_waiting.isEmpty())
        return;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QList<qint64> waiting = m_waiting.keys();
    for (qint64 id : waiting) {
        bool ok = false;
        const std::optional<Row> row = read(id, &ok);
        if (!ok)
            continue;
        const Row &before = m_waiting.value(id);
        // Released, lapsed, its process gone, or held by someone else now
        // (whose name the next refusal gives).
        if (!row || row->expiresMs < nowMs || row->holder != before.holder
            || processIsGone(row->host, row->pid)) {
            m_waiting.remove(id);
            Q_EMIT reopened(id);
        }
    }
}
