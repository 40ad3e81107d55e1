#include "demo/smhsimulator.h"
#include "sampleledger.h"
#include "tasks/taskstore.h"
#include "ui/resultitemmodel.h"
#include "ui/resultview.h"
#include "ui/statestyle.h"
#include "ui/taskdetailspane.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

// A batch delete of `count` entries of which the last `failed` were refused,
// as the simulator answers it.
TaskResult batchResult(int count, int failed)
{
    return TaskResult::fromJson(SmhSimulator::batchResult(15, count, failed));
}

} // namespace

// A result the details pane has no fields for: a batch's items in a table
// with counts, anything else as a read-only JSON tree, and neither for a
// conversion.
class TestResultView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemModel()
    {
        ResultItemModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems(batchResult(3, 1).items);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.index(0, ResultItemModel::PathColumn).data().toString().contains(u"/0-"_s));
        QCOMPARE(model.index(0, ResultItemModel::OutcomeColumn).data().toString(), u"Done"_s);
        QCOMPARE(
            model.index(2, ResultItemModel::OutcomeColumn).data().toString(), u"Failed (403)"_s);
        QCOMPARE(model.index(2, ResultItemModel::ErrorColumn).data().toString(),
            u"NoPermission: The entry is locked by another user."_s);
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
    }

    void batchAsTableWithCounts()
    {
        ResultView view;
        view.show();
        view.setResult(batchResult(1000, 2));
        QVERIFY(view.isVisible());
        auto *counts = view.findChild<QLabel *>(u"resultCounts"_s);
        auto *table = view.findChild<QTableView *>(u"resultItems"_s);
        auto *tree = view.findChild<QTreeWidget *>(u"resultTree"_s);
        QVERIFY(counts && table && tree);
        QCOMPARE(counts->text(), u"998 done, 2 failed"_s);
        QVERIFY(table->isVisible());
        QVERIFY(!tree->isVisible());
        QCOMPARE(table->model()->rowCount(), 1000);
        QCOMPARE(table->model()->index(999, ResultItemModel::OutcomeColumn).data().toString(),
            u"Failed (403)"_s);
    }

    void otherShapesAsTree()
    {
        ResultView view;
        view.show();
        const QJsonObject typed {
            {u"deleteCount"_s, 12}, {u"detail"_s, QJsonObject {{u"status"_s, u"ok"_s}}}};
        view.setResult(TaskResult::fromJson(typed));
        auto *tree = view.findChild<QTreeWidget *>(u"resultTree"_s);
        QVERIFY(tree->isVisible());
        QVERIFY(!view.findChild<QTableView *>(u"resultItems"_s)->isVisible());
        QTreeWidgetItem *root = tree->topLevelItem(0);
        QCOMPARE(root->childCount(), 2);
        QCOMPARE(root->child(0)->text(0), u"deleteCount"_s);
        QCOMPARE(root->child(0)->text(1), u"12"_s);
        QCOMPARE(root->child(1)->child(0)->text(1), u"ok"_s);
        QVERIFY(!(root->flags() & Qt::ItemIsEditable));

        view.setResult(TaskResult::fromJson(u"done"_s));
        QCOMPARE(tree->topLevelItem(0)->text(1), u"done"_s);
    }

    // A hostile result costs a bounded number of tree nodes.
    void treeIsBounded()
    {
        ResultView view;
        QJsonArray big;
        for (int i = 0; i < 50'000; ++i)
            big.append(i);
        view.setResult(TaskResult::fromJson(QJsonObject {{u"numbers"_s, big}}));
        auto *tree = view.findChild<QTreeWidget *>(u"resultTree"_s);
        QVERIFY(tree->topLevelItem(0)->child(0)->childCount() <= ResultView::maxTreeNodes);
    }

    void conversionAndNoneHidden()
    {
        ResultView view;
        view.show();
        view.setResult(batchResult(2, 0));
        QVERIFY(view.isVisible());
        view.setResult(SampleLedger::result(u"s"_s, u"d"_s));
        QVERIFY(!view.isVisible());
        view.setResult(std::nullopt);
        QVERIFY(!view.isVisible());
    }

    // In the details pane: the current task's batch, following the task.
    void inTheDetailsPane()
    {
        TaskStore store;
        SampleLedger::openInMemory(store);
        const qint64 c = SampleLedger::addConnection(store, u"lib1"_s);
        const QDateTime now = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
        store.addTasks(c, {15, 16}, {}, now);
        TaskObservation batch = SampleLedger::observation({c, 15}, TaskState::Succeeded, 200, now);
        batch.result = batchResult(5, 1);
        store.applyObservations(
            {batch, SampleLedger::observation({c, 16}, TaskState::Succeeded, 200, now)});
        StateStyle style(nullptr, false);
        TaskDetailsPane pane(&store, &style);
        pane.resize(420, 900);
        pane.show();
        pane.showTask(TaskKey {c, 15});
        auto *counts = pane.findChild<QLabel *>(u"resultCounts"_s);
        QVERIFY(counts);
        QTRY_VERIFY(counts->isVisible());
        QCOMPARE(counts->text(), u"4 done, 1 failed"_s);
        pane.showTask(TaskKey {c, 16});
        QVERIFY(!pane.findChild<ResultView *>()->isVisible());
    }
};

QTEST_MAIN(TestResultView)
#include "tst_resultview.moc"
