#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "history/campaign.h"
#include "history/campaignmodel.h"
#include "history/historyservice.h"
#include "smh/secretstore.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "testledger.h"
#include "ui/campaigndialog.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
// Each library's settings are read with an admin token of its own (mint,
// read, delete), and a clear goes through several requests: on a loaded CI
// machine that takes longer than QTRY's default 5 s.
constexpr int busyMachineMs = 30'000;
} // namespace

// The campaign dialog against the simulator's fleet: it lists each library
// with its settings and usage, starts only once the number of libraries is
// typed (a wrong number sends nothing), runs with the keyboard alone, shows
// the progress with Cancel, and fits a 1024x700 screen.
class TestCampaignDialog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    std::unique_ptr<Monitor> m_monitor;
    QList<qint64> m_ids;
    int m_destructive = 0; // DELETEs and settings writes received
    qint64 m_nowMs = 0;

    CampaignDialog *openDialog()
    {
        auto *dialog = CampaignDialog::open(m_monitor.get(), m_ids, nullptr);
        return dialog;
    }

private Q_SLOTS:
    void initTestCase() { SMH_REQUIRE_BACKEND(); }

    void init()
    {
        m_nowMs = 1'000'000;
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        m_monitor = std::make_unique<Monitor>();
        // In memory, or (the PostgreSQL run) a new database of the test cluster.
        const QString ledger = TestLedger::scratch(QString::fromUtf8(QTest::currentTestFunction()));
        QVERIFY(!ledger.isEmpty());
        QVERIFY(m_monitor->openStore(ledger));
        PollPlanner::Options fast;
        fast.baseInterval = 50ms;
        fast.maxInterval = 100ms;
        m_monitor->setPollOptions(fast);
        const auto first = DemoSetup::connect(*m_simulator, *m_monitor);
        QVERIFY(first);
        m_simulator->setHistoryState({true, 20, 30, 60});
        m_ids = {*first};
        for (const QString &library : m_simulator->seedDemoFleet()) {
            const auto id =
                m_monitor->addConnection(DemoSetup::fleetConnection(*m_simulator, library));
            QVERIFY(id);
            m_monitor->setLibrarySecret(*id, m_simulator->librarySecret(library));
            m_ids << *id;
        }
        m_destructive = 0;
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this](const HttpRequest &request) {
                if (request.target.contains("library-history")
                    && (request.method == "DELETE" || request.method == "POST"))
                    ++m_destructive;
            });
    }

    void cleanup()
    {
        const auto dialogs = QApplication::topLevelWidgets();
        for (QWidget *widget : dialogs) {
            if (qobject_cast<CampaignDialog *>(widget))
                delete widget;
        }
        m_monitor.reset();
        m_simulator.reset();
    }

    void listsEachLibraryWithItsSettings()
    {
        CampaignDialog *dialog = openDialog();
        auto *plan = dialog->findChild<QTableWidget *>(u"campaignPlan"_s);
        QCOMPARE(plan->rowCount(), 4);
        QCOMPARE(plan->item(1, 1)->text(), u"smhdemo-media"_s);
        // Read with each library's admin token: on, off, refused.
        QTRY_VERIFY_WITH_TIMEOUT(plan->item(0, 2)->text().startsWith(u"On"_s), busyMachineMs);
        QVERIFY(plan->item(0, 2)->text().contains(u"20"_s));
        QTRY_COMPARE_WITH_TIMEOUT(plan->item(1, 2)->text(), u"Off"_s, busyMachineMs);
        QTRY_VERIFY_WITH_TIMEOUT(plan->item(2, 2)->text().contains(u"admin"_s), busyMachineMs);
        QTRY_VERIFY_WITH_TIMEOUT(plan->item(3, 3)->text().contains(u"MiB"_s), busyMachineMs);
        QCOMPARE(plan->item(0, 4)->text(), u"now"_s);
        QCOMPARE(m_destructive, 0);
    }

    void aWrongCountSendsNothing()
    {
        CampaignDialog *dialog = openDialog();
        auto *confirm = dialog->findChild<QLineEdit *>(u"confirmCount"_s);
        auto *start = dialog->findChild<QPushButton *>(u"startCampaign"_s);
        QVERIFY(!start->isEnabled());
        QTest::keyClicks(confirm, u"3"_s);
        QVERIFY(!start->isEnabled());
        QTest::keyClick(confirm, Qt::Key_Return); // the default button is Cancel
        QVERIFY(Campaigns::of(HistoryService::of(m_monitor.get()))->list().isEmpty());
        // Unticking a library changes the number to type.
        auto *plan = dialog->findChild<QTableWidget *>(u"campaignPlan"_s);
        plan->item(2, 0)->setCheckState(Qt::Unchecked);
        QVERIFY(start->isEnabled());
        QVERIFY(start->text().contains(u"3"_s));
        plan->item(3, 0)->setCheckState(Qt::Unchecked);
        QVERIFY(!start->isEnabled());
        start->click(); // disabled: nothing happens
        QCOMPARE(m_destructive, 0);
        QVERIFY(Campaigns::of(HistoryService::of(m_monitor.get()))->list().isEmpty());
    }

    void keyboardAloneStartsAndCancels()
    {
        CampaignDialog *dialog = openDialog();
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        auto *confirm = dialog->findChild<QLineEdit *>(u"confirmCount"_s);
        QCOMPARE(QApplication::focusWidget(), confirm);
        // One at a time, so that Cancel comes while libraries still wait.
        auto *parallel = dialog->findChild<QSpinBox *>(u"parallel"_s);
        parallel->setFocus();
        QTest::keyClick(parallel, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(parallel, u"1"_s);
        QCOMPARE(parallel->value(), 1);
        confirm->setFocus();
        QTest::keyClicks(confirm, u"4"_s);
        auto *start = dialog->findChild<QPushButton *>(u"startCampaign"_s);
        QVERIFY(start->isEnabled());
        // Tab reaches the start button; Space presses it.
        for (int i = 0; i < 10 && QApplication::focusWidget() != start; ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), start);
        QTest::keyClick(start, Qt::Key_Space);
        Campaign *campaign = dialog->campaign();
        QVERIFY(campaign);
        QCOMPARE(campaign->plan().parallel, 1);
        QVERIFY(campaign->plan().options.disableHistoryFirst);
        QVERIFY(campaign->plan().options.restoreAfterwards);
        auto *progress = dialog->findChild<QTableView *>(u"campaignProgress"_s);
        QAbstractItemModelTester tester(
            progress->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(progress->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(m_destructive >= 1, busyMachineMs);
        auto *cancel = dialog->findChild<QPushButton *>(u"cancelCampaign"_s);
        QVERIFY(cancel->isEnabled());
        cancel->setFocus();
        QTest::keyClick(cancel, Qt::Key_Space);
        QCOMPARE(campaign->state(), CampaignSummary::State::Cancelling);
        QVERIFY(!cancel->isEnabled());
        // The simulator's clock runs on from here: a DELETE that left just
        // before Cancel may reach it only now, and its task must still end.
        QTimer clock;
        connect(&clock, &QTimer::timeout, this, [this] { m_nowMs += 1'000; });
        clock.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(campaign->isOver(), busyMachineMs);
        clock.stop();
        QCOMPARE(campaign->state(), CampaignSummary::State::Cancelled);
        QCOMPARE(progress->model()->rowCount(), 4);
        QCOMPARE(progress->model()->index(3, CampaignModel::OutcomeColumn).data().toString(),
            u"Cancelled"_s);
        QVERIFY(!progress->model()
                     ->index(3, CampaignModel::OutcomeColumn)
                     .data(Qt::DecorationRole)
                     .isNull());
        auto *summary = dialog->findChild<QLabel *>(u"campaignSummary"_s);
        QVERIFY(summary->text().startsWith(u"Cancelled"_s));
    }

    // Closing the window while a campaign runs asks first; Keep Running (the
    // default, and Escape) keeps the window, Quit Anyway closes it. Once the
    // campaign is over the window closes without a question.
    void closingMidCampaignAsksFirst()
    {
        SecretStore secrets;
        secrets.setKeychainEnabled(false);
        secrets.setPrivateFilePath({});
        MainWindow window(m_monitor.get(), &secrets);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CampaignPlan plan;
        plan.connectionIds = {m_ids.at(0), m_ids.at(1)};
        plan.parallel = 1;
        const Expected<Campaign *> started =
            Campaigns::of(HistoryService::of(m_monitor.get()))->start(plan);
        QVERIFY(started);
        Campaign *campaign = *started;

        QString asked;
        auto answer = [&asked](const QString &button) {
            QTimer::singleShot(50, qApp, [&asked, button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                if (!box)
                    return;
                asked = box->text();
                if (button.isEmpty())
                    QTest::keyClick(box, Qt::Key_Escape);
                else
                    box->findChild<QPushButton *>(button)->click();
            });
        };
        answer({});
        QVERIFY(!window.close());
        QVERIFY2(asked.contains(u"2 librar"_s), qPrintable(asked)); // no catalogue: "library(s)"
        QVERIFY(window.isVisible());
        QVERIFY(!campaign->isOver());

        asked.clear();
        answer(u"keepRunning"_s);
        QVERIFY(!window.close());
        QVERIFY(!asked.isEmpty());

        asked.clear();
        answer(u"quitAnyway"_s);
        QVERIFY(window.close());
        QVERIFY(!asked.isEmpty());

        // Over: nothing to ask.
        window.show();
        campaign->cancel();
        QTimer clock;
        connect(&clock, &QTimer::timeout, this, [this] { m_nowMs += 1'000; });
        clock.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(campaign->isOver(), busyMachineMs);
        clock.stop();
        asked.clear();
        answer(u"quitAnyway"_s); // a question would be answered, and noticed
        QVERIFY(window.close());
        QTest::qWait(100);
        QVERIFY(asked.isEmpty());
    }

    void fitsA1024By700ScreenWithItsActionsInView()
    {
        QWidget window;
        window.resize(1024, 700);
        CampaignDialog *dialog = CampaignDialog::open(m_monitor.get(), m_ids, &window);
        const QSize client(1000, 636);
        QVERIFY2(dialog->minimumSizeHint().width() <= client.width()
                && dialog->minimumSizeHint().height() <= client.height(),
            qPrintable(u"%1x%2"_s.arg(dialog->minimumSizeHint().width())
                           .arg(dialog->minimumSizeHint().height())));
        dialog->resize(client);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto inView = [dialog](QWidget *widget) {
            const QRect shown(widget->mapTo(dialog, QPoint(0, 0)), widget->size());
            return widget->isVisible() && dialog->rect().contains(shown);
        };
        QVERIFY(inView(dialog->findChild<QPushButton *>(u"startCampaign"_s)));
        QVERIFY(inView(dialog->findChild<QLineEdit *>(u"confirmCount"_s)));
        QVERIFY(inView(dialog->findChild<QSpinBox *>(u"parallel"_s)));
        QVERIFY(dialog->findChild<QTableWidget *>(u"campaignPlan"_s)->height() >= 120);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"confirmCount"_s), u"4"_s);
        dialog->findChild<QPushButton *>(u"startCampaign"_s)->click();
        QVERIFY(dialog->campaign());
        QTRY_VERIFY_WITH_TIMEOUT(
            inView(dialog->findChild<QPushButton *>(u"cancelCampaign"_s)), busyMachineMs);
        QVERIFY(inView(dialog->findChild<QTableView *>(u"campaignProgress"_s)));
        dialog->campaign()->cancel();
    }
};

QTEST_MAIN(TestCampaignDialog)
#include "tst_campaigndialog.moc"
