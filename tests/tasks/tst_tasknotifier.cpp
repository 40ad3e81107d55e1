#include "sampleledger.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// What the tray and the headless commands are told: tasks that just ended,
// and counts per state, kept from the store's announcements alone.
class TestTaskNotifier final : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        TaskStore store;
        qint64 connectionId = 0;
        QDateTime now = QDateTime::currentDateTimeUtc();

        Fixture()
        {
            SampleLedger::openInMemory(store);
            connectionId = SampleLedger::addConnection(store, u"lib"_s);
        }
        TaskObservation observe(qint64 id, TaskState state, int status)
        {
            return SampleLedger::observation({connectionId, id}, state, status, now);
        }
        // What a pass over the whole ledger would count: the notifier must agree.
        int counted(TaskState state) const
        {
            const QList<Task> tasks = store.tasks();
            return int(std::count_if(tasks.cbegin(), tasks.cend(),
                [state](const Task &task) { return task.state == state; }));
        }
        void verifyCounts(const TaskNotifier &notifier) const
        {
            for (int i = 0; i < TaskStates::count; ++i)
                QCOMPARE(notifier.count(TaskState(i)), counted(TaskState(i)));
            QCOMPARE(notifier.total(), int(store.taskCount()));
        }
    };

private Q_SLOTS:
    void countsFollowEveryChange()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1, 2}, {}, f.now); // before the notifier exists
        TaskNotifier notifier(&f.store);
        f.verifyCounts(notifier);
        QSignalSpy counts(&notifier, &TaskNotifier::countsChanged);
        f.store.addTasks(f.connectionId, {3, 4, 5}, {}, f.now);
        QCOMPARE(counts.count(), 1);
        QCOMPARE(notifier.count(TaskState::Queued), 5);
        f.store.applyObservations({f.observe(1, TaskState::Running, 202),
            f.observe(2, TaskState::Failed, 500), f.observe(3, TaskState::Succeeded, 200)});
        f.verifyCounts(notifier);
        QCOMPARE(notifier.unfinished(), 3);
        QCOMPARE(notifier.needingAttention(), 1);
        // An answer that repeats a state moves nothing.
        const int before = int(counts.count());
        f.store.applyObservations({f.observe(1, TaskState::Running, 202)});
        QCOMPARE(counts.count(), before);
        f.store.requeue({{f.connectionId, 2}}, f.now);
        f.verifyCounts(notifier);
        QCOMPARE(notifier.needingAttention(), 0);
        f.store.removeTasks({{f.connectionId, 1}, {f.connectionId, 3}});
        f.verifyCounts(notifier);
        QCOMPARE(notifier.total(), 3);
    }

    void finishedOncePerEnding()
    {
        Fixture f;
        TaskNotifier notifier(&f.store);
        QSignalSpy finished(&notifier, &TaskNotifier::tasksFinished);
        f.store.addTasks(f.connectionId, {1, 2, 3}, {}, f.now);
        f.store.applyObservations(
            {f.observe(1, TaskState::Running, 202), f.observe(2, TaskState::Running, 202)});
        QCOMPARE(finished.count(), 0); // running is not news
        f.store.applyObservations({f.observe(1, TaskState::Succeeded, 200),
            f.observe(2, TaskState::Running, 202), f.observe(3, TaskState::NotFound, 0)});
        QCOMPARE(finished.count(), 1);
        const QList<Task> ended = finished.at(0).at(0).value<QList<Task>>();
        QCOMPARE(ended.size(), 2);
        QCOMPARE(ended.at(0).key.taskId, 1);
        QCOMPARE(ended.at(0).state, TaskState::Succeeded); // as it is now, result and all
        QVERIFY(ended.at(0).result);
        QCOMPARE(ended.at(1).state, TaskState::NotFound);
        // Seen final again: no news.
        f.store.applyObservations({f.observe(1, TaskState::Succeeded, 200)});
        QCOMPARE(finished.count(), 1);
        // Re-checked and ending again: news again.
        f.store.requeue({{f.connectionId, 1}}, f.now);
        f.store.applyObservations({f.observe(1, TaskState::Failed, 500)});
        QCOMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(0).value<QList<Task>>().constFirst().state, TaskState::Failed);
    }

    void removalsAreForwarded()
    {
        Fixture f;
        TaskNotifier notifier(&f.store);
        QSignalSpy removed(&notifier, &TaskNotifier::tasksRemoved);
        f.store.addTasks(f.connectionId, {1, 2}, {}, f.now);
        f.store.removeTasks({{f.connectionId, 2}});
        QCOMPARE(removed.count(), 1);
        QCOMPARE(
            removed.at(0).at(0).value<QList<TaskKey>>(), (QList<TaskKey> {{f.connectionId, 2}}));
        QCOMPARE(notifier.total(), 1);
    }
};

QTEST_MAIN(TestTaskNotifier)
#include "tst_tasknotifier.moc"
