#include "mainwindow.h"

#include "monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

MainWindow::MainWindow(Monitor *monitor, QWidget *parent)
    : QMainWindow(parent)
    , m_monitor(monitor)
    , m_model(new TaskTableModel(monitor->store(), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_statusLabel(new QLabel(this))
    , m_clockTimer(new QTimer(this))
{
    setWindowTitle(tr("SMH Task Monitor"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TaskTableModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TaskTableModel::TaskIdColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    setCentralWidget(m_view);
    statusBar()->addWidget(m_statusLabel, 1);

    connect(m_monitor->scheduler(), &PollScheduler::connectionStatusChanged, this,
            &MainWindow::updateStatus);
    connect(m_clockTimer, &QTimer::timeout, this, [this] {
        m_model->refreshDurations();
        updateStatus();
    });
    m_clockTimer->start(1000);
    updateStatus();
    resize(1100, 640);
}

MainWindow::~MainWindow() = default;

void MainWindow::updateStatus()
{
    int running = 0;
    int finished = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->taskAt(row)->isFinal())
            ++finished;
        else
            ++running;
    }
    m_statusLabel->setText(tr("%1 tasks · %2 still running · %3 final · %4 requests")
                               .arg(m_model->rowCount())
                               .arg(running)
                               .arg(finished)
                               .arg(m_monitor->scheduler()->totalRequests()));
}
