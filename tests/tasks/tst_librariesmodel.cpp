#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "history/campaign.h"
#include "history/historyservice.h"
#include "history/librariesmodel.h"
#include "tasks/displaytext.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"
#include "tasks/taskstore.h"
#include "testledger.h"
#include "verifyexpected.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The Libraries view's model against the simulator's demo fleet over real
// HTTP: one row per connection, every read state (read, history off, not an
// admin token, unreachable, never read), ledger changes as one row's
// dataChanged, and the background reads within each library's budget,
// counted at the server. A model tester watches the model throughout.
class TestLibrariesModel final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    std::unique_ptr<Monitor> m_monitor;
    QHash<QString, int> m_requests; // by library ID, as the server saw them
    qint64 m_unreachableId = 0;

    HistoryService *service() const { return HistoryService::of(m_monitor.get()); }

    int rowOfLibrary(const LibrariesModel &model, const QString &libraryId) const
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto connection = m_monitor->tasks().connection(model.connectionId(row));
            if (connection && connection->settings.libraryId == libraryId)
                return row;
        }
        return -1;
    }

    static QString text(const LibrariesModel &model, int row, int column)
    {
        return model.index(row, column).data().toString();
    }

    static bool settled(const LibrariesModel &model)
    {
        if (!model.isIdle())
            return false;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (text(model, row, LibrariesModel::StatusColumn) == LibrariesModel::tr("Reading…"))
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase() { SMH_REQUIRE_BACKEND(); }

    void init()
    {
        m_simulator = std::make_unique<SmhSimulator>();
        MonitorOptions options;
        SMH_VERIFY(DemoSetup::start(*m_simulator, options));
        m_requests.clear();
        const QStringList libraries = m_simulator->libraryIds();
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this, libraries](const HttpRequest &request) {
                const QStringList segments = request.pathSegments();
                for (const QString &library : libraries) {
                    if (segments.contains(library))
                        ++m_requests[library];
                }
            });
        m_monitor = std::make_unique<Monitor>();
        m_monitor->setDemoMode(true);
        // In memory, or (the PostgreSQL run) a new database of the test cluster.
        const QString ledger = TestLedger::scratch(QString::fromUtf8(QTest::currentTestFunction()));
        QVERIFY(!ledger.isEmpty());
        SMH_VERIFY(m_monitor->openStore(ledger));
        SMH_VERIFY(DemoSetup::connect(*m_simulator, *m_monitor));
        SMH_VERIFY(Startup::addExtraConnections(*m_monitor, options));

        // A library whose server is gone: a port that was free a moment ago.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        Connection gone;
        gone.name = u"Gone"_s;
        gone.settings.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(closed.serverPort()));
        gone.settings.libraryId = u"gone"_s;
        gone.authKind = AuthKind::LibrarySecret;
        closed.close();
        const auto id = m_monitor->addConnection(gone);
        SMH_VERIFY(id);
        m_monitor->setLibrarySecret(*id, u"gone-secret-0123456789"_s);
        m_unreachableId = *id;
    }

    void cleanup()
    {
        m_monitor.reset();
        m_simulator.reset();
    }

    static LibrariesModel::Budget quick()
    {
        LibrariesModel::Budget budget;
        budget.spacing = 20ms;
        return budget;
    }

    void everyStateFromTheFleet()
    {
        LibrariesModel model(&m_monitor->tasks(), service());
        model.setBudget(quick());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(model.rowCount(), 5);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.state(row), LibrariesModel::ReadState::NeverRead);
            QCOMPARE(text(model, row, LibrariesModel::StatusColumn), u"Never read"_s);
            QCOMPARE(text(model, row, LibrariesModel::HistoryColumn), DisplayText::noValue());
        }
        QCOMPARE(m_requests.value(u"smhdemo"_s), 0); // nothing is read before it is asked

        QCOMPARE(model.refresh(), 5);
        QTRY_VERIFY_WITH_TIMEOUT(settled(model), 20'000);
        QCOMPARE(reset.size(), 0);

        const int demo = rowOfLibrary(model, u"smhdemo"_s);
        QCOMPARE(model.state(demo), LibrariesModel::ReadState::Read);
        QCOMPARE(text(model, demo, LibrariesModel::HistoryColumn), u"On"_s);
        QVERIFY(text(model, demo, LibrariesModel::StatusColumn).startsWith(u"Read "_s));
        QCOMPARE(model.index(demo, LibrariesModel::UsageColumn).data(LibrariesModel::RawRole),
            QVariant(m_simulator->usageBytes(u"smhdemo"_s)));

        const int media = rowOfLibrary(model, u"smhdemo-media"_s);
        QCOMPARE(model.state(media), LibrariesModel::ReadState::Read);
        QCOMPARE(text(model, media, LibrariesModel::HistoryColumn), u"Off"_s);
        QCOMPARE(text(model, media, LibrariesModel::VersionsColumn), u"5"_s);
        QCOMPARE(text(model, media, LibrariesModel::DaysColumn), u"7"_s);
        QCOMPARE(text(model, media, LibrariesModel::MergeColumn), u"No merging"_s);
        const auto trend = model.index(media, LibrariesModel::TrendColumn)
                               .data(LibrariesModel::TrendRole)
                               .value<QList<qint64>>();
        QCOMPARE(trend, QList<qint64> {m_simulator->usageBytes(u"smhdemo-media"_s)});

        const int team = rowOfLibrary(model, u"smhdemo-team"_s);
        QCOMPARE(text(model, team, LibrariesModel::MergeColumn), u"5 s"_s);
        QCOMPARE(text(model, team, LibrariesModel::VersionsColumn), u"50"_s);

        const int archive = rowOfLibrary(model, u"smhdemo-archive"_s);
        QCOMPARE(model.state(archive), LibrariesModel::ReadState::NotAdmin);
        QCOMPARE(text(model, archive, LibrariesModel::StatusColumn), u"Not an admin token"_s);
        QCOMPARE(text(model, archive, LibrariesModel::HistoryColumn), DisplayText::noValue());
        const QString why =
            model.index(archive, LibrariesModel::StatusColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(why.contains(u"NoPermission"_s), qPrintable(why));
        QVERIFY(!why.contains(m_simulator->librarySecret(u"smhdemo-archive"_s)));

        const int gone = model.rowOf(m_unreachableId);
        QCOMPARE(model.state(gone), LibrariesModel::ReadState::Unreachable);
        QCOMPARE(text(model, gone, LibrariesModel::StatusColumn), u"Unreachable"_s);
    }

    void ledgerChangesTouchTheirRowOnly()
    {
        LibrariesModel model(&m_monitor->tasks(), service());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int team = rowOfLibrary(model, u"smhdemo-team"_s);
        const auto connection = m_monitor->tasks().connection(model.connectionId(team));
        const LibraryKey library = LibraryKey::of(connection->settings);
        QCOMPARE(text(model, team, LibrariesModel::NextClearColumn), u"Now"_s);
        QCOMPARE(text(model, team, LibrariesModel::LastCleanupColumn), DisplayText::noValue());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        CleanupRecord record;
        record.library = library;
        record.connectionId = connection->id;
        record.connectionName = connection->label();
        record.task = {connection->id, 9100};
        record.startedAt = QDateTime::currentDateTimeUtc();
        record.sentAt = record.startedAt;
        record.finishedAt = record.startedAt;
        record.phase = CleanupRecord::Phase::Accepted;
        record.outcome = u"succeeded"_s;
        record.usageBefore = 5000;
        record.usageAfter = 2000;
        record.deleteCount = 1234;
        SMH_VERIFY(service()->ledger()->addCleanup(record));
        QTRY_VERIFY(!changed.isEmpty());
        for (const QList<QVariant> &signal : std::as_const(changed)) {
            QCOMPARE(signal.at(0).toModelIndex().row(), team);
            QCOMPARE(signal.at(1).toModelIndex().row(), team);
        }
        QCOMPARE(reset.size(), 0);
        QCOMPARE(text(model, team, LibrariesModel::DeletedColumn), QLocale().toString(1234));
        QCOMPARE(model.index(team, LibrariesModel::FreedColumn).data(LibrariesModel::RawRole),
            QVariant(qint64(3000)));
        QCOMPARE(text(model, team, LibrariesModel::OutcomeColumn), u"Succeeded"_s);
        QVERIFY(text(model, team, LibrariesModel::NextClearColumn) != u"Now"_s);
        QVERIFY(model.index(team, LibrariesModel::NextClearColumn)
                    .data(LibrariesModel::RawRole)
                    .toLongLong()
            > record.sentAt.toMSecsSinceEpoch());

        // A usage sample appends to the trend of that library alone.
        changed.clear();
        SMH_VERIFY(
            service()->ledger()->addSample(library, {QDateTime::currentDateTimeUtc(), 77, {}}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().at(0).toModelIndex().row(), team);
        QCOMPARE(model.index(team, LibrariesModel::TrendColumn)
                     .data(LibrariesModel::TrendRole)
                     .value<QList<qint64>>(),
            QList<qint64> {77});
    }

    void opensOnWhatTheLedgerHolds()
    {
        // Written before the model opens: read in its few statements.
        const auto connections = m_monitor->tasks().connections();
        const Connection &team = *std::find_if(connections.cbegin(), connections.cend(),
            [](const Connection &c) { return c.settings.libraryId == u"smhdemo-team"; });
        const LibraryKey library = LibraryKey::of(team.settings);
        CleanupRecord older;
        older.library = library;
        older.connectionId = team.id;
        older.task = {team.id, 9100};
        older.startedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        older.sentAt = older.startedAt;
        older.finishedAt = older.startedAt.addSecs(30);
        older.outcome = u"failed"_s;
        SMH_VERIFY(service()->ledger()->addCleanup(older));
        CleanupRecord newer = older;
        newer.task = {team.id, 9101};
        newer.startedAt = QDateTime::currentDateTimeUtc().addSecs(-10);
        newer.sentAt = newer.startedAt;
        newer.finishedAt = {};
        newer.outcome.clear();
        SMH_VERIFY(service()->ledger()->addCleanup(newer));
        for (qint64 bytes : {300, 200, 100})
            SMH_VERIFY(service()->ledger()->addSample(
                library, {QDateTime::currentDateTimeUtc().addMSecs(bytes), bytes, {}}));

        LibrariesModel model(&m_monitor->tasks(), service());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int row = model.rowOf(team.id);
        QCOMPARE(text(model, row, LibrariesModel::OutcomeColumn), u"Running"_s);
        QCOMPARE(text(model, row, LibrariesModel::NextClearColumn), u"After the running clear"_s);
        QVERIFY(model.index(row, LibrariesModel::NextClearColumn)
                    .data(LibrariesModel::RawRole)
                    .toLongLong()
            > newer.sentAt.toMSecsSinceEpoch());
        QCOMPARE(model.index(row, LibrariesModel::TrendColumn)
                     .data(LibrariesModel::TrendRole)
                     .value<QList<qint64>>(),
            (QList<qint64> {100, 200, 300}));
        QCOMPARE(model.index(row, LibrariesModel::UsageColumn).data(LibrariesModel::RawRole),
            QVariant(qint64(300)));
        const int media = rowOfLibrary(model, u"smhdemo-media"_s);
        QCOMPARE(text(model, media, LibrariesModel::NextClearColumn), u"Now"_s);
        QCOMPARE(text(model, media, LibrariesModel::UsageColumn), DisplayText::noValue());
    }

    void connectionsComeAndGoAsRows()
    {
        LibrariesModel model(&m_monitor->tasks(), service());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        SMH_VERIFY(m_monitor->removeConnection(m_unreachableId));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOf(m_unreachableId), -1);
        Connection extra = DemoSetup::fleetConnection(*m_simulator, u"smhdemo-team"_s);
        extra.name = u"Team again"_s;
        extra.settings.spaceId = u"space-two"_s;
        const auto id = m_monitor->addConnection(extra);
        SMH_VERIFY(id);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(text(model, model.rowOf(*id), LibrariesModel::LibraryColumn), u"Team again"_s);
        QCOMPARE(reset.size(), 0);
    }

    void refreshLeavesALibraryReadRecentlyAlone()
    {
        LibrariesModel model(&m_monitor->tasks(), service());
        model.setBudget(quick());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int team = rowOfLibrary(model, u"smhdemo-team"_s);
        QCOMPARE(model.refresh({model.connectionId(team)}), 1);
        QTRY_VERIFY_WITH_TIMEOUT(settled(model), 10'000);
        // The read's admin token is deleted after its answers are in: that
        // request too belongs to this read.
        bool released = false;
        QObject waiting; // after `released`: gone first
        service()->whenTokensReleased(&waiting, [&released] { released = true; });
        QTRY_VERIFY_WITH_TIMEOUT(released, 10'000);
        const int sent = m_requests.value(u"smhdemo-team"_s);
        QVERIFY(sent > 0);
        QVERIFY(sent <= LibrariesModel::requestsPerRead);
        QCOMPARE(model.refresh({model.connectionId(team)}), 0); // read a moment ago
        QCOMPARE(model.refresh(), 4); // the others only
        QTRY_VERIFY_WITH_TIMEOUT(settled(model), 20'000);
        QCOMPARE(m_requests.value(u"smhdemo-team"_s), sent);
    }

    void aRunningCampaignShowsEachLibrarysStep()
    {
        m_simulator->setClearRunMs(300);
        LibrariesModel model(&m_monitor->tasks(), service());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        const int team = rowOfLibrary(model, u"smhdemo-team"_s);
        const int archive = rowOfLibrary(model, u"smhdemo-archive"_s);
        const int media = rowOfLibrary(model, u"smhdemo-media"_s);
        auto started = Campaigns::of(service())->start(
            {{model.connectionId(team), model.connectionId(archive)}, {true, true}, 2});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message()));
        Campaign *campaign = *started;
        QSignalSpy finished(campaign, &Campaign::finished);
        QVERIFY2(text(model, team, LibrariesModel::OutcomeColumn).startsWith(u"Campaign: "_s),
            qPrintable(text(model, team, LibrariesModel::OutcomeColumn)));
        QCOMPARE(text(model, media, LibrariesModel::OutcomeColumn), DisplayText::noValue());
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60'000);
        // Cleared: the record speaks (its task's outcome and figures).
        QCOMPARE(text(model, team, LibrariesModel::OutcomeColumn), u"Succeeded"_s);
        QVERIFY(text(model, team, LibrariesModel::LastCleanupColumn) != DisplayText::noValue());
        // Not an admin token: refused, in the campaign's words, with why.
        QVERIFY2(
            text(model, archive, LibrariesModel::OutcomeColumn).startsWith(u"Campaign: Refused"_s),
            qPrintable(text(model, archive, LibrariesModel::OutcomeColumn)));
        QVERIFY(model.index(archive, LibrariesModel::OutcomeColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"admin"_s, Qt::CaseInsensitive));
        QCOMPARE(reset.size(), 0);
    }

    void backgroundReadsStayWithinTheBudget()
    {
        LibrariesModel model(&m_monitor->tasks(), service());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LibrariesModel::Budget budget;
        // Longer than a read takes, with every library read at once: without
        // the per-library guard each would be read again back to back.
        budget.freshFor = 1000ms;
        budget.backgroundEvery = 1000ms;
        budget.spacing = 10ms;
        budget.inFlight = 8;
        model.setBudget(budget);
        int reads = 0;
        connect(&model, &LibrariesModel::readFinished, this,
            [&reads](const LibraryKey &library) { reads += library.libraryId == u"smhdemo"; });
        QElapsedTimer clock;
        clock.start();
        model.setBackgroundRefresh(true);
        // Every library is read, and read again, on its own.
        QTRY_VERIFY_WITH_TIMEOUT(reads >= 2, 20'000);
        model.setBackgroundRefresh(false);
        QTRY_VERIFY_WITH_TIMEOUT(model.readsInFlight() == 0, 10'000);
        const qint64 elapsed = clock.elapsed();
        // A read begins at most once per freshFor per library.
        const qint64 allowed =
            (elapsed / budget.freshFor.count() + 1) * LibrariesModel::requestsPerRead;
        for (const QString &library : m_simulator->libraryIds()) {
            const int sent = m_requests.value(library);
            QVERIFY2(sent > 0, qPrintable(library));
            QVERIFY2(sent <= allowed,
                qPrintable(u"%1: %2 requests in %3 ms, at most %4"_s.arg(library)
                               .arg(sent)
                               .arg(elapsed)
                               .arg(allowed)));
        }
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.state(row) != LibrariesModel::ReadState::NeverRead);
    }
};

QTEST_GUILESS_MAIN(TestLibrariesModel)
#include "tst_librariesmodel.moc"
