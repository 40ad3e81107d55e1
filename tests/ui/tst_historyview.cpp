#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "history/historyservice.h"
#include "history/usagechartmodel.h"
#include "smh/smhclient.h"
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
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QTabWidget>
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
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message()));
        HistoryService::of(m_monitor.get())->setSampleInterval(100ms);
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

    // The connection is named by its label, in the title and the list.
    void namesTheConnectionByItsLabel()
    {
        HistoryView view(m_monitor.get(), m_connection);
        view.show();
        const QString label = DemoSetup::connection(*m_simulator).label();
        QVERIFY2(view.windowTitle().endsWith(label), qPrintable(view.windowTitle()));
        QCOMPARE(view.findChild<QComboBox *>(u"historyConnection"_s)->currentText(), label);
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
        const auto tasks = m_monitor->tasks().tasks();
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
        TaskDetailsPane pane(&m_monitor->tasks(), &style);
        pane.setHistoryLedger(HistoryService::of(m_monitor.get())->ledger());
        std::optional<ClearResult> started;
        HistoryService::of(m_monitor.get())
            ->clearHistory(
                m_connection, {}, this, [&](ClearResult r) { started.emplace(std::move(r)); });
        QTRY_VERIFY(started.has_value());
        QVERIFY(*started);
        const TaskKey key = (*started)->record.task;
        QCOMPARE(key.connectionId, m_connection);
        QVERIFY(m_monitor->tasks().task(key)->libraryLevel);
        QCOMPARE(m_monitor->tasks().connections().size(), 1);
        pane.showTask(key);
        QVERIFY(pane.value(TaskDetailsPane::Field::UsageBefore).contains(u"4.0 GiB"_s));
        QTRY_VERIFY(!pane.value(TaskDetailsPane::Field::VersionsDeleted).isEmpty());
        QTRY_VERIFY(pane.value(TaskDetailsPane::Field::SpaceFreed).contains(u"1.0 GiB"_s));
        QVERIFY(pane.value(TaskDetailsPane::Field::UsageAfter).contains(u"3.0 GiB"_s));
        QVERIFY(pane.findChild<CopyableField *>(u"fieldSpaceFreed"_s)->isVisibleTo(&pane));
    }

    void fitsA1024By700ScreenWithItsActionsInView()
    {
        QWidget window;
        window.resize(1024, 700);
        HistoryView view(m_monitor.get(), m_connection, &window);
        // What a 1024x700 screen leaves for the client area under a title bar.
        const QSize client(1000, 636);
        QVERIFY2(view.minimumSizeHint().width() <= client.width()
                && view.minimumSizeHint().height() <= client.height(),
            qPrintable(u"%1x%2"_s.arg(view.minimumSizeHint().width())
                           .arg(view.minimumSizeHint().height())));
        view.resize(client);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto inView = [&view](QWidget *widget) {
            const QRect shown(widget->mapTo(&view, QPoint(0, 0)), widget->size());
            return widget->isVisible() && view.rect().contains(shown);
        };
        QVERIFY(inView(view.findChild<QPushButton *>(u"clearHistory"_s)));
        QVERIFY(inView(view.findChild<QPushButton *>(u"applyHistory"_s)));
        auto *tabs = view.findChild<QTabWidget *>(u"historyTabs"_s);
        tabs->setCurrentIndex(1);
        auto *chart = view.findChild<UsageChart *>(u"usageChart"_s);
        QTRY_VERIFY(inView(chart));
        QVERIFY(chart->height() >= chart->minimumHeight());
        tabs->setCurrentIndex(2);
        QTRY_VERIFY(inView(view.findChild<QTableView *>(u"cleanupList"_s)));
        QVERIFY(view.findChild<QTableView *>(u"cleanupList"_s)->height() >= 120);
    }

    void opensNoLargerThanItsScreen()
    {
        HistoryView view(m_monitor.get(), m_connection);
        const QSize available = view.screen()->availableGeometry().size();
        QVERIFY(view.width() <= available.width());
        QVERIFY(view.height() <= available.height());
    }

    void errorTextIsReadableInLightAndDark_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void errorTextIsReadableInLightAndDark()
    {
        QFETCH(bool, dark);
        // A token without the admin grant: reading the settings is refused.
        Connection plain = DemoSetup::connection(*m_simulator);
        plain.authKind = AuthKind::AccessToken;
        plain.settings.userId = u"plain"_s;
        const qint64 id = m_monitor->addConnection(plain).valueOr(0);
        m_monitor->setAccessToken(id, m_simulator->staticToken());
        HistoryView view(m_monitor.get(), id);
        QPalette palette = view.palette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            palette.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
            palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            palette.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        } else {
            palette.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
            palette.setColor(QPalette::WindowText, Qt::black);
            palette.setColor(QPalette::Base, Qt::white);
            palette.setColor(QPalette::Text, Qt::black);
        }
        view.setPalette(palette);
        view.show();
        auto *status = view.findChild<QLabel *>(u"settingsStatus"_s);
        QTRY_VERIFY(status->text().contains(u"NoPermission"_s));
        const QColor text = status->palette().color(QPalette::WindowText);
        const QColor background = status->palette().color(QPalette::Window);
        const double ratio = StateStyle::contrast(text, background);
        QVERIFY2(ratio >= 4.5, qPrintable(QString::number(ratio)));
        // An error looks like one: not the ordinary text colour.
        QVERIFY(text != palette.color(QPalette::WindowText));
    }

    void errorsNameTheLibraryNotAUrl()
    {
        m_monitor->setTotalTimeout(300ms);
        m_simulator->setStall(
            [](const HttpRequest &request) {
                return request.method == "GET" && request.target.contains("library-history");
            },
            3s);
        HistoryView view(m_monitor.get(), m_connection);
        view.show();
        auto *status = view.findChild<QLabel *>(u"settingsStatus"_s);
        QTRY_VERIFY(status->text().contains(u"Timeout"_s, Qt::CaseInsensitive)
            || status->text().contains(u"within"_s));
        QVERIFY2(!status->text().contains(u"http"_s), qPrintable(status->text()));
        QVERIFY2(status->text().contains(m_simulator->libraryId()), qPrintable(status->text()));
        // Meanwhile the fields were never offered as facts.
        QVERIFY(!view.findChild<QCheckBox *>(u"historyEnabled"_s)->isEnabled());
        QVERIFY(!view.findChild<QPushButton *>(u"applyHistory"_s)->isEnabled());
    }

    void anEmptyChartSaysSo()
    {
        HistoryLedger *ledger = HistoryService::of(m_monitor.get())->ledger();
        UsageChartModel model(ledger);
        UsageChart chart(&model);
        QCOMPARE(chart.chart()->title(), u"No usage samples yet"_s);
        const LibraryKey library = LibraryKey::of(DemoSetup::connection(*m_simulator).settings);
        QVERIFY(ledger->addSample(library, {QDateTime::currentDateTimeUtc(), 3LL << 30, {}}));
        model.setLibrary(library);
        QTRY_COMPARE(chart.pointCount(), 1);
        QVERIFY(chart.chart()->title().isEmpty());
        QCOMPARE(chart.chart()->legend()->markerShape(), QLegend::MarkerShapeFromSeries);
    }

    void noConnectionIsSaidNotAnError()
    {
        Monitor empty;
        QVERIFY(empty.openStore(u":memory:"_s));
        HistoryView view(&empty, 0);
        view.show();
        auto *status = view.findChild<QLabel *>(u"clearStatus"_s);
        QVERIFY2(status->text().contains(u"no connection yet"_s, Qt::CaseInsensitive),
            qPrintable(status->text()));
        QVERIFY(!view.findChild<QPushButton *>(u"clearHistory"_s)->isEnabled());
        QTest::qWait(100);
        QVERIFY(!view.findChild<QLabel *>(u"settingsStatus"_s)->text().contains(u"no such"_s));
    }

    void historyLeftOffIsShownAndTurnedBackOn()
    {
        m_simulator->setHistoryState({true, 20, 30, 60});
        HttpResponse dropped;
        dropped.dropConnection = true;
        m_simulator->failNextHistoryCall(SmhSimulator::HistoryCall::Clear, dropped, true);
        HistoryView view(m_monitor.get(), m_connection);
        view.show();
        auto *banner = view.findChild<QLabel *>(u"historyLeftOff"_s);
        auto *back = view.findChild<QPushButton *>(u"turnHistoryBackOn"_s);
        QVERIFY(!banner->isVisible());
        std::optional<ClearResult> result;
        HistoryService::of(m_monitor.get())
            ->clearHistory(m_connection, {true, true}, this,
                [&result](const ClearResult &r) { result.emplace(r); });
        QTRY_VERIFY(result.has_value());
        QVERIFY(!*result);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(u"unknown"_s));
        QVERIFY(back->isVisible());
        QVERIFY(!m_simulator->historyState().enabled);
        auto *status = view.findChild<QLabel *>(u"clearStatus"_s);
        QVERIFY2(!status->text().contains(u"http"_s), qPrintable(status->text()));
        QTest::mouseClick(back, Qt::LeftButton);
        QTRY_VERIFY(m_simulator->historyState().enabled);
        QTRY_VERIFY(!banner->isVisible());
        QCOMPARE(m_simulator->historyState().count, 20);
    }

    void closingTheViewDuringAClearKeepsIt()
    {
        auto *view = new HistoryView(m_monitor.get(), m_connection);
        view->show();
        QTRY_VERIFY(view->findChild<QPushButton *>(u"applyHistory"_s)->isEnabled());
        onClearDialog([&](ClearHistoryDialog *dialog) {
            dialog->findChild<QLineEdit *>(u"confirmLibraryId"_s)
                ->setText(m_simulator->libraryId());
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmClear"_s), Qt::LeftButton);
        });
        QTest::mouseClick(view->findChild<QPushButton *>(u"clearHistory"_s), Qt::LeftButton);
        view->close(); // WA_DeleteOnClose: gone before any answer
        QTRY_COMPARE(m_deletes, 1);
        const LibraryKey library = LibraryKey::of(DemoSetup::connection(*m_simulator).settings);
        QTRY_VERIFY(!HistoryService::of(m_monitor.get())->ledger()->cleanups(library).isEmpty()
            && HistoryService::of(m_monitor.get())
                    ->ledger()
                    ->cleanups(library)
                    .constFirst()
                    .task.taskId
                != 0);
        const auto record =
            HistoryService::of(m_monitor.get())->ledger()->cleanups(library).constFirst();
        QVERIFY(m_monitor->tasks().task(record.task));
        QTRY_VERIFY(!HistoryService::of(m_monitor.get())->isClearing(library));
    }

    void settingsPutBackAfterAClearAreShown()
    {
        m_simulator->setHistoryState({true, 20, 30, 60});
        HistoryView view(m_monitor.get(), m_connection);
        view.show();
        auto *status = view.findChild<QLabel *>(u"settingsStatus"_s);
        QTRY_VERIFY(status->text().contains(u"is on"_s));
        std::optional<ClearResult> result;
        HistoryService::of(m_monitor.get())
            ->clearHistory(m_connection, {true, true}, this,
                [&result](const ClearResult &r) { result.emplace(r); });
        QTRY_VERIFY(result.has_value());
        QVERIFY(*result);
        QTRY_VERIFY(status->text().contains(u"is off"_s));
        // The task ends, the settings go back, and the view says what SMH says now.
        QTRY_VERIFY_WITH_TIMEOUT(m_simulator->historyState().enabled, 15'000);
        QTRY_VERIFY(status->text().contains(u"is on"_s));
        QVERIFY(view.findChild<QCheckBox *>(u"historyEnabled"_s)->isChecked());
    }
};

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
