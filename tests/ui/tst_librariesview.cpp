#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "demowindow.h"
#include "history/librariesmodel.h"
#include "tasks/monitor.h"
#include "ui/campaigndialog.h"
#include "ui/librariesview.h"
#include "ui/libraryfiltermodel.h"
#include "ui/mainwindow.h"
#include "verifyexpected.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The Libraries view in the window on the demo fleet: reached with the
// keyboard (View > Libraries, Tab, F5, Find), fitting a 1024x700 screen with
// its actions in view, sorted and filtered like the task table.
class TestLibrariesView final : public QObject
{
    Q_OBJECT

private:
    DemoWindow m_demo;
    MainWindow *m_window = nullptr;
    int m_requests = 0;

    [[nodiscard]] bool start()
    {
        DemoWindow::Options options;
        options.interval = 60s;
        options.size = QSize(1024, 700);
        if (!m_demo.start(options))
            return false;
        m_window = m_demo.window();
        SmhSimulator *simulator = m_demo.simulator();
        simulator->seedDemoHistory(); // as --demo: history on in the first library
        for (const QString &library : simulator->seedDemoFleet()) {
            const auto id =
                m_demo.monitor()->addConnection(DemoSetup::fleetConnection(*simulator, library));
            if (!id)
                return false;
            m_demo.monitor()->setLibrarySecret(*id, simulator->librarySecret(library));
        }
        m_requests = 0;
        connect(&simulator->server(), &HttpServer::requestReceived, this, [this] { ++m_requests; });
        return QTest::qWaitForWindowActive(m_window);
    }

    template<typename T>
    T *part(const QString &name) const
    {
        return m_window->findChild<T *>(name);
    }

    LibrariesView *view() const { return part<LibrariesView>(u"librariesView"_s); }
    QTableView *table() const { return part<QTableView>(u"librariesTable"_s); }

    static QString column(const QTableView *table, int column)
    {
        QStringList cells;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            cells << table->model()->index(row, column).data().toString();
        return cells.join(u'|');
    }

private Q_SLOTS:
    void cleanup() { m_demo.stop(); }

