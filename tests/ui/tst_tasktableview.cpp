#include "sampleledger.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "ui/tasktableview.h"

#include <QPaintEvent>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Collects what the viewport is asked to repaint.
class PaintRecorder final : public QObject
{
public:
    QRegion painted;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted += static_cast<QPaintEvent *>(event)->region();
        return false;
    }
};

} // namespace

// The table view's own duties that the window relies on.
class TestTaskTableView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Durations follow the clock by repainting the visible cells of their
    // column: the model announces nothing, and no other column is redrawn.
    void repaintColumnRedrawsOnlyThatColumn()
    {
        TaskStore store;
        SampleLedger::openInMemory(store);
        const qint64 connection = SampleLedger::addConnection(store, u"lib"_s, u"Lib"_s);
        QDateTime now(QDate(2026, 11, 29), QTime(10, 0), Qt::UTC);
        store.addTasks(connection, {1, 2, 3}, {}, now);
        TaskTableModel model(&store);
        model.setClock([&now] { return now; });
        TaskTableView view;
        view.setModel(&model);
        view.resize(900, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        PaintRecorder recorder;
        view.viewport()->installEventFilter(&recorder);
        QCoreApplication::processEvents();
        recorder.painted = {};
        now = now.addSecs(61);
        view.repaintColumn(TaskTableModel::DurationColumn);
        QTRY_VERIFY(!recorder.painted.isEmpty());

        const QRect column(view.columnViewportPosition(TaskTableModel::DurationColumn), 0,
            view.columnWidth(TaskTableModel::DurationColumn), view.viewport()->height());
        QVERIFY(column.contains(recorder.painted.boundingRect()));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(model.index(0, TaskTableModel::DurationColumn).data().toString(), u"1 min 1 s"_s);

        // A hidden column is not repainted at all.
        view.setColumnHidden(TaskTableModel::DurationColumn, true);
        QCoreApplication::processEvents();
        recorder.painted = {};
        view.repaintColumn(TaskTableModel::DurationColumn);
        QCoreApplication::processEvents();
        QVERIFY(recorder.painted.isEmpty());
    }
};

QTEST_MAIN(TestTaskTableView)
#include "tst_tasktableview.moc"
