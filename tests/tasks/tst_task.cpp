#include "tasks/task.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QTest>

using namespace Qt::StringLiterals;

// Derived data the window and the headless output rely on.
class TestTask final : public QObject
{
    Q_OBJECT

private:
    static QDateTime at(int day, int hour = 0)
    {
        return QDateTime(QDate(2026, 11, day), QTime(hour, 0), Qt::UTC);
    }

private Q_SLOTS:
    // Copies of a task (ledger, table, notifications) share one result;
    // equality is still by value, and replacing one copy's leaves the other.
    void copiesShareTheirResult()
    {
        Task a;
        QVERIFY(!a.result);
        a.result = TaskResult {{u"in"_s}, {u"out"_s}, u"s"_s, u"d"_s};
        const Task b = a;
        QVERIFY(b.result);
        QCOMPARE(&*b.result, &*a.result);
        Task c;
        c.result = TaskResult {{u"in"_s}, {u"out"_s}, u"s"_s, u"d"_s};
        QVERIFY(&*c.result != &*a.result);
        QCOMPARE(c, b); // the same reading, wherever it lives
        a.result = TaskResult {{u"in"_s}, {u"other"_s}, u"s"_s, u"d"_s};
        QCOMPARE(b.result->path, QStringList {u"out"_s});
        QVERIFY(!(a == b));
        a.result.reset();
        QVERIFY(!a.result);
        QVERIFY(b.result);
    }

    void runningTimeGrowsUntilFinished()
    {
        Task task;
        task.addedAt = at(1);
        QCOMPARE(task.runningSeconds(at(1, 2)), 2 * 3600);
        task.state = TaskState::Succeeded;
        task.finishedAt = at(1, 3);
        QCOMPARE(task.runningSeconds(at(5)), 3 * 3600); // frozen once finished
        Task never;
        QCOMPARE(never.runningSeconds(at(5)), 0);
    }

    void durationKnownOnlyIfSeenUnfinished()
    {
        Task task;
        task.addedAt = at(1);
        QVERIFY(task.durationKnown()); // queued: waiting so far
        task.state = TaskState::Running;
        task.firstSeenAt = at(1, 1);
        QVERIFY(task.durationKnown());
        task.state = TaskState::Succeeded;
        task.finishedAt = at(1, 3);
        QVERIFY(task.durationKnown());

        // Already over at its first answer: how long it ran is unknown.
        Task endedBefore;
        endedBefore.addedAt = at(1);
        endedBefore.state = TaskState::Failed;
        endedBefore.firstSeenAt = at(1, 1);
        endedBefore.finishedAt = at(1, 1);
        QVERIFY(!endedBefore.durationKnown());
        endedBefore.state = TaskState::NotFound;
        QVERIFY(!endedBefore.durationKnown());
    }

    void queryWindowEndsThirtyDaysAfterFinishing()
    {
        Task task;
        task.addedAt = at(1);
        QVERIFY(!task.queryableUntil().isValid()); // still running: no end
        QVERIFY(!task.nearQueryWindowEnd(at(2)));
        task.state = TaskState::Succeeded;
        task.finishedAt = at(2);
        QCOMPARE(task.queryableUntil(), at(2).addDays(30));
        QVERIFY(!task.nearQueryWindowEnd(at(20)));
        QVERIFY(task.nearQueryWindowEnd(at(2).addDays(27)));
        QVERIFY(task.nearQueryWindowEnd(at(2).addDays(31)));
        QVERIFY(!task.nearQueryWindowEnd(at(2).addDays(26), 3 * 24 * 3600));

        Task missing;
        missing.state = TaskState::NotFound;
        missing.finishedAt = at(2);
        QVERIFY(!missing.queryableUntil().isValid()); // already past the window
    }

    void statesMapFromStatusCodes()
    {
        QCOMPARE(TaskStates::fromStatus(true, 202), TaskState::Running);
        QCOMPARE(TaskStates::fromStatus(true, 200), TaskState::Succeeded);
        QCOMPARE(TaskStates::fromStatus(true, 204), TaskState::SucceededNoResult);
        QCOMPARE(TaskStates::fromStatus(true, 500), TaskState::Failed);
        QCOMPARE(TaskStates::fromStatus(true, 201), TaskState::Unknown);
        QCOMPARE(TaskStates::fromStatus(true, 0), TaskState::Unknown);
        QCOMPARE(TaskStates::fromStatus(false, 200), TaskState::NotFound);
        QVERIFY(!TaskStates::isSuccess(TaskState::Unknown));
        QVERIFY(TaskStates::isFinal(TaskState::Unknown));
        QVERIFY(!TaskStates::isFinal(TaskState::Running));
        QVERIFY(!TaskStates::isFinal(TaskState::Queued));
        for (int i = 0; i < TaskStates::count; ++i) {
            const auto state = static_cast<TaskState>(i);
            QCOMPARE(TaskStates::fromKey(TaskStates::key(state)), state);
            QVERIFY(!TaskStates::label(state).isEmpty());
        }
        QVERIFY(!TaskStates::fromKey(u"bogus").has_value());
        QCOMPARE(TaskStates::key(TaskState::PartlyFailed), u"partially_failed"_s);
    }

    // A 200 whose items include failures (by status or by code) is partly
    // failed, or failed when none went through; one whose items all went
    // through is a success.
    void partlyFailedFromItems()
    {
        TaskStatusReport report;
        report.taskId = 15;
        report.found = true;
        report.status = 200;
        report.result = TaskResult::fromJson(
            QJsonArray {QJsonObject {{u"status"_s, 200}}, QJsonObject {{u"status"_s, 200}}});
        QCOMPARE(TaskStates::fromReport(report), TaskState::Succeeded);
        report.result = TaskResult::fromJson(
            QJsonArray {QJsonObject {{u"status"_s, 200}}, QJsonObject {{u"status"_s, 409}}});
        QCOMPARE(TaskStates::fromReport(report), TaskState::PartlyFailed);
        report.result = TaskResult::fromJson(
            QJsonArray {QJsonObject {{u"status"_s, 200}, {u"code"_s, u"Conflict"_s}},
                QJsonObject {{u"status"_s, 200}}});
        QCOMPARE(TaskStates::fromReport(report), TaskState::PartlyFailed);
        // Every item failed: the task failed, it did not partly fail.
        report.result = TaskResult::fromJson(
            QJsonArray {QJsonObject {{u"status"_s, 200}, {u"code"_s, u"Conflict"_s}}});
        QCOMPARE(TaskStates::fromReport(report), TaskState::Failed);
        report.result = TaskResult::fromJson(
            QJsonArray {QJsonObject {{u"status"_s, 403}}, QJsonObject {{u"status"_s, 409}}});
        QCOMPARE(TaskStates::fromReport(report), TaskState::Failed);
        report.status = 500;
        QCOMPARE(TaskStates::fromReport(report), TaskState::Failed);
        QVERIFY(TaskStates::isFinal(TaskState::PartlyFailed));
        QVERIFY(!TaskStates::isSuccess(TaskState::PartlyFailed));
        QVERIFY(TaskStates::isFailure(TaskState::PartlyFailed));
        QVERIFY(TaskStates::needsAttention(TaskState::PartlyFailed));
        QVERIFY(!TaskStates::isFailure(TaskState::NotFound));
        QVERIFY(TaskStates::needsAttention(TaskState::NotFound));
    }
};

QTEST_GUILESS_MAIN(TestTask)
#include "tst_task.moc"
