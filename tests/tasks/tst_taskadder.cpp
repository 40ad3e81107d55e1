#include "monitorprobe.h"
#include "sampleledger.h"
#include "tasks/monitor.h"
#include "tasks/taskadder.h"
#include "tasks/taskstore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;

namespace {

QList<qint64> range(qint64 first, qsizetype count)
{
    QList<qint64> ids(count);
    std::iota(ids.begin(), ids.end(), first);
    return ids;
}

} // namespace

// Long lists of IDs go into the ledger a slice at a time, and a failure
// keeps what was saved and names what was not.
class TestTaskAdder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsInSlicesAndCountsWhatWasWatched()
    {
        Monitor monitor;
        QVERIFY(monitor.openStore(u":memory:"_s));
        const qint64 connection =
            SampleLedger::addConnection(*MonitorProbe::store(monitor), u"lib"_s, u"Library"_s);
        QVERIFY(monitor.addTasks(connection, {5, 6}));
        QList<qsizetype> transactions;
        connect(&monitor.tasks(), &TaskStore::tasksAdded, this,
            [&](const QList<Task> &tasks) { transactions << tasks.size(); });

        QList<qint64> ids = range(1, 5'500);
        ids << 7 << 8; // given twice
        TaskAdder adder(&monitor, connection, ids, u"bulk"_s);
        QSignalSpy finished(&adder, &TaskAdder::finished);
        QSignalSpy progress(&adder, &TaskAdder::progress);
        adder.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20'000);
        const auto outcome = finished.at(0).at(0).value<TaskAdder::Outcome>();
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.given, 5'502);
        QCOMPARE(outcome.added, 5'498);
        QCOMPARE(outcome.firstAdded, 1);
        QCOMPARE(monitor.tasks().taskCount(), 5'500);
        QCOMPARE(monitor.tasks().task({connection, 4'000})->note, u"bulk"_s);
        QVERIFY(transactions.size() >= 6);
        QVERIFY(
            *std::max_element(transactions.cbegin(), transactions.cend()) <= TaskAdder::sliceSize);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(0).value<qsizetype>(), 5'502);
    }

    void aShortListIsSavedAtOnce()
    {
        Monitor monitor;
        QVERIFY(monitor.openStore(u":memory:"_s));
        const qint64 connection =
            SampleLedger::addConnection(*MonitorProbe::store(monitor), u"lib"_s, u"Library"_s);
        TaskAdder adder(&monitor, connection, {1, 2, 3});
        QSignalSpy finished(&adder, &TaskAdder::finished);
        adder.start();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(monitor.tasks().taskCount(), 3);
    }

    void aFailedSliceKeepsWhatWasSavedAndNamesTheRest()
    {
        Monitor monitor;
        QVERIFY(monitor.openStore(u":memory:"_s));
        const qint64 connection =
            SampleLedger::addConnection(*MonitorProbe::store(monitor), u"lib"_s, u"Library"_s);
        // Room for two slices and a half: the third slice is refused whole.
        constexpr qsizetype slice = TaskAdder::sliceSize;
        MonitorProbe::store(monitor)->setTaskLimit(2 * slice + slice / 2);
        const QList<qint64> ids = range(100, 5'000);
        TaskAdder adder(&monitor, connection, ids);
        QSignalSpy finished(&adder, &TaskAdder::finished);
        adder.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20'000);
        const auto outcome = finished.at(0).at(0).value<TaskAdder::Outcome>();
        QVERIFY(!outcome.ok());
        QVERIFY(outcome.error
            && outcome.error->message().contains(QString::number(2 * slice + slice / 2)));
        QCOMPARE(outcome.added, 2 * slice);
        QCOMPARE(outcome.notSaved, ids.mid(2 * slice));
        QCOMPARE(monitor.tasks().taskCount(), 2 * slice);
    }

    // Adding waits for a ledger still arriving, and writes over none of it.
    void waitsForTheLedgerToArrive()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"ledger.sqlite"_s);
        const qint64 connection = SampleLedger::writeFile(file, 3'000, u"old"_s);
        QVERIFY(connection != 0);
        Monitor monitor;
        QVERIFY(monitor.openStore(file, TaskStore::LoadMode::InBackground));
        QVERIFY(monitor.tasks().isLoading());
        TaskAdder adder(&monitor, connection, range(2'001, 2'000), u"new"_s);
        QSignalSpy finished(&adder, &TaskAdder::finished);
        QSignalSpy loaded(&monitor.tasks(), &TaskStore::loadFinished);
        adder.start();
        QCOMPARE(finished.count(), 0); // the ledger first
        QVERIFY(finished.wait(20'000));
        QCOMPARE(loaded.count(), 1);
        const auto outcome = finished.at(0).at(0).value<TaskAdder::Outcome>();
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.added, 1'000);
        QCOMPARE(monitor.tasks().taskCount(), 4'000);
        QCOMPARE(monitor.tasks().task({connection, 2'500})->note, u"old"_s);
        QCOMPARE(monitor.tasks().task({connection, 3'500})->note, u"new"_s);
        monitor.shutdown();
    }
};

QTEST_MAIN(TestTaskAdder)
#include "tst_taskadder.moc"
