#include "tasks/ledgersql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

bool LedgerLocation::isPostgres(const QString &location)
{
    return location.startsWith(u"postgresql://"_s, Qt::CaseInsensitive)
        || location.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
}

Expected<QUrl> LedgerLocation::parse(const QString &location)
{
    const QUrl url(location, QUrl::StrictMode);
    const QString database = url.path().mid(1);
    if (!url.isValid() || url.host().isEmpty() || database.isEmpty() || database.contains(u'/'))
        return unexpected(Error::input(tr("The ledger \"%1\" is not a PostgreSQL URL of the form "
                                          "postgresql://user@host:port/database.")
                                           .arg(display(location))));
    if (!url.password().isEmpty())
        return unexpected(Error::input(
            tr("The ledger's URL must not carry a password: give it in PGPASSWORD or ~/.pgpass "
               "instead.")));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems()) {
        if (key != u"sslmode")
            return unexpected(Error::input(
                tr("The ledger's URL may only name sslmode in its query, not \"%1\".").arg(key)));
    }
    return url;
}

QString LedgerLocation::display(const QString &location)
{
    if (!isPostgres(location))
        return location;
    const QUrl url(location);
    if (!url.isValid())
        return u"postgresql://…"_s;
    return url.adjusted(QUrl::RemovePassword | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

QString LedgerLocation::lockBase(const QString &location)
{
    if (!isPostgres(location))
        return location;
    const QByteArray key =
        QCryptographicHash::hash(display(location).toUtf8(), QCryptographicHash::Sha256).toHex();
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(u"team-ledger-"_s + QString::fromLatin1(key.left(16)));
}

namespace LedgerSql {

QVariant timeValue(const QDateTime &when)
{
    return when.isValid() ? QVariant(when.toMSecsSinceEpoch())
                          : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime timeOf(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

bool isPostgres(const QSqlDatabase &database)
{
    return database.driverName() == u"QPSQL";
}

bool isPostgres(const QSqlQuery &q)
{
    return q.driver() && q.driver()->dbmsType() == QSqlDriver::PostgreSQL;
}

QString table(const QSqlQuery &q, const QString &sqliteDefinition)
{
    if (!isPostgres(q))
        return sqliteDefinition;
    QString sql = sqliteDefinition;
    sql.replace(u"INTEGER PRIMARY KEY AUTOINCREMENT"_s, u"BIGSERIAL PRIMARY KEY"_s);
    static const QRegularExpression integer(u"\\bINTEGER\\b"_s);
    sql.replace(integer, u"BIGINT"_s);
    sql.replace(u") WITHOUT ROWID"_s, u")"_s);
    return sql;
}

QString limit(qint64 rows)
{
    return rows < 0 ? QString() : u" LIMIT "_s + QString::number(rows);
}

std::optional<bool> hasColumn(QSqlQuery &q, const QString &table, const QString &column)
{
    if (isPostgres(q)) {
        q.prepare(u"SELECT count(*) FROM information_schema.columns WHERE "
                  "table_schema = current_schema() AND table_name = ? AND column_name = ?"_s);
        q.addBindValue(table);
        q.addBindValue(column);
        if (!q.exec() || !q.next())
            return std::nullopt;
        const bool has = q.value(0).toLongLong() > 0;
        q.finish();
        return has;
    }
    if (!q.exec(u"PRAGMA table_info(%1)"_s.arg(table)))
        return std::nullopt;
    while (q.next()) {
        if (q.value(1).toString() == column)
            return true;
    }
    return false;
}

std::optional<qint64> insertedId(QSqlQuery &q)
{
    if (!isPostgres(q)) {
        const QVariant id = q.lastInsertId();
        return id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt;
    }
    if (!q.exec(u"SELECT lastval()"_s) || !q.next())
        return std::nullopt;
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

Expected<QSqlDatabase> addConnection(
    const QString &name, const QString &location, const QString &password)
{
    if (!LedgerLocation::isPostgres(location)) {
        QSqlDatabase database = QSqlDatabase::contains(name)
            ? QSqlDatabase::database(name, false)
            : QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        database.setDatabaseName(location);
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        return database;
    }
    const Expected<QUrl> url = LedgerLocation::parse(location);
    if (!url)
        return unexpected(url.error());
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return unexpected(Error::ledger(LedgerLocation::tr(
            "This installation cannot reach a PostgreSQL ledger: Qt's PostgreSQL driver is "
            "missing (Debian and Ubuntu: install libqt6sql6-psql).")));
    QSqlDatabase database = QSqlDatabase::contains(name)
        ? QSqlDatabase::database(name, false)
        : QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    database.setHostName(url->host());
    database.setPort(url->port(5432));
    database.setUserName(url->userName());
    database.setDatabaseName(url->path().mid(1));
    database.setPassword(password);
    // Every wait has a deadline: connecting, and a server that stops
    // answering mid-statement (keepalives notice a dead peer).
    // The server's notices ("already exists, skipping") are no one's
    // business: libpq would print them on stderr.
    QString options = u"connect_timeout=5;application_name=smh-task-monitor;keepalives_idle=10;"
                      "keepalives_interval=5;keepalives_count=2;"
                      "options='-c client_min_messages=warning'"_s;
    if (const QString ssl = QUrlQuery(*url).queryItemValue(u"sslmode"_s); !ssl.isEmpty())
        options += u";sslmode="_s + ssl;
    database.setConnectOptions(options);
    return database;
}

QString serverWords(const QSqlError &error)
{
    // libpq's first line says it; the rest is advice about its own setup.
    const QString words =
        error.databaseText().trimmed().isEmpty() ? error.driverText() : error.databaseText();
    return words.trimmed().section(u'\n', 0, 0).trimmed();
}

bool isConnectionLost(const QSqlDatabase &database, const QString &driverText)
{
    if (!isPostgres(database))
        return false;
    // libpq says so in words; the SQLSTATE of a dropped connection is not
    // always there (the server never answered).
    return !database.isOpen() || driverText.contains(u"server closed the connection"_s)
        || driverText.contains(u"no connection to the server"_s)
        || driverText.contains(u"terminating connection"_s)
        || driverText.contains(u"could not send data"_s)
        || driverText.contains(u"could not receive data"_s)
        || driverText.contains(u"connection to server"_s)
        || driverText.contains(u"Connection refused"_s);
}

} // namespace LedgerSql
