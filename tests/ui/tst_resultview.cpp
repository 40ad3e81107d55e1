#include "demo/smhsimulator.h"
#include "sampleledger.h"
#include "tasks/taskstore.h"
#include "ui/batchitemsview.h"
#include "ui/copyablefield.h"
#include "ui/resultitemmodel.h"
#include "ui/resultview.h"
#include "ui/statestyle.h"
#include "ui/taskdetailspane.h"
#include "ui/theme.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
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
    void initTestCase()
    {
        // Counts are grouped as the locale groups them.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

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
        StateStyle style(nullptr, false);
        ResultView view;
        view.setStateStyle(&style);
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
        // The two failures come first, in the failure colour with its icon,
        // although the batch lists them last.
        for (int row : {0, 1}) {
            const QModelIndex outcome = table->model()->index(row, ResultItemModel::OutcomeColumn);
            QCOMPARE(outcome.data().toString(), u"Failed (403)"_s);
            QVERIFY(outcome.data(Qt::ForegroundRole).value<QColor>().isValid());
            QVERIFY(!outcome.data(Qt::DecorationRole).value<QIcon>().isNull());
        }
        QCOMPARE(
            table->model()->index(2, ResultItemModel::OutcomeColumn).data().toString(), u"Done"_s);
        QVERIFY(!table->model()->index(2, 0).data(Qt::ForegroundRole).isValid());
        // Every column fits the table: no horizontal scrolling to the error.
        QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    }

    // Failed items are written in a colour that reads on either theme.
    void failureColourContrast()
    {
        for (const QPalette &palette : {Theme::lightPalette(), Theme::darkPalette()}) {
            StateStyle style(nullptr, false);
            style.setPalette(palette);
            BatchItemsView view;
            view.setStateStyle(&style);
            view.setItems(batchResult(3, 1).items);
            const QModelIndex failed =
                view.findChild<QTableView *>(u"resultItems"_s)->model()->index(0, 0);
            const auto colour = failed.data(Qt::ForegroundRole).value<QColor>();
            QVERIFY(colour.isValid());
            QVERIFY(StateStyle::contrast(colour, palette.color(QPalette::Base))
                >= StateStyle::minimumContrast);
        }
    }

    // The items can be sorted, filtered, narrowed to the failures, and the
    // failed paths copied or every item exported.
    void sortFilterCopyAndExport()
    {
        BatchItemsView view;
        view.resize(600, 400);
        view.show();
        view.setItems(batchResult(1000, 2).items);
        auto *table = view.findChild<QTableView *>(u"resultItems"_s);
        QAbstractItemModel *model = table->model();
        table->sortByColumn(ResultItemModel::PathColumn, Qt::DescendingOrder);
        QVERIFY(model->index(0, 0).data().toString() > model->index(500, 0).data().toString());
        table->sortByColumn(ResultItemModel::OutcomeColumn, Qt::AscendingOrder);
        QCOMPARE(
            model->index(0, ResultItemModel::OutcomeColumn).data().toString(), u"Failed (403)"_s);

        auto *filter = view.findChild<QLineEdit *>(u"itemFilter"_s);
        QTest::keyClicks(filter, u"NOPERMISSION"_s);
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(view.findChild<QLabel *>(u"itemsShown"_s)->text().startsWith(u"2 of 1,000"_s));
        filter->clear();
        QCOMPARE(model->rowCount(), 1000);
        view.findChild<QCheckBox *>(u"failedOnly"_s)->setChecked(true);
        QCOMPARE(model->rowCount(), 2);

        QSignalSpy copied(&view, &BatchItemsView::copied);
        QTest::mouseClick(view.findChild<QPushButton *>(u"copyFailedPaths"_s), Qt::LeftButton);
        QCOMPARE(copied.size(), 1);
        const QStringList lines =
            QApplication::clipboard()->text().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines, view.failedPaths().split(u'\n'));
        QVERIFY(lines.constFirst().contains(u"/998-"_s));

        QTemporaryDir dir;
        const QString file = dir.filePath(u"items.csv"_s);
        QVERIFY(BatchItemsView::exportCsv(batchResult(3, 1).items, file).hasValue());
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = csv.readAll().split('\n');
        QCOMPARE(rows.at(0).trimmed(), QByteArray("path,outcome,status,code,message"));
        QVERIFY(rows.at(3).contains(",failed,403,NoPermission,"));
        QVERIFY(!BatchItemsView::exportCsv({}, dir.filePath(u"no/such/dir/x.csv"_s)).hasValue());
    }

    // Another task's items start at the top, not where the last one was left.
    void anotherTaskStartsAtTheTop()
    {
        BatchItemsView view;
        view.resize(500, 300);
        view.show();
        view.setItems(batchResult(1000, 2).items);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *table = view.findChild<QTableView *>(u"resultItems"_s);
        QTRY_VERIFY(table->verticalScrollBar()->maximum() > 0);
        table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
        QVERIFY(table->verticalScrollBar()->value() > 0);
        view.setItems(batchResult(900, 3).items);
        QCOMPARE(table->verticalScrollBar()->value(), 0);
    }

    // A window of its own with room for the items, within a 1024x700 screen.
    void itemsOpenInAWindow()
    {
        ResultView view;
        view.show();
        view.setResult(batchResult(1000, 2), u"Task 1027"_s);
        QTest::mouseClick(view.findChild<QPushButton *>(u"openItemsWindow"_s), Qt::LeftButton);
        QDialog *window = view.itemsWindow();
        QVERIFY(window);
        QTRY_VERIFY(window->isVisible());
        QVERIFY(window->windowTitle().contains(u"1027"_s));
        QVERIFY(window->width() <= 1024 && window->height() <= 700);
        QVERIFY(window->width() >= 600);
        auto *items = window->findChild<QTableView *>(u"resultItems"_s);
        QCOMPARE(items->model()->rowCount(), 1000);
        QCOMPARE(items->model()->index(0, ResultItemModel::OutcomeColumn).data().toString(),
            u"Failed (403)"_s);
        // It follows the task shown.
        view.setResult(batchResult(10, 0), u"Task 15"_s);
        QCOMPARE(items->model()->rowCount(), 10);
        QVERIFY(window->windowTitle().contains(u"15"_s));
    }

    // A batch whose items name no path is counted, not "+999999 more".
    void summaryOfPathlessItems()
    {
        // As SMH sends them, read the way every result is read (and kept compact).
        auto batchOf = [](qsizetype count, bool secondNamed) {
            QJsonArray items;
            for (qsizetype i = 0; i < count; ++i) {
                QJsonObject item {{u"status"_s, 200}};
                if (secondNamed && i == 1)
                    item.insert(u"to"_s, QJsonArray {u"a"_s, u"b"_s});
                items.append(item);
            }
            return TaskResult::fromJson(items).compact();
        };
        QVERIFY(batchOf(3, false).summaryPath().startsWith(u"3 item"_s));
        QCOMPARE(batchOf(3, true).summaryPath(), u"a/b +2 more"_s);
        const TaskResult large = batchOf(100'000, true);
        QCOMPARE(large.summaryPath(), u"a/b +99,999 more"_s);
        QCOMPARE(large.itemCounts(), u"100,000 done, 0 failed"_s);
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
        // No empty inode and path rows above the items.
        QVERIFY(!pane.findChild<CopyableField *>(u"fieldSourceInode"_s)->isVisible());
        QVERIFY(!pane.findChild<CopyableField *>(u"fieldPath"_s)->isVisible());
        // Its controls wrap: the pane's page is no wider than a narrow dock.
        auto *page = pane.findChild<QScrollArea *>()->widget();
        QVERIFY2(page->minimumSizeHint().width() <= 260,
            qPrintable(QString::number(page->minimumSizeHint().width())));
        // The failure stands first in the pane's table too.
        auto *table = pane.findChild<QTableView *>(u"resultItems"_s);
        QCOMPARE(table->model()->index(0, ResultItemModel::OutcomeColumn).data().toString(),
            u"Failed (403)"_s);
        pane.showTask(TaskKey {c, 16});
        QVERIFY(!pane.findChild<ResultView *>()->isVisible());
        QVERIFY(pane.findChild<CopyableField *>(u"fieldPath"_s)->isVisible());
    }
};

QTEST_MAIN(TestResultView)
#include "tst_resultview.moc"
