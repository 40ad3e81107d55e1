#include "demowindow.h"

#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/tasktablemodel.h"
#include "ui/mainwindow.h"
#include "ui/styledtaskmodel.h"
#include "ui/taskfiltermodel.h"
#include "ui/tasktableview.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;

DemoWindow::DemoWindow() = default;

DemoWindow::~DemoWindow()
{
    stop();
}

Expected<void> DemoWindow::start(const Options &options)
{
    stop();
    m_monitor = std::make_unique<Monitor>();
    const Expected<void> opened = options.ledger.isEmpty()
        ? m_monitor->openStore(u":memory:"_s)
        : m_monitor->openStore(options.ledger, TaskStore::LoadMode::InBackground);
    if (!opened) {
        const Error why = opened.error();
        stop();
        return unexpected(why.withMessage(u"the ledger did not open: "_s + why.message()));
    }
    if (options.interval.count() > 0) {
        PollPlanner::Options planner;
        planner.baseInterval = options.interval;
        planner.maxInterval = std::max(options.interval, std::chrono::milliseconds(1000));
        planner.growth = 1.0;
        m_monitor->setPollOptions(planner);
    }
    if (options.connect) {
        m_simulator = std::make_unique<SmhSimulator>();
        const Expected<qint64> connected = DemoSetup::connect(*m_simulator, *m_monitor);
        if (!connected) {
            const Error why = connected.error();
            stop();
            return unexpected(why.withMessage(u"the simulator did not start: "_s + why.message()));
        }
        m_connection = *connected;
        if (const auto added = m_monitor->addTasks(m_connection, m_simulator->seedDemoTasks());
            !added) {
            const Error why = added.error();
            stop();
            return unexpected(
                why.withMessage(u"the demo tasks were not added: "_s + why.message()));
        }
    }
    m_window = std::make_unique<MainWindow>(m_monitor.get(), options.secrets);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    if (options.size.isValid())
        m_window->resize(options.size);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        stop();
        return unexpected(Error::system(u"the window was never shown"_s));
    }
    return {};
}

void DemoWindow::stop()
{
    m_tester.reset();
    if (m_window)
        m_window->close();
    m_window.reset();
    if (m_monitor)
        m_monitor->shutdown();
    m_monitor.reset();
    m_simulator.reset();
    m_connection = 0;
}

TaskTableView *DemoWindow::view() const
{
    return m_window ? m_window->findChild<TaskTableView *>(u"taskTable"_s) : nullptr;
}

TaskFilterModel *DemoWindow::filterModel() const
{
    TaskTableView *table = view();
    return table ? qobject_cast<TaskFilterModel *>(table->model()) : nullptr;
}

StyledTaskModel *DemoWindow::styledModel() const
{
    TaskFilterModel *filter = filterModel();
    return filter ? qobject_cast<StyledTaskModel *>(filter->sourceModel()) : nullptr;
}

TaskTableModel *DemoWindow::taskModel() const
{
    StyledTaskModel *styled = styledModel();
    return styled ? qobject_cast<TaskTableModel *>(styled->sourceModel()) : nullptr;
}
