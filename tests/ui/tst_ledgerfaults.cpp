// The window and a team ledger that goes away: unreachable at start (the
// window says so, tries again and loads the tasks once it answers), lost
// mid-run (the status bar says since when, what changes the ledger waits,
// nothing is lost), and the faults that are refused rather than waited for.
// Against the real throwaway PostgreSQL cluster, cut and restored through a
// TCP proxy in front of it.

#include "demowindow.h"
#include "tcpproxy.h"
#include "testledger.h"
#include "verifyexpected.h"

#include "tasks/ledgerping.h"
#include "tasks/ledgersql.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/elidedlabel.h"
#include "ui/ledgerwaitwindow.h"
#include "ui/mainwindow.h"
#include "ui/statestyle.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <chrono>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

Connection sampleConnection()
{
    Connection connection;
    connection.name = u"Team library"_s;
    connection.settings.endpoint = QUrl(u"https://smh.example.com"_s);
    connection.settings.libraryId = u"lib-1"_s;
    connection.settings.spaceId = u"space-1"_s;
    return connection;
}

} // namespace

class TestLedgerFaults final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TcpProxy> m_proxy;

    // The URL of `ledger`, through a proxy in `mode` in front of the cluster.
    // libpq finds the cluster's password for the proxy's port too.
    QString throughProxy(const QString &ledger, TcpProxy::Mode mode)
    {
        const QUrl direct(ledger);
        m_proxy = std::make_unique<TcpProxy>(quint16(direct.port()), mode);
        if (m_proxy->port() == 0)
            return {};
        QUrl url = direct;
        url.setPort(m_proxy->port());
        return url.toString();
    }

    // The cluster's password file, for any port of 127.0.0.1 (the proxy's).
    bool passwordForEveryPort()
    {
        if (qEnvironmentVariableIsSet("SMH_TEST_POSTGRES_URL"))
            return true; // a server of one's own: its password comes from PGPASSWORD
        QFile cluster(QDir(qEnvironmentVariable("SMH_TEST_POSTGRES_DIR")).filePath(u"pgpass"_s));
        if (!cluster.open(QIODevice::ReadOnly))
            return false;
        const QList<QByteArray> fields = cluster.readLine().trimmed().split(':');
        if (fields.size() != 5)
            return false;
        const QString path = m_dir.filePath(u"pgpass"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(fields.at(0) + ":*:*:" + fields.at(3) + ':' + fields.at(4) + '\n');
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        qputenv("PGPASSFILE", path.toLocal8Bit());
        return true;
    }

    static QString teamLedgerName(const QString &url)
    {
        const QUrl parsed(url);
        return u"127.0.0.1:%1%2"_s.arg(parsed.port()).arg(parsed.path());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!TestLedger::isPostgres())
            return;
        SMH_REQUIRE_BACKEND();
        QVERIFY(passwordForEveryPort());
    }

    void cleanup() { m_proxy.reset(); }

    // Every wait has a bound: 2 s, doubling, never beyond 30 s.
    void theBackOffIsBounded()
    {
        QCOMPARE(LedgerRetry::delayAfter(1), 2s);
        QCOMPARE(LedgerRetry::delayAfter(2), 4s);
        QCOMPARE(LedgerRetry::delayAfter(3), 8s);
        QCOMPARE(LedgerRetry::delayAfter(5), 30s);
        QCOMPARE(LedgerRetry::delayAfter(1000), 30s);
        for (int failures = 1; failures < 40; ++failures)
            QVERIFY(LedgerRetry::delayAfter(failures) <= LedgerRetry::delayAfter(failures + 1));
    }

    // A file ledger that cannot be opened is no passing fault: refused at
    // once with what the store said, never waited for.
    void aNewerSqliteLedgerIsStillRefused()
    {
        const QString file = m_dir.filePath(u"newer.sqlite"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(file));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"PRAGMA user_version = 99"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
        TaskStore store;
        const Expected<void> opened = store.open(file);
        QVERIFY(!opened);

        LedgerWaitWindow wait(file);
        QVERIFY(!LedgerWaitWindow::waitsFor(file));
        QSignalSpy refused(&wait, &LedgerWaitWindow::refused);
        QSignalSpy reachable(&wait, &LedgerWaitWindow::reachable);
        wait.check(opened.error().message());
        QCOMPARE(refused.count(), 1);
        QVERIFY2(refused.at(0).at(0).toString().contains(u"newer version"_s),
            qPrintable(refused.at(0).at(0).toString()));
        QCOMPARE(reachable.count(), 0);
        QVERIFY(!wait.isVisible());
    }

    // Started while the server cannot be reached: the window opens and says
    // so plainly, tries again (also when asked), and once the server answers
    // the start goes on and the ledger's tasks load as on any start.
    void aWindowStartedWhileUnreachableLoadsOnceReachable()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to reach");
        const QString direct = TestLedger::fresh(m_dir, u"atstart"_s);
        QVERIFY(!direct.isEmpty());
        qint64 connection = 0;
        {
            TaskStore store;
            SMH_VERIFY(store.open(direct));
            connection = store.addConnection(sampleConnection()).value();
            QList<qint64> ids;
            for (qint64 id = 1; id <= 1200; ++id)
                ids << id;
            QCOMPARE(
                store.addTasks(connection, ids, u"team"_s, QDateTime::currentDateTimeUtc())->size(),
                1200);
        }
        const QString url = throughProxy(direct, TcpProxy::Mode::Refuse);
        QVERIFY(!url.isEmpty());

        LedgerWaitWindow wait(url);
        QSignalSpy reachable(&wait, &LedgerWaitWindow::reachable);
        QSignalSpy refused(&wait, &LedgerWaitWindow::refused);
        wait.check(std::nullopt);
        QTRY_VERIFY(wait.isVisible());
        const QString said = wait.text();
        QVERIFY2(said.startsWith(
                     u"The team ledger at %1 cannot be reached: "_s.arg(teamLedgerName(url))),
            qPrintable(said));
        QVERIFY2(said.contains(u"Retrying in"_s), qPrintable(said));
        QVERIFY(!said.contains(u"\n"_s));
        auto *retryNow = wait.findChild<QPushButton *>(u"retryNow"_s);
        QVERIFY(retryNow && retryNow->isEnabled());
        // Whole on a 1024x700 screen, its sentence wrapped rather than cut.
        QVERIFY(wait.frameGeometry().width() <= 1024 && wait.frameGeometry().height() <= 700);
        auto *sentence = wait.findChild<QLabel *>(u"ledgerWaitText"_s);
        QVERIFY(sentence->isVisible());
        QVERIFY(sentence->heightForWidth(sentence->width()) <= sentence->height());
        QVERIFY(retryNow->isVisible());
        QVERIFY(wait.rect().contains(retryNow->geometry()));
        // Retry Now tries at once, whatever the back-off says.
        const int before = m_proxy->refused();
        QTRY_VERIFY(retryNow->isEnabled());
        retryNow->click();
        QTRY_VERIFY(m_proxy->refused() > before);
        QTRY_VERIFY(wait.text().contains(u"Retrying in"_s));
        QCOMPARE(reachable.count(), 0);
        QCOMPARE(refused.count(), 0);

        // The server comes back: the next try (at most the back-off away)
        // finds it, the wait ends, and the start goes on.
        m_proxy->setMode(TcpProxy::Mode::Forward);
        QTRY_COMPARE_WITH_TIMEOUT(reachable.count(), 1, 15'000);
        QCOMPARE(refused.count(), 0);
        QVERIFY(!wait.isVisible());

        DemoWindow::Options options;
        options.connect = false;
        options.ledger = url;
        options.size = QSize(1024, 700);
        DemoWindow window;
        SMH_VERIFY(window.start(options));
        QTRY_COMPARE(window.taskModel()->rowCount(), 1200);
        QCOMPARE(window.monitor()->tasks().task({connection, 7})->note, u"team"_s);
    }

    // A server that takes the connection and never answers: the attempt is
    // made off the GUI thread, so the window says what it is doing while
    // libpq waits, and the wait ends at the connect deadline.
    void aServerThatNeverAnswersDoesNotHoldTheWindow()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to reach");
        const QString url = throughProxy(TestLedger::fresh(m_dir, u"hang"_s), TcpProxy::Mode::Hold);
        QVERIFY(!url.isEmpty());
        LedgerWaitWindow wait(url);
        QSignalSpy reachable(&wait, &LedgerWaitWindow::reachable);
        wait.check(std::nullopt);
        // Shown while the first attempt still waits for the server.
        QTRY_VERIFY(wait.isVisible());
        QCOMPARE(wait.text(), u"Connecting to the team ledger at %1…"_s.arg(teamLedgerName(url)));
        QVERIFY(!wait.findChild<QPushButton *>(u"retryNow"_s)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(wait.text().contains(u"cannot be reached"_s), 15'000);
        QVERIFY2(wait.text().contains(u"Retrying in"_s), qPrintable(wait.text()));
        QCOMPARE(reachable.count(), 0);
    }

    // A server that answers but holds a ledger newer than this program is
    // refused by name at once, not tried again and again.
    void aNewerSchemaOnTheServerIsRefusedNotRetried()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only (aNewerSqliteLedgerIsStillRefused on SQLite)");
        const QString direct = TestLedger::fresh(m_dir, u"newer"_s);
        {
            TaskStore store;
            SMH_VERIFY(store.open(direct));
        }
        QVERIFY(TestLedger::exec(direct, u"UPDATE ledger_version SET version = 99"_s));
        const QString url = throughProxy(direct, TcpProxy::Mode::Forward);
        TaskStore store;
        const Expected<void> opened = store.open(url);
        QVERIFY(!opened);

        LedgerWaitWindow wait(url);
        QSignalSpy refused(&wait, &LedgerWaitWindow::refused);
        QSignalSpy reachable(&wait, &LedgerWaitWindow::reachable);
        wait.check(opened.error().message());
        QTRY_COMPARE(refused.count(), 1);
        QVERIFY2(refused.at(0).at(0).toString().contains(u"schema 99"_s),
            qPrintable(refused.at(0).at(0).toString()));
        QCOMPARE(reachable.count(), 0);
        QVERIFY(!wait.isVisible());
    }

    // Lost mid-run: the status bar says since when and how many answers wait
    // in memory, in the trouble colour, readable in both themes and whole on
    // a small screen; what changes the ledger waits; once the server is
    // back the state clears itself and the ledger has every answer.
    void aLedgerLostMidRunIsShownAndClearsOnReturn()
    {
        if (!TestLedger::isPostgres())
            QSKIP("PostgreSQL only: a server to lose");
        const QString direct = TestLedger::fresh(m_dir, u"midrun"_s);
        const QString url = throughProxy(direct, TcpProxy::Mode::Forward);
        QVERIFY(!url.isEmpty());
        DemoWindow::Options options;
        options.interval = 300ms;
        options.ledger = url;
        options.size = QSize(1024, 700);
        DemoWindow demo;
        SMH_VERIFY(demo.start(options));
        MainWindow *window = demo.window();
        Monitor *monitor = demo.monitor();
        const TaskStore &store = monitor->tasks();
        QTRY_VERIFY(window->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(
            monitor->polling().status(demo.connectionId()).requestsSent > 0, 10'000);
        auto *ledger = window->findChild<ElidedLabel *>(u"ledgerStatus"_s);
        auto *addTasks = window->findChild<QAction *>(u"addTasksAction"_s);
        auto *manage = window->findChild<QAction *>(u"manageConnectionsAction"_s);
        QVERIFY(ledger && addTasks && manage);
        QVERIFY(!ledger->isVisible());
        QVERIFY(addTasks->isEnabled());
        auto *libraries = window->findChild<QTableView *>(u"librariesTable"_s);
        auto *cleanUp = window->findChild<QAction *>(u"cleanUpSelectedAction"_s);
        QVERIFY(libraries && cleanUp);
        QTRY_VERIFY(libraries->model()->rowCount() > 0);
        libraries->selectAll();
        QVERIFY(cleanUp->isEnabled());

        QSignalSpy reachability(&store, &TaskStore::reachabilityChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot be reached"_s));
        m_proxy->setMode(TcpProxy::Mode::Refuse);
        QTRY_VERIFY_WITH_TIMEOUT(!store.isReachable(), 15'000);
        QTRY_VERIFY(ledger->isVisible());
        QTRY_VERIFY(store.waitingWrites() > 0);
        const QString prefix = u"Ledger unreachable since "_s;
        QTRY_VERIFY2(ledger->text().startsWith(prefix)
                && ledger->text().endsWith(u"— answers kept in memory (%1)"_s.arg(
                    QLocale().toString(store.waitingWrites()))),
            qPrintable(ledger->text()));
        // Whole on a 1024x700 screen: nothing of it is cut off.
        QVERIFY(window->width() <= 1024);
        QTRY_COMPARE(ledger->shownText(), ledger->text());
        QVERIFY(ledger->mapTo(window, QPoint(ledger->width(), 0)).x() <= window->width());
        QVERIFY(!addTasks->isEnabled());
        QVERIFY(!manage->isEnabled());
        QVERIFY(!window->findChild<QAction *>(u"removeAction"_s)->isEnabled());
        QVERIFY(!window->findChild<QAction *>(u"editNoteAction"_s)->isEnabled());
        // Clears are claimed in the ledger, and the history is read from it.
        QVERIFY(!window->findChild<QAction *>(u"clearSeveralAction"_s)->isEnabled());
        QVERIFY(!window->findChild<QAction *>(u"historyAction"_s)->isEnabled());
        QVERIFY(!cleanUp->isEnabled());
        // The trouble colour reads on the status bar in both themes.
        auto contrast = [&] {
            return StateStyle::contrast(ledger->palette().color(QPalette::WindowText),
                window->statusBar()->palette().color(QPalette::Window));
        };
        for (UiSettings::ThemeMode theme :
            {UiSettings::ThemeMode::Light, UiSettings::ThemeMode::Dark}) {
            window->setTheme(theme);
            QTRY_COMPARE(StateStyle::variantFor(window->statusBar()->palette()),
                theme == UiSettings::ThemeMode::Dark ? StateStyle::Variant::Dark
                                                     : StateStyle::Variant::Light);
            QTRY_VERIFY2(contrast() >= StateStyle::minimumContrast,
                qPrintable(ledger->palette().color(QPalette::WindowText).name() + u" on "_s
                    + window->statusBar()->palette().color(QPalette::Window).name()));
        }
        window->setTheme(UiSettings::ThemeMode::System);
        // Polls go on meanwhile, their answers shown and kept in memory.
        const qint64 requests = monitor->polling().status(demo.connectionId()).requestsSent;
        QTRY_VERIFY(monitor->polling().status(demo.connectionId()).requestsSent > requests);
        QVERIFY(!store.isReachable());
        QCOMPARE(reachability.count(), 1);

        m_proxy->setMode(TcpProxy::Mode::Forward);
        QTRY_VERIFY_WITH_TIMEOUT(store.isReachable(), 15'000);
        QTRY_VERIFY(!ledger->isVisible());
        QVERIFY(addTasks->isEnabled());
        QVERIFY(manage->isEnabled());
        QVERIFY(window->findChild<QAction *>(u"clearSeveralAction"_s)->isEnabled());
        QVERIFY(window->findChild<QAction *>(u"historyAction"_s)->isEnabled());
        QVERIFY(cleanUp->isEnabled());
        QCOMPARE(store.waitingWrites(), 0);

        // Nothing lost: what the window shows is what the ledger holds.
        monitor->setAllPaused(true);
        QTRY_VERIFY(!monitor->polling().status(demo.connectionId()).inFlight);
        TaskStore reread;
        SMH_VERIFY(reread.open(direct));
        const QList<Task> shown = store.tasks();
        QVERIFY(!shown.isEmpty());
        for (const Task &task : shown) {
            const std::optional<Task> kept = reread.task(task.key);
            QVERIFY(kept);
            QCOMPARE(kept->state, task.state);
            QCOMPARE(kept->lastPolledAt, task.lastPolledAt);
        }
    }
};

QTEST_MAIN(TestLedgerFaults)
#include "tst_ledgerfaults.moc"
