#include "tasks/startup.h"

#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"

#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QString seconds(std::chrono::milliseconds value)
{
    return QString::number(double(value.count()) / 1000.0);
}

} // namespace

Expected<PollPlanner::Options> Startup::pollOptions(
    const MonitorOptions &options, const PollPlanner::Options &defaults)
{
    PollPlanner::Options polling = defaults;
    if (options.interval && options.maxInterval && *options.interval > *options.maxInterval) {
        return unexpected(
            Error::input(tr("--interval (%1 s) must not be longer than --max-interval (%2 s).")
                             .arg(seconds(*options.interval), seconds(*options.maxInterval))));
    }
    if (options.interval) {
        polling.baseInterval = *options.interval;
        polling.maxInterval = std::max(polling.maxInterval, polling.baseInterval);
    }
    if (options.maxInterval) {
        polling.maxInterval = *options.maxInterval;
        polling.baseInterval = std::min(polling.baseInterval, polling.maxInterval);
    }
    if (options.requestRate) {
        polling.requestsPerSecond = *options.requestRate;
        // A burst of one second's worth, and never less than one request.
        polling.requestBurst = std::max(1, int(*options.requestRate));
    }
    return polling;
}

std::optional<Connection> Startup::connection(const MonitorOptions &options)
{
    if (!options.connectionGiven)
        return std::nullopt;
    Connection connection;
    connection.settings = options.connection;
    connection.name = options.connectionName;
    // A secret, when given, wins: tokens minted from it are renewed.
    connection.authKind =
        options.librarySecret.isEmpty() ? AuthKind::AccessToken : AuthKind::LibrarySecret;
    return connection;
}

QString Startup::credential(const MonitorOptions &options)
{
    return options.librarySecret.isEmpty() ? options.accessToken : options.librarySecret;
}

Expected<Connection> Startup::savedConnection(const QString &name, const QString &ledgerPath)
{
    TaskStore saved;
    if (const Expected<void> opened = saved.open(ledgerPath); !opened)
        return unexpected(opened.error().withMessage(
            tr("Cannot read saved profiles: %1").arg(opened.error().message())));
    const QList<Connection> connections = saved.connections();
    const auto it = std::find_if(connections.cbegin(), connections.cend(),
        [&name](const Connection &c) { return c.answersTo(name); });
    if (it == connections.cend())
        return unexpected(Error::input(tr("There is no saved profile named \"%1\".").arg(name)));
    return *it;
}

Expected<QString> Startup::taskIdText(const MonitorOptions &options, bool readStandardInput)
{
    QString text = options.taskIdArguments.join(u' ');
    if (!options.idsFile.isEmpty()) {
        const Expected<TaskIdParser::Result> fromFile = TaskIdParser::parseFile(options.idsFile);
        if (!fromFile)
            return unexpected(fromFile.error());
        if (!fromFile->ok())
            return unexpected(Error::input(fromFile->invalid.join(u"\n"_s)));
        for (qint64 id : fromFile->ids)
            text += u' ' + QString::number(id);
    }
    if (options.idsFromStdin && readStandardInput) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return unexpected(Error::file(tr("Cannot read task IDs from standard input.")));
        text += u' ' + QString::fromUtf8(in.readAll());
    }
    return text;
}

Expected<qint64> Startup::connect(
    Monitor &monitor, const Connection &connection, const QString &credential)
{
    const Expected<qint64> id = monitor.addConnection(connection);
    if (id && !credential.isEmpty()) {
        Connection added = connection;
        added.id = *id;
        monitor.setCredential(added, credential);
    }
    return id;
}

Expected<QList<qint64>> Startup::addExtraConnections(
    Monitor &monitor, const MonitorOptions &options)
{
    QList<qint64> ids;
    for (const MonitorOptions::ExtraConnection &extra : options.extraConnections) {
        Connection connection;
        connection.name = extra.name;
        connection.settings = extra.settings;
        connection.authKind = AuthKind::LibrarySecret;
        const Expected<qint64> id = connect(monitor, connection, extra.librarySecret);
        if (!id)
            return unexpected(id.error());
        ids << *id;
    }
    return ids;
}
