#include "sampleledger.h"
#include "tasks/exporter.h"
#include "tasks/tasknotifier.h"
#include "tasks/taskstore.h"
#include "ui/filtersidebar.h"
#include "ui/statestyle.h"
#include "ui/theme.h"
#include "ui/traynotifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// "Partly failed" is a state of its own in every place a state shows: its
// colour and icon, a quick filter, "Needs attention", notifications and the
// export.
class TestPartlyFailed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ownColourAndIconInBothVariants()
    {
        for (const QPalette &palette : {Theme::lightPalette(), Theme::darkPalette()}) {
            StateStyle style(nullptr, false);
            style.setPalette(palette);
            const QColor colour = style.foreground(TaskState::PartlyFailed);
            QVERIFY(colour != style.foreground(TaskState::Failed));
            QVERIFY(StateStyle::contrast(colour, palette.color(QPalette::Base))
                >= StateStyle::minimumContrast);
            const QImage own = style.icon(TaskState::PartlyFailed).pixmap(32, 32).toImage();
            const QImage failed = style.icon(TaskState::Failed).pixmap(32, 32).toImage();
            QVERIFY(!own.isNull());
            QVERIFY(own.createAlphaMask() != failed.createAlphaMask());
        }
    }

    void quickFilterAndNeedsAttention()
    {
        QVERIFY(FilterSidebar::presets().contains(QSet<TaskState> {TaskState::PartlyFailed}));
        const QList<TaskState> attention = TaskStates::attentionStates();
        QVERIFY(attention.contains(TaskState::PartlyFailed));
        QVERIFY(attention.contains(TaskState::Failed));
        QVERIFY(!attention.contains(TaskState::Succeeded));
        const QSet<TaskState> attentionSet(attention.cbegin(), attention.cend());
        QVERIFY(FilterSidebar::presets().contains(attentionSet));
        QCOMPARE(FilterSidebar::presetLabel(attentionSet), u"Needs attention"_s);

        StateStyle style(nullptr, false);
        FilterSidebar sidebar(&style);
        TaskStates::Counts counts {};
        counts[size_t(TaskState::PartlyFailed)] = 2;
        counts[size_t(TaskState::Failed)] = 1;
        sidebar.setCounts(counts);
        QCOMPARE(sidebar.countShown({TaskState::PartlyFailed}), 2);
        QCOMPARE(sidebar.countShown(attentionSet), 3);
        QCOMPARE(sidebar.findChild<QListWidget *>(u"stateList"_s)
                     ->findItems(TaskStates::label(TaskState::PartlyFailed), Qt::MatchExactly)
                     .size(),
            1);
    }

    void notifiedLikeAFailure()
    {
        TaskStore store;
        SampleLedger::openInMemory(store);
        const qint64 c = SampleLedger::addConnection(store, u"lib"_s);
        StateStyle style(nullptr, false);
        TaskNotifier tasks(&store);
        TrayNotifier notifier(&tasks, &style);
        notifier.setDigestDelay(50ms);
        notifier.setMode(TrayNotifier::Mode::FailuresOnly);
        QSignalSpy notified(&notifier, &TrayNotifier::notified);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        store.addTasks(c, {1}, {}, now);
        store.applyObservations(
            {SampleLedger::observation({c, 1}, TaskState::PartlyFailed, 200, now)});
        notifier.flush();
        QCOMPARE(notified.count(), 1);
        QVERIFY(notified.at(0).at(2).toBool()); // a failure
        QCOMPARE(notifier.overall(), TrayNotifier::Overall::Failed);
    }

    void exportedByItsName()
    {
        Exporter::Row row;
        row.task.key = {1, 15};
        row.task.state = TaskState::PartlyFailed;
        row.task.status = 200;
        const QJsonObject task = QJsonDocument::fromJson(Exporter::toJson({row}, {}))
                                     .object()[u"tasks"_s]
                                     .toArray()
                                     .at(0)
                                     .toObject();
        QCOMPARE(task[u"state"_s].toString(), u"partially_failed"_s);
        QVERIFY(Exporter::toCsv({row}).contains(",partially_failed,"));
    }
};

QTEST_MAIN(TestPartlyFailed)
#include "tst_partlyfailed.moc"
