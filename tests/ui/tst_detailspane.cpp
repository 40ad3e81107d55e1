#include "demo/demosetup.h"
#include "demo/smhsimulator.h"
#include "monitorprobe.h"
#include "sampleledger.h"
#include "tasks/monitor.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktypes.h"
#include "translations.h"
#include "ui/copyablefield.h"
#include "ui/focusframe.h"
#include "ui/statestyle.h"
#include "ui/taskdetailspane.h"
#include "ui/theme.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The details pane: every field of the current task, copyable; the timeline
// with durations; the last SMH error; and no re-rendering for other tasks.
class TestDetailsPane final : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        TaskStore store;
        StateStyle style {nullptr, false};
        std::unique_ptr<TaskDetailsPane> pane;
        qint64 connectionId = 0;
        QDateTime now = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

        Fixture()
        {
            SampleLedger::openInMemory(store);
            connectionId = SampleLedger::addConnection(store, u"lib1"_s, u"Archive"_s);
            pane = std::make_unique<TaskDetailsPane>(&store, &style);
            pane->setClock([this] { return now; });
            pane->resize(420, 700);
            pane->show();
        }

        TaskObservation observe(qint64 id, TaskState state, int status)
        {
            return SampleLedger::observation(
                {connectionId, id}, state, status, now, u"src-inode-1"_s, u"dst-inode-1"_s);
        }
    };

