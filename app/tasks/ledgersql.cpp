#include "tasks/ledgersql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
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

QString LedgerLocation::canonical(const QString &location)
{
    QUrl url(location);
    url.setScheme(u"postgresql"_s);
    url.setHost(url.host().toLower());
    url.setPort(url.port(5432));
    return url.adjusted(QUrl::RemovePassword | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

namespace {

// One field of a line of libpq's password file: `\` escapes, `:` ends it.
QStringList passFileFields(const QString &line)
{
    QStringList fields(1);
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\\' && i + 1 < line.size())
            fields.last() += line.at(++i);
        else if (c == u':' && fields.size() < 5)
            fields.append(QString());
        else
            fields.last() += c;
    }
    return fields;
}

QString passFilePath()
{
    const QString named = qEnvironmentVariable("PGPASSFILE");
    return named.isEmpty() ? QDir::home().filePath(u".pgpass"_s) : named;
}

// The user libpq logs in as when the URL names none.
QString defaultUser()
{
    for (const char *variable : {"PGUSER", "USER", "LOGNAME"}) {
        if (const QString user = qEnvironmentVariable(variable); !user.isEmpty())
            return user;
    }
    return {};
}

} // namespace

bool LedgerLocation::libpqHasPassword(const QString &location)
{
    if (!qEnvironmentVariableIsEmpty("PGPASSWORD"))
        return true;
    QFile file(passFilePath());
    // libpq ignores a file others may read (with a warning); so do we.
    constexpr auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if ((file.permissions() & others) || file.size() > 1024 * 1024
        || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    const QUrl url(location);
    const QString user = url.userName().isEmpty() ? defaultUser() : url.userName();
    const QStringList wanted {url.host(), QString::number(url.port(5432)), url.path().mid(1), user};
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList fields = passFileFields(line);
        if (fields.size() < 5)
            continue;
        bool matches = true;
        for (int i = 0; i < 4 && matches; ++i)
            matches = fields.at(i) == u"*" || fields.at(i) == wanted.at(i);
        if (matches)
            return !fields.at(4).isEmpty();
    }
    return false;
}

namespace {

QMutex keptMutex;
QHash<QString, QString> &keptPasswords()
{
    static QHash<QString, QString> passwords;
    return passwords;
}

} // namespace

void LedgerLocation::keepPassword(const QString &location, const QString &password)
{
    const QMutexLocker lock(&keptMutex);
    if (password.isEmpty())
        keptPasswords().remove(canonical(location));
    else
        keptPasswords().insert(canonical(location), password);
}

QString LedgerLocation::keptPassword(const QString &location)
{
    // Connections are made on worker threads too (the background read).
    const QMutexLocker lock(&keptMutex);
    return keptPasswords().value(canonical(location));
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

bool hasWriteAheadLog(const QSqlDatabase &database)
{
    if (!database.isOpen() || database.driverName() != u"QSQLITE")
        return false;
    QSqlQuery q(database);
    return q.exec(u"PRAGMA journal_mode"_s) && q.next()
        && q.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) == 0;
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
    database.setPassword(password.isEmpty() ? LedgerLocation::keptPassword(location) : password);
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
