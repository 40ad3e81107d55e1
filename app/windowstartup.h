#pragma once

class InstanceGuard;
class QApplication;
struct LaunchRequest;
struct MonitorOptions;

// The GUI start-up behind main.cpp: theme, ledger, connections and secrets,
// the launch's request (its connection and task IDs), then the window until
// the user quits. With `guard` (the ledger's lock, held), later launches on
// the same ledger hand their requests to this window, which carries them out
// the way it carried out its own and comes to the front.
int runMonitorWindow(QApplication &app, const MonitorOptions &options, const LaunchRequest &launch,
    InstanceGuard *guard);
