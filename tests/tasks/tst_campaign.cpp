#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "history/campaign.h"
#include "history/campaignledger.h"
#include "history/historyservice.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "testledger.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qint64 gib = 1024LL * 1024 * 1024;

std::unique_ptr<Monitor> makeMonitor(const QString &ledger)
{
    auto monitor = std::make_unique<Monitor>();
    if (const auto opened = monitor->openStore(ledger); !opened)
        qWarning() << opened.error().message();
    PollPlanner::Options fast;
    fast.baseInterval = 50ms;
    fast.maxInterval = 100ms;
    monitor->setPollOptions(fast);
    HistoryService::of(monitor.get())->setSampleInterval(100ms);
    return monitor;
}

// The library a simulator request is about (api v1 <resource> <library> ...).
QString libraryOf(const HttpRequest &request)
{
    const QStringList segments = request.pathSegments();
    const QString resource = segments.value(2);
    if (resource == u"directory-history" || resource == u"usage" || resource == u"space")
        return segments.value(3);
    return {};
}

bool isClear(const HttpRequest &request)
{
    return request.method == "DELETE" && request.target.contains("library-history");
}

bool isSettingsWrite(const HttpRequest &request)
{
    return request.method == "POST" && request.target.contains("library-history");
}

// The child of the crash test: a monitor on the ledger given, running a
// campaign over every connection in it, that says on stdout when a library
// reaches a step. The test kills it with SIGKILL mid-way.
int runChild()
{
    const QString ledger = qEnvironmentVariable("SMH_CAMPAIGN_CHILD");
    auto monitor = makeMonitor(ledger);
    const QStringList secrets = qEnvironmentVariable("SMH_CAMPAIGN_SECRETS").split(u';');
    QList<qint64> ids;
    for (const Connection &connection : monitor->tasks().connections()) {
        ids << connection.id;
        for (const QString &pair : secrets) {
            if (pair.section(u'=', 0, 0) == connection.settings.libraryId)
                monitor->setLibrarySecret(connection.id, pair.section(u'=', 1));
        }
    }
    std::sort(ids.begin(), ids.end()); // in the order they were added
    monitor->setDemoMode(true);
    auto started = Campaigns::of(HistoryService::of(monitor.get()))->start({ids, {true, true}, 2});
    if (!started)
        return 2;
    Campaign *campaign = *started;
    QObject::connect(campaign, &Campaign::libraryChanged, campaign, [campaign](int index) {
        const CampaignLibrary &library = campaign->library(index);
        printf("%s %s\n", qPrintable(library.library.libraryId),
            qPrintable(CampaignLibrary::stepKey(library.step)));
        fflush(stdout);
    });
    return QCoreApplication::exec();
}

} // namespace

// Cleanup campaigns against the simulator's fleet, over real HTTP: every
// guard (not admin, one a minute per library, at most N at once, cancel
// between steps, settings put back) and the resume after a kill -9 mid-way.
class TestCampaign final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SmhSimulator> m_simulator;
    qint64 m_nowMs = 0;
    QHash<QString, int> m_clears; // DELETEs received, by library
    QHash<QString, int> m_settingsWrites;
    QSet<QString> m_touched; // libraries any history request was about
    QTemporaryDir m_dir;
    QStringList m_fleet;

    QList<qint64> connectFleet(Monitor &monitor)
    {
        QList<qint64> ids;
        const auto first = DemoSetup::connect(*m_simulator, monitor);
        if (!first)
            return ids;
        ids << *first;
        for (const QString &library : std::as_const(m_fleet)) {
            const auto id =
                monitor.addConnection(DemoSetup::fleetConnection(*m_simulator, library));
            if (!id)
                return {};
            monitor.setLibrarySecret(*id, m_simulator->librarySecret(library));
            ids << *id;
        }
        return ids;
    }

    // A ledger of the test's own: in memory, or (the PostgreSQL run) a new
    // database of the test cluster.
    static QString scratchLedger()
    {
        const QString ledger = TestLedger::scratch(QString::fromUtf8(QTest::currentTestFunction()));
        if (ledger.isEmpty())
            qWarning("no scratch ledger for %s", QTest::currentTestFunction());
        return ledger;
    }

    static Campaigns *campaignsOf(Monitor &monitor)
    {
        return Campaigns::of(HistoryService::of(&monitor));
    }

    int totalClears() const
    {
        int total = 0;
        for (int count : m_clears)
            total += count;
        return total;
    }

