#pragma once

#include "smh/expected.h"

#include <QSize>
#include <QString>

#include <chrono>
#include <memory>

class MainWindow;
class Monitor;
class QAbstractItemModelTester;
class SecretStore;
class SmhSimulator;
class StyledTaskModel;
class TaskFilterModel;
class TaskTableModel;
class TaskTableView;

// The window on a demo monitor, as every test of the window needs it (tests/ui
// and tests/i18n): an in-memory ledger, a connection to a simulator on
// loopback with its demo tasks, and a model tester on the table for the
// whole test.
class DemoWindow final
{
public:
    struct Options
    {
        std::chrono::milliseconds interval {0}; // 0: the planner's defaults
        SecretStore *secrets = nullptr; // null: no keychain use
        bool connect = true; // false: a first start, nothing set up
        QSize size; // invalid: as the window chooses for the screen
        // Empty: an in-memory ledger. A file is opened as the window face
        // opens it: its tasks arrive in the background.
        QString ledger;
    };

    DemoWindow();
    ~DemoWindow();
    DemoWindow(const DemoWindow &) = delete;
    DemoWindow &operator=(const DemoWindow &) = delete;

    // Builds and shows the window. On failure the fixture stays empty and
    // the error says why, so that `QVERIFY2(started, ...)` stops the test
    // there instead of it failing later on a null pointer.
    Expected<void> start(const Options &options);
    // Takes everything down in order: window, monitor, then the simulator
    // the monitor was polling.
    void stop();

    MainWindow *window() const { return m_window.get(); }
    Monitor *monitor() const { return m_monitor.get(); }
    SmhSimulator *simulator() const { return m_simulator.get(); }
    qint64 connectionId() const { return m_connection; }

    // The window's parts, found as a user would name them (object names).
    TaskTableView *view() const;
    TaskFilterModel *filterModel() const;
    StyledTaskModel *styledModel() const;
    TaskTableModel *taskModel() const;

private:
    std::unique_ptr<SmhSimulator> m_simulator; // outlives the monitor that polls it
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_connection = 0;
};
