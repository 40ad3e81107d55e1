#include "tasks/ledgerprobe.h"

#include "tasks/ledgersql.h"
#include "tasks/taskstore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// libpq's first line, said as a person would: which of the usual troubles it is.
Error connectProblem(const QUrl &url, const QSqlError &error)
{
    const QString words = LedgerSql::serverWords(error);
    const QString server = u"%1:%2"_s.arg(url.host()).arg(url.port(5432));
    if (words.contains(u"password authentication failed"_s))
        return Error::ledger(
            LedgerProbe::tr("The server refused the password of user \"%1\".").arg(url.userName()));
    if (words.contains(u"no password supplied"_s))
        return Error::ledger(
            LedgerProbe::tr("The server asks for a password and none was found: type it here, "
                            "or keep it in PGPASSWORD or ~/.pgpass."));
    if (words.contains(u"does not exist"_s) && words.contains(u"database"_s))
        return Error::ledger(LedgerProbe::tr("The server at %1 has no database \"%2\".")
                                 .arg(server, url.path().mid(1)));
    if (words.contains(u"translate host name"_s))
        return Error::ledger(LedgerProbe::tr("The host \"%1\" is not known.").arg(url.host()));
    if (words.contains(u"Connection refused"_s) || words.contains(u"timeout expired"_s)
        || words.contains(u"could not connect"_s) || words.contains(u"No route to host"_s)
        || words.contains(u"Network is unreachable"_s))
        return Error::ledger(
            LedgerProbe::tr("The server at %1 cannot be reached (%2).").arg(server, words));
    return Error::ledger(LedgerProbe::tr("The server refused the connection: %1").arg(words));
}

// The schema found in an open database, said in words.
LedgerProbe::Verdict schemaVerdict(QSqlDatabase &database)
{
    QSqlQuery q(database);
    auto unreadable = [&q] {
        return LedgerProbe::Verdict(
            unexpected(Error::ledger(LedgerProbe::tr("The database cannot be read: %1")
                                         .arg(LedgerSql::serverWords(q.lastError())))));
    };
    if (!q.exec(u"SELECT count(*) FROM pg_class WHERE relkind = 'r' "
                "AND relnamespace = current_schema()::regnamespace"_s)
        || !q.next())
        return unreadable();
    const qint64 tables = q.value(0).toLongLong();
    if (tables == 0)
        return LedgerProbe::tr(
            "Connected. The database is empty: the first monitor to start sets up the ledger "
            "there.");
    if (!q.exec(u"SELECT to_regclass('ledger_version') IS NOT NULL"_s) || !q.next())
        return unreadable();
    if (!q.value(0).toBool())
        return unexpected(Error::ledger(
            LedgerProbe::tr("Connected, but the database holds other tables and no task "
                            "ledger: give the ledger a database of its own.")));
    if (!q.exec(u"SELECT version FROM ledger_version"_s))
        return unreadable();
    const int version = q.next() ? q.value(0).toInt() : 0;
    if (version > TaskStore::schemaVersion)
        return unexpected(Error::ledger(
            LedgerProbe::tr("Connected, but the ledger was written by a newer version of SMH "
                            "Task Monitor (schema %1, this version knows %2): update this "
                            "program first.")
                .arg(version)
                .arg(TaskStore::schemaVersion)));
    return LedgerProbe::tr("Connected: a task ledger this version can use.");
}

} // namespace

LedgerProbe::LedgerProbe(
    QString location, QString password, std::chrono::milliseconds deadline, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_password(std::move(password))
    , m_deadline(deadline)
{ }

LedgerProbe::~LedgerProbe() = default;

LedgerProbe::Verdict LedgerProbe::check(const QString &location, const QString &password)
{
    const Expected<QUrl> url = LedgerLocation::parse(location);
    if (!url)
        return unexpected(url.error());
    const QString name = u"smh-probe-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    Verdict verdict = unexpected(Error::ledger(QString()));
    {
        Expected<QSqlDatabase> added = LedgerSql::addConnection(name, location, password);
        if (!added)
            return unexpected(added.error());
        if (!added->open())
            verdict = unexpected(connectProblem(*url, added->lastError()));
        else
            verdict = schemaVerdict(*added);
        added->close();
    }
    QSqlDatabase::removeDatabase(name);
    return verdict;
}

void LedgerProbe::start()
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        answer(unexpected(Error::ledger(tr("The server did not answer within %n second(s).", "",
            int(std::chrono::duration_cast<std::chrono::seconds>(m_deadline).count())))));
    });
    m_timer->start(m_deadline);
    // The thread may outlive the probe (the dialog closed, the deadline
    // passed): it holds its own copies and deletes itself when done.
    auto verdict = std::make_shared<Verdict>(unexpected(Error::ledger(QString())));
    QThread *worker = QThread::create([verdict, location = m_location, password = m_password] {
        *verdict = check(location, password);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this, verdict] { answer(*verdict); });
    worker->start();
}

void LedgerProbe::answer(const Verdict &verdict)
{
    if (m_done)
        return;
    m_done = true;
    m_timer->stop();
    Q_EMIT finished(verdict);
}