private Q_SLOTS:
    void initTestCase() { SMH_REQUIRE_BACKEND(); }

    void init()
    {
        m_nowMs = 1'000'000;
        m_clears.clear();
        m_settingsWrites.clear();
        m_touched.clear();
        m_simulator = std::make_unique<SmhSimulator>();
        m_simulator->setClock([this] { return m_nowMs; });
        QVERIFY(m_simulator->start());
        m_simulator->setHistoryState({true, 20, 30, 60});
        m_simulator->setUsage(40 * gib, 12 * gib);
        // smhdemo-media (history off), smhdemo-archive (no admin grant),
        // smhdemo-team (history on, small).
        m_fleet = m_simulator->seedDemoFleet();
        connect(&m_simulator->server(), &HttpServer::requestReceived, this,
            [this](const HttpRequest &request) {
                const QString library = libraryOf(request);
                if (!library.isEmpty())
                    m_touched.insert(library);
                if (isClear(request))
                    ++m_clears[library];
                if (isSettingsWrite(request))
                    ++m_settingsWrites[library];
            });
    }

    void cleanup() { m_simulator.reset(); }

    void everyAdminLibraryIsClearedOnceTheOtherRefused()
    {
        auto monitor = makeMonitor(scratchLedger());
        const QList<qint64> ids = connectFleet(*monitor);
        QCOMPARE(ids.size(), 4);
        auto started = campaignsOf(*monitor)->start({ids, {true, true}, 4});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message()));
        Campaign *campaign = *started;
        QSignalSpy finished(campaign, &Campaign::finished);

        // The archive's secret mints no admin token: refused, the others go on.
        QTRY_VERIFY(campaign->library(2).isDone());
        QCOMPARE(campaign->library(2).outcome, CampaignLibrary::Outcome::Refused);
        QCOMPARE(campaign->library(2).refusal, ClearRefusal::Reason::NotAdmin);
        QTRY_COMPARE(totalClears(), 3);
        m_nowMs += 10'000; // the clears' tasks end
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(campaign->state(), CampaignSummary::State::Finished);
        QCOMPARE(m_clears.value(u"smhdemo-archive"_s), 0);
        QCOMPARE(m_settingsWrites.value(u"smhdemo-archive"_s), 0);
        for (int i : {0, 1, 3}) {
            const CampaignLibrary &library = campaign->library(i);
            QCOMPARE(m_clears.value(library.library.libraryId), 1);
            QCOMPARE(library.outcome, CampaignLibrary::Outcome::Cleared);
            QVERIFY(library.usageBefore);
            QVERIFY(library.cleanupId != 0);
        }
        // History was on for smhdemo and smhdemo-team: off for the clear,
        // then put back as it was; smhdemo-media's stayed off, untouched.
        QCOMPARE(m_simulator->historyState().enabled, true);
        QCOMPARE(m_simulator->historyState().count, 20);
        QCOMPARE(m_simulator->historyState(u"smhdemo-team"_s).enabled, true);
        QCOMPARE(m_simulator->historyState(u"smhdemo-team"_s).mergeInterval, 5);
        QCOMPARE(m_simulator->historyState(u"smhdemo-media"_s).enabled, false);
        QCOMPARE(m_settingsWrites.value(u"smhdemo-media"_s), 0);
        QCOMPARE(m_settingsWrites.value(u"smhdemo"_s), 2); // off, then back
        // Usage falls a while after; the figures reach the campaign.
        m_nowMs += 10'000;
        QTRY_VERIFY(campaign->library(1).freedBytes().value_or(0) > 0);
        QTRY_VERIFY(campaign->library(1).deleteCount.has_value());

        // The ledger says the same.
        const auto summary = campaignsOf(*monitor)->ledger()->summary(campaign->id());
        QVERIFY(summary);
        QCOMPARE(summary->state, CampaignSummary::State::Finished);
        QCOMPARE(summary->libraryCount, 4);
        QVERIFY(summary->plan.options.restoreAfterwards);
        QCOMPARE(summary->plan.parallel, 4);
        const QList<CampaignLibrary> stored =
            campaignsOf(*monitor)->ledger()->libraries(campaign->id());
        QCOMPARE(stored.at(2).outcome, CampaignLibrary::Outcome::Refused);
        QCOMPARE(stored.at(3).outcome, CampaignLibrary::Outcome::Cleared);
        QCOMPARE(stored.at(3).cleanupId, campaign->library(3).cleanupId);
    }

    // A library is restoring while its settings are on their way back, as
    // the clear's record says (its restore phase, not the words beside it),
    // and cleared once they are answered.
    void aLibraryRestoresUntilTheSettingsAreAnswered()
    {
        auto monitor = makeMonitor(u":memory:"_s);
        const QList<qint64> ids = connectFleet(*monitor);
        QCOMPARE(ids.size(), 4);
        // The second write of smhdemo's settings (history back on) is applied
        // at once and answered late.
        m_simulator->setStall(
            [this](const HttpRequest &request) {
                return isSettingsWrite(request) && libraryOf(request) == u"smhdemo"
                    && m_settingsWrites.value(u"smhdemo"_s) == 2;
            },
            8s);
        auto started = campaignsOf(*monitor)->start({{ids.at(0)}, {true, true}, 1});
        QVERIFY(started);
        Campaign *campaign = *started;
        QTRY_COMPARE(totalClears(), 1);
        m_nowMs += 10'000; // the clear's task ends
        QTRY_COMPARE(m_settingsWrites.value(u"smhdemo"_s), 2);
        QTRY_COMPARE(campaign->library(0).step, CampaignLibrary::Step::Restoring);
        const auto record =
            HistoryService::of(monitor.get())->ledger()->cleanup(campaign->library(0).cleanupId);
        QVERIFY(record);
        QCOMPARE(record->restore, CleanupRecord::Restore::Sending);
        QVERIFY(!campaign->library(0).isDone());

        QTRY_VERIFY_WITH_TIMEOUT(campaign->isOver(), 30'000);
        QCOMPARE(campaign->library(0).outcome, CampaignLibrary::Outcome::Cleared);
        QVERIFY(!campaign->library(0).historyLeftOff);
        QCOMPARE(HistoryService::of(monitor.get())
                     ->ledger()
                     ->cleanup(campaign->library(0).cleanupId)
                     ->restore,
            CleanupRecord::Restore::Answered);
        QVERIFY(m_simulator->historyState().enabled);
    }

    void atMostNLibrariesAtOnce()
    {
        auto monitor = makeMonitor(scratchLedger());
        const QList<qint64> ids = connectFleet(*monitor);
        QCOMPARE(ids.size(), 4);
        // The archive is left out: four libraries that can be cleared.
        QList<qint64> plan = {ids.at(0), ids.at(1), ids.at(3)};
        const auto extra = monitor->addConnection(DemoSetup::fleetConnection(*m_simulator, u"x"_s));
        QVERIFY(extra);
        m_simulator->addLibrary({u"x"_s, u"x-secret-0123456789"_s, {false, {}, {}, {}}, gib, gib});
        monitor->setLibrarySecret(*extra, u"x-secret-0123456789"_s);
        plan << *extra;
        int most = 0;
        auto started = campaignsOf(*monitor)->start({plan, {true, false}, 2});
        QVERIFY(started);
        Campaign *campaign = *started;
        connect(campaign, &Campaign::libraryChanged, this,
            [&most, campaign] { most = std::max(most, campaign->activeCount()); });

        // The clock stands still: no task ends, so no third library may start.
        QTRY_COMPARE(totalClears(), 2);
        const int polls = m_simulator->taskQueryCount();
        QTRY_VERIFY(m_simulator->taskQueryCount() >= polls + 5);
        QCOMPARE(totalClears(), 2);
        QCOMPARE(m_touched.size(), 2); // the other two were not even asked about
        QCOMPARE(campaign->activeCount(), 2);

        m_nowMs += 10'000;
        QTRY_COMPARE(totalClears(), 4);
        m_nowMs += 10'000;
        QTRY_VERIFY(campaign->isOver());
        QCOMPARE(most, 2);
        for (const QString &library : m_clears.keys())
            QCOMPARE(m_clears.value(library), 1);
    }

    void cancelStopsBeforeTheNextDestructiveCall()
    {
        auto monitor = makeMonitor(scratchLedger());
        const QList<qint64> ids = connectFleet(*monitor);
        QCOMPARE(ids.size(), 4);
        // smhdemo-team's settings are answered slowly: cancel comes while its
        // clear reads them, before it would turn history off.
        m_simulator->setStall(
            [](const HttpRequest &request) {
                return request.method == "GET" && request.target.contains("smhdemo-team");
            },
            1500ms);
        auto started =
            campaignsOf(*monitor)->start({{ids.at(1), ids.at(3), ids.at(0)}, {true, true}, 2});
        QVERIFY(started);
        Campaign *campaign = *started;
        QTRY_COMPARE(m_clears.value(u"smhdemo-media"_s), 1);
        QTRY_VERIFY(m_touched.contains(u"smhdemo-team"_s));
        QCOMPARE(campaign->library(1).step, CampaignLibrary::Step::Clearing);
        campaign->cancel();
        QCOMPARE(campaign->state(), CampaignSummary::State::Cancelling);
        // The third never started.
        QCOMPARE(campaign->library(2).outcome, CampaignLibrary::Outcome::Cancelled);
        QTRY_VERIFY(campaign->library(1).isDone());
        QCOMPARE(campaign->library(1).outcome, CampaignLibrary::Outcome::Cancelled);
        // The media clear that had left is tracked to its end.
        m_nowMs += 10'000;
        QTRY_VERIFY(campaign->isOver());
        QCOMPARE(campaign->library(0).outcome, CampaignLibrary::Outcome::Cleared);
        QCOMPARE(campaign->state(), CampaignSummary::State::Cancelled);
        QCOMPARE(totalClears(), 1);
        QCOMPARE(m_settingsWrites.value(u"smhdemo-team"_s), 0);
        QCOMPARE(m_settingsWrites.value(u"smhdemo"_s), 0);
        QVERIFY(m_simulator->historyState(u"smhdemo-team"_s).enabled);
        QVERIFY(!m_touched.contains(u"smhdemo"_s));
    }

    void aLibraryWaitsForItsMinute()
    {
        auto monitor = makeMonitor(scratchLedger());
        const QList<qint64> ids = connectFleet(*monitor);
        QCOMPARE(ids.size(), 4);
        // smhdemo-media was cleared a moment ago, on its own.
        auto first = campaignsOf(*monitor)->start({{ids.at(1)}, {}, 1});
        QVERIFY(first);
        QTRY_VERIFY((*first)->library(0).step == CampaignLibrary::Step::Tracking);
        QCOMPARE(m_clears.value(u"smhdemo-media"_s), 1);

        auto started = campaignsOf(*monitor)->start({{ids.at(1), ids.at(3)}, {true, true}, 4});
        QVERIFY(started);
        Campaign *campaign = *started;
        // The other library goes on; media waits without sending anything.
        QTRY_COMPARE(m_clears.value(u"smhdemo-team"_s), 1);
        QTRY_VERIFY(campaign->library(0).secondsUntilAllowed > 0);
        QCOMPARE(campaign->library(0).step, CampaignLibrary::Step::Waiting);
        QVERIFY(campaign->library(0).stepLabel().contains(u"minute"_s));
        QCOMPARE(m_clears.value(u"smhdemo-media"_s), 1);
        campaign->cancel();
        QCOMPARE(campaign->library(0).outcome, CampaignLibrary::Outcome::Cancelled);
        m_nowMs += 10'000;
        QTRY_VERIFY(campaign->isOver());
        QCOMPARE(m_clears.value(u"smhdemo-media"_s), 1);
    }

    void refusedPlans()
    {
        auto monitor = makeMonitor(scratchLedger());
        const QList<qint64> ids = connectFleet(*monitor);
        QVERIFY(!campaignsOf(*monitor)->start({{}, {}, 4}));
        QVERIFY(!campaignsOf(*monitor)->start({{ids.at(0), 999}, {}, 4}));
        QVERIFY(campaignsOf(*monitor)->list().isEmpty());
        // A second connection to a library already planned adds nothing.
        const auto again = monitor->addConnection(DemoSetup::connection(*m_simulator));
        QVERIFY(again);
        auto started = campaignsOf(*monitor)->start({{ids.at(0), *again}, {true, true}, 99});
        QVERIFY(started);
        QCOMPARE((*started)->libraries().size(), 1);
        QCOMPARE((*started)->plan().parallel, CampaignPlan::maxParallel);
        QCOMPARE(campaignsOf(*monitor)->list().size(), 1);
    }

    // A monitor killed (SIGKILL) with one clear tracked, one DELETE sent and
    // unanswered and two libraries not started; a fresh monitor on the same
    // ledger resumes: nothing is sent twice, the unanswered one is unknown,
    // the others are named as left undone.
    void resumeAfterKillMidCampaign()
    {
        QVERIFY(m_dir.isValid());
        // A file, or (the PostgreSQL run) a database of the test cluster.
        const QString file = TestLedger::fresh(m_dir, u"crash.sqlite"_s);
        QVERIFY(!file.isEmpty());
        const QList<qint64> ids = [&] {
            auto monitor = makeMonitor(file);
            return connectFleet(*monitor);
        }();
        QCOMPARE(ids.size(), 4);
        QStringList secrets;
        for (const QString &library : m_simulator->libraryIds())
            secrets << library + u'=' + m_simulator->librarySecret(library);
        // The media library's DELETE is applied, and its answer never comes.
        m_simulator->setStall(
            [](const HttpRequest &request) {
                return isClear(request) && request.target.contains("smhdemo-media");
            },
            60s);

        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"SMH_CAMPAIGN_CHILD"_s, file);
        environment.insert(u"SMH_CAMPAIGN_SECRETS"_s, secrets.join(u';'));
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        connect(&child, &QProcess::readyReadStandardOutput, this,
            [&] { out += child.readAllStandardOutput(); });
        QTRY_VERIFY2_WITH_TIMEOUT(out.contains("smhdemo tracking"),
            qPrintable(QString::fromUtf8(out + child.readAllStandardError())), 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(m_clears.value(u"smhdemo-media"_s), 1, 60'000);
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished());
        QCOMPARE(totalClears(), 2);

        auto monitor = makeMonitor(file);
        for (const Connection &connection : monitor->tasks().connections())
            monitor->setLibrarySecret(
                connection.id, m_simulator->librarySecret(connection.settings.libraryId));
        Campaigns *campaigns = campaignsOf(*monitor);
        const QList<CampaignSummary> listed = campaigns->list();
        QCOMPARE(listed.size(), 1);
        Campaign *campaign = campaigns->find(listed.constFirst().id);
        QVERIFY(campaign);
        QVERIFY(campaign->isResumed());
        QCOMPARE(campaign->state(), CampaignSummary::State::Interrupted);
        QCOMPARE(campaign->library(1).outcome, CampaignLibrary::Outcome::Unknown);
        QCOMPARE(campaign->library(2).outcome, CampaignLibrary::Outcome::LeftUndone);
        QCOMPARE(campaign->library(3).outcome, CampaignLibrary::Outcome::LeftUndone);
        QCOMPARE(campaign->leftUndone().size(), 2);
        QVERIFY(campaign->leftUndone().contains(campaign->library(3).connectionName));
        QCOMPARE(campaigns->active(), QList<Campaign *> {campaign});

        // The tracked clear ends and its settings go back; nothing is sent again.
        m_nowMs += 10'000;
        QTRY_VERIFY_WITH_TIMEOUT(campaign->isOver(), 60'000);
        QCOMPARE(campaign->library(0).outcome, CampaignLibrary::Outcome::Cleared);
        QTRY_VERIFY(m_simulator->historyState().enabled);
        QCOMPARE(m_clears.value(u"smhdemo"_s), 1);
        QCOMPARE(m_clears.value(u"smhdemo-media"_s), 1);
        QCOMPARE(m_clears.value(u"smhdemo-archive"_s), 0);
        QCOMPARE(m_clears.value(u"smhdemo-team"_s), 0);
        QCOMPARE(campaigns->ledger()->summary(campaign->id())->state,
            CampaignSummary::State::Interrupted);
        QVERIFY(campaigns->ledger()->orphaned().isEmpty());
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("SMH_CAMPAIGN_CHILD"))
        return runChild();
    TestCampaign test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_campaign.moc"
