#include "sampleledger.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/statestyle.h"
#include "ui/styledtaskmodel.h"
#include "ui/taskfiltermodel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// The proxy between the table model and the view: text, state and
// connection filters, live counts, and a sort that keeps equal rows in a
// stable order. Model testers watch both proxies for the whole test.
class TestTaskFilterModel final : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        TaskStore store;
        std::unique_ptr<TaskTableModel> model;
        StateStyle style {nullptr, false};
        StyledTaskModel styled {&style};
        TaskFilterModel filter;
        std::unique_ptr<QAbstractItemModelTester> styledTester;
        std::unique_ptr<QAbstractItemModelTester> filterTester;
        qint64 archive = 0;
        qint64 media = 0;
        QDateTime now = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

        Fixture()
        {
            SampleLedger::openInMemory(store);
            archive = SampleLedger::addConnection(store, u"archive"_s, u"Archive"_s);
            media = SampleLedger::addConnection(store, u"media"_s, u"Media"_s);
            model = std::make_unique<TaskTableModel>(&store);
            model->setClock([this] { return now; });
            styled.setSourceModel(model.get());
            filter.setSourceModel(&styled);
            styledTester = std::make_unique<QAbstractItemModelTester>(
                &styled, QAbstractItemModelTester::FailureReportingMode::QtTest);
            filterTester = std::make_unique<QAbstractItemModelTester>(
                &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        }

        TaskObservation observe(
            qint64 connectionId, qint64 id, TaskState state, const QString &file = {})
        {
            TaskObservation o;
            o.key = {connectionId, id};
            o.state = state;
            o.status = state == TaskState::Running ? 202
                : state == TaskState::Succeeded    ? 200
                : state == TaskState::Failed       ? 500
                                                   : 0;
            o.polledAt = now;
            if (state == TaskState::Succeeded)
                o.result = TaskResult {
                    {u"src"_s, file}, {u"out"_s, file}, u"s-%1"_s.arg(id), u"d-%1"_s.arg(id)};
            return o;
        }

        QList<qint64> visibleIds() const
        {
            QList<qint64> ids;
            for (int row = 0; row < filter.rowCount(); ++row)
                ids << filter.index(row, TaskTableModel::TaskIdColumn)
                           .data(TaskTableModel::TaskKeyRole)
                           .value<TaskKey>()
                           .taskId;
            return ids;
        }
    };

