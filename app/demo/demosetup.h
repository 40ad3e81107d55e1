#pragma once

#include "smh/expected.h"
#include "tasks/task.h"

#include <QCoreApplication>

class Monitor;
class SmhSimulator;
struct MonitorOptions;

// --demo: the embedded simulator stands in for SMH, and the monitor is pointed
// at it like at any library, authenticated by the simulator's library secret
// so that the token lifecycle is exercised too. The core never sees the
// simulator: the executable and the tests hand it a connection.
class DemoSetup
{
    Q_DECLARE_TR_FUNCTIONS(DemoSetup)

public:
    // The connection to a started simulator (name, endpoint, library, auth).
    static Connection connection(const SmhSimulator &simulator);
    // The connection to another library of its fleet (SmhSimulator::seedDemoFleet()).
    static Connection fleetConnection(const SmhSimulator &simulator, const QString &libraryId);

    // Starts `simulator` on loopback, seeds its demo tasks and its fleet of
    // libraries, and points the options at it (the fleet as extra
    // connections); without task IDs given, the demo's own tasks are watched.
    static Expected<void> start(SmhSimulator &simulator, MonitorOptions &options);
    // The demo's library-level tasks (a finished clear of historical
    // versions), to be added with that scope beside the options' IDs.
    static QList<qint64> libraryLevelTaskIds();

    // For the tests: starts `simulator` if needed and adds a connection to it
    // with its secret to `monitor`, in demo mode. Returns the connection id.
    static Expected<qint64> connect(SmhSimulator &simulator, Monitor &monitor);
};
