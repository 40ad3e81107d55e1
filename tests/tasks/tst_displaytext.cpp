#include "history/cleanuplistmodel.h"
#include "history/historyledger.h"
#include "history/usagechartmodel.h"
#include "sampleledger.h"
#include "tasks/displaytext.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;

// Times read alike in every table and pane: one clock with seconds in the
// locale's own form, the locale's short date before it, and "—" for no
// value. Every time column of every model gives that text, in German and in
// Chinese as in English.
class TestDisplayText final : public QObject
{
    Q_OBJECT

private:
    // Local time: the expected text does not depend on the machine's zone.
    const QDateTime m_at {QDate(2026, 3, 5), QTime(14, 3, 5)};

    static void useLocale(const QString &name) { QLocale::setDefault(QLocale(name)); }

private Q_SLOTS:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void followsTheLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("clock");
        QTest::addColumn<QString>("dateTime");
        QTest::addColumn<QString>("thisYear");
        QTest::newRow("en_US") << u"en_US"_s << u"2:03:05 PM"_s << u"3/5/26 2:03:05 PM"_s
                               << u"3/5 2:03:05 PM"_s;
        QTest::newRow("de_DE") << u"de_DE"_s << u"14:03:05"_s << u"05.03.26 14:03:05"_s
                               << u"05.03 14:03:05"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s << u"14:03:05"_s << u"2026/3/5 14:03:05"_s
                               << u"3/5 14:03:05"_s;
    }

    void followsTheLocale()
    {
        QFETCH(QString, locale);
        QFETCH(QString, clock);
        QFETCH(QString, dateTime);
        QFETCH(QString, thisYear);
        const QLocale l(locale);
        QCOMPARE(DisplayText::clock(m_at.time(), l), clock);
        QCOMPARE(DisplayText::dateTime(m_at, l), dateTime);
        // Where room is short: today's time alone, this year's without the year.
        QCOMPARE(DisplayText::compact(m_at, m_at.date(), l), clock);
        QCOMPARE(DisplayText::compact(m_at, QDate(2026, 11, 1), l), thisYear);
        QCOMPARE(DisplayText::compact(m_at, QDate(2027, 1, 2), l), dateTime);
        QCOMPARE(DisplayText::dateTime(QDateTime(), l), QString());
    }

    void everyTimeColumnReadsAlike_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de_DE") << u"de_DE"_s << u"05.03.26 14:03:05"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s << u"2026/3/5 14:03:05"_s;
        QTest::newRow("en_US") << u"en_US"_s << u"3/5/26 2:03:05 PM"_s;
    }

    void everyTimeColumnReadsAlike()
    {
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        useLocale(locale);
        TaskStore store;
        QVERIFY(SampleLedger::openInMemory(store));
        const qint64 connection = SampleLedger::addConnection(store, u"lib"_s, u"Archive"_s);
        HistoryLedger ledger(&store);

        // The task table: added and last polled.
        TaskTableModel tasks(&store);
        QAbstractItemModelTester taskTester(
            &tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        store.addTasks(connection, {7}, {}, m_at);
        store.applyObservations(
            {SampleLedger::observation({connection, 7}, TaskState::Succeeded, 200, m_at)});
        QTRY_COMPARE(tasks.rowCount(), 1);
        QCOMPARE(tasks.index(0, TaskTableModel::AddedColumn).data().toString(), expected);
        QCOMPARE(tasks.index(0, TaskTableModel::LastPolledColumn).data().toString(), expected);
        // Ended before it was first seen: no duration, the one dash.
        QCOMPARE(tasks.index(0, TaskTableModel::DurationColumn).data().toString(), u"—"_s);

        // The cleanups list: started; what it did not learn is a dash too.
        const LibraryKey library {u"https://lib.api.tencentsmh.cn"_s, u"lib"_s};
        CleanupRecord record;
        record.library = library;
        record.startedAt = m_at;
        QVERIFY(ledger.addCleanup(record));
        CleanupListModel cleanups(&ledger);
        QAbstractItemModelTester cleanupTester(
            &cleanups, QAbstractItemModelTester::FailureReportingMode::QtTest);
        cleanups.setLibrary(library);
        QCOMPARE(cleanups.rowCount(), 1);
        QCOMPARE(cleanups.index(0, CleanupListModel::StartedColumn).data().toString(), expected);
        for (int column : {CleanupListModel::TaskColumn, CleanupListModel::DeletedColumn,
                 CleanupListModel::BeforeColumn, CleanupListModel::FreedColumn})
            QCOMPARE(cleanups.index(0, column).data().toString(), u"—"_s);

        // The usage chart's samples.
        QVERIFY(ledger.addSample(library, {m_at, 3000, {}}));
        UsageChartModel usage(&ledger);
        QAbstractItemModelTester usageTester(
            &usage, QAbstractItemModelTester::FailureReportingMode::QtTest);
        usage.setLibrary(library);
        QCOMPARE(usage.rowCount(), 1);
        QCOMPARE(usage.index(0, UsageChartModel::TimeColumn).data().toString(), expected);
    }
};

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