    void reachedAndWorkedWithTheKeyboard()
    {
        QVERIFY(start());
        QAbstractItemModelTester tester(
            table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *pages = part<QTabWidget>(u"mainPages"_s);
        QVERIFY(pages->currentWidget() != view());
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(pages->currentWidget(), view());
        QTRY_VERIFY(table()->hasFocus());
        QCOMPARE(table()->model()->rowCount(), 4);

        // Find goes to the view's own filter, not the task table's.
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        auto *filter = part<QLineEdit>(u"librariesFilter"_s);
        QVERIFY(filter->hasFocus());
        QTest::keyClicks(filter, u"media"_s);
        QCOMPARE(table()->model()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Escape); // empties it
        QCOMPARE(table()->model()->rowCount(), 4);

        // Tab walks the filter, the group, the table and every button (the
        // campaign's once a library is selected).
        table()->selectRow(0);
        QStringList reached;
        QWidget *focus = filter;
        filter->setFocus(Qt::TabFocusReason);
        for (int i = 0; i < 5; ++i) {
            QTest::keyClick(focus, Qt::Key_Tab);
            focus = QApplication::focusWidget();
            QVERIFY(focus);
            reached << focus->objectName();
        }
        QCOMPARE(reached,
            QStringList({u"librariesShow"_s, u"librariesTable"_s, u"refreshLibraries"_s,
                u"openLibraryHistory"_s, u"cleanUpSelectedLibraries"_s}));

        // F5 reads the libraries now (the background reads wait their turn).
        auto *model = view()->model();
        LibrariesModel::Budget budget = model->budget();
        budget.spacing = 20ms;
        budget.freshFor = 0ms;
        model->setBudget(budget);
        model->setBackgroundRefresh(false);
        QTRY_VERIFY_WITH_TIMEOUT(model->isIdle(), 20'000);
        m_requests = 0;
        table()->setFocus();
        table()->clearSelection();
        QTest::keyClick(table(), Qt::Key_F5);
        QVERIFY(!model->isIdle());
        QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && m_requests > 0, 20'000);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->state(row) != LibrariesModel::ReadState::NeverRead);

        // Selecting with the keyboard enables the campaign's action.
        auto *cleanUp = part<QPushButton>(u"cleanUpSelectedLibraries"_s);
        table()->clearSelection();
        QVERIFY(!cleanUp->isEnabled());
        QTest::keyClick(table(), Qt::Key_Home);
        QTest::keyClick(table(), Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(view()->selectedConnections().size(), 2);
        QVERIFY(cleanUp->isEnabled());
        // ... which opens the guarded campaign for exactly those libraries.
        cleanUp->setFocus(Qt::TabFocusReason);
        QTest::keyClick(cleanUp, Qt::Key_Space);
        auto *dialog = part<CampaignDialog>(u"campaignDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->chosenConnections(), view()->selectedConnections());
        QVERIFY(!dialog->campaign()); // nothing starts before the count is typed
        dialog->close();
        QTRY_VERIFY(!part<CampaignDialog>(u"campaignDialog"_s));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));

        // Back to the tasks: F5 polls again, the docks are back.
        QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
        QVERIFY(pages->currentWidget() != view());
        QCOMPARE(part<QAction>(u"pollNowAction"_s)->shortcut(), QKeySequence(Qt::Key_F5));
        QVERIFY(part<QWidget>(u"detailsPane"_s)->isVisible());
    }

    void fitsA1024By700ScreenWithItsActionsInView()
    {
        QVERIFY(start());
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(m_window->size(), QSize(1024, 700));
        auto inWindow = [this](QWidget *widget) {
            const QRect shown(widget->mapTo(m_window, QPoint(0, 0)), widget->size());
            return widget->isVisible() && m_window->rect().contains(shown);
        };
        for (const QString &name : {u"refreshLibraries"_s, u"openLibraryHistory"_s,
                 u"cleanUpSelectedLibraries"_s, u"librariesFilter"_s, u"librariesShow"_s})
            QTRY_VERIFY2(inWindow(part<QWidget>(name)), qPrintable(name));
        QVERIFY(inWindow(table()));
        QVERIFY(table()->height() >= 200);
        // Once read, every column is in view and the names stay readable.
        auto *model = view()->model();
        LibrariesModel::Budget budget = model->budget();
        budget.spacing = 20ms;
        model->setBudget(budget);
        view()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(model->isIdle(), 20'000);
        QTRY_COMPARE(table()->horizontalScrollBar()->maximum(), 0);
        QVERIFY(table()->columnWidth(LibrariesModel::LibraryColumn)
            >= table()->fontMetrics().averageCharWidth() * 20);
    }

    void sortsOnRawValuesAndFiltersByGroup()
    {
        QVERIFY(start());
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        auto *model = view()->model();
        LibrariesModel::Budget budget = model->budget();
        budget.spacing = 20ms;
        model->setBudget(budget);
        view()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->readsInFlight() == 0, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            column(table(), LibrariesModel::StatusColumn).count(u"Read "_s) == 3, 20'000);

        // Usage by bytes, not by text: 972.8 MiB < 52.0 GiB < 251.0 GiB; the
        // library that could not be read sinks to the end either way.
        table()->sortByColumn(LibrariesModel::UsageColumn, Qt::AscendingOrder);
        const QStringList ascending = column(table(), LibrariesModel::LibraryColumn).split(u'|');
        QCOMPARE(ascending.constLast(), u"Demo library smhdemo-archive"_s);
        QCOMPARE(ascending.constFirst(), u"Demo library smhdemo-team"_s);
        QCOMPARE(ascending.at(2), u"Demo library smhdemo-media"_s);
        table()->sortByColumn(LibrariesModel::UsageColumn, Qt::DescendingOrder);
        const QStringList descending = column(table(), LibrariesModel::LibraryColumn).split(u'|');
        QCOMPARE(descending.constFirst(), u"Demo library smhdemo-media"_s);
        QCOMPARE(descending.constLast(), u"Demo library smhdemo-archive"_s);

        auto *show = part<QComboBox>(u"librariesShow"_s);
        show->setCurrentIndex(show->findData(int(LibraryFilterModel::Show::HistoryOff)));
        QCOMPARE(column(table(), LibrariesModel::LibraryColumn), u"Demo library smhdemo-media"_s);
        show->setCurrentIndex(show->findData(int(LibraryFilterModel::Show::NeedsAttention)));
        QCOMPARE(column(table(), LibrariesModel::LibraryColumn), u"Demo library smhdemo-archive"_s);
        show->setCurrentIndex(show->findData(int(LibraryFilterModel::Show::HistoryOn)));
        QCOMPARE(table()->model()->rowCount(), 2); // the first library and the team's
        // The status says it in colour, icon and words.
        show->setCurrentIndex(show->findData(int(LibraryFilterModel::Show::NeedsAttention)));
        const QModelIndex status = table()->model()->index(0, LibrariesModel::StatusColumn);
        QCOMPARE(status.data().toString(), u"Not an admin token"_s);
        QVERIFY(status.data(Qt::ForegroundRole).isValid());
        QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
    }
};

QTEST_MAIN(TestLibrariesView)
#include "tst_librariesview.moc"
