#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "tasks/monitor.h"
#include "tasks/taskstore.h"
#include "ui/clearhistorydialog.h"
#include "ui/copyablefield.h"
#include "ui/historyview.h"
#include "ui/statestyle.h"
#include "ui/taskdetailspane.h"
#include "ui/usagechart.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The History & cleanup view against the simulator: settings read and
// validated before sending, usage charted, the clear guarded by the typed
// library ID, the history-off offer and the countdown after a call.
class TestHistoryView final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    std::unique_ptr<Monitor> m_monitor;
    qint64 m_connection = 0;
    int m_deletes = 0;

    // Answers the next modal ClearHistoryDialog with `act`.
    void onClearDialog(std::function<void(ClearHistoryDialog *)> act)
    {
        QTimer::singleShot(0, this, [act] {
            auto *dialog = qobject_cast<ClearHistoryDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                QTimer::singleShot(50, [act] {
                    act(qobject_cast<ClearHistoryDialog *>(QApplication::activeModalWidget()));
                });
                return;
            }
            act(dialog);
        });
    }

private Q_SLOTS:
    void init()
    {
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setUsage(3LL << 30, 1LL << 30);
        m_simulator->setClearRunMs(200);
        m_monitor = std::make_unique<Monitor>();
        const auto opened = m_monitor->openStore(u":memory:"_s);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        m_monitor->history()->setSampleInterval(100ms);
        const auto connected = DemoSetup::connect(*m_simulator, *m_monitor);
        QVERIFY(connected);
        m_connection = *connected;
        m_deletes = 0;
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this](const HttpRequest &request) {
                if (request.method == "DELETE" && request.target.contains("library-history"))
                    ++m_deletes;
            });
    }

    void cleanup()
    {
        m_monitor.reset();
        m_simulator.reset();
    }

    void settingsAreReadValidatedAndApplied()
    {
        m_simulator->setHistoryState({true, 20, 30, 60});
        HistoryView view(m_monitor.get(), m_connection);
        view.show();
        auto *enabled = view.findChild<QCheckBox *>(u"historyEnabled"_s);
        auto *count = view.findChild<QSpinBox *>(u"historyCount"_s);
        auto *merge = view.findChild<QSpinBox *>(u"historyMergeInterval"_s);
        auto *apply = view.findChild<QPushButton *>(u"applyHistory"_s);
        auto *status = view.findChild<QLabel *>(u"settingsStatus"_s);
        QTRY_VERIFY(apply->isEnabled());
        QVERIFY(enabled->isChecked());
        QCOMPARE(count->value(), 20);
        QCOMPARE(merge->value(), 60);

        // 3 s is in the spin box's range but not SMH's: said, not sent.
        const int writes = m_simulator->historyWrites();
        merge->setValue(3);
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(status->text().contains(u"merge interval"_s, Qt::CaseInsensitive));
        QCOMPARE(m_simulator->historyWrites(), writes);

        merge->setValue(0);
        count->setValue(7);
        QTest::mouseClick(apply, Qt::LeftButton);
        QTRY_COMPARE(m_simulator->historyState().count, 7);
        QCOMPARE(m_simulator->historyState().mergeInterval, 0);
        QTRY_VERIFY(status->text().contains(u"minute"_s));
    }

    void usageIsChartedWhileOpen()
    {
        HistoryView view(m_monitor.get(), m_connection);
        view.show();
        auto *chart = view.findChild<UsageChart *>(u"usageChart"_s);
        auto *usage = view.findChild<QLabel *>(u"usageLabel"_s);
        QTRY_VERIFY(chart->pointCount() >= 2);
        QVERIFY2(usage->text().contains(u"4.0 GiB"_s), qPrintable(usage->text()));
    }

    void clearNeedsTheLibraryIdTypedAndCountsDown()
    {
        HistoryView view(m_monitor.get(), m_connection);
        view.show();
        auto *clear = view.findChild<QPushButton *>(u"clearHistory"_s);
        auto *status = view.findChild<QLabel *>(u"clearStatus"_s);
        QTRY_VERIFY(view.findChild<QPushButton *>(u"applyHistory"_s)->isEnabled());
        QVERIFY(clear->isEnabled());

        // Cancelled: nothing sent.
        bool checked = false;
        onClearDialog([&](ClearHistoryDialog *dialog) {
            auto *confirm = dialog->findChild<QPushButton *>(u"confirmClear"_s);
            auto *id = dialog->findChild<QLineEdit *>(u"confirmLibraryId"_s);
            QVERIFY(!confirm->isEnabled());
            id->setText(u"smhdem"_s);
            QVERIFY(!confirm->isEnabled());
            id->setText(m_simulator->libraryId());
            QVERIFY(confirm->isEnabled());
            checked = true;
            dialog->reject();
        });
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(checked);
        QCOMPARE(m_deletes, 0);

        onClearDialog([&](ClearHistoryDialog *dialog) {
            dialog->findChild<QLineEdit *>(u"confirmLibraryId"_s)
                ->setText(m_simulator->libraryId());
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmClear"_s), Qt::LeftButton);
        });
        QTest::mouseClick(clear, Qt::LeftButton);
        QTRY_COMPARE(m_deletes, 1);
        QTRY_VERIFY(status->text().contains(u"9001"_s));
        // One call a minute: the button counts down.
        QVERIFY(!clear->isEnabled());
        QVERIFY(clear->text().contains(u" s)"_s));
        auto *list = view.findChild<QTableView *>(u"cleanupList"_s);
        QAbstractItemModelTester tester(
            list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(list->model()->rowCount(), 1);
        // The task is in the monitor's table, on the library-level connection.
        const auto tasks = m_monitor->store()->tasks();
        QVERIFY(std::any_of(tasks.cbegin(), tasks.cend(), [](const Task &task) {
            return task.key.taskId == 9001 && task.note.startsWith(u"Clear historical versions"_s);
        }));
    }

    void historyOnOffersToTurnItOff()
    {
        HistorySettings on;
        on.enabled = true;
        on.count = 5;
        on.expireDays = 0;
        ClearHistoryDialog dialog(u"lib"_s, on);
        auto *turnOff = dialog.findChild<QCheckBox *>(u"turnOffHistory"_s);
        auto *restore = dialog.findChild<QCheckBox *>(u"restoreHistory"_s);
        auto *confirm = dialog.findChild<QPushButton *>(u"confirmClear"_s);
        QVERIFY(turnOff && restore);
        dialog.findChild<QLineEdit *>(u"confirmLibraryId"_s)->setText(u"lib"_s);
        QVERIFY(confirm->isEnabled());
        QVERIFY(dialog.options().disableHistoryFirst);
        QVERIFY(dialog.options().restoreAfterwards);
        restore->setChecked(false);
        QVERIFY(!dialog.options().restoreAfterwards);
        // Without turning it off the clear would be refused: not offered.
        turnOff->setChecked(false);
        QVERIFY(!confirm->isEnabled());

        HistorySettings off;
        ClearHistoryDialog plain(u"lib"_s, off);
        QVERIFY(!plain.findChild<QCheckBox *>(u"turnOffHistory"_s));
        QVERIFY(!plain.options().disableHistoryFirst);
    }

    void detailsPaneShowsWhatAClearFreed()
    {
        m_simulator->setUsageLagMs(0);
        StateStyle style;
        TaskDetailsPane pane(m_monitor->store(), &style);
        pane.setHistoryLedger(m_monitor->history()->ledger());
        std::optional<Expected<ClearStarted, ClearRefusal>> started;
        m_monitor->clearHistory(m_connection, {}, this,
            [&](Expected<ClearStarted, ClearRefusal> r) { started.emplace(std::move(r)); });
        QTRY_VERIFY(started.has_value());
        QVERIFY(*started);
        const TaskKey key = (*started)->record.task;
        QCOMPARE(key.connectionId, m_connection);
        QVERIFY(m_monitor->store()->task(key)->libraryLevel);
        QCOMPARE(m_monitor->store()->connections().size(), 1);
        pane.showTask(key);
        QVERIFY(pane.value(TaskDetailsPane::Field::UsageBefore).contains(u"4.0 GiB"_s));
        QTRY_VERIFY(!pane.value(TaskDetailsPane::Field::VersionsDeleted).isEmpty());
        QTRY_VERIFY(pane.value(TaskDetailsPane::Field::SpaceFreed).contains(u"1.0 GiB"_s));
        QVERIFY(pane.value(TaskDetailsPane::Field::UsageAfter).contains(u"3.0 GiB"_s));
        QVERIFY(pane.findChild<CopyableField *>(u"fieldSpaceFreed"_s)->isVisibleTo(&pane));
    }
};

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
