#include "demo/smhsimulator.h"
#include "demowindow.h"
#include "sampleledger.h"
#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/polllease.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskidparser.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/connectiondialog.h"
#include "ui/elidedlabel.h"
#include "ui/filtersidebar.h"
#include "ui/mainwindow.h"
#include "ui/statestyle.h"
#include "ui/statuspanel.h"
#include "ui/styledtaskmodel.h"
#include "ui/taskdetailspane.h"
#include "ui/taskfiltermodel.h"
#include "ui/tasktableview.h"
#include "ui/theme.h"
#include "verifyexpected.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <QTimer>
#include <QTreeWidget>

#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The window end to end in demo mode: the embedded simulator serves tasks
// that progress while the test watches, clicks and types.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    DemoWindow m_demo;
    MainWindow *m_window = nullptr;
    Monitor *m_monitor = nullptr;
    SmhSimulator *m_simulator = nullptr;
    qint64 m_connection = 0;

    // Stops the test where it stands when the window cannot be set up:
    // QVERIFY(start(...)).
    [[nodiscard]] bool start(std::chrono::milliseconds interval, SecretStore *secrets = nullptr)
    {
        DemoWindow::Options options;
        options.interval = interval;
        options.secrets = secrets;
        return start(options);
    }

    [[nodiscard]] bool start(const DemoWindow::Options &options)
    {
        const Expected<void> started = m_demo.start(options);
        if (!started) {
            qWarning("setup failed: %s", qPrintable(started.error().message()));
            return false;
        }
        m_window = m_demo.window();
        m_monitor = m_demo.monitor();
        m_simulator = m_demo.simulator();
        m_connection = m_demo.connectionId();
        m_window->setConfirmRemoval(true);
        return QTest::qWaitForWindowActive(m_window);
    }

    [[nodiscard]] bool startOnA1024By700Screen()
    {
        DemoWindow::Options options;
        options.interval = 300ms;
        options.size = QSize(1024, 700);
        return start(options);
    }

    // The window's parts, by the names a user-facing test would give them.
    template<typename T>
    T *part(const QString &name) const
    {
        T *found = m_window->findChild<T *>(name);
        if (!found)
            qWarning("no %s in the window", qPrintable(name));
        return found;
    }
    template<typename T>
    static T *part(const QWidget &parent, const QString &name)
    {
        return parent.findChild<T *>(name);
    }
    QLineEdit *filterEdit() const { return part<QLineEdit>(u"filterEdit"_s); }
    TaskDetailsPane *details() const { return part<TaskDetailsPane>(u"detailsPane"_s); }
    FilterSidebar *sidebar() const { return part<FilterSidebar>(u"filterSidebar"_s); }
    StateStyle *style() const { return part<StateStyle>(u"stateStyle"_s); }
    QString pollingText() const { return part<QLabel>(u"pollingStatus"_s)->text(); }
    QString stateCountText(TaskState state) const
    {
        return part<QLabel>(u"stateCount_"_s + TaskStates::key(state))->text();
    }

    int countOf(TaskState state) const
    {
        int count = 0;
        for (int row = 0; row < m_demo.taskModel()->rowCount(); ++row)
            count += m_demo.taskModel()->taskAt(row)->state == state ? 1 : 0;
        return count;
    }

    // Clicks `button` on the next message box that opens (it opens inside
    // the key press, in a nested event loop).
    static void answerNextMessageBox(QMessageBox::StandardButton button, int triesLeft = 500)
    {
        QTimer::singleShot(10, qApp, [button, triesLeft] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box && box->button(button))
                QTest::mouseClick(box->button(button), Qt::LeftButton);
            else if (triesLeft > 0)
                answerNextMessageBox(button, triesLeft - 1);
        });
    }

    // Runs `act` on the connection dialog once it is open, then presses OK.
    static void answerConnectionDialog(
        std::function<void(ConnectionDialog *)> act, int triesLeft = 500)
    {
        QTimer::singleShot(10, qApp, [act, triesLeft] {
            auto *dialog = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                if (triesLeft > 0)
                    answerConnectionDialog(act, triesLeft - 1);
                return;
            }
            act(dialog);
            dialog->accept();
        });
    }

    void focusTable()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        m_demo.view()->setFocus();
        QTRY_VERIFY(m_demo.view()->hasFocus());
    }

