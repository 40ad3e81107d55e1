#include "demo/demosetup.h"

#include "demo/smhsimulator.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"

namespace {

Expected<void> listen(SmhSimulator &simulator)
{
    if (simulator.server().port() != 0 || simulator.start())
        return {};
    return unexpected(
        Error::system(DemoSetup::tr("The demo server could not listen on 127.0.0.1: %1")
                          .arg(simulator.server().errorString())));
}

} // namespace

Connection DemoSetup::connection(const SmhSimulator &simulator)
{
    Connection connection;
    connection.name = tr("Demo library");
    connection.settings.endpoint = simulator.baseUrl();
    connection.settings.libraryId = simulator.libraryId();
    connection.authKind = AuthKind::LibrarySecret;
    return connection;
}

Connection DemoSetup::fleetConnection(const SmhSimulator &simulator, const QString &libraryId)
{
    Connection connection;
    connection.name = tr("Demo library %1").arg(libraryId);
    connection.settings.endpoint = simulator.baseUrl();
    connection.settings.libraryId = libraryId;
    connection.authKind = AuthKind::LibrarySecret;
    return connection;
}

Expected<void> DemoSetup::start(SmhSimulator &simulator, MonitorOptions &options)
{
    if (auto started = listen(simulator); !started)
        return started;
    const QList<qint64> seeded = simulator.seedDemoTasks();
    simulator.seedDemoHistory();
    const QStringList fleet = simulator.seedDemoFleet();
    const Connection demo = connection(simulator);
    options.extraConnections.clear();
    for (const QString &libraryId : fleet) {
        const Connection other = fleetConnection(simulator, libraryId);
        options.extraConnections.append(
            {other.name, other.settings, simulator.librarySecret(libraryId)});
    }
    options.connection = demo.settings;
    options.connectionName = demo.name;
    options.connectionGiven = true;
    options.accessToken.clear();
    options.librarySecret = simulator.librarySecret();
    const bool idsGiven =
        !options.taskIdArguments.isEmpty() || !options.idsFile.isEmpty() || options.idsFromStdin;
    if (!idsGiven) {
        for (qint64 id : seeded)
            options.taskIdArguments << QString::number(id);
    }
    return {};
}

QList<qint64> DemoSetup::libraryLevelTaskIds()
{
    return {SmhSimulator::demoClearTaskId};
}

Expected<qint64> DemoSetup::connect(SmhSimulator &simulator, Monitor &monitor)
{
    if (auto started = listen(simulator); !started)
        return unexpected(started.error());
    const Connection demo = connection(simulator);
    const Expected<qint64> id = monitor.addConnection(demo);
    if (!id)
        return id;
    monitor.setLibrarySecret(*id, simulator.librarySecret());
    monitor.setDemoMode(true);
    return id;
}
