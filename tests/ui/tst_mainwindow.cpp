#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/connectiondialog.h"
#include "ui/filtersidebar.h"
#include "ui/mainwindow.h"
#include "ui/statestyle.h"
#include "ui/statuspanel.h"
#include "ui/styledtaskmodel.h"
#include "ui/taskdetailspane.h"
#include "ui/taskfiltermodel.h"
#include "ui/tasktableview.h"
#include "ui/theme.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The window end to end in demo mode: the embedded simulator serves tasks
// that progress while the test watches, clicks and types.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator; // outlives the monitor that polls it
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_connection = 0;

    void start(std::chrono::milliseconds interval, SecretStore *secrets = nullptr)
    {
        m_monitor = std::make_unique<Monitor>();
        {
            const Expected<void> opened = m_monitor->openStore(u":memory:"_s);
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        }
        PollPlanner::Options options;
        options.baseInterval = interval;
        options.maxInterval = std::max(interval, std::chrono::milliseconds(1000));
        options.growth = 1.0;
        m_monitor->scheduler()->setOptions(options);
        m_simulator = std::make_unique<SmhSimulator>();
        const Expected<qint64> connected = DemoSetup::connect(*m_simulator, *m_monitor);
        QVERIFY2(connected, qPrintable(connected ? QString() : connected.error()));
        m_connection = *connected;
        m_monitor->addTasks(m_connection, m_simulator->seedDemoTasks());
        m_window = std::make_unique<MainWindow>(m_monitor.get(), secrets);
        m_window->setConfirmRemoval(true);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_window->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    int countOf(TaskState state) const
    {
        int count = 0;
        for (int row = 0; row < m_window->taskModel()->rowCount(); ++row)
            count += m_window->taskModel()->taskAt(row)->state == state ? 1 : 0;
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
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->taskView()->setFocus();
        QTRY_VERIFY(m_window->taskView()->hasFocus());
    }

private Q_SLOTS:
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

    void cleanup()
    {
        m_tester.reset();
        if (m_window)
            m_window->close();
        m_window.reset();
        if (m_monitor)
            m_monitor->shutdown();
        m_monitor.reset();
        m_simulator.reset();
    }

    void tasksAppearAndStatesChange()
    {
        start(300ms);
        QVERIFY(m_window->windowTitle().contains(u"Demo"_s));
        QCOMPARE(m_window->filterModel()->rowCount(), 28);
        QCOMPARE(countOf(TaskState::Queued), 28);
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::Running) > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::Succeeded) > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::NotFound) == 1, 15000); // task 990
        QTRY_VERIFY_WITH_TIMEOUT(countOf(TaskState::Failed) > 0, 20000); // task 1003

        // Colour and icon on the state cell, text too.
        const QModelIndex failed =
            m_window->taskModel()->indexOf({m_connection, 1003}, TaskTableModel::StateColumn);
        QTRY_COMPARE_WITH_TIMEOUT(
            failed.data().toString(), TaskStates::label(TaskState::Failed), 20000);
        QModelIndex styled = m_window->styledModel()->mapFromSource(failed);
        QCOMPARE(styled.data(Qt::ForegroundRole).value<QColor>(),
            m_window->stateStyle()->foreground(TaskState::Failed));
        QVERIFY(!styled.data(Qt::DecorationRole).value<QIcon>().isNull());

        // The status bar and the sidebar count what the table shows.
        QTRY_COMPARE(m_window->statusPanel()->stateText(TaskState::Failed),
            QString::number(countOf(TaskState::Failed)));
        QTRY_COMPARE(
            m_window->sidebar()->countShown({TaskState::Failed}), countOf(TaskState::Failed));
        QTRY_COMPARE(m_window->sidebar()->countShown({}), 28);
        QVERIFY(m_window->statusPanel()->pollingText().contains(u"Requests: "_s));
    }

    void selectionSurvivesUpdates()
    {
        start(300ms);
        TaskTableView *view = m_window->taskView();
        view->sortByColumn(TaskTableModel::StateColumn, Qt::AscendingOrder);
        // 1020 runs for about 50 s: it stays put while others change around it.
        const TaskKey chosen {m_connection, 1020};
        QVERIFY(view->selectTask(chosen));
        QCOMPARE(m_window->detailsPane()->taskKey(), std::optional<TaskKey>(chosen));
        const int scroll = view->verticalScrollBar()->value();
        QSignalSpy cycles(m_monitor->scheduler(), &PollScheduler::cycleFinished);
        QSignalSpy moved(m_window->filterModel(), &QAbstractItemModel::layoutChanged);
        QTRY_VERIFY_WITH_TIMEOUT(cycles.count() >= 3 && countOf(TaskState::Succeeded) > 0, 20000);
        QVERIFY(moved.count() > 0); // rows were re-sorted meanwhile
        QCOMPARE(view->currentTaskKey(), std::optional<TaskKey>(chosen));
        QCOMPARE(view->selectedTaskKeys(), QList<TaskKey> {chosen});
        QCOMPARE(m_window->detailsPane()->taskKey(), std::optional<TaskKey>(chosen));
        QCOMPARE(m_window->detailsPane()->value(TaskDetailsPane::Field::TaskId), u"1020"_s);
        QCOMPARE(view->verticalScrollBar()->value(), scroll);
    }

    void f5PollsNow()
    {
        // A long interval: without F5 nothing would be asked for a minute.
        start(60s);
        QSignalSpy cycles(m_monitor->scheduler(), &PollScheduler::cycleFinished);
        QVERIFY(cycles.wait(10000)); // the first cycle after start
        const int queries = m_simulator->taskQueryCount();
        QCoreApplication::processEvents();
        QCOMPARE(m_simulator->taskQueryCount(), queries);
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY(cycles.wait(10000));
        QVERIFY(m_simulator->taskQueryCount() > queries);
        QTRY_VERIFY(m_window->statusPanel()->pollingText().contains(u"last poll"_s));
    }

    void ctrlFFocusesAndFilters()
    {
        start(300ms);
        m_window->taskView()->setFocus();
        QVERIFY(!m_window->filterEdit()->hasFocus());
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(m_window->filterEdit()->hasFocus());
        QTest::keyClicks(m_window->filterEdit(), u"#1003"_s);
        QCOMPARE(m_window->filterModel()->rowCount(), 1);
        QCOMPARE(m_window->filterModel()->index(0, 0).data().toString(), u"1003"_s);
        // Ctrl+C and Delete in the filter box edit the text, not the table.
        m_window->filterEdit()->selectAll();
        QTest::keyClick(m_window->filterEdit(), Qt::Key_Delete);
        QCOMPARE(m_window->filterEdit()->text(), QString());
        QCOMPARE(m_window->filterModel()->rowCount(), 28);
        QCOMPARE(m_monitor->store()->taskCount(), 28);

        // A quick filter in the sidebar.
        QListWidget *states = m_window->sidebar()->stateList();
        const QList<QListWidgetItem *> items =
            states->findItems(TaskStates::label(TaskState::Queued), Qt::MatchExactly);
        QCOMPARE(items.size(), 1);
        QTest::mouseClick(states->viewport(), Qt::LeftButton, {},
            states->visualItemRect(items.constFirst()).center());
        QCOMPARE(m_window->filterModel()->stateFilter(), QSet<TaskState> {TaskState::Queued});
        for (int row = 0; row < m_window->filterModel()->rowCount(); ++row)
            QCOMPARE(m_window->filterModel()->index(row, 0).data(TaskTableModel::StateRole).toInt(),
                int(TaskState::Queued));
        // Ctrl+1 is "All tasks".
        QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
        QVERIFY(m_window->filterModel()->stateFilter().isEmpty());
    }

    void copyAndRemoveSelectedRows()
    {
        start(300ms);
        TaskTableView *view = m_window->taskView();
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
        QVERIFY(lines.at(0).contains(u"\tDemo library\t"_s));

        // Delete asks first; Cancel keeps the tasks.
        QSignalSpy removed(m_monitor->store(), &TaskStore::tasksRemoved);
        answerNextMessageBox(QMessageBox::Cancel);
        QTest::keyClick(view, Qt::Key_Delete);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QCOMPARE(m_monitor->store()->taskCount(), 28);
        focusTable();
        answerNextMessageBox(QMessageBox::Yes);
        QTest::keyClick(view, Qt::Key_Delete);
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(m_monitor->store()->taskCount(), 26);
        QCOMPARE(m_window->filterModel()->rowCount(), 26);
        QVERIFY(!m_monitor->store()->task({m_connection, 1001}));
    }

    void exportsVisibleRows()
    {
        start(300ms);
        QTemporaryDir dir;
        m_window->filterEdit()->setText(u"100"_s); // 1001..1009, and whatever else mentions 100
        const int visible = m_window->filterModel()->rowCount();
        QVERIFY(visible > 0 && visible < 28);
        QString error;
        const QString csv = dir.filePath(u"tasks.csv"_s);
        QVERIFY2(m_window->exportVisibleRows(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> records = file.readAll().split('\n');
        QCOMPARE(records.size() - 2, visible); // header, rows, and the empty tail
        QVERIFY(records.at(0).startsWith("task_id,connection,state"));
        // The demo's library secret never leaves the program.
        QVERIFY(!QFile::exists(dir.filePath(u"tasks.json"_s)));
        QVERIFY2(
            m_window->exportVisibleRows(dir.filePath(u"tasks.json"_s), &error), qPrintable(error));
        QFile json(dir.filePath(u"tasks.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QByteArray content = json.readAll();
        QVERIFY(!content.contains(m_simulator->librarySecret().toUtf8()));
        QVERIFY(content.contains("\"taskId\""));
    }

    void themeSwitchRecolours()
    {
        start(300ms);
        m_window->setTheme(UiSettings::ThemeMode::Light);
        const QModelIndex state = m_window->styledModel()->index(0, TaskTableModel::StateColumn);
        const QColor light = state.data(Qt::ForegroundRole).value<QColor>();
        QSignalSpy changed(m_window->styledModel(), &QAbstractItemModel::dataChanged);
        m_window->setTheme(UiSettings::ThemeMode::Dark);
        QTRY_COMPARE(m_window->stateStyle()->variant(), StateStyle::Variant::Dark);
        QVERIFY(state.data(Qt::ForegroundRole).value<QColor>() != light);
        bool styleAnnounced = false;
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            const QList<int> roles = signal.at(2).value<QList<int>>();
            if (roles == StyledTaskModel::styleRoles())
                styleAnnounced = true;
        }
        QVERIFY(styleAnnounced);
        m_window->setTheme(UiSettings::ThemeMode::Light);
        QTRY_COMPARE(m_window->stateStyle()->variant(), StateStyle::Variant::Light);

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
        start(1000ms, &secrets);
        secrets.write(m_connection, u"secret-held-this-session"_s);

        bool offered = false;
        QString note;
        answerConnectionDialog([&](ConnectionDialog *dialog) {
            offered =
                !dialog->privateFileBox()->isHidden() && !dialog->privateFileBox()->isChecked();
            note = dialog->storageNoteLabel()->text();
            QTest::mouseClick(dialog->privateFileBox(), Qt::LeftButton, {},
                dialog->privateFileBox()->rect().topLeft() + QPoint(6, 6));
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
            shownChecked = dialog->privateFileBox()->isChecked();
            note = dialog->storageNoteLabel()->text();
            dialog->privateFileBox()->setChecked(false);
        });
        m_window->manageConnections(m_connection);
        QVERIFY(shownChecked);
        QVERIFY(note.contains(u"secrets.json"_s));
        QVERIFY(!QFile::exists(secrets.privateFilePath()));
        QCOMPARE(secrets.backend(), SecretStore::Backend::SessionOnly);
    }

    void settingsAreRestored()
    {
        start(300ms);
        m_window->filterEdit()->setText(u"102"_s);
        const QList<TaskState> attention = TaskStates::attentionStates();
        m_window->sidebar()->setStateFilter(QSet<TaskState>(attention.cbegin(), attention.cend()));
        m_window->detailsPane()->parentWidget()->hide();
        m_window->close(); // saves
        cleanup();
        start(300ms);
        QCOMPARE(m_window->filterEdit()->text(), u"102"_s);
        QCOMPARE(m_window->filterModel()->filterText(), u"102"_s);
        QCOMPARE(m_window->filterModel()->stateFilter(),
            QSet<TaskState>(attention.cbegin(), attention.cend()));
        QVERIFY(!m_window->detailsPane()->isVisible());
        // Back to defaults for whoever runs next.
        m_window->filterEdit()->clear();
        m_window->sidebar()->setStateFilter({});
        m_window->detailsPane()->parentWidget()->show();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
