#pragma once

#include <QMainWindow>

class Monitor;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class TaskTableModel;

// The monitor window: the live task table and a status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Monitor *monitor, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTableView *taskView() const { return m_view; }
    TaskTableModel *taskModel() const { return m_model; }

private:
    void updateStatus();

    Monitor *m_monitor;
    TaskTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_statusLabel;
    QTimer *m_clockTimer;
};