private Q_SLOTS:
    // The English catalogue picks "1 version" or "2 versions".
    void initTestCase() { Translations::install(u"en_US"_s); }

    void troubleExplainsItself()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {30, 31, 32}, {}, f.now);
        f.store.applyObservations({f.observe(30, TaskState::NotFound, 0),
            f.observe(31, TaskState::Failed, 500), f.observe(32, TaskState::Running, 202)});
        auto *explanation = f.pane->findChild<QLabel *>(u"stateExplanation"_s);
        QVERIFY(explanation);
        f.pane->showTask(TaskKey {f.connectionId, 30});
        QVERIFY(explanation->isVisible());
        QVERIFY(explanation->text().contains(u"30 days"_s));
        f.pane->showTask(TaskKey {f.connectionId, 31});
        QVERIFY(explanation->text().contains(u"request ID"_s));
        QVERIFY(explanation->text().contains(u"500"_s));
        f.pane->showTask(TaskKey {f.connectionId, 32});
        QVERIFY(!explanation->isVisible());
    }

    // v2's word: the type by its name, and what the typed result says.
    void showsTheTypeAndItsOutcome()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Fixture f;
        f.store.addTasks(f.connectionId, {40}, {}, f.now, true);
        f.pane->showTask(TaskKey {f.connectionId, 40});
        QVERIFY(f.pane->value(TaskDetailsPane::Field::TaskType).isEmpty());
        const auto typed = TypedTaskResult::parse(
            R"({"taskId":"40","taskType":"clearLibraryHistory","status":200,"clearLibraryHistoryResult":{"status":200,"code":"","deleteCount":12345}})",
            40);
        QVERIFY(f.store.applyTypedResults({{{f.connectionId, 40}, *typed}}, f.now));
        QCOMPARE(f.pane->value(TaskDetailsPane::Field::TaskType), u"Clear history"_s);
        QCOMPARE(f.pane->value(TaskDetailsPane::Field::TypedOutcome), u"12,345 versions deleted"_s);
        // One version is one, not "1 versions"; more than an int can count
        // still reads in full.
        QJsonObject one = typed->raw;
        QJsonObject result = one.value(u"clearLibraryHistoryResult").toObject();
        result.insert(u"deleteCount"_s, 1);
        one.insert(u"clearLibraryHistoryResult"_s, result);
        QCOMPARE(TaskTypes::outcome(one), u"1 version deleted"_s);
        result.insert(u"deleteCount"_s, 5'000'000'000.0);
        one.insert(u"clearLibraryHistoryResult"_s, result);
        QCOMPARE(TaskTypes::outcome(one), u"5,000,000,000 versions deleted"_s);
        QLocale::setDefault(before);
    }

    // A partly failed uncompress says so in a paragraph, and its outcome
    // names the files that failed, on as many lines as it takes.
    void partlyFailedExplainsAndNamesTheFailedFiles()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Fixture f;
        f.pane->resize(300, 700);
        f.store.addTasks(f.connectionId, {41}, {}, f.now);
        f.store.applyObservations({f.observe(41, TaskState::Succeeded, 200)});
        const auto typed = TypedTaskResult::parse(
            R"({"taskId":"41","taskType":"fileUncompress","status":207,"fileUncompressResult":{"outputDir":"archive/photos-2026.d","fileCount":38,"successCount":36,"failedCount":2,"failedItems":[{"path":"broken-0.bin","code":"FileCorrupted"},{"path":["sub","broken-1.bin"]}]}})",
            41);
        QVERIFY(typed);
        QVERIFY(f.store.applyTypedResults({{{f.connectionId, 41}, *typed}}, f.now));
        f.pane->showTask(TaskKey {f.connectionId, 41});
        QCOMPARE(f.store.task({f.connectionId, 41})->state, TaskState::PartlyFailed);
        auto *explanation = f.pane->findChild<QLabel *>(u"stateExplanation"_s);
        QVERIFY(explanation->isVisible());
        QVERIFY(explanation->text().contains(u"Copy Failed Paths"_s));
        const QString outcome = f.pane->value(TaskDetailsPane::Field::TypedOutcome);
        QVERIFY2(
            outcome.startsWith(u"36 of 38 files uncompressed, 2 failed"_s), qPrintable(outcome));
        QVERIFY2(outcome.contains(u"broken-0.bin and sub/broken-1.bin"_s), qPrintable(outcome));
        // Shown whole, wrapped: nothing of it is cut at a narrow pane.
        auto *field = f.pane->findChild<CopyableField *>(u"fieldTypedOutcome"_s);
        QCOMPARE(field->shownText(), outcome);
        QVERIFY(!field->valueEdit()->isVisible());
        QLocale::setDefault(before);
    }

    // A value longer than its room ends in "…", whole in its tooltip and
    // while it has the focus; a short one has its tooltip too.
    void longValuesAreElidedWithTheWholeTextAtHand()
    {
        Fixture f;
        f.pane->resize(300, 700);
        f.store.addTasks(f.connectionId, {42}, {}, f.now);
        const QString note = u"a rather long note about this task that will not fit the pane"_s;
        QVERIFY(f.store.setNote({f.connectionId, 42}, note));
        f.pane->showTask(TaskKey {f.connectionId, 42});
        auto *field = f.pane->findChild<CopyableField *>(u"fieldNote"_s);
        QTRY_VERIFY(field->shownText().endsWith(u"…"_s));
        QVERIFY(field->shownText().size() < note.size());
        QCOMPARE(field->valueEdit()->toolTip(), note);
        QCOMPARE(field->value(), note);
        field->valueEdit()->setFocus();
        QTRY_COMPARE(field->shownText(), note);
        f.pane->setFocus();
        QTRY_VERIFY(field->shownText().endsWith(u"…"_s));
        auto *id = f.pane->findChild<CopyableField *>(u"fieldTaskId"_s);
        QCOMPARE(id->shownText(), u"42"_s);
        QCOMPARE(id->valueEdit()->toolTip(), u"42"_s);
    }

    // Every stop Tab reaches in the pane marks itself while it has the
    // keyboard: its picture with the focus differs from the one without in
    // pixels of the highlight's hue (a frame, a selection, a focus rect), not
    // only in a caret. A value drawn elided has a frame of the focus colour.
    void everyTabStopShowsWhereTheKeyboardIs()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {20}, u"a note"_s, f.now);
        f.now = f.now.addSecs(40);
        f.store.applyObservations({f.observe(20, TaskState::Succeeded, 200)});
        f.pane->showTask(TaskKey {f.connectionId, 20});
        f.pane->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(f.pane.get()));
        QWidget *first = f.pane->nextInFocusChain();
        while (first != f.pane.get()
            && !((first->focusPolicy() & Qt::TabFocus) && first->isVisible() && first->isEnabled()))
            first = first->nextInFocusChain();
        QVERIFY(first != f.pane.get());
        first->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), first);
        const QColor highlight = f.pane->palette().color(QPalette::Highlight);
        QStringList stops;
        for (int step = 0; step < 100; ++step) {
            QWidget *focused = QApplication::focusWidget();
            QVERIFY(focused);
            if (!f.pane->isAncestorOf(focused) || (step > 0 && focused == first))
                break;
            const QString name = (focused->objectName().isEmpty()
                                         ? QString::fromLatin1(focused->metaObject()->className())
                                         : focused->objectName())
                + u' ' + focused->accessibleName();
            stops << name;
            const QImage with = focused->grab().toImage();
            focused->clearFocus();
            QTRY_VERIFY(!focused->hasFocus());
            const QImage without = focused->grab().toImage();
            focused->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(focused->hasFocus());
            int marked = 0;
            for (int y = 0; y < with.height(); ++y) {
                for (int x = 0; x < with.width(); ++x) {
                    const QColor a = with.pixelColor(x, y);
                    if (a != without.pixelColor(x, y) && a.hsvSaturation() > 60
                        && std::abs(a.hsvHue() - highlight.hsvHue()) < 30)
                        ++marked;
                }
            }
            QVERIFY2(marked >= 8, qPrintable(u"no focus mark on "_s + name));
            if (auto *edit = qobject_cast<QLineEdit *>(focused)) {
                // The frame, not only a selection: at its left edge, mid-height.
                const qreal ratio = with.devicePixelRatio();
                const QColor edge = with.pixelColor(int(1 * ratio), with.height() / 2);
                QVERIFY2(StateStyle::contrast(
                             edge, without.pixelColor(int(1 * ratio), without.height() / 2))
                        >= 1.5,
                    qPrintable(u"no focus frame on "_s + name));
                QVERIFY(edit->isReadOnly());
            }
            QTest::keyClick(focused, Qt::Key_Tab);
        }
        // The values, their copy buttons, the path's segments and the timeline.
        QVERIFY2(stops.size() > 20, qPrintable(stops.join(u", "_s)));
        // A wrapped value is a stop like the others.
        QVERIFY2(stops.contains(u"QLabel State"_s), qPrintable(stops.join(u", "_s)));
        QVERIFY(stops.contains(u"timeline Timeline"_s));
        // In reading order: the values first, the timeline last.
        QVERIFY(stops.first().startsWith(u"QLineEdit Task ID"_s));
        QCOMPARE(stops.last(), u"timeline Timeline"_s);
    }

    // The pane's times read as the tables' do: the locale's short date and a
    // clock with seconds; the timeline puts another day's date above the time.
    void timesFollowTheLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(u"de_DE"_s));
        Fixture f;
        f.store.addTasks(f.connectionId, {20}, {}, f.now);
        f.pane->showTask(TaskKey {f.connectionId, 20});
        const QDateTime local = f.now.toLocalTime();
        const QLocale german(u"de_DE"_s);
        QCOMPARE(f.pane->value(TaskDetailsPane::Field::Added),
            german.toString(local, u"dd.MM.yy HH:mm:ss"_s));
        QTreeWidget *timeline = f.pane->findChild<QTreeWidget *>(u"timeline"_s);
        const QString date = local.date().year() == QDate::currentDate().year()
            ? german.toString(local, u"dd.MM"_s)
            : german.toString(local, u"dd.MM.yy"_s);
        QCOMPARE(timeline->topLevelItem(0)->text(0),
            date + u'\n' + german.toString(local, u"HH:mm:ss"_s));
        QCOMPARE(
            timeline->topLevelItem(0)->toolTip(0), f.pane->value(TaskDetailsPane::Field::Added));
        QLocale::setDefault(before);
    }

    // The focus colour stands out from the pane's background, light and dark.
    void focusMarkHasContrast()
    {
        for (const QPalette &palette : {Theme::lightPalette(), Theme::darkPalette()}) {
            for (const auto role : {QPalette::Window, QPalette::Base}) {
                QVERIFY(StateStyle::contrast(FocusFrame::colour(palette, role), palette.color(role))
                    >= FocusFrame::minimumContrast);
            }
        }
    }

    void showsEveryFieldOfTheTask()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {20, 21}, u"library purge"_s, f.now);
        QVERIFY(!f.pane->isShowingTask());
        f.now = f.now.addSecs(40);
        f.store.applyObservations({f.observe(20, TaskState::Running, 202)});
        f.now = f.now.addSecs(80);
        f.store.applyObservations({f.observe(20, TaskState::Succeeded, 200)});

        f.pane->showTask(TaskKey {f.connectionId, 20});
        QVERIFY(f.pane->isShowingTask());
        using Field = TaskDetailsPane::Field;
        QCOMPARE(f.pane->value(Field::TaskId), u"20"_s);
        QVERIFY(f.pane->value(Field::Connection).contains(u"Archive"_s));
        QVERIFY(f.pane->value(Field::Connection).contains(u"lib1/-"_s));
        QCOMPARE(f.pane->value(Field::State), TaskStates::label(TaskState::Succeeded));
        QCOMPARE(f.pane->value(Field::Status), u"200"_s);
        QCOMPARE(f.pane->value(Field::SourceInode), u"src-inode-1"_s);
        QCOMPARE(f.pane->value(Field::TargetInode), u"dst-inode-1"_s);
        QCOMPARE(f.pane->value(Field::Path), u"foo/ba_1x1/test.pdf"_s);
        QCOMPARE(f.pane->value(Field::ConvertFrom), u"foo/bar/test.docx"_s);
        QCOMPARE(
            f.pane->segments(Field::Path), (QStringList {u"foo"_s, u"ba_1x1"_s, u"test.pdf"_s}));
        QCOMPARE(f.pane->segments(Field::ConvertFrom),
            (QStringList {u"foo"_s, u"bar"_s, u"test.docx"_s}));
        QCOMPARE(f.pane->value(Field::Note), u"library purge"_s);
        QCOMPARE(f.pane->value(Field::Duration), u"finished in 2 min 0 s"_s);
        QVERIFY(f.pane->value(Field::Added).contains(u":00:00"_s));

        // The timeline: added, then each transition with how long it lasted.
        QTreeWidget *timeline = f.pane->findChild<QTreeWidget *>(u"timeline"_s);
        QCOMPARE(timeline->topLevelItemCount(), 3);
        QVERIFY(timeline->topLevelItem(0)->text(1).contains(TaskStates::label(TaskState::Queued)));
        QCOMPARE(timeline->topLevelItem(0)->text(3), u"40 s"_s);
        QVERIFY(timeline->topLevelItem(1)->text(1).contains(TaskStates::label(TaskState::Running)));
        QCOMPARE(timeline->topLevelItem(1)->text(2), u"202"_s);
        QCOMPARE(timeline->topLevelItem(1)->text(3), u"1 min 20 s"_s);
        QVERIFY(
            timeline->topLevelItem(2)->text(1).endsWith(TaskStates::label(TaskState::Succeeded)));
        // A narrow pane: every column within the view, none narrower than
        // its title; the change is elided, whole in its tooltip.
        f.pane->resize(280, 700);
        QTRY_VERIFY(timeline->viewport()->width() < 280);
        QHeaderView *header = timeline->header();
        QTRY_VERIFY(header->sectionViewportPosition(3) + header->sectionSize(3)
            <= timeline->viewport()->width());
        QVERIFY(header->sectionSize(3)
            >= header->fontMetrics().horizontalAdvance(timeline->headerItem()->text(3)));
        QCOMPARE(timeline->topLevelItem(1)->toolTip(1), timeline->topLevelItem(1)->text(1));
        QCOMPARE(timeline->topLevelItem(2)->text(2), u"200"_s);

        // A task that never answered with a code: the code column gives its
        // room to the change.
        QVERIFY(!timeline->isColumnHidden(2));
        f.store.addTasks(f.connectionId, {22}, {}, f.now);
        f.store.applyObservations({f.observe(22, TaskState::NotFound, 0)});
        f.pane->showTask(TaskKey {f.connectionId, 22});
        QVERIFY(timeline->isColumnHidden(2));

        // A task without a result shows empty values, not stale ones.
        f.pane->showTask(TaskKey {f.connectionId, 21});
        QCOMPARE(f.pane->value(Field::TaskId), u"21"_s);
        QCOMPARE(f.pane->value(Field::Path), QString());
        QCOMPARE(f.pane->value(Field::SourceInode), QString());
        QVERIFY(f.pane->segments(Field::Path).isEmpty());
        QCOMPARE(timeline->topLevelItemCount(), 1);
        QVERIFY(timeline->topLevelItem(0)->text(3).contains(u"so far"_s));
    }

    void valuesAreCopyable()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {20}, {}, f.now);
        f.store.applyObservations({f.observe(20, TaskState::Succeeded, 200)});
        f.pane->showTask(TaskKey {f.connectionId, 20});
        QSignalSpy copied(f.pane.get(), &TaskDetailsPane::copied);

        CopyableField *source = f.pane->findChild<CopyableField *>(u"fieldSourceInode"_s);
        QVERIFY(source->copyButton()->isEnabled());
        QTest::mouseClick(source->copyButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), u"src-inode-1"_s);
        QCOMPARE(copied.count(), 1);

        QTest::mouseClick(
            f.pane->findChild<CopyableField *>(u"fieldPath"_s)->copyButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), u"foo/ba_1x1/test.pdf"_s);

        // Each segment is a button that copies itself.
        QToolButton *segment = nullptr;
        const QList<QToolButton *> buttons = f.pane->findChildren<QToolButton *>();
        for (QToolButton *button : buttons) {
            if (button->text() == u"ba_1x1")
                segment = button;
        }
        QVERIFY(segment);
        QTest::mouseClick(segment, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), u"ba_1x1"_s);

        // Selecting text in a value and pressing Ctrl+C works like any field.
        QLineEdit *edit = f.pane->findChild<CopyableField *>(u"fieldTargetInode"_s)->valueEdit();
        QVERIFY(edit->isReadOnly());
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), u"dst-inode-1"_s);

        // Nothing to copy: the button is off.
        QVERIFY(!f.pane->findChild<CopyableField *>(u"fieldNote"_s)->copyButton()->isEnabled());
    }

    void rendersOnlyWhenItsTaskChanged()
    {
        Fixture f;
        f.store.addTasks(f.connectionId, {1, 2}, {}, f.now);
        f.pane->showTask(TaskKey {f.connectionId, 1});
        const int rendered = f.pane->renderCount();
        f.pane->showTask(TaskKey {f.connectionId, 1}); // same task again
        QCOMPARE(f.pane->renderCount(), rendered);

        f.now = f.now.addSecs(3);
        f.store.applyObservations({f.observe(2, TaskState::Running, 202)});
        f.store.setNote({f.connectionId, 2}, u"other"_s);
        QCOMPARE(f.pane->renderCount(), rendered);

        f.store.applyObservations(
            {f.observe(1, TaskState::Running, 202), f.observe(2, TaskState::Failed, 500)});
        QCOMPARE(f.pane->renderCount(), rendered + 1);
        QCOMPARE(
            f.pane->value(TaskDetailsPane::Field::State), TaskStates::label(TaskState::Running));

        f.store.removeTasks({{f.connectionId, 2}});
        QCOMPARE(f.pane->renderCount(), rendered + 1);
        f.store.removeTasks({{f.connectionId, 1}});
        QCOMPARE(f.pane->renderCount(), rendered + 2);
        QVERIFY(!f.pane->isShowingTask());
    }

    void showsTheTaskErrorAndTheConnectionError()
    {
        Monitor monitor;
        {
            const Expected<void> opened = monitor.openStore(u":memory:"_s);
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message()));
        }
        PollPlanner::Options options;
        options.baseInterval = 200ms;
        options.backoffBase = 60s;
        monitor.setPollOptions(options);
        SmhSimulator simulator;
        const Expected<qint64> connected = DemoSetup::connect(simulator, monitor);
        QVERIFY2(connected, qPrintable(connected ? QString() : connected.error().message()));
        const qint64 id = *connected;
        StateStyle style(nullptr, false);
        TaskDetailsPane pane(&monitor.tasks(), &style);
        pane.setScheduler(&monitor.polling());
        pane.show();

        simulator.failNextQueries(100,
            HttpResponse::error(503, u"ServiceUnavailable"_s, u"Try again later"_s, u"req-0042"_s));
        monitor.addTasks(id, {77});
        pane.showTask(TaskKey {id, 77});
        using Field = TaskDetailsPane::Field;
        QTRY_COMPARE_WITH_TIMEOUT(pane.value(Field::RequestId), u"req-0042"_s, 10000);
        QVERIFY(pane.value(Field::ErrorCode).contains(u"ServiceUnavailable"_s));
        QVERIFY(pane.value(Field::ErrorCode).contains(u"503"_s));
        QCOMPARE(pane.value(Field::ErrorMessage), u"Try again later"_s);
        QVERIFY(pane.findChild<CopyableField *>(u"fieldRequestId"_s)->isVisibleTo(&pane));
        QVERIFY(!pane.findChild<CopyableField *>(u"fieldTaskError"_s)->isVisibleTo(&pane));

        MonitorProbe::store(monitor)->setLastError({{id, 77}}, u"HTTP 404 · NoSuchTask"_s);
        QCOMPARE(pane.value(Field::TaskError), u"HTTP 404 · NoSuchTask"_s);
        QVERIFY(pane.findChild<CopyableField *>(u"fieldTaskError"_s)->isVisibleTo(&pane));
        monitor.shutdown();
    }
};

QTEST_MAIN(TestDetailsPane)
#include "tst_detailspane.moc"
