#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "history/historyservice.h"
#include "tasks/monitor.h"
#include "tasks/monitoroptions.h"
#include "tasks/startup.h"
#include "tasks/taskstore.h"

#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;

// --demo points the window at every library of the simulator's fleet, each
// with its own secret: one with history on, one with it off, one whose
// secret may not administer it. Read over HTTP as the window reads them.
class TestDemoFleet final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLibraryIsAConnection()
    {
        SmhSimulator simulator;
        MonitorOptions options;
        QVERIFY(DemoSetup::start(simulator, options));
        QCOMPARE(options.connection.libraryId, u"smhdemo"_s); // the first stays the default
        QVERIFY(options.extraConnections.size() >= 3);

        Monitor monitor;
        monitor.setDemoMode(true);
        QVERIFY(monitor.openStore(u":memory:"_s));
        const auto ids = Startup::addExtraConnections(monitor, options);
        QVERIFY(ids);
        QCOMPARE(ids->size(), options.extraConnections.size());

        QHash<QString, std::optional<Expected<HistorySettings, SmhError>>> read;
        for (qint64 id : *ids) {
            const QString library = monitor.tasks().connection(id)->settings.libraryId;
            HistoryService::of(&monitor)->readSettings(
                id, this, [&read, library](Expected<HistorySettings, SmhError> settings) {
                    read.insert(library, settings);
                });
        }
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), ids->size(), 10'000);
        const auto media = *read.value(u"smhdemo-media"_s);
        QVERIFY(media);
        QVERIFY(!media->enabled);
        const auto team = *read.value(u"smhdemo-team"_s);
        QVERIFY(team);
        QVERIFY(team->enabled);
        QCOMPARE(team->mergeInterval, 5);
        const auto archive = *read.value(u"smhdemo-archive"_s);
        QVERIFY(!archive);
        QCOMPARE(archive.error().code(), u"NoPermission"_s);
        QVERIFY(
            !archive.error().toString().contains(simulator.librarySecret(u"smhdemo-archive"_s)));
    }
};

QTEST_GUILESS_MAIN(TestDemoFleet)
#include "tst_demofleet.moc"