private Q_SLOTS:
    void connectionCountsMeanWhatStateCountsMean()
    {
        Fixture f;
        f.store.addTasks(f.archive, {1, 2, 3}, {}, f.now);
        f.store.addTasks(f.media, {4}, {}, f.now);
        f.store.applyObservations({f.observe(f.archive, 1, TaskState::Succeeded, u"cat.png"_s),
            f.observe(f.archive, 2, TaskState::Failed), f.observe(f.media, 4, TaskState::Running)});
        // Every count: tasks that picking the entry would show.
        QHash<qint64, int> counts = f.filter.connectionCounts();
        QCOMPARE(counts.value(0), 4);
        QCOMPARE(counts.value(f.archive), 3);
        QCOMPARE(counts.value(f.media), 1);
        // They follow the state filter (as state counts follow the connection)...
        f.filter.setStateFilter({TaskState::Failed});
        counts = f.filter.connectionCounts();
        QCOMPARE(counts.value(f.archive), 1);
        QVERIFY(counts.contains(0));
        QCOMPARE(counts.value(f.media, -1), -1); // absent: zero, shown as 0
        // ...and the text filter, like the state counts.
        f.filter.setStateFilter({});
        f.filter.setFilterText(u"cat.png"_s);
        counts = f.filter.connectionCounts();
        QCOMPARE(counts.value(f.archive), 1);
        QCOMPARE(counts.value(0), 1);
        QCOMPARE(f.filter.count(TaskState::Succeeded), 1);
        QCOMPARE(f.filter.count(TaskState::Failed), 0);
    }

    void initTestCase() { qRegisterMetaType<QList<int>>(); }

    void textFilterMatchesEveryWord()
    {
        Fixture f;
        f.store.addTasks(f.archive, {100, 101, 102}, {}, f.now);
        f.store.addTasks(f.media, {200, 201}, u"nightly purge"_s, f.now);
        f.store.applyObservations({f.observe(f.archive, 101, TaskState::Succeeded, u"report.pdf"_s),
            f.observe(f.media, 201, TaskState::Succeeded, u"movie.mp4"_s)});
        f.filter.sort(TaskTableModel::TaskIdColumn);
        QCOMPARE(f.filter.rowCount(), 5);

        QSignalSpy filterChanged(&f.filter, &TaskFilterModel::filterChanged);
        f.filter.setFilterText(u"REPORT"_s); // path, case-insensitive
        QCOMPARE(f.visibleIds(), QList<qint64> {101});
        QCOMPARE(filterChanged.count(), 1);
        f.filter.setFilterText(u"purge"_s); // note
        QCOMPARE(f.visibleIds(), (QList<qint64> {200, 201}));
        f.filter.setFilterText(u"purge  movie"_s); // both words
        QCOMPARE(f.visibleIds(), QList<qint64> {201});
        f.filter.setFilterText(u"media"_s); // connection name
        QCOMPARE(f.visibleIds(), (QList<qint64> {200, 201}));
        f.filter.setFilterText(u"10"_s); // part of an ID
        QCOMPARE(f.visibleIds(), (QList<qint64> {100, 101, 102}));
        f.filter.setFilterText(u"#10"_s); // exactly this ID: none
        QCOMPARE(f.visibleIds(), QList<qint64> {});
        f.filter.setFilterText(u"#102"_s);
        QCOMPARE(f.visibleIds(), QList<qint64> {102});
        f.filter.setFilterText(u"d-201"_s); // target inode
        QCOMPARE(f.visibleIds(), QList<qint64> {201});
        f.filter.setFilterText(u"succeeded"_s); // state label
        QCOMPARE(f.visibleIds(), (QList<qint64> {101, 201}));
        f.filter.setFilterText(u"S-10"_s); // source inode
        QCOMPARE(f.visibleIds(), QList<qint64> {101});
        f.filter.setFilterText(u"200 report"_s); // status code and path
        QCOMPARE(f.visibleIds(), QList<qint64> {101});
        // The type's name as shown, once v2 told it.
        const auto typed = TypedTaskResult::parse(
            R"({"taskId":"102","taskType":"batchRestoreRecycle","status":200})", 102);
        QVERIFY(f.store.applyTypedResults({{{f.archive, 102}, *typed}}, f.now));
        f.filter.setFilterText(u"recycle bin"_s);
        QCOMPARE(f.visibleIds(), QList<qint64> {102});
        f.filter.setFilterText(u"  "_s);
        QCOMPARE(f.filter.rowCount(), 5);
    }

    void stateAndConnectionFiltersCombine()
    {
        Fixture f;
        f.store.addTasks(f.archive, {1, 2, 3, 4}, {}, f.now);
        f.store.addTasks(f.media, {5, 6}, {}, f.now);
        f.store.applyObservations({f.observe(f.archive, 1, TaskState::Failed),
            f.observe(f.archive, 2, TaskState::Running), f.observe(f.media, 5, TaskState::Failed),
            f.observe(f.media, 6, TaskState::NotFound)});
        f.filter.sort(TaskTableModel::TaskIdColumn);

        f.filter.setStateFilter({TaskState::Failed});
        QCOMPARE(f.visibleIds(), (QList<qint64> {1, 5}));
        f.filter.setConnectionFilter(f.media);
        QCOMPARE(f.visibleIds(), QList<qint64> {5});
        f.filter.setStateFilter({TaskState::Failed, TaskState::NotFound});
        QCOMPARE(f.visibleIds(), (QList<qint64> {5, 6}));
        f.filter.setConnectionFilter(0);
        QCOMPARE(f.visibleIds(), (QList<qint64> {1, 5, 6}));
        f.filter.setStateFilter({});
        QCOMPARE(f.filter.rowCount(), 6);

        // A row leaves and enters the filter as its state changes.
        f.filter.setStateFilter({TaskState::Running});
        QCOMPARE(f.visibleIds(), QList<qint64> {2});
        f.store.applyObservations({f.observe(f.archive, 2, TaskState::Succeeded, u"x"_s),
            f.observe(f.archive, 3, TaskState::Running)});
        QCOMPARE(f.visibleIds(), QList<qint64> {3});
    }

    void countsFollowTextAndConnectionButNotState()
    {
        Fixture f;
        f.store.addTasks(f.archive, {1, 2, 3}, {}, f.now);
        f.store.addTasks(f.media, {4, 5}, {}, f.now);
        f.store.applyObservations({f.observe(f.archive, 1, TaskState::Failed),
            f.observe(f.media, 4, TaskState::Failed), f.observe(f.media, 5, TaskState::Running)});
        QCOMPARE(f.filter.count(TaskState::Failed), 2);
        QCOMPARE(f.filter.count(TaskState::Queued), 2);
        QCOMPARE(f.filter.count(TaskState::Running), 1);
        QCOMPARE(f.filter.matchingCount(), 5);

        f.filter.setStateFilter({TaskState::Failed});
        QCOMPARE(f.filter.rowCount(), 2);
        QCOMPARE(f.filter.count(TaskState::Queued), 2); // state filter does not change counts
        f.filter.setConnectionFilter(f.media);
        QCOMPARE(f.filter.count(TaskState::Failed), 1);
        QCOMPARE(f.filter.count(TaskState::Queued), 0);
        QCOMPARE(f.filter.matchingCount(), 2);
        f.filter.setConnectionFilter(0);
        f.filter.setFilterText(u"archive"_s);
        QCOMPARE(f.filter.matchingCount(), 3);
        QCOMPARE(f.filter.count(TaskState::Failed), 1);
    }

    void countsAreLiveAndCoalesced()
    {
        Fixture f;
        QSignalSpy countsChanged(&f.filter, &TaskFilterModel::countsChanged);
        f.store.addTasks(f.archive, {1, 2, 3}, {}, f.now);
        f.store.applyObservations({f.observe(f.archive, 1, TaskState::Running)});
        f.store.applyObservations({f.observe(f.archive, 2, TaskState::Running)});
        // Several changes in one turn of the event loop: one signal.
        QVERIFY(countsChanged.wait(1000));
        QCOMPARE(countsChanged.count(), 1);
        QCOMPARE(f.filter.count(TaskState::Running), 2);
        QCOMPARE(f.filter.count(TaskState::Queued), 1);

        // Time passing alone does not move counts.
        countsChanged.clear();
        f.now = f.now.addSecs(10);
        QCoreApplication::processEvents();
        QCOMPARE(countsChanged.count(), 0);

        f.store.applyObservations({f.observe(f.archive, 1, TaskState::Succeeded, u"a"_s)});
        QVERIFY(countsChanged.wait(1000));
        QCOMPARE(f.filter.count(TaskState::Succeeded), 1);
        f.store.removeTasks({{f.archive, 3}});
        QTRY_COMPARE(f.filter.count(TaskState::Queued), 0);
    }

    // Sorting reads the rows directly instead of through SortRole: for every
    // column and both orders it must give the order the raw values give.
    void everyColumnSortsByItsRawValue()
    {
        Fixture f;
        QRandomGenerator random(7);
        QList<qint64> ids;
        for (qint64 id = 1; id <= 60; ++id)
            ids << 1000 - id * 7;
        f.store.addTasks(f.archive, ids.mid(0, 30), {}, f.now);
        f.now = f.now.addSecs(40);
        f.store.addTasks(f.media, ids.mid(30), {}, f.now);
        for (int round = 0; round < 4; ++round) {
            f.now = f.now.addSecs(17);
            QList<TaskObservation> observations;
            for (qint64 id : ids.mid(round * 12, 15)) {
                const qint64 connection = ids.indexOf(id) < 30 ? f.archive : f.media;
                observations << f.observe(connection, id,
                    TaskState(random.bounded(TaskStates::count)),
                    u"%1-file"_s.arg(char(u'a' + random.bounded(4))));
            }
            f.store.applyObservations(observations);
        }
        f.store.setNote({f.archive, ids.at(3)}, u"Zebra"_s);
        const QStringList types {u"convertFile"_s, u"batchDelete"_s, u"BatchCopy"_s, u"zeta"_s};
        for (qsizetype i = 0; i < 12; ++i) {
            const qint64 id = ids.at(i * 5);
            const auto typed = TypedTaskResult::parse(
                u"{\"taskId\":\"%1\",\"taskType\":\"%2\"}"_s.arg(id).arg(types.at(i % 4)).toUtf8(),
                id);
            f.store.applyTypedResults({{{i * 5 < 30 ? f.archive : f.media, id}, *typed}}, f.now);
        }
        f.store.setNote({f.media, ids.at(40)}, u"apple"_s);
        f.now = f.now.addSecs(100);

        auto rawLess = [&](const QModelIndex &a, const QModelIndex &b) {
            const QVariant x = a.data(TaskTableModel::SortRole);
            const QVariant y = b.data(TaskTableModel::SortRole);
            const int order = x.userType() == QMetaType::QString
                ? QString::compare(x.toString(), y.toString(), Qt::CaseInsensitive)
                : (QVariant::compare(x, y) == QPartialOrdering::Less           ? -1
                        : QVariant::compare(x, y) == QPartialOrdering::Greater ? 1
                                                                               : 0);
            if (order != 0)
                return order < 0;
            const auto left = a.data(TaskTableModel::TaskKeyRole).value<TaskKey>();
            const auto right = b.data(TaskTableModel::TaskKeyRole).value<TaskKey>();
            return left.taskId != right.taskId ? left.taskId < right.taskId
                                               : left.connectionId < right.connectionId;
        };
        for (int column = 0; column < TaskTableModel::ColumnCount; ++column) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                QList<QModelIndex> expected;
                for (int row = 0; row < f.model->rowCount(); ++row)
                    expected << f.model->index(row, column);
                std::stable_sort(expected.begin(), expected.end(), rawLess);
                if (order == Qt::DescendingOrder)
                    std::reverse(expected.begin(), expected.end());
                f.filter.sort(column, order);
                QCOMPARE(f.filter.rowCount(), expected.size());
                for (int row = 0; row < expected.size(); ++row) {
                    QCOMPARE(f.filter.index(row, column)
                                 .data(TaskTableModel::TaskKeyRole)
                                 .value<TaskKey>(),
                        expected.at(row).data(TaskTableModel::TaskKeyRole).value<TaskKey>());
                }
            }
        }
    }

    void sortIsStableWithTheTaskAsTieBreaker()
    {
        Fixture f;
        f.store.addTasks(f.archive, {30, 10, 20, 40, 50}, {}, f.now);
        f.store.applyObservations({f.observe(f.archive, 20, TaskState::Running),
            f.observe(f.archive, 50, TaskState::Running)});
        f.filter.sort(TaskTableModel::StateColumn, Qt::AscendingOrder);
        // Queued before Running; within a state by task ID.
        QCOMPARE(f.visibleIds(), (QList<qint64> {10, 30, 40, 20, 50}));
        // An unrelated change never reorders equal rows.
        f.now = f.now.addSecs(5);
        f.store.applyObservations({f.observe(f.archive, 30, TaskState::Queued)});
        QCOMPARE(f.visibleIds(), (QList<qint64> {10, 30, 40, 20, 50}));
        f.store.applyObservations({f.observe(f.archive, 10, TaskState::Running)});
        QCOMPARE(f.visibleIds(), (QList<qint64> {30, 40, 10, 20, 50}));

        // Text columns compare without case; ties again by task.
        f.store.setNote({f.archive, 40}, u"beta"_s);
        f.store.setNote({f.archive, 30}, u"Alpha"_s);
        f.filter.sort(TaskTableModel::NoteColumn, Qt::AscendingOrder);
        QCOMPARE(f.visibleIds(), (QList<qint64> {10, 20, 50, 30, 40}));
    }

    void selectionSurvivesStreamingUpdates()
    {
        Fixture f;
        QList<qint64> ids;
        for (qint64 id = 1; id <= 60; ++id)
            ids << id;
        f.store.addTasks(f.archive, ids, {}, f.now);
        f.filter.sort(TaskTableModel::StateColumn, Qt::DescendingOrder);
        QItemSelectionModel selection(&f.filter);
        const TaskKey chosen {f.archive, 33};
        int chosenRow = -1;
        for (int row = 0; row < f.filter.rowCount(); ++row) {
            if (f.filter.index(row, 0).data(TaskTableModel::TaskKeyRole).value<TaskKey>() == chosen)
                chosenRow = row;
        }
        QVERIFY(chosenRow >= 0);
        selection.setCurrentIndex(f.filter.index(chosenRow, 0),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

        // Rounds of updates move rows around (the sort is by state) and add
        // and remove others; the model testers check every step.
        QRandomGenerator random(42);
        qint64 next = 100;
        for (int round = 0; round < 30; ++round) {
            f.now = f.now.addSecs(3);
            QList<TaskObservation> observations;
            for (int i = 0; i < 15; ++i) {
                const qint64 id = 1 + random.bounded(60);
                const auto state = TaskState(random.bounded(TaskStates::count));
                observations << f.observe(f.archive, id, state, u"f%1"_s.arg(id));
            }
            f.store.applyObservations(observations);
            f.store.addTasks(f.media, {next, next + 1}, {}, f.now);
            if (round % 3 == 0)
                f.store.removeTasks({{f.media, next - 2}});
            next += 2;
            if (round == 10)
                f.filter.setFilterText(u"3"_s);
            if (round == 20)
                f.filter.setFilterText({});
        }
        QVERIFY(selection.currentIndex().isValid());
        QCOMPARE(
            selection.currentIndex().data(TaskTableModel::TaskKeyRole).value<TaskKey>(), chosen);
        const QModelIndexList rows = selection.selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.constFirst().data(TaskTableModel::TaskKeyRole).value<TaskKey>(), chosen);

        // The proxy still agrees with the store.
        const int expected = int(f.store.tasks().size());
        QCOMPARE(f.filter.rowCount(), expected);
        int counted = 0;
        for (int i = 0; i < TaskStates::count; ++i)
            counted += f.filter.count(TaskState(i));
        QCOMPARE(counted, expected);
    }
};

QTEST_MAIN(TestTaskFilterModel)
#include "tst_taskfiltermodel.moc"
