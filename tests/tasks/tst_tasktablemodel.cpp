#include "sampleledger.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;

// The model follows the store without ever resetting; a model tester watches
// every test from start to end.
class TestTaskTableModel final : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        TaskStore store;
        std::unique_ptr<TaskTableModel> model;
        std::unique_ptr<QAbstractItemModelTester> tester;
        qint64 connectionId = 0;
        QDateTime now = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

        Fixture()
        {
            SampleLedger::openInMemory(store);
            connectionId = SampleLedger::addConnection(store, u"lib"_s, u"Archive"_s);
            model = std::make_unique<TaskTableModel>(&store);
            model->setClock([this] { return now; });
            tester = std::make_unique<QAbstractItemModelTester>(
                model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        }

        TaskObservation observe(qint64 id, TaskState state, int status)
        {
            return SampleLedger::observation({connectionId, id}, state, status, now);
        }
    };

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<int>>(); }

    void rowsAreInsertedInOneBlock()
    {
        Fixture f;
        QSignalSpy inserted(f.model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelReset);
        f.store.addTasks(f.connectionId, {10, 11, 12}, u"first"_s, f.now);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2);
        f.store.addTasks(f.connectionId, {12, 13}, {}, f.now); // 12 already tracked
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(inserted.at(1).at(2).toInt(), 3);
        QCOMPARE(f.model->rowCount(), 4);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(f.model->index(0, TaskTableModel::TaskIdColumn).data().toString(), u"10"_s);
        QCOMPARE(
            f.model->index(0, TaskTableModel::ConnectionColumn).data().toString(), u"Archive"_s);
        QCOMPARE(f.model->index(0, TaskTableModel::StateColumn).data().toString(), u"Queued"_s);
        QCOMPARE(f.model->index(0, TaskTableModel::NoteColumn).data().toString(), u"first"_s);
    }

    // A poll's answers scattered over a big table arrive as one range, not
    // one signal per row (each costs a sorting proxy a pass over all rows).
    void manyScatteredChangesAreOneRange()
    {
        Fixture f;
        QList<qint64> ids(200);
        std::iota(ids.begin(), ids.end(), 1);
        f.store.addTasks(f.connectionId, ids, {}, f.now);
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        QList<TaskObservation> answers;
        for (qint64 id = 11; id <= 191; id += 10)
            answers << f.observe(id, TaskState::Running, 202);
        f.store.applyObservations(answers);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 10);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 190);
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(TaskTableModel::StateRole));

        // A few ranges stay as they are.
        changed.clear();
        f.store.applyObservations({f.observe(5, TaskState::Running, 202),
            f.observe(6, TaskState::Running, 202), f.observe(100, TaskState::Failed, 500)});
        QCOMPARE(changed.count(), 2);
    }

    // The per-connection tally the quick filters read agrees with the rows
    // after every kind of change.
    void stateTallyFollowsEveryChange()
    {
        Fixture f;
        const qint64 other = SampleLedger::addConnection(f.store, u"other"_s, u"Other"_s);
        auto recount = [&f] {
            QHash<qint64, TaskStates::Counts> counts;
            for (int row = 0; row < f.model->rowCount(); ++row) {
                const Task *task = f.model->taskAt(row);
                ++counts[task->key.connectionId][size_t(task->state)];
            }
            return counts;
        };
        QRandomGenerator random(3);
        for (int round = 0; round < 40; ++round) {
            const qint64 connection = round % 3 ? f.connectionId : other;
            f.store.addTasks(
                connection, {1 + random.bounded(30), 1 + random.bounded(30)}, {}, f.now);
            QList<TaskObservation> answers;
            for (int i = 0; i < 5; ++i) {
                const qint64 id = 1 + random.bounded(30);
                answers << SampleLedger::observation({round % 2 ? f.connectionId : other, id},
                    TaskState(random.bounded(TaskStates::count)), 202, f.now);
            }
            f.store.applyObservations(answers);
            if (round % 4 == 0)
                f.store.removeTasks({{connection, 1 + random.bounded(30)}});
            QCOMPARE(f.model->stateCountsByConnection(), recount());
        }
        f.store.removeConnection(other);
        QCOMPARE(f.model->stateCountsByConnection(), recount());
        QVERIFY(!f.model->stateCountsByConnection().contains(other));
    }

    void changesAreMergedIntoRangesWithRoles()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1, 2, 3, 4, 5}, {}, f.now);
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelReset);
        f.now = f.now.addSecs(5);
        // Rows 0,1,2 change together, row 4 alone.
        f.store.applyObservations(
            {f.observe(1, TaskState::Running, 202), f.observe(2, TaskState::Running, 202),
                f.observe(3, TaskState::Running, 202), f.observe(5, TaskState::Succeeded, 200)});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 2);
        const QModelIndex topLeft = changed.at(0).at(0).value<QModelIndex>();
        const QModelIndex bottomRight = changed.at(0).at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 2);
        QVERIFY(topLeft.column() <= TaskTableModel::StateColumn);
        const QList<int> roles = changed.at(0).at(2).value<QList<int>>();
        QVERIFY(roles.contains(Qt::DisplayRole));
        QVERIFY(roles.contains(TaskTableModel::StateRole));
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 4);
        QCOMPARE(
            changed.at(1).at(1).value<QModelIndex>().column(), int(TaskTableModel::PathColumn));

        QCOMPARE(f.model->index(4, TaskTableModel::StateColumn).data().toString(), u"Succeeded"_s);
        QCOMPARE(f.model->index(4, TaskTableModel::StatusColumn).data().toString(), u"200"_s);
        QCOMPARE(
            f.model->index(4, TaskTableModel::SourceInodeColumn).data().toString(), u"src-1"_s);
        QCOMPARE(
            f.model->index(4, TaskTableModel::TargetInodeColumn).data().toString(), u"dst-1"_s);
        QCOMPARE(f.model->index(4, TaskTableModel::PathColumn).data().toString(),
            u"foo/ba_1x1/test.pdf"_s);
        QCOMPARE(
            f.model->index(4, TaskTableModel::StateColumn).data(TaskTableModel::StateRole).toInt(),
            int(TaskState::Succeeded));
        QCOMPARE(f.model->index(4, 0).data(TaskTableModel::IsFinalRole).toBool(), true);

        // Same answer again: only "last polled" moves.
        changed.clear();
        f.now = f.now.addSecs(5);
        f.store.applyObservations({f.observe(5, TaskState::Succeeded, 200)});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(),
            int(TaskTableModel::LastPolledColumn));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().column(),
            int(TaskTableModel::LastPolledColumn));
    }

    void removalKeepsTheOtherRowsAddressable()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1, 2, 3, 4, 5, 6}, {}, f.now);
        QSignalSpy removed(f.model.get(), &QAbstractItemModel::rowsRemoved);
        f.store.removeTasks({{f.connectionId, 2}, {f.connectionId, 3}, {f.connectionId, 5}});
        QCOMPARE(removed.count(), 2); // rows 4 and 1-2, bottom up
        QCOMPARE(f.model->rowCount(), 3);
        QCOMPARE(f.model->rowOf({f.connectionId, 6}), 2);
        QCOMPARE(f.model->rowOf({f.connectionId, 2}), -1);
        f.store.applyObservations({f.observe(6, TaskState::Failed, 500)});
        QCOMPARE(f.model->index(2, TaskTableModel::StateColumn).data().toString(), u"Failed"_s);
    }

    void persistentIndexesAndSelectionSurviveUpdates()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1, 2, 3}, {}, f.now);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(f.model.get());
        proxy.setSortRole(TaskTableModel::SortRole);
        proxy.sort(TaskTableModel::TaskIdColumn, Qt::DescendingOrder);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QPersistentModelIndex three = proxy.index(0, 0);
        QCOMPARE(three.data().toString(), u"3"_s);
        f.store.addTasks(f.connectionId, {4}, {}, f.now);
        f.store.applyObservations({f.observe(3, TaskState::Running, 202)});
        QVERIFY(three.isValid());
        QCOMPARE(three.data().toString(), u"3"_s);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"4"_s);
    }

    void sortingUsesRawValues()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {9, 10, 100}, {}, f.now);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(f.model.get());
        proxy.setSortRole(TaskTableModel::SortRole);
        proxy.sort(TaskTableModel::TaskIdColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"9"_s);
        QCOMPARE(proxy.index(1, 0).data().toString(), u"10"_s);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"100"_s);
    }

    void durationsGrowForRunningTasksOnly()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1, 2}, {}, f.now);
        f.store.applyObservations(
            {f.observe(1, TaskState::Running, 202), f.observe(2, TaskState::Failed, 500)});
        f.now = f.now.addSecs(125);
        // The clock alone announces nothing (a view repaints the cells it
        // shows): a hundred thousand rows must not be signalled each second.
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        QCoreApplication::processEvents();
        QCOMPARE(changed.count(), 0);
        QCOMPARE(
            f.model->index(0, TaskTableModel::DurationColumn).data().toString(), u"2 min 5 s"_s);
        // Failed at its first answer: how long it ran is unknown, not "0 s".
        QCOMPARE(f.model->index(1, TaskTableModel::DurationColumn).data().toString(), u"—"_s);
        QVERIFY(!f.model->index(1, TaskTableModel::DurationColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
        QVERIFY(f.model->index(0, TaskTableModel::DurationColumn).data(Qt::ToolTipRole).isNull());
        // A failure explains itself where it is shown.
        QVERIFY(f.model->index(1, TaskTableModel::StateColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Tencent support"_s));
        // The column holds SMH's status code, and says so.
        QCOMPARE(f.model->headerData(TaskTableModel::StatusColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
            u"Code"_s);
    }

    void noteIsEditableThroughTheStore()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1}, {}, f.now);
        const QModelIndex note = f.model->index(0, TaskTableModel::NoteColumn);
        // The model never writes the store itself: without a writer, notes
        // are read-only.
        QVERIFY(!(f.model->flags(note) & Qt::ItemIsEditable));
        QVERIFY(!f.model->setData(note, u"x"_s, Qt::EditRole));
        QList<QPair<TaskKey, QString>> written;
        f.model->setNoteWriter([&](const TaskKey &key, const QString &text) {
            written.append({key, text});
            return bool(f.store.setNote(key, text));
        });
        QVERIFY(f.model->flags(note) & Qt::ItemIsEditable);
        QVERIFY(!(f.model->flags(f.model->index(0, 0)) & Qt::ItemIsEditable));
        QVERIFY(f.model->setData(note, u"  purge of /archive  "_s, Qt::EditRole));
        QCOMPARE(note.data().toString(), u"purge of /archive"_s);
        QCOMPARE(f.store.task({f.connectionId, 1})->note, u"purge of /archive"_s);
        QCOMPARE(written.size(), 1);
        QCOMPARE(written.at(0).first, (TaskKey {f.connectionId, 1}));
    }

    // A batch's path cell names its first item and how many more there are;
    // its tooltip gives the counts.
    void batchPathCell()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {15}, {}, f.now);
        TaskObservation o = f.observe(15, TaskState::Succeeded, 200);
        o.result = TaskResult::fromJson(QJsonArray {
            QJsonObject {{u"status"_s, 200}, {u"path"_s, QJsonArray {u"foo"_s, u"bar"_s}}},
            QJsonObject {{u"status"_s, 200}, {u"path"_s, QJsonArray {u"foo"_s, u"baz"_s}}},
            QJsonObject {{u"status"_s, 404}, {u"code"_s, u"FileNotFound"_s}}});
        f.store.applyObservations({o});
        const QModelIndex path = f.model->index(0, TaskTableModel::PathColumn);
        QCOMPARE(path.data().toString(), u"foo/bar +2 more"_s);
        QCOMPARE(path.data(Qt::ToolTipRole).toString(), u"2 done, 1 failed"_s);
    }

    // The Type column (last): empty while unknown, the human name of a known
    // type, an unknown one as SMH spelled it; learning it announces that cell.
    void typeColumn()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1, 2, 3}, {}, f.now);
        f.store.applyObservations({f.observe(1, TaskState::Succeeded, 200)});
        QCOMPARE(f.model->columnCount(), int(TaskTableModel::TypeColumn) + 1);
        QCOMPARE(f.model->headerData(TaskTableModel::TypeColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
            u"Type"_s);
        QVERIFY(f.model->index(0, TaskTableModel::TypeColumn).data().toString().isEmpty());
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        auto typed = [](qint64 id, const QString &type, const QString &extra = {}) {
            return *TypedTaskResult::parse(
                u"{\"taskId\":\"%1\",\"taskType\":\"%2\",\"status\":200%3}"_s.arg(id)
                    .arg(type, extra)
                    .toUtf8(),
                id);
        };
        QVERIFY(f.store.applyTypedResults(
            {{{f.connectionId, 1}, typed(1, u"batchRestoreRecycle"_s)},
                {{f.connectionId, 2}, typed(2, u"<b>newKind</b>"_s)},
                {{f.connectionId, 3},
                    typed(3, u"fileUncompress"_s,
                        uR"(,"fileUncompressResult":{"fileCount":3,"successCount":3,"failedCount":0})"_s)}},
            f.now));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 2);
        QCOMPARE(
            changed.at(0).at(0).value<QModelIndex>().column(), int(TaskTableModel::TypeColumn));
        QCOMPARE(
            changed.at(0).at(1).value<QModelIndex>().column(), int(TaskTableModel::TypeColumn));
        QCOMPARE(f.model->index(0, TaskTableModel::TypeColumn).data().toString(),
            u"Restore from recycle bin"_s);
        QCOMPARE(
            f.model->index(1, TaskTableModel::TypeColumn).data().toString(), u"<b>newKind</b>"_s);
        QCOMPARE(
            f.model->index(2, TaskTableModel::TypeColumn).data().toString(), u"Uncompress file"_s);
        QCOMPARE(f.model->index(2, TaskTableModel::TypeColumn).data(Qt::ToolTipRole).toString(),
            u"3 of 3 files uncompressed, 0 failed"_s);
        QCOMPARE(
            f.model->index(2, TaskTableModel::TypeColumn).data(TaskTableModel::SortRole).toString(),
            u"fileUncompress"_s);
        // A right-to-left override would reorder the cell: shown escaped.
        QVERIFY(f.store.applyTypedResults(
            {{{f.connectionId, 2}, typed(2, u"evil\u202Eexe.txt"_s)}}, f.now));
        QCOMPARE(f.model->index(1, TaskTableModel::TypeColumn).data().toString(),
            u"evil\\u202eexe.txt"_s);
    }

    void formatsDurations_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << qint64(42) << u"42 s"_s;
        QTest::newRow("minutes") << qint64(61) << u"1 min 1 s"_s;
        QTest::newRow("hours") << qint64(3 * 3600 + 120) << u"3 h 2 min"_s;
        QTest::newRow("days") << qint64(2 * 86400 + 5 * 3600) << u"2 d 5 h"_s;
    }

    void formatsDurations()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(TaskTableModel::formatDuration(seconds), text);
    }
};

QTEST_GUILESS_MAIN(TestTaskTableModel)
#include "tst_tasktablemodel.moc"
