#pragma once

class QApplication;
struct MonitorOptions;

// The GUI start-up behind main.cpp: theme, ledger, connections and secrets,
// IDs from the command line, then the window until the user quits.
int runMonitorWindow(QApplication &app, const MonitorOptions &options);