private Q_SLOTS:

    // The window face opens the ledger in the background: the window is up
    // at once, the rows arrive in slices (the model tester checks each), the
    // counts follow, and adding meanwhile writes over nothing.
    void aLedgerArrivesWhileTheWindowIsUp()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"ledger.sqlite"_s);
        const qint64 connection = SampleLedger::writeFile(file, 12'000);
        QVERIFY(connection != 0);
        DemoWindow::Options options;
        options.connect = false;
        options.ledger = file;
        QVERIFY(start(options));
        m_window->addTaskIds(connection, {11'999, 12'000, 12'001}, u"11999 12000 12001"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_demo.taskModel()->rowCount(), 12'001, 20'000);
        QVERIFY(!m_monitor->tasks().isLoading());
        QTRY_COMPARE(m_demo.filterModel()->rowCount(), 12'001);
        QTRY_COMPARE(m_demo.filterModel()->count(TaskState::Queued), 12'001);
        QCOMPARE(m_monitor->tasks().taskCount(), 12'001);
    }
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationName(u"smh-task-monitor-test"_s);
        QApplication::setQuitOnLastWindowClosed(false);
        QSettings settings(u"smh-task-monitor-test"_s, u"smh-task-monitor-test"_s);
        QVERIFY(settings.fileName().contains(u".qttest"_s));
        settings.clear();
        qRegisterMetaType<QList<int>>();
    }

    void init()
    {
        // Each test starts from the default layout and no filter.
        QSettings(u"smh-task-monitor-test"_s, u"smh-task-monitor-test"_s).clear();
    }

    void cleanup()
    {
        m_demo.stop();
        m_window = nullptr;
        m_monitor = nullptr;
        m_simulator = nullptr;
    }

    void tasksAppearAndStatesChange()
    {
        QVERIFY(start(300ms));
        QVERIFY(m_window->windowTitle().contains(u"Demo"_s));
        QCOMPARE(m_demo.filterModel()->rowCount(), 28);
        QCOMPARE(countOf(TaskState::Queued), 28);
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::Running) > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::Succeeded) > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::NotFound) == 1, 15000); // task 990
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::Failed) > 0, 20000); // task 1003

        // Colour and icon on the state cell, text too.
        const QModelIndex failed =
            m_demo.taskModel()->indexOf({m_connection, 1003}, TaskTableModel::StateColumn);
        QTRY_COMPARE_WITH_TIMEOUT(
            failed.data().toString(), TaskStates::label(TaskState::Failed), 20000);
        QModelIndex styled = m_demo.styledModel()->mapFromSource(failed);
        QCOMPARE(styled.data(Qt::ForegroundRole).value<QColor>(),
            style()->foreground(TaskState::Failed));
        QVERIFY(!styled.data(Qt::DecorationRole).value<QIcon>().isNull());

        // The status bar and the sidebar count what the table shows.
        QTRY_COMPARE(
            stateCountText(TaskState::Failed), QString::number(countOf(TaskState::Failed)));
        QTRY_COMPARE(sidebar()->countShown({TaskState::Failed}), countOf(TaskState::Failed));
        QTRY_COMPARE(sidebar()->countShown({}), 28);
        QVERIFY(pollingText().contains(u"Requests: "_s));
    }

    void selectionSurvivesUpdates()
    {
        QVERIFY(start(300ms));
        TaskTableView *view = m_demo.view();
        view->sortByColumn(TaskTableModel::StateColumn, Qt::AscendingOrder);
        // 1020 runs for about 50 s: it stays put while others change around it.
        const TaskKey chosen {m_connection, 1020};
        QVERIFY(view->selectTask(chosen));
        QCOMPARE(details()->taskKey(), std::optional<TaskKey>(chosen));
        const int scroll = view->verticalScrollBar()->value();
        QSignalSpy cycles(&m_monitor->polling(), &PollScheduler::cycleFinished);
        QSignalSpy moved(m_demo.filterModel(), &QAbstractItemModel::layoutChanged);
        QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 3 && countOf(TaskState::Succeeded) > 0, 20000);
        QVERIFY(moved.count() > 0); // rows were re-sorted meanwhile
        QCOMPARE(view->currentTaskKey(), std::optional<TaskKey>(chosen));
        QCOMPARE(view->selectedTaskKeys(), QList<TaskKey> {chosen});
        QCOMPARE(details()->taskKey(), std::optional<TaskKey>(chosen));
        QCOMPARE(details()->value(TaskDetailsPane::Field::TaskId), u"1020"_s);
        QCOMPARE(view->verticalScrollBar()->value(), scroll);
    }

    // Showing a task in the details pane asks, through the monitor, for its
    // v2 type: a running task no one looked at would not be asked yet.
    void theShownTaskLearnsItsType()
    {
        QVERIFY(start(300ms));
        const TaskKey chosen {m_connection, 1019}; // runs for about 48 s
        const QString path = u"/api/v1/task-result/%1/-/1019"_s.arg(m_simulator->libraryId());
        QTRY_COMPARE(m_monitor->tasks().task(chosen)->state, TaskState::Running);
        QVERIFY(!m_simulator->taskResultPaths().contains(path));
        QVERIFY(m_demo.view()->selectTask(chosen));
        QTRY_COMPARE(details()->value(TaskDetailsPane::Field::TaskType), u"Convert file"_s);
        QCOMPARE(m_simulator->taskResultPaths().count(path), 1);
        const int row = m_demo.taskModel()->rowOf(chosen);
        QCOMPARE(m_demo.taskModel()->index(row, TaskTableModel::TypeColumn).data().toString(),
            u"Convert file"_s);
    }

    // Ctrl with a move key selects where it lands: the highlighted row and
    // the details speak of the same task in every navigation.
    void ctrlMovesCarryTheSelection()
    {
        QVERIFY(start(300ms));
        focusTable();
        TaskTableView *view = m_demo.view();
        QVERIFY(view->selectTask({m_connection, 1001}));
        for (int key : {Qt::Key_Down, Qt::Key_End, Qt::Key_Up, Qt::Key_Home}) {
            QTest::keyClick(view, Qt::Key(key), Qt::ControlModifier);
            const std::optional<TaskKey> current = view->currentTaskKey();
            QVERIFY(current);
            QCOMPARE(view->selectedTaskKeys(), QList<TaskKey> {*current});
            QCOMPARE(details()->taskKey(), current);
            QVERIFY(details()->isShowingTask());
        }
    }

    // On first start the whole frame, title bar included, fits a small
    // screen, so the status bar is on it.
    void theFrameFitsTheScreen()
    {
        const QMargins frame(4, 30, 4, 4);
        const QSize client = MainWindow::defaultClientSize(QSize(1024, 700), frame);
        QCOMPARE(client, QSize(1016, 666));
        QCOMPARE(client.grownBy(frame), QSize(1024, 700));
        // A large screen keeps its room around the window.
        QCOMPARE(MainWindow::defaultClientSize(QSize(1920, 1080), frame), QSize(1440, 900));
        DemoWindow::Options options;
        options.interval = 300ms;
        QVERIFY(start(options));
        const QRect available = m_window->screen()->availableGeometry();
        QTRY_VERIFY(available.contains(m_window->frameGeometry()));
    }

    // Another monitor on the shared ledger file polls the connection: the
    // status bar says so and by whom, and nothing is sent from here; once
    // that monitor lets go, this window polls and says "Connections OK".
    void aConnectionPolledByAnotherMonitorSaysWho()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"ledger.sqlite"_s);
        {
            TaskStore ledger;
            SMH_VERIFY(ledger.open(file));
        }
        const auto otherMonitor = [&file](bool holds) {
            bool done = false;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bob"_s);
                db.setDatabaseName(file);
                db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
                QSqlQuery q(db);
                done = db.open() && PollLease::createTable(q)
                    && q.exec(u"DELETE FROM poll_leases"_s)
                    // Bob's monitor, on another machine, holds the first
                    // connection for ten minutes.
                    && (!holds
                        || q.exec(u"INSERT INTO poll_leases (connection_id, holder, holder_user, "
                                  "holder_host, holder_pid, expires_at) VALUES (1, 'b0b', 'bob', "
                                  "'far.example', 4242, %1)"_s.arg(
                                      QDateTime::currentMSecsSinceEpoch() + 600'000)));
            }
            QSqlDatabase::removeDatabase(u"bob"_s);
            return done;
        };
        QVERIFY(otherMonitor(true));
        DemoWindow::Options options;
        options.interval = 300ms;
        options.ledger = file;
        QVERIFY(start(options));
        QCOMPARE(m_connection, 1);
        auto *health = part<ElidedLabel>(u"connectionStatus"_s);
        QTRY_VERIFY2(
            health->text().contains(u"polled by another monitor (bob@far.example, pid 4242)"_s),
            qPrintable(health->text()));
        QTRY_VERIFY(
            part<QLabel>(u"pollingStatus"_s)->text().contains(u"polled by another monitor"_s));
        QCOMPARE(m_simulator->taskQueryCount(), 0);

        QVERIFY(otherMonitor(false));
        QTRY_COMPARE(health->text(), u"Connections OK"_s);
        QVERIFY(m_simulator->taskQueryCount() > 0);
    }

    // "Connections OK" only once a connection answered and while polling;
    // the pause action says what it will do.
    void healthSaysOkOnlyWhenItIs()
    {
        StateStyle style(nullptr, false);
        StatusPanel panel(&style);
        ConnectionHealth::Summary summary;
        summary.connections << ConnectionHealth::Entry {};
        panel.setHealth(summary, 1);
        auto *text = panel.findChild<ElidedLabel *>(u"connectionStatus"_s);
        QCOMPARE(text->text(), u"Waiting for a first answer"_s);
        summary.answered = true;
        panel.setHealth(summary, 1);
        QCOMPARE(text->text(), u"Connections OK"_s);

        QVERIFY(start(300ms));
        auto *health = part<ElidedLabel>(u"connectionStatus"_s);
        QTRY_COMPARE(health->text(), u"Connections OK"_s);
        QAction *pause = part<QAction>(u"pauseAction"_s);
        QVERIFY(pause->text().remove(u'&').contains(u"Pause"_s));
        pause->trigger();
        QTRY_COMPARE(health->text(), u"Polling paused"_s);
        QTRY_VERIFY(pause->text().remove(u'&').contains(u"Resume"_s));
        pause->trigger();
        QTRY_VERIFY(pause->text().remove(u'&').contains(u"Pause"_s));
        QTRY_COMPARE(health->text(), u"Connections OK"_s);
    }

    // Tasks added while the filter hides them: the message says so.
    void addedButFilteredOutIsSaid()
    {
        QVERIFY(start(300ms));
        QTest::keyClicks(filterEdit(), u"no such path"_s);
        QTRY_COMPARE(m_demo.filterModel()->rowCount(), 0);
        m_window->addTaskIds(m_connection, {5555}, u"5555"_s);
        auto *message = part<ElidedLabel>(u"statusMessage"_s);
        QTRY_VERIFY2(message->text().contains(u"filter hides"_s), qPrintable(message->text()));
        QVERIFY(m_monitor->tasks().task({m_connection, 5555}).has_value());
    }

    // The rows in view count as shown: a running task's type is learned
    // without selecting it, each asked once.
    void rowsInViewLearnTheirTypes()
    {
        QVERIFY(startOnA1024By700Screen());
        TaskTableView *view = m_demo.view();
        view->sortByColumn(TaskTableModel::TaskIdColumn, Qt::AscendingOrder);
        const TaskKey running {m_connection, 1019}; // runs for about 48 s
        QTRY_COMPARE(m_monitor->tasks().task(running)->state, TaskState::Running);
        QVERIFY(view->currentTaskKey() != std::optional<TaskKey>(running));
        QAbstractItemModel *rows = m_demo.filterModel();
        int row = -1;
        for (int r = 0; r < rows->rowCount() && row < 0; ++r) {
            if (rows->index(r, 0).data(TaskTableModel::TaskKeyRole).value<TaskKey>() == running)
                row = r;
        }
        QVERIFY(row >= 0);
        view->scrollTo(rows->index(row, 0), QAbstractItemView::PositionAtTop);
        // One a second under v2's budget, the rows at the top of the view first.
        QTRY_COMPARE_WITH_TIMEOUT(rows->index(row, TaskTableModel::TypeColumn).data().toString(),
            u"Convert file"_s, 30000);
        QCOMPARE(m_monitor->tasks().task(running)->state, TaskState::Running);
        const QString path = u"/api/v1/task-result/%1/-/1019"_s.arg(m_simulator->libraryId());
        QCOMPARE(m_simulator->taskResultPaths().count(path), 1);
    }

    // The keyboard's place in a sidebar list can be seen.
    void sidebarFocusIsVisible()
    {
        QVERIFY(start(1000ms));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        auto *states = sidebar()->findChild<QListView *>(u"stateList"_s);
        QVERIFY(states);
        m_demo.view()->setFocus();
        QTRY_VERIFY(m_demo.view()->hasFocus());
        const QImage unfocused = states->viewport()->grab().toImage();
        states->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(states->hasFocus());
        QVERIFY(states->currentIndex().isValid());
        const QImage focused = states->viewport()->grab().toImage();
        QVERIFY(focused != unfocused);
        // A frame in the selected text's colour at the current row's edge,
        // where the selection colour alone would be.
        const QRect row = states->visualRect(states->currentIndex());
        QVERIFY(states->selectionModel()->isSelected(states->currentIndex()));
        const qreal ratio = focused.devicePixelRatio();
        const QPoint edge(int((row.left() + 2) * ratio), int(row.center().y() * ratio));
        QCOMPARE(focused.pixelColor(edge).rgb(),
            states->palette().color(QPalette::HighlightedText).rgb());
        QVERIFY(unfocused.pixelColor(edge).rgb()
            != states->palette().color(QPalette::HighlightedText).rgb());
    }

    void f5PollsNow()
    {
        // A long interval: without F5 nothing would be asked for a minute.
        QVERIFY(start(60s));
        QSignalSpy cycles(&m_monitor->polling(), &PollScheduler::cycleFinished);
        QVERIFY(cycles.wait(10000)); // the first cycle after start
        const int queries = m_simulator->taskQueryCount();
        QCoreApplication::processEvents();
        QCOMPARE(m_simulator->taskQueryCount(), queries);
        QTest::keyClick(m_window, Qt::Key_F5);
        QVERIFY(cycles.wait(10000));
        QVERIFY(m_simulator->taskQueryCount() > queries);
        QTRY_VERIFY(pollingText().contains(u"last poll"_s));
    }

    void ctrlFFocusesAndFilters()
    {
        QVERIFY(start(300ms));
        m_demo.view()->setFocus();
        QVERIFY(!filterEdit()->hasFocus());
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(filterEdit()->hasFocus());
        QTest::keyClicks(filterEdit(), u"#1003"_s);
        QCOMPARE(m_demo.filterModel()->rowCount(), 1);
        QCOMPARE(m_demo.filterModel()->index(0, 0).data().toString(), u"1003"_s);
        // Ctrl+C and Delete in the filter box edit the text, not the table.
        filterEdit()->selectAll();
        QTest::keyClick(filterEdit(), Qt::Key_Delete);
        QCOMPARE(filterEdit()->text(), QString());
        QCOMPARE(m_demo.filterModel()->rowCount(), 28);
        QCOMPARE(m_monitor->tasks().taskCount(), 28);

        // A quick filter in the sidebar.
        auto *states = part<QListWidget>(u"stateList"_s);
        const QList<QListWidgetItem *> items =
            states->findItems(TaskStates::label(TaskState::Queued), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        QTest::mouseClick(states->viewport(), Qt::LeftButton, {},
            states->visualItemRect(items.constFirst()).center());
        QCOMPARE(m_demo.filterModel()->stateFilter(), QSet<TaskState> {TaskState::Queued});
        for (int row = 0; row < m_demo.filterModel()->rowCount(); ++row)
            QCOMPARE(m_demo.filterModel()->index(row, 0).data(TaskTableModel::StateRole).toInt(),
                int(TaskState::Queued));
        // Ctrl+1 is "All tasks".
        QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier);
        QVERIFY(m_demo.filterModel()->stateFilter().isEmpty());
    }

    void copyAndRemoveSelectedRows()
    {
        QVERIFY(start(300ms));
        TaskTableView *view = m_demo.view();
        view->sortByColumn(TaskTableModel::TaskIdColumn, Qt::AscendingOrder);
        view->setFocus();
        view->selectTask({m_connection, 1001});
        const QModelIndex second = view->model()->index(2, 0); // 990, 1001, 1002
        view->selectionModel()->select(
            second, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(view->selectedTaskKeys().size(), 2);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        const QStringList lines =
            QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).startsWith(u"1001\t"_s));
        QVERIFY(lines.at(1).startsWith(u"1002\t"_s));
        QVERIFY(lines.at(0).contains(u"\t"_s + TaskStates::label(TaskState::Queued)));
        // Pasted into Add Tasks, the rows give their IDs, even with the ID
        // column moved to the end.
        QCOMPARE(TaskIdParser::parse(QApplication::clipboard()->text()).ids,
            (QList<qint64> {1001, 1002}));
        view->horizontalHeader()->moveSection(0, view->horizontalHeader()->count() - 1);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(TaskIdParser::parse(QApplication::clipboard()->text()).ids,
            (QList<qint64> {1001, 1002}));
        view->horizontalHeader()->moveSection(view->horizontalHeader()->count() - 1, 0);

        // Delete asks first; Cancel keeps the tasks.
        QSignalSpy removed(&m_monitor->tasks(), &TaskStore::tasksRemoved);
        answerNextMessageBox(QMessageBox::Cancel);
        QTest::keyClick(view, Qt::Key_Delete);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QCOMPARE(m_monitor->tasks().taskCount(), 28);
        focusTable();
        answerNextMessageBox(QMessageBox::Yes);
        QTest::keyClick(view, Qt::Key_Delete);
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(m_monitor->tasks().taskCount(), 26);
        QCOMPARE(m_demo.filterModel()->rowCount(), 26);
        QVERIFY(!m_monitor->tasks().task({m_connection, 1001}));
    }

    void exportsVisibleRows()
    {
        QVERIFY(start(300ms));
        QTemporaryDir dir;
        filterEdit()->setText(u"100"_s); // 1001..1009, and whatever else mentions 100
        const int visible = m_demo.filterModel()->rowCount();
        QVERIFY(visible > 0 && visible < 28);
        const QString csv = dir.filePath(u"tasks.csv"_s);
        SMH_VERIFY(m_window->exportVisibleRows(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> records = file.readAll().split('\n');
        QCOMPARE(records.size() - 2, visible); // header, rows, and the empty tail
        QVERIFY(records.at(0).startsWith("task_id,connection,state"));
        // The demo's library secret never leaves the program.
        QVERIFY(!QFile::exists(dir.filePath(u"tasks.json"_s)));
        SMH_VERIFY(m_window->exportVisibleRows(dir.filePath(u"tasks.json"_s)));
        QFile json(dir.filePath(u"tasks.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QByteArray content = json.readAll();
        QVERIFY(!content.contains(m_simulator->librarySecret().toUtf8()));
        QVERIFY(content.contains("\"taskId\""));
    }

    void themeSwitchRecolours()
    {
        QVERIFY(start(300ms));
        m_window->setTheme(UiSettings::ThemeMode::Light);
        // A timeline drawn in light colours before the switch.
        QVERIFY(m_demo.view()->selectTask({m_connection, 990}));
        auto *timeline = details()->findChild<QTreeWidget *>(u"timeline"_s);
        QTRY_VERIFY_WITH_TIMEOUT(timeline->topLevelItemCount() >= 2, 10000);
        const QModelIndex state = m_demo.styledModel()->index(0, TaskTableModel::StateColumn);
        const QColor light = state.data(Qt::ForegroundRole).value<QColor>();
        QSignalSpy changed(m_demo.styledModel(), &QAbstractItemModel::dataChanged);
        m_window->setTheme(UiSettings::ThemeMode::Dark);
        QTRY_COMPARE(style()->variant(), StateStyle::Variant::Dark);
        QVERIFY(state.data(Qt::ForegroundRole).value<QColor>() != light);
        bool styleAnnounced = false;
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            const QList<int> roles = signal.at(2).value<QList<int>>();
            if (roles == StyledTaskModel::styleRoles())
                styleAnnounced = true;
        }
        QVERIFY(styleAnnounced);
        // Every styled view follows, the details' timeline too.
        QTRY_COMPARE(StateStyle::variantFor(timeline->palette()), StateStyle::Variant::Dark);
        const QColor base = timeline->palette().color(QPalette::Base);
        for (int i = 0; i < timeline->topLevelItemCount(); ++i) {
            const QColor text = timeline->topLevelItem(i)->foreground(1).color();
            QVERIFY2(StateStyle::contrast(text, base) >= 4.5,
                qPrintable(u"%1 on %2"_s.arg(text.name(), base.name())));
        }
        m_window->setTheme(UiSettings::ThemeMode::Light);
        QTRY_COMPARE(style()->variant(), StateStyle::Variant::Light);

        // System hands the colours back to the platform.
        const QColor systemWindow = QPalette().color(QPalette::Window);
        m_window->setTheme(UiSettings::ThemeMode::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window) != systemWindow);
        m_window->setTheme(UiSettings::ThemeMode::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    }

    void privateFileIsOfferedWithoutAKeychain()
    {
        QTemporaryDir dir;
        SecretStore secrets;
        secrets.setKeychainEnabled(false); // as on a machine without one
        secrets.setPrivateFilePath(dir.filePath(u"secrets.json"_s));
        QVERIFY(start(1000ms, &secrets));
        secrets.write(m_connection, u"secret-held-this-session"_s);

        bool offered = false;
        QString note;
        answerConnectionDialog([&](ConnectionDialog *dialog) {
            offered = !part<QCheckBox>(*dialog, u"privateFile"_s)->isHidden()
                && !part<QCheckBox>(*dialog, u"privateFile"_s)->isChecked();
            note = part<QLabel>(*dialog, u"storageNote"_s)->text();
            QTest::mouseClick(part<QCheckBox>(*dialog, u"privateFile"_s), Qt::LeftButton, {},
                part<QCheckBox>(*dialog, u"privateFile"_s)->rect().topLeft() + QPoint(6, 6));
        });
        m_window->manageConnections(m_connection);
        QVERIFY(offered);
        QVERIFY(note.contains(u"session only"_s));
        QCOMPARE(secrets.backend(), SecretStore::Backend::PrivateFile);
        QFile file(secrets.privateFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("secret-held-this-session"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
        file.close();

        // The next time the box shows the choice, and unticking it deletes the file.
        bool shownChecked = false;
        answerConnectionDialog([&](ConnectionDialog *dialog) {
            shownChecked = part<QCheckBox>(*dialog, u"privateFile"_s)->isChecked();
            note = part<QLabel>(*dialog, u"storageNote"_s)->text();
            part<QCheckBox>(*dialog, u"privateFile"_s)->setChecked(false);
        });
        m_window->manageConnections(m_connection);
        QVERIFY(shownChecked);
        QVERIFY(note.contains(u"secrets.json"_s));
        QVERIFY(!QFile::exists(secrets.privateFilePath()));
        QCOMPARE(secrets.backend(), SecretStore::Backend::SessionOnly);
    }

    void fitsA1024By700Screen()
    {
        QVERIFY(startOnA1024By700Screen());
        TaskTableView *view = m_demo.view();
        QHeaderView *header = view->horizontalHeader();
        QTRY_VERIFY(view->viewport()->width() > 300);
        // Nothing of the table is off to the side: the path takes the room
        // left and the note is in view.
        QTRY_COMPARE(view->horizontalScrollBar()->maximum(), 0);
        for (int column : {TaskTableModel::TaskIdColumn, TaskTableModel::StateColumn,
                 TaskTableModel::PathColumn, TaskTableModel::NoteColumn}) {
            QVERIFY(!header->isSectionHidden(column));
            const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
            QVERIFY2(right <= view->viewport()->width(), qPrintable(QString::number(column)));
        }
        QVERIFY2(header->sectionSize(TaskTableModel::PathColumn) >= 100,
            qPrintable(QString::number(header->sectionSize(TaskTableModel::PathColumn))));
        // Every state is read whole ("Not found / expired" beside its icon):
        // the path keeps its least room, a note column wider than its notes
        // gives the rest.
        int longest = 0;
        for (int state = 0; state < TaskStates::count; ++state)
            longest = std::max(longest,
                view->fontMetrics().horizontalAdvance(TaskStates::label(TaskState(state))));
        QTRY_VERIFY2(header->sectionSize(TaskTableModel::StateColumn) >= longest + 32,
            qPrintable(u"%1 < %2"_s.arg(header->sectionSize(TaskTableModel::StateColumn))
                           .arg(longest + 32)));
        QVERIFY(header->sectionSize(TaskTableModel::PathColumn) >= 100);
        // The docks give way to the table, and can give more.
        auto *detailsDock = part<QDockWidget>(u"detailsDock"_s);
        auto *filtersDock = part<QDockWidget>(u"filtersDock"_s);
        QVERIFY(detailsDock->width() < view->width());
        QVERIFY2(detailsDock->minimumSizeHint().width() <= 280,
            qPrintable(QString::number(detailsDock->minimumSizeHint().width())));
        QVERIFY(filtersDock->minimumSizeHint().width() <= 160);
    }

    // Showing or hiding a column, or resetting them, fits the columns again:
    // the path keeps room, nothing is off to the side, the type stays.
    void columnsRefitAfterShowAndHide()
    {
        QVERIFY(startOnA1024By700Screen());
        TaskTableView *view = m_demo.view();
        QHeaderView *header = view->horizontalHeader();
        QTRY_VERIFY(view->viewport()->width() > 300);
        const int pathRoom = 2 * view->fontMetrics().horizontalAdvance(u"folder/file.pdf"_s);
        auto fits = [&] {
            int right = 0;
            for (int column = 0; column < header->count(); ++column) {
                if (!header->isSectionHidden(column))
                    right = std::max(right,
                        header->sectionViewportPosition(column) + header->sectionSize(column));
            }
            return right <= view->viewport()->width()
                && header->sectionSize(TaskTableModel::PathColumn) >= std::min(pathRoom, 100);
        };
        QTRY_VERIFY(fits());
        auto toggle = [&](const QString &title) {
            QMenu menu;
            view->populateColumnMenu(&menu);
            for (QAction *action : menu.actions()) {
                if (action->text() == title) {
                    action->trigger();
                    return true;
                }
            }
            return false;
        };
        for (const QString &title : {u"Code"_s, u"Connection"_s, u"Source inode"_s}) {
            QVERIFY(toggle(title));
            QVERIFY2(fits(), qPrintable(title));
            QVERIFY(header->sectionSize(TaskTableModel::StateColumn) < 170);
        }
        QVERIFY(toggle(u"Reset Columns"_s));
        QTRY_VERIFY(fits());
        QVERIFY(header->isSectionHidden(TaskTableModel::SourceInodeColumn));
        // Path has room to spare: the state is read whole.
        const int longest =
            view->fontMetrics().horizontalAdvance(TaskStates::label(TaskState::SucceededNoResult));
        QTRY_VERIFY(header->sectionSize(TaskTableModel::StateColumn) >= longest);
    }

    // Narrowed to its least, the window keeps a table worth the name: the
    // docks give way.
    void narrowWindowKeepsTheTable()
    {
        QVERIFY(startOnA1024By700Screen());
        TaskTableView *view = m_demo.view();
        QTRY_VERIFY(view->viewport()->width() > 300);
        const int least = std::max(m_window->minimumSizeHint().width(), 640);
        m_window->resize(least, 600);
        QTRY_VERIFY2(view->width() >= least * 2 / 5,
            qPrintable(u"%1 of %2"_s.arg(view->width()).arg(m_window->width())));
    }

    // A common desktop window: every default column fits, none off to the
    // side, and the type stands beside the state.
    void fitsA1400By860WindowWithTheType()
    {
        DemoWindow::Options options;
        options.interval = 300ms;
        options.size = QSize(1400, 860);
        QVERIFY(start(options));
        TaskTableView *view = m_demo.view();
        QHeaderView *header = view->horizontalHeader();
        QTRY_VERIFY(view->viewport()->width() > 300);
        QTRY_COMPARE(view->horizontalScrollBar()->maximum(), 0);
        QVERIFY(!header->isSectionHidden(TaskTableModel::TypeColumn));
        QCOMPARE(header->visualIndex(TaskTableModel::TypeColumn) + 1,
            header->visualIndex(TaskTableModel::StateColumn));
        for (int column :
            {TaskTableModel::TaskIdColumn, TaskTableModel::TypeColumn, TaskTableModel::StateColumn,
                TaskTableModel::PathColumn, TaskTableModel::NoteColumn}) {
            const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
            QVERIFY2(right <= view->viewport()->width(), qPrintable(QString::number(column)));
        }
    }

    void recheckKeepsHistory()
    {
        QVERIFY(start(300ms));
        const TaskKey done {m_connection, 1005}; // had ended before the monitor started
        QTRY_VERIFY_WITH_TIMEOUT(m_monitor->tasks().task(done)->isFinal(), 10000);
        QVERIFY(m_demo.view()->selectTask(done));
        const Task before = *m_monitor->tasks().task(done);
        auto *timeline = details()->findChild<QTreeWidget *>(u"timeline"_s);
        QVERIFY(timeline);
        const int entries = timeline->topLevelItemCount();
        focusTable();
        QTest::keyClick(m_demo.view(), Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(timeline->topLevelItemCount(), entries + 1, 10000);
        const Task after = *m_monitor->tasks().task(done);
        QCOMPARE(after.state, before.state);
        QCOMPARE(after.stateSince, before.stateSince);
        QCOMPARE(after.finishedAt, before.finishedAt);
        QVERIFY(after.lastPolledAt > before.lastPolledAt);
        const QTreeWidgetItem *last = timeline->topLevelItem(entries);
        QVERIFY2(last->text(1).contains(u"Re-checked, unchanged"_s), qPrintable(last->text(1)));
        // The final state still reads "final": the re-check did not end it.
        QCOMPARE(timeline->topLevelItem(entries - 1)->text(3), u"final"_s);
    }

    void tabMovesBetweenPanes()
    {
        QVERIFY(start(300ms));
        TaskTableView *view = m_demo.view();
        QVERIFY(view->selectTask({m_connection, 1002}));
        filterEdit()->setFocus();
        QTRY_VERIFY(filterEdit()->hasFocus());
        auto press = [](Qt::Key key, Qt::KeyboardModifiers modifiers = {}) {
            QTest::keyClick(QApplication::focusWidget(), key, modifiers);
        };
        press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), u"stateList"_s);
        press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), u"connectionList"_s);
        press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), view);
        const QModelIndex current = view->currentIndex();
        press(Qt::Key_Tab);
        // Out of the table, into the details; the table's row stayed.
        QVERIFY(details()->isAncestorOf(QApplication::focusWidget()));
        QCOMPARE(view->currentIndex(), current);
        press(Qt::Key_Tab, Qt::ShiftModifier);
        QCOMPARE(QApplication::focusWidget(), view);
        // Arrows move inside the table.
        press(Qt::Key_Down);
        QCOMPARE(view->currentIndex().row(), current.row() + 1);
        QCOMPARE(QApplication::focusWidget(), view);
    }

    void filterKeepsSelectionAndDetailsInStep()
    {
        QVERIFY(start(300ms));
        TaskTableView *view = m_demo.view();
        auto *edit = part<QAction>(u"editNoteAction"_s);
        auto *copy = part<QAction>(u"copyAction"_s);
        auto *remove = part<QAction>(u"removeAction"_s);
        auto inStep = [&] {
            const std::optional<TaskKey> shown = details()->taskKey();
            const QList<TaskKey> selected = view->selectedTaskKeys();
            if (shown && !selected.contains(*shown))
                return false; // details of a task no row highlights
            if (shown && view->currentTaskKey() != shown)
                return false;
            return edit->isEnabled() == copy->isEnabled()
                && copy->isEnabled() == remove->isEnabled()
                && edit->isEnabled() == shown.has_value();
        };
        QVERIFY(view->selectTask({m_connection, 1002}));
        QVERIFY(inStep());
        // The text filter takes the selected row away.
        filterEdit()->setText(u"#1004"_s);
        QCOMPARE(m_demo.filterModel()->rowCount(), 1);
        QVERIFY(inStep());
        QCOMPARE(details()->taskKey(), std::optional<TaskKey>({m_connection, 1004}));
        filterEdit()->clear();
        QVERIFY(inStep());
        // So does a state filter by shortcut (Ctrl+4: Queued... Ctrl+9: not found).
        QVERIFY(view->selectTask({m_connection, 1002}));
        QTest::keyClick(m_window, Qt::Key_9, Qt::ControlModifier);
        QTRY_VERIFY(!m_demo.filterModel()->stateFilter().isEmpty());
        QVERIFY(inStep());
        QTest::keyClick(m_window, Qt::Key_1, Qt::ControlModifier);
        QVERIFY(inStep());
    }

    void f2OpensTheEditorWhereItCanBeSeen()
    {
        QVERIFY(startOnA1024By700Screen());
        TaskTableView *view = m_demo.view();
        // Columns wider than the table, scrolled to the left edge.
        for (int column = 0; column < TaskTableModel::ColumnCount; ++column)
            view->setColumnHidden(column, false);
        view->horizontalHeader()->setSectionResizeMode(
            TaskTableModel::PathColumn, QHeaderView::Interactive);
        view->horizontalHeader()->resizeSection(TaskTableModel::PathColumn, 900);
        QVERIFY(view->selectTask({m_connection, 1002}));
        QTRY_VERIFY(view->horizontalScrollBar()->maximum() > 0);
        view->horizontalScrollBar()->setValue(0);
        focusTable();
        QTest::keyClick(view, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        QVERIFY(view->viewport()->isAncestorOf(editor));
        QVERIFY2(view->viewport()->rect().contains(editor->geometry()),
            qPrintable(u"%1,%2 %3x%4"_s.arg(editor->x())
                           .arg(editor->y())
                           .arg(editor->width())
                           .arg(editor->height())));
        QTest::keyClicks(editor, u"seen"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(m_monitor->tasks().task({m_connection, 1002})->note, u"seen"_s);

        // With the column hidden, F2 asks in a dialog.
        view->setColumnHidden(TaskTableModel::NoteColumn, true);
        focusTable();
        QTimer::singleShot(0, qApp, [] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->setTextValue(u"asked"_s);
            dialog->accept();
        });
        QTest::keyClick(view, Qt::Key_F2);
        QTRY_COMPARE(m_monitor->tasks().task({m_connection, 1002})->note, u"asked"_s);
    }

    void firstStartOffersAConnectionAndTheDemo()
    {
        DemoWindow::Options options;
        options.connect = false;
        QVERIFY(start(options));
        auto *empty = part<QWidget>(u"emptyState"_s);
        QTRY_VERIFY(empty->isVisible());
        QVERIFY(part<QPushButton>(u"addConnectionButton"_s)->isVisible());
        QVERIFY(!part<QPushButton>(u"addTasksButton"_s)->isVisible());
        QVERIFY(part<QLabel>(u"emptyStateText"_s)->text().contains(u"add a connection"_s));
        // No connection is not "Connections OK".
        auto *health = part<ElidedLabel>(u"connectionStatus"_s);
        QCOMPARE(health->text(), u"No connection yet"_s);

        QSignalSpy demo(m_window, &MainWindow::demoRequested);
        QTest::mouseClick(part<QPushButton>(u"tryDemoButton"_s), Qt::LeftButton);
        QCOMPARE(demo.count(), 1);

        // Ctrl+N explains, and its button opens the connection dialog.
        bool dialogOpened = false;
        QTimer::singleShot(10, qApp, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (auto *add =
                    box ? box->findChild<QPushButton *>(u"promptAddConnectionButton"_s) : nullptr)
                QTest::mouseClick(add, Qt::LeftButton);
        });
        std::function<void()> closeDialog = [&] {
            if (auto *dialog =
                    qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget())) {
                dialogOpened = true;
                dialog->reject();
            } else {
                QTimer::singleShot(10, qApp, closeDialog);
            }
        };
        QTimer::singleShot(20, qApp, closeDialog);
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(dialogOpened);
        QTRY_VERIFY(!QApplication::activeModalWidget());
    }

    void escapeAndClearFilterEmptyTheFilter()
    {
        QVERIFY(start(300ms));
        filterEdit()->setFocus();
        QTest::keyClicks(filterEdit(), u"no such task anywhere"_s);
        QCOMPARE(m_demo.filterModel()->rowCount(), 0);
        auto *noMatch = part<QWidget>(u"noMatchState"_s);
        QTRY_VERIFY(noMatch->isVisible());
        QVERIFY(!part<QWidget>(u"emptyState"_s)->isVisible());
        QTest::mouseClick(part<QPushButton>(u"clearFilterButton"_s), Qt::LeftButton);
        QCOMPARE(filterEdit()->text(), QString());
        QCOMPARE(m_demo.filterModel()->rowCount(), 28);
        QVERIFY(!noMatch->isVisible());

        filterEdit()->setFocus();
        QTest::keyClicks(filterEdit(), u"1003"_s);
        QTest::keyClick(filterEdit(), Qt::Key_Escape);
        QCOMPARE(filterEdit()->text(), QString());
        QVERIFY(filterEdit()->hasFocus());
        QTest::keyClick(filterEdit(), Qt::Key_Escape);
        QTRY_VERIFY(m_demo.view()->hasFocus());
    }

    void helpListsShortcutsAndAboutTellsWhereSecretsAre()
    {
        SecretStore secrets;
        secrets.setKeychainEnabled(false);
        QVERIFY(start(1000ms, &secrets));
        QStringList keys;
        QStringList copies;
        bool fits = false;
        QTimer::singleShot(10, qApp, [&keys, &copies, &fits] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            auto *list = dialog ? dialog->findChild<QTreeWidget *>(u"shortcutList"_s) : nullptr;
            for (int i = 0; list && i < list->topLevelItemCount(); ++i) {
                keys << list->topLevelItem(i)->text(0);
                if (keys.constLast()
                    == QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText))
                    copies << list->topLevelItem(i)->text(1);
            }
            // Within a 1024x700 screen, every row in view.
            fits = dialog && dialog->width() <= 1024 && dialog->height() <= 700 && list
                && !list->verticalScrollBar()->isVisible()
                && !list->horizontalScrollBar()->isVisible();
            if (dialog)
                dialog->reject();
        });
        QTest::keyClick(m_window, Qt::Key_F1);
        for (const QKeySequence &key : {QKeySequence(QKeySequence::Find), QKeySequence(Qt::Key_F5),
                 QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_F2)})
            QVERIFY2(keys.contains(key.toString(QKeySequence::NativeText)),
                qPrintable(keys.join(u", "_s)));
        QVERIFY(keys.contains(u"Escape"_s));
        QVERIFY(fits);
        // Ctrl+C twice, and each says where it applies.
        QCOMPARE(copies.size(), 2);
        QVERIFY2(copies.at(0).contains(u"focus"_s) != copies.at(1).contains(u"focus"_s),
            qPrintable(copies.join(u" | "_s)));

        QString about;
        QTimer::singleShot(10, qApp, [&about] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            about = box->text();
            box->accept();
        });
        part<QAction>(u"aboutAction"_s)->trigger();
        // No keychain here: About must not claim one.
        QVERIFY2(about.contains(u"this session only"_s), qPrintable(about));
        QVERIFY(!about.contains(u"kept in the desktop keychain"_s));
    }

    void exportSaysWhereAndRemembersTheFolder()
    {
        QVERIFY(start(300ms));
        QTemporaryDir dir;
        filterEdit()->setText(u"100"_s);
        const int rows = m_demo.filterModel()->rowCount();
        const QString path = dir.filePath(u"first.csv"_s);
        QString openedIn;
        auto save = [&openedIn](const QString &file) {
            QTimer::singleShot(10, qApp, [&openedIn, file] {
                auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
                if (!dialog)
                    return;
                openedIn = dialog->directory().absolutePath();
                dialog->selectFile(file);
                // selectFile leaves the name box alone once it has the focus,
                // which the offscreen platform gives it at its own pace.
                if (auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s))
                    name->setText(file);
                QMetaObject::invokeMethod(dialog, "accept");
            });
        };
        const QString documents =
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QVERIFY(QDir().mkpath(documents));
        save(path);
        part<QAction>(u"exportAction"_s)->trigger();
        QCOMPARE(openedIn, QDir(documents).absolutePath()); // the first time
        QVERIFY(QFile::exists(path));
        const QString message = part<StatusPanel>(u"statusPanel"_s)->currentMessage();
        QVERIFY2(message.contains(u"Saved %1 row"_s.arg(rows)), qPrintable(message));
        QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
        // The message takes the polling line's place; the counts stay in view.
        QVERIFY(part<QLabel>(u"stateCount_running"_s)->isVisible());
        QVERIFY(!part<QLabel>(u"pollingStatus"_s)->isVisible());
        // The next export opens where the last one went.
        save(dir.filePath(u"second.csv"_s));
        part<QAction>(u"exportAction"_s)->trigger();
        QCOMPARE(openedIn, QDir(dir.path()).absolutePath());
    }

    void settingsAreRestored()
    {
        QVERIFY(start(300ms));
        filterEdit()->setText(u"102"_s);
        const QList<TaskState> attention = TaskStates::attentionStates();
        sidebar()->setStateFilter(QSet<TaskState>(attention.cbegin(), attention.cend()));
        details()->parentWidget()->hide();
        m_window->close(); // saves
        cleanup();
        QVERIFY(start(300ms));
        QCOMPARE(filterEdit()->text(), u"102"_s);
        QCOMPARE(m_demo.filterModel()->filterText(), u"102"_s);
        QCOMPARE(m_demo.filterModel()->stateFilter(),
            QSet<TaskState>(attention.cbegin(), attention.cend()));
        QVERIFY(!details()->isVisible());
        // Back to defaults for whoever runs next.
        filterEdit()->clear();
        sidebar()->setStateFilter({});
        details()->parentWidget()->show();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
