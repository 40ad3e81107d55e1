#include "history/cleanuplistmodel.h"
#include "history/usagechartmodel.h"
#include "tasks/taskstore.h"
#include "verifyexpected.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

// The chart's usage model and the cleanup list: rows appended, not reset, as
// samples arrive; markers at cleanup start and end; raw values for the chart
// and sorting, text for people. A model tester watches each for the whole test.
class TestHistoryModels final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TaskStore> m_store;
    std::unique_ptr<HistoryLedger> m_ledger;
    const LibraryKey m_library {u"https://lib.api.tencentsmh.cn"_s, u"lib"_s};

    static QDateTime t(qint64 seconds)
    {
        return QDateTime::fromSecsSinceEpoch(1'800'000'000 + seconds, Qt::UTC);
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<TaskStore>();
        SMH_VERIFY(m_store->open(u":memory:"_s));
        m_ledger = std::make_unique<HistoryLedger>(m_store.get());
    }

    void cleanup()
    {
        m_ledger.reset();
        m_store.reset();
    }

    void chartAppendsSamplesOfItsLibraryOnly()
    {
        QVERIFY(m_ledger->addSample(m_library, {t(0), 3000, {}}));
        UsageChartModel model(m_ledger.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLibrary(m_library);
        QCOMPARE(model.rowCount(), 1);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(m_ledger->addSample(m_library, {t(10), 2000, {}}));
        QVERIFY(m_ledger->addSample(m_library, {t(20), 5000, {}}));
        QVERIFY(m_ledger->addSample(m_library, {t(30), 9, u"space"_s})); // a space: not charted
        QVERIFY(m_ledger->addSample({m_library.endpoint, u"other"_s}, {t(30), 1, {}}));
        QVERIFY(m_ledger->addSample(m_library, {t(5), 2500, {}})); // late: goes in its place
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 3);
        QCOMPARE(model.rowCount(), 4);
        QList<qint64> times;
        for (int row = 0; row < model.rowCount(); ++row)
            times << qint64(model.index(row, UsageChartModel::TimeColumn)
                                .data(UsageChartModel::RawRole)
                                .toDouble());
        QCOMPARE(times,
            (QList<qint64> {t(0).toMSecsSinceEpoch(), t(5).toMSecsSinceEpoch(),
                t(10).toMSecsSinceEpoch(), t(20).toMSecsSinceEpoch()}));
        QCOMPARE(model.index(3, UsageChartModel::BytesColumn).data(UsageChartModel::RawRole),
            QVariant(5000.0));
        QVERIFY(model.index(3, UsageChartModel::BytesColumn).data().toString().contains(u"KiB"_s));
        QCOMPARE(model.range(), (std::pair<qint64, qint64> {2000, 5000}));
    }

    void chartMarksCleanupStartAndEnd()
    {
        UsageChartModel model(m_ledger.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLibrary(m_library);
        QSignalSpy markers(&model, &UsageChartModel::markersChanged);
        CleanupRecord record;
        record.library = m_library;
        record.task = {2, 77};
        record.startedAt = t(100);
        const auto id = m_ledger->addCleanup(record);
        QVERIFY(id);
        QCOMPARE(markers.size(), 1);
        QCOMPARE(model.markers(), (QList<UsageChartModel::Marker> {{t(100), true, 77}}));
        record.id = *id;
        record.finishedAt = t(160);
        record.outcome = u"succeeded"_s;
        QVERIFY(m_ledger->updateCleanup(record));
        QCOMPARE(model.markers(),
            (QList<UsageChartModel::Marker> {{t(100), true, 77}, {t(160), false, 77}}));
    }

    void cleanupListShowsNewestFirst()
    {
        CleanupListModel model(m_ledger.get());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLibrary(m_library);
        QCOMPARE(model.rowCount(), 0);
        CleanupRecord first;
        first.library = m_library;
        first.connectionName = u"Marketing"_s;
        first.task = {2, 1};
        first.startedAt = t(0);
        first.usageBefore = 3 * 1024 * 1024;
        const auto id = m_ledger->addCleanup(first);
        QVERIFY(id);
        CleanupRecord second = first;
        second.task = {2, 2};
        second.startedAt = t(100);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(m_ledger->addCleanup(second));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, CleanupListModel::TaskColumn).data().toString(), u"2"_s);
        QCOMPARE(model.index(1, CleanupListModel::OutcomeColumn).data().toString(),
            TaskStates::label(TaskState::Running));

        first.id = *id;
        first.finishedAt = t(50);
        first.outcome = u"succeeded"_s;
        first.usageAfter = 1024 * 1024;
        first.deleteCount = 1234;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(m_ledger->updateCleanup(first));
        QVERIFY(changed.size() >= 1);
        QCOMPARE(model.index(1, CleanupListModel::OutcomeColumn).data().toString(),
            TaskStates::label(TaskState::Succeeded));
        QCOMPARE(model.index(1, CleanupListModel::FreedColumn).data(CleanupListModel::RawRole),
            QVariant(qint64(2 * 1024 * 1024)));
        QCOMPARE(model.index(1, CleanupListModel::FreedColumn).data().toString(),
            QLocale().formattedDataSize(2 * 1024 * 1024, 1, QLocale::DataSizeIecFormat));
        QCOMPARE(model.index(1, CleanupListModel::DeletedColumn).data(CleanupListModel::RawRole),
            QVariant(qint64(1234)));
    }
};

QTEST_GUILESS_MAIN(TestHistoryModels)
#include "tst_historymodels.moc"
