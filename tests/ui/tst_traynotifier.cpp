#include "sampleledger.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"
#include "ui/statestyle.h"
#include "ui/traynotifier.h"

#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Notifications when tasks finish: one per task or one digest, filtered by
// the mode; the tray icon's overall state.
class TestTrayNotifier final : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        TaskStore store;
        std::unique_ptr<TaskNotifier> tasks;
        StateStyle style {nullptr, false};
        std::unique_ptr<TrayNotifier> notifier;
        qint64 connectionId = 0;
        QDateTime now = QDateTime::currentDateTimeUtc();

        Fixture()
        {
            SampleLedger::openInMemory(store);
            connectionId = SampleLedger::addConnection(store, u"lib"_s);
            tasks = std::make_unique<TaskNotifier>(&store);
            notifier = std::make_unique<TrayNotifier>(tasks.get(), &style);
            notifier->setDigestDelay(50ms);
        }

        TaskObservation observe(qint64 id, TaskState state, int status)
        {
            return SampleLedger::observation({connectionId, id}, state, status, now);
        }
    };

private Q_SLOTS:
    void oneFinishedTaskOneMessage()
    {
        Fixture f;
        QSignalSpy notified(f.notifier.get(), &TrayNotifier::notified);
        f.store.addTasks(f.connectionId, {1, 2}, {}, f.now);
        f.store.applyObservations({f.observe(1, TaskState::Running, 202)});
        QCoreApplication::processEvents();
        QCOMPARE(notified.count(), 0); // running is not news
        f.store.applyObservations({f.observe(1, TaskState::Succeeded, 200)});
        QVERIFY(notified.wait(2000));
        QCOMPARE(notified.count(), 1);
        QVERIFY(notified.at(0).at(0).toString().contains(u"1"_s));
        QVERIFY(notified.at(0).at(0).toString().contains(TaskStates::label(TaskState::Succeeded)));
        QCOMPARE(notified.at(0).at(1).toString(), u"foo/ba_1x1/test.pdf"_s);
        QCOMPARE(notified.at(0).at(2).toBool(), false);
        // Seen as final again: no second message.
        f.store.applyObservations({f.observe(1, TaskState::Succeeded, 200)});
        f.notifier->flush();
        QCOMPARE(notified.count(), 1);
    }

    void manyFinishedTogetherMakeOneDigest()
    {
        Fixture f;
        QSignalSpy notified(f.notifier.get(), &TrayNotifier::notified);
        QList<qint64> ids;
        for (qint64 id = 10; id < 22; ++id)
            ids << id;
        f.store.addTasks(f.connectionId, ids, {}, f.now);
        QList<TaskObservation> first;
        for (qint64 id = 10; id < 16; ++id)
            first << f.observe(id, TaskState::Succeeded, 200);
        f.store.applyObservations(first);
        QList<TaskObservation> second;
        for (qint64 id = 16; id < 22; ++id)
            second << f.observe(
                id, id % 2 ? TaskState::Failed : TaskState::SucceededNoResult, id % 2 ? 500 : 204);
        f.store.applyObservations(second);
        QVERIFY(notified.wait(2000));
        QCOMPARE(notified.count(), 1);
        const QString title = notified.at(0).at(0).toString();
        const QString message = notified.at(0).at(1).toString();
        QVERIFY(title.contains(u"12"_s));
        QVERIFY(message.contains(TaskStates::label(TaskState::Failed) + u": 3"_s));
        QVERIFY(message.contains(TaskStates::label(TaskState::Succeeded) + u": 6"_s));
        QVERIFY(message.contains(u"17, 19, 21"_s));
        QCOMPARE(notified.at(0).at(2).toBool(), true);
        QCOMPARE(f.notifier->overall(), TrayNotifier::Overall::Failed);
    }

    void modeFiltersMessages()
    {
        Fixture f;
        QSignalSpy notified(f.notifier.get(), &TrayNotifier::notified);
        f.store.addTasks(f.connectionId, {1, 2, 3, 4}, {}, f.now);
        f.notifier->setMode(TrayNotifier::Mode::FailuresOnly);
        f.store.applyObservations({f.observe(1, TaskState::Succeeded, 200)});
        f.notifier->flush();
        QCOMPARE(notified.count(), 0);
        f.store.applyObservations(
            {f.observe(2, TaskState::Failed, 500), f.observe(3, TaskState::Succeeded, 200)});
        f.notifier->flush();
        QCOMPARE(notified.count(), 1);
        QVERIFY(notified.at(0).at(0).toString().contains(u"2"_s));
        f.notifier->setMode(TrayNotifier::Mode::Off);
        f.store.applyObservations({f.observe(4, TaskState::Failed, 500)});
        f.notifier->flush();
        QCOMPARE(notified.count(), 1);
    }

    void overallStateFollowsTasksAndConnections()
    {
        Fixture f;
        QCOMPARE(f.notifier->overall(), TrayNotifier::Overall::Empty);
        f.store.addTasks(f.connectionId, {1, 2}, {}, f.now);
        QCOMPARE(f.notifier->overall(), TrayNotifier::Overall::Running);
        QVERIFY(!f.notifier->trayIcon()->icon().isNull());
        f.store.applyObservations({f.observe(1, TaskState::Succeeded, 200),
            f.observe(2, TaskState::SucceededNoResult, 204)});
        QCOMPARE(f.notifier->overall(), TrayNotifier::Overall::Done);
        f.notifier->setConnectionTrouble(true);
        QCOMPARE(f.notifier->overall(), TrayNotifier::Overall::Trouble);
        f.notifier->setConnectionTrouble(false);
        f.store.removeTasks({{f.connectionId, 1}, {f.connectionId, 2}});
        QCOMPARE(f.notifier->overall(), TrayNotifier::Overall::Empty);
        QVERIFY(f.notifier->trayIcon()->toolTip().contains(u"No tasks"_s));
        // The offscreen platform has no tray: nothing may be shown there.
        QCOMPARE(f.notifier->canShowMessages(),
            QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages());
    }
};

QTEST_MAIN(TestTrayNotifier)
#include "tst_traynotifier.moc"
