#include "testledger.h"

#include "tasks/ledgersql.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QString clusterDir()
{
    return qEnvironmentVariable("SMH_TEST_POSTGRES_DIR");
}

QString readLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

// Runs `sql` on `location` from a connection opened for it alone.
bool run(const QString &location, const QStringList &statements)
{
    static int count = 0;
    const QString name = u"testledger-"_s + QString::number(++count);
    bool ok = false;
    {
        const Expected<QSqlDatabase> added = LedgerSql::addConnection(name, location);
        if (added) {
            QSqlDatabase database = *added;
            ok = database.open();
            if (!ok)
                qWarning("%s", qPrintable(database.lastError().text()));
            QSqlQuery q(database);
            for (const QString &sql : statements) {
                if (!ok)
                    break;
                ok = q.exec(sql);
                if (!ok)
                    qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            }
            database.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

namespace TestLedger {

bool isPostgres()
{
    return !clusterDir().isEmpty() || qEnvironmentVariableIsSet("SMH_TEST_POSTGRES_URL");
}

bool required()
{
    return qEnvironmentVariable("SMH_REQUIRE_POSTGRES") == u"1";
}

QString serverUrl()
{
    if (const QString url = qEnvironmentVariable("SMH_TEST_POSTGRES_URL"); !url.isEmpty())
        return url;
    const QString dir = clusterDir();
    if (dir.isEmpty())
        return {};
    // libpq reads the cluster's password from here, as it would ~/.pgpass.
    if (!qEnvironmentVariableIsSet("PGPASSFILE"))
        qputenv("PGPASSFILE", QDir(dir).filePath(u"pgpass"_s).toLocal8Bit());
    return readLine(QDir(dir).filePath(u"url"_s));
}

QString unavailable()
{
    if (!isPostgres())
        return {};
    if (serverUrl().isEmpty())
        return u"no PostgreSQL test cluster (the postgres fixture found no server)"_s;
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return u"Qt's PostgreSQL driver is missing (libqt6sql6-psql)"_s;
    return {};
}

QString fresh(const QTemporaryDir &dir, const QString &name)
{
    if (!isPostgres())
        return dir.filePath(name);
    // One database per ledger: its own tables, sequences and triggers,
    // apart from every other test (and test binary) on the cluster.
    QString database = QCoreApplication::applicationName() + u'_' + name;
    database = database.toLower().replace(QRegularExpression(u"[^a-z0-9_]"_s), u"_"_s).left(60);
    const QString server = serverUrl();
    if (!run(server,
            {u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(database),
                u"CREATE DATABASE %1"_s.arg(database)}))
        return {};
    QUrl url(server);
    url.setPath(u'/' + database);
    return url.toString();
}

QString scratch(const QString &name)
{
    static const QTemporaryDir unused;
    return isPostgres() ? fresh(unused, u"scratch_"_s + name) : u":memory:"_s;
}

bool exec(const QString &location, const QString &sql)
{
    return run(location, {sql});
}

namespace {
bool runScript(const QString &action)
{
    const QString dir = clusterDir();
    if (dir.isEmpty())
        return false;
    QProcess script;
    script.start(QStringLiteral(SMH_PGCLUSTER_SCRIPT), {action, dir});
    return script.waitForFinished(60'000) && script.exitStatus() == QProcess::NormalExit
        && script.exitCode() == 0;
}
} // namespace

bool restartServer()
{
    return runScript(u"restart"_s);
}

bool haltServer()
{
    return runScript(u"halt"_s);
}

bool resumeServer()
{
    return runScript(u"resume"_s);
}

} // namespace TestLedger
