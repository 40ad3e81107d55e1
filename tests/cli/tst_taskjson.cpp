#include "cli/taskjson.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// How every command (watch, query, history clear) prints a task: what the
// server said, as it said it.
class TestTaskJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusZeroIsPrintedAsSent()
    {
        Task task;
        task.key = {1, 10};
        task.state = TaskState::Unknown;
        task.status = 0;
        QCOMPARE(TaskJson::of(task).value(u"status"), QJsonValue(0));
    }

    void neverAnsweredHasANullStatus()
    {
        Task task;
        task.key = {1, 10};
        task.state = TaskState::Queued;
        QVERIFY(TaskJson::of(task).value(u"status").isNull());
        QVERIFY(TaskJson::of(task).contains(u"status"));
    }

    void aNullResultIsPrintedAsNull()
    {
        Task task;
        task.key = {1, 10};
        task.state = TaskState::Succeeded;
        task.status = 200;
        QVERIFY(!TaskJson::of(task).contains(u"result"));
        task.result = TaskResult::fromJson(QJsonValue(QJsonValue::Null)).compact();
        const QJsonObject printed = TaskJson::of(task);
        QVERIFY(printed.contains(u"result"));
        QVERIFY(printed.value(u"result").isNull());
    }
};

QTEST_GUILESS_MAIN(TestTaskJson)
#include "tst_taskjson.moc"
