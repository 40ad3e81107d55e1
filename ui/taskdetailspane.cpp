#include "ui/taskdetailspane.h"

#include "history/historyledger.h"
#include "smh/redact.h"
#include "tasks/displaytext.h"
#include "tasks/pollscheduler.h"
#include "tasks/taskstore.h"
#include "tasks/tasktablemodel.h"
#include "tasks/tasktypes.h"
#include "ui/copyablefield.h"
#include "ui/flowlayout.h"
#include "ui/focusframe.h"
#include "ui/resultview.h"
#include "ui/statestyle.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMetaEnum>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 2);
    return label;
}

// A form of the details page: labels right-aligned, fields as wide as the pane.
QFormLayout *newForm(QVBoxLayout *layout)
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setHorizontalSpacing(10);
    form->setVerticalSpacing(1);
    layout->addLayout(form);
    return form;
}

} // namespace

TaskDetailsPane::TaskDetailsPane(const TaskStore *store, StateStyle *style, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_style(style)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_stateIcon(new QLabel(this))
    , m_stateTitle(new QLabel(this))
    , m_stateSince(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_pathSegments(nullptr)
    , m_convertSegments(nullptr)
    , m_errorBox(new QWidget(this))
    , m_timeline(new FocusMarked<QTreeWidget>(this))
{
    buildPlaceholder();

    // The details: one page, scrolled as a whole in a short dock.
    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Not a stop of its own (it would hold the keyboard unmarked): Tab goes
    // to the values, and the area scrolls to show the one that has it.
    scroll->setFocusPolicy(Qt::NoFocus);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    buildHeader(layout);
    buildTaskForm(page, layout);
    buildResultForm(page, layout);
    buildErrorBox(layout);
    buildCleanupBox(page, layout);
    buildTimeline(page, layout);
    scroll->setWidget(page);
    m_stack->addWidget(scroll);
    m_stack->setCurrentIndex(0);
    moveTimelineLast();

    connectSources(store, style);
}

void TaskDetailsPane::buildPlaceholder()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_placeholder->setText(tr("Select a task to see its details."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);
}

// Icon, task and state in large type, and what the state means.
void TaskDetailsPane::buildHeader(QVBoxLayout *layout)
{
    auto *header = new QHBoxLayout;
    m_stateIcon->setFixedSize(32, 32);
    header->addWidget(m_stateIcon, 0, Qt::AlignTop);
    auto *titles = new QVBoxLayout;
    QFont big = m_stateTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_stateTitle->setFont(big);
    m_stateTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps rather than widening the pane past its dock.
    m_stateTitle->setWordWrap(true);
    m_stateSince->setWordWrap(true);
    m_stateSince->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titles->addWidget(m_stateTitle);
    titles->addWidget(m_stateSince);
    header->addLayout(titles, 1);
    layout->addLayout(header);
    m_explanation->setObjectName(u"stateExplanation"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_explanation);
}

void TaskDetailsPane::buildTaskForm(QWidget *page, QVBoxLayout *layout)
{
    layout->addWidget(sectionTitle(tr("Task"), page));
    QFormLayout *task = newForm(layout);
    addField(task, Field::TaskId, tr("Task ID"));
    addField(task, Field::Connection, tr("Connection"));
    // Short phrases read whole on a second line in a narrow dock ("Not found
    // / expired", a date and time); identifiers and paths elide instead.
    addField(task, Field::State, tr("State"))->setWrapping(true);
    addField(task, Field::TaskType, tr("Type", "kind of task"))->setWrapping(true);
    addField(task, Field::Status, tr("Status code"));
    addField(task, Field::Added, tr("Added"))->setWrapping(true);
    addField(task, Field::LastPolled, tr("Last polled"))->setWrapping(true);
    addField(task, Field::Duration, tr("Duration"))->setWrapping(true);
    addField(task, Field::Note, tr("Note"));
}

void TaskDetailsPane::buildResultForm(QWidget *page, QVBoxLayout *layout)
{
    layout->addWidget(sectionTitle(tr("Result"), page));
    QFormLayout *result = newForm(layout);
    m_resultForm = result;
    // A typed outcome is a sentence naming what failed: read whole, never cut.
    addField(result, Field::TypedOutcome, tr("Outcome"))->setWrapping(true);
    addField(result, Field::SourceInode, tr("Source inode"));
    addField(result, Field::TargetInode, tr("Target inode"));
    addField(result, Field::Path, tr("Path"));
    auto *pathSegments = new QWidget(page);
    m_pathSegments = new FlowLayout(pathSegments);
    result->addRow(QString(), pathSegments);
    addField(result, Field::ConvertFrom, tr("Converted from"));
    auto *convertSegments = new QWidget(page);
    m_convertSegments = new FlowLayout(convertSegments);
    result->addRow(QString(), convertSegments);
    m_resultView = new ResultView(page);
    m_resultView->setObjectName(u"resultView"_s);
    m_resultView->setStateStyle(m_style);
    connect(m_resultView, &ResultView::copied, this, &TaskDetailsPane::copied);
    layout->addWidget(m_resultView);
}

void TaskDetailsPane::buildErrorBox(QVBoxLayout *layout)
{
    auto *errorLayout = new QVBoxLayout(m_errorBox);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->setSpacing(2);
    errorLayout->addWidget(sectionTitle(tr("Last error"), m_errorBox));
    auto *errors = new QFormLayout;
    m_errorForm = errors;
    errors->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    errors->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    errors->setHorizontalSpacing(10);
    errors->setVerticalSpacing(1);
    errorLayout->addLayout(errors);
    addField(errors, Field::TaskError, tr("About this task"));
    addField(errors, Field::ErrorCode, tr("Code"));
    addField(errors, Field::ErrorMessage, tr("Message"));
    addField(errors, Field::RequestId, tr("Request ID"));
    layout->addWidget(m_errorBox);
}

void TaskDetailsPane::buildCleanupBox(QWidget *page, QVBoxLayout *layout)
{
    m_cleanupBox = new QWidget(page);
    auto *cleanupLayout = new QVBoxLayout(m_cleanupBox);
    cleanupLayout->setContentsMargins(0, 0, 0, 0);
    cleanupLayout->setSpacing(2);
    cleanupLayout->addWidget(sectionTitle(tr("Historical versions cleared"), m_cleanupBox));
    auto *cleanup = new QFormLayout;
    cleanup->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    cleanup->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    cleanupLayout->addLayout(cleanup);
    addField(cleanup, Field::VersionsDeleted, tr("Versions deleted"));
    addField(cleanup, Field::UsageBefore, tr("Usage before"));
    addField(cleanup, Field::UsageAfter, tr("Usage after"));
    addField(cleanup, Field::SpaceFreed, tr("Space freed"));
    m_cleanupBox->hide();
    layout->addWidget(m_cleanupBox);
}

void TaskDetailsPane::buildTimeline(QWidget *page, QVBoxLayout *layout)
{
    layout->addWidget(sectionTitle(tr("Timeline"), page));
    m_timeline->setObjectName(u"timeline"_s);
    m_timeline->setAccessibleName(tr("Timeline"));
    m_timeline->setRootIsDecorated(false);
    // Rows of another day are two lines high (date, then time).
    m_timeline->setUniformRowHeights(false);
    m_timeline->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_timeline->setHeaderLabels(
        {tr("When"), tr("State"), tr("Code", "SMH status code"), tr("Lasted")});
    // Time, code and duration fit their text; the change takes the room
    // left and, short of it, ends in "…" with the whole of it in the tooltip.
    // Nothing scrolls sideways in a narrow dock.
    m_timeline->header()->setStretchLastSection(false);
    m_timeline->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_timeline->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_timeline->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_timeline->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_timeline->header()->setMinimumSectionSize(fontMetrics().horizontalAdvance(u"M…"_s) * 2);
    m_timeline->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_timeline->setTextElideMode(Qt::ElideRight);
    m_timeline->setMinimumHeight(fontMetrics().height() * 8);
    m_timeline->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copyTimeline = new QAction(tr("Copy Timeline"), m_timeline);
    copyTimeline->setShortcut(QKeySequence::Copy);
    copyTimeline->setShortcutContext(Qt::WidgetShortcut);
    connect(copyTimeline, &QAction::triggered, this, [this] {
        QStringList lines;
        for (int i = 0; i < m_timeline->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *item = m_timeline->topLevelItem(i);
            if (!m_timeline->selectedItems().isEmpty() && !item->isSelected())
                continue;
            QStringList cells;
            for (int column = 0; column < m_timeline->columnCount(); ++column)
                cells << item->text(column);
            lines << cells.join(u'\t');
        }
        QApplication::clipboard()->setText(lines.join(u'\n') + u'\n');
        Q_EMIT copied(tr("timeline"), lines.join(u'\n'));
    });
    m_timeline->addAction(copyTimeline);
    layout->addWidget(m_timeline, 1);
}

// The task shown follows the ledger, and its colours the palette.
void TaskDetailsPane::connectSources(const TaskStore *store, StateStyle *style)
{
    if (store) {
        connect(store, &TaskStore::tasksChanged, this, &TaskDetailsPane::tasksChanged);
        connect(store, &TaskStore::tasksRemoved, this, &TaskDetailsPane::tasksRemoved);
        connect(store, &TaskStore::connectionsChanged, this, [this] {
            if (m_task)
                m_fields.value(Field::Connection)->setValue(connectionText());
        });
    }
    if (style)
        connect(style, &StateStyle::changed, this, [this] {
            if (m_task)
                renderState();
            restyleTimeline();
        });
}

void TaskDetailsPane::moveTimelineLast()
{
    // Made first of the parts, the timeline would be the first Tab stop; it
    // is read last, below everything else.
    QWidget *last = nullptr;
    for (QWidget *next = nextInFocusChain(); next != this && isAncestorOf(next);
         next = next->nextInFocusChain()) {
        if (!m_timeline->isAncestorOf(next) && (next->focusPolicy() & Qt::TabFocus))
            last = next;
    }
    if (last)
        QWidget::setTabOrder(last, m_timeline);
}

CopyableField *TaskDetailsPane::addField(QFormLayout *form, Field field, const QString &label)
{
    auto *widget = new CopyableField(label, this);
    // "fieldSourceInode": tests and accessibility tools find each field by name.
    widget->setObjectName(
        u"field"_s + QString::fromLatin1(QMetaEnum::fromType<Field>().valueToKey(int(field))));
    connect(widget, &CopyableField::copied, this, &TaskDetailsPane::copied);
    form->addRow(label, widget);
    m_fields.insert(field, widget);
    return widget;
}

void TaskDetailsPane::setScheduler(const PollScheduler *scheduler)
{
    if (m_scheduler)
        m_scheduler->disconnect(this);
    m_scheduler = scheduler;
    if (scheduler)
        connect(scheduler, &PollScheduler::connectionStatusChanged, this,
            &TaskDetailsPane::connectionStatusChanged);
}

void TaskDetailsPane::setHistoryLedger(HistoryLedger *ledger)
{
    if (m_ledger)
        m_ledger->disconnect(this);
    m_ledger = ledger;
    if (ledger)
        connect(ledger, &HistoryLedger::cleanupsChanged, this, [this] {
            if (m_task)
                renderCleanup();
        });
}

void TaskDetailsPane::renderCleanup()
{
    // Only a clear of historical versions has a record; usage comes later
    // than the end of the task, so the record is read again when it changes.
    const auto record = m_ledger ? m_ledger->cleanupForTask(m_task->key) : std::nullopt;
    m_cleanupBox->setVisible(record.has_value());
    if (!record)
        return;
    auto size = [](const std::optional<qint64> &bytes) {
        return bytes ? tr("%1 (%2 bytes)")
                           .arg(QLocale().formattedDataSize(*bytes, 1, QLocale::DataSizeIecFormat),
                               QLocale().toString(*bytes))
                     : QString();
    };
    m_fields.value(Field::VersionsDeleted)
        ->setValue(record->deleteCount ? QLocale().toString(*record->deleteCount) : QString());
    m_fields.value(Field::UsageBefore)->setValue(size(record->usageBefore));
    m_fields.value(Field::UsageAfter)->setValue(size(record->usageAfter));
    m_fields.value(Field::SpaceFreed)->setValue(size(record->freedBytes()));
}

bool TaskDetailsPane::isShowingTask() const
{
    return m_stack->currentIndex() == 1;
}

QString TaskDetailsPane::value(Field field) const
{
    const CopyableField *widget = m_fields.value(field);
    return widget ? widget->value() : QString();
}

QStringList TaskDetailsPane::segments(Field field) const
{
    return m_segments.value(field);
}

void TaskDetailsPane::showTask(const std::optional<TaskKey> &key)
{
    if (key == m_key && (m_task || !key))
        return;
    m_key = key;
    m_task = key && m_store ? m_store->task(*key) : std::nullopt;
    m_connectionError = m_task && m_scheduler
        ? m_scheduler->status(m_task->key.connectionId).lastError
        : SmhError();
    render();
}

void TaskDetailsPane::tasksChanged(const QList<Task> &tasks)
{
    if (!m_key)
        return;
    for (const Task &task : tasks) {
        if (task.key != *m_key)
            continue;
        if (m_task && *m_task == task)
            return;
        m_task = task;
        render();
        return;
    }
}

void TaskDetailsPane::tasksRemoved(const QList<TaskKey> &keys)
{
    if (!m_key || !keys.contains(*m_key))
        return;
    m_task.reset();
    render();
}

void TaskDetailsPane::connectionStatusChanged(qint64 connectionId)
{
    if (!m_task || m_task->key.connectionId != connectionId || !m_scheduler)
        return;
    const SmhError error = m_scheduler->status(connectionId).lastError;
    if (error.toString() == m_connectionError.toString())
        return;
    m_connectionError = error;
    renderError();
}

QString TaskDetailsPane::formatTime(const QDateTime &when) const
{
    if (!when.isValid())
        return {};
    return DisplayText::dateTime(when);
}

QString TaskDetailsPane::connectionText() const
{
    if (!m_task || !m_store)
        return {};
    const std::optional<Connection> connection = m_store->connection(m_task->key.connectionId);
    if (!connection)
        return {};
    const QString where = connection->settings.displayName();
    const QString host = connection->settings.endpoint.host();
    if (connection->name.isEmpty() || connection->name == where)
        return tr("%1 at %2").arg(where, host);
    return tr("%1 (%2 at %3)").arg(connection->name, where, host);
}

void TaskDetailsPane::render()
{
    ++m_renderCount;
    if (!m_task) {
        m_placeholder->setText(m_key ? tr("This task is no longer watched.")
                                     : tr("Select a task to see its details."));
        m_stack->setCurrentIndex(0);
        return;
    }
    const Task &task = *m_task;
    m_stack->setCurrentIndex(1);
    m_fields.value(Field::TaskId)->setValue(QString::number(task.key.taskId));
    m_fields.value(Field::Connection)->setValue(connectionText());
    m_fields.value(Field::State)->setValue(TaskStates::label(task.state));
    m_fields.value(Field::Status)->setValue(task.status ? QString::number(task.status) : QString());
    m_fields.value(Field::TaskType)->setValue(TaskTypes::label(task.taskType));
    m_fields.value(Field::TypedOutcome)->setValue(TaskTypes::outcome(task.typedResult));
    m_fields.value(Field::Added)->setValue(formatTime(task.addedAt));
    m_fields.value(Field::LastPolled)->setValue(formatTime(task.lastPolledAt));
    m_fields.value(Field::Note)->setValue(task.note);
    const bool hasResult = task.result.has_value();
    m_fields.value(Field::SourceInode)->setValue(hasResult ? task.result->srcInode : QString());
    m_fields.value(Field::TargetInode)->setValue(hasResult ? task.result->dstInode : QString());
    const QStringList path = hasResult ? task.result->path : QStringList();
    const QStringList convertFrom = hasResult ? task.result->convertFrom : QStringList();
    m_fields.value(Field::Path)->setValue(TaskResult::joined(path));
    m_fields.value(Field::ConvertFrom)->setValue(TaskResult::joined(convertFrom));
    setSegments(m_pathSegments, path, tr("path segment"));
    m_segments.insert(Field::Path, path);
    setSegments(m_convertSegments, convertFrom, tr("source segment"));
    m_segments.insert(Field::ConvertFrom, convertFrom);
    m_resultView->setResult(task.result, tr("Task %1").arg(task.key.taskId));
    // A batch has no inodes nor one path: its items come right after the
    // outcome instead of below four empty rows.
    const bool batch = hasResult && task.result->shape == TaskResult::Shape::Batch;
    for (Field field : {Field::SourceInode, Field::TargetInode, Field::Path, Field::ConvertFrom})
        m_resultForm->setRowVisible(m_fields.value(field), !batch);
    renderState();
    renderTimeline();
    renderError();
    renderCleanup();
}

void TaskDetailsPane::renderState()
{
    if (!m_task)
        return;
    const Task &task = *m_task;
    if (m_style) {
        m_stateIcon->setPixmap(m_style->icon(task.state).pixmap(32, 32));
        QPalette palette = m_stateTitle->palette();
        palette.setColor(QPalette::WindowText, m_style->foreground(task.state));
        m_stateTitle->setPalette(palette);
    }
    m_stateTitle->setText(
        tr("Task %1 · %2").arg(task.key.taskId).arg(TaskStates::label(task.state)));
    const QString explanation = TaskStates::explanation(task.state, task.status);
    m_explanation->setText(explanation);
    m_explanation->setVisible(!explanation.isEmpty());
    tick();
}

void TaskDetailsPane::tick()
{
    if (!m_task)
        return;
    const Task &task = *m_task;
    const QDateTime now = m_now();
    const QString duration = TaskTableModel::formatDuration(task.runningSeconds(now));
    // When the current state began, and how long ago.
    QString when;
    if (task.stateSince.isValid()) {
        const qint64 seconds = std::max<qint64>(0, task.stateSince.secsTo(now));
        // The fields below carry the full date; today's time is enough here.
        const QString at = DisplayText::compact(task.stateSince);
        when = tr("%1 (%2 ago)").arg(at, TaskTableModel::formatDuration(seconds));
    }
    QString line;
    const bool timed = task.durationKnown();
    if (task.isFinal())
        line = task.finishedAt.isValid() && timed
            ? tr("Finished in %1 · since %2").arg(duration, when)
            : tr("Since %1").arg(when);
    else if (task.state == TaskState::Queued)
        line = tr("Waiting for the first answer since %1").arg(when);
    else
        line = tr("Running for %1 · since %2").arg(duration, when);
    m_stateSince->setText(line);
    if (!timed)
        m_fields.value(Field::Duration)->setValue({});
    else if (task.isFinal())
        m_fields.value(Field::Duration)->setValue(tr("finished in %1").arg(duration));
    else if (task.state == TaskState::Queued)
        m_fields.value(Field::Duration)->setValue(tr("waiting for %1").arg(duration));
    else
        m_fields.value(Field::Duration)->setValue(tr("running for %1").arg(duration));
    // The last timeline row lasts until now while the task is not final.
    if (!task.isFinal() && m_timeline->topLevelItemCount() > 0) {
        QTreeWidgetItem *last = m_timeline->topLevelItem(m_timeline->topLevelItemCount() - 1);
        const QDateTime at = last->data(0, Qt::UserRole).toDateTime();
        if (at.isValid())
            last->setText(3,
                tr("%1 so far")
                    .arg(TaskTableModel::formatDuration(std::max<qint64>(0, at.secsTo(now)))));
    }
}

void TaskDetailsPane::renderTimeline()
{
    m_timeline->clear();
    if (!m_task || !m_store)
        return;
    const Task &task = *m_task;
    struct Entry
    {
        QDateTime at;
        TaskState state;
        QString change;
        int status;
        bool recheck = false;
    };
    QList<Entry> entries;
    entries.append({task.addedAt, TaskState::Queued,
        tr("Added · %1").arg(TaskStates::label(TaskState::Queued)), 0});
    const QList<TaskTransition> transitions = m_store->timeline(task.key);
    for (const TaskTransition &transition : transitions) {
        if (transition.isUnchangedRecheck())
            entries.append({transition.at, transition.to,
                tr("Re-checked, unchanged · %1").arg(TaskStates::label(transition.to)),
                transition.status, true});
        else
            entries.append({transition.at, transition.to,
                tr("%1 → %2").arg(
                    TaskStates::label(transition.from), TaskStates::label(transition.to)),
                transition.status});
    }
    // A state lasts until the next real change; re-checks do not end it.
    auto nextChange = [&entries](qsizetype from) {
        for (qsizetype j = from + 1; j < entries.size(); ++j) {
            if (!entries.at(j).recheck)
                return j;
        }
        return qsizetype(-1);
    };
    const QDateTime now = m_now();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &entry = entries.at(i);
        const qsizetype next = nextChange(i);
        auto *item = new QTreeWidgetItem(m_timeline);
        // Today's times without the date, as in the table; another day's date
        // goes on a line above its time, so the column stays narrow in a
        // narrow dock. The tooltip has it all.
        const QDateTime local = entry.at.toLocalTime();
        item->setText(0,
            local.date() == QDate::currentDate()
                ? DisplayText::clock(local.time())
                : DisplayText::shortDate(local.date()) + u'\n' + DisplayText::clock(local.time()));
        item->setToolTip(0, formatTime(entry.at));
        item->setData(0, Qt::UserRole, entry.at);
        item->setText(1, entry.change);
        item->setToolTip(1, entry.change);
        item->setData(1, Qt::UserRole, int(entry.state));
        item->setText(2, entry.status ? QString::number(entry.status) : QString());
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        if (entry.recheck) {
            // Nothing began here: the state before it goes on.
        } else if (next >= 0) {
            const qint64 seconds = std::max<qint64>(0, entry.at.secsTo(entries.at(next).at));
            item->setText(3, TaskTableModel::formatDuration(seconds));
        } else if (TaskStates::isFinal(entry.state)) {
            item->setText(3, tr("final"));
        } else {
            item->setText(3,
                tr("%1 so far")
                    .arg(
                        TaskTableModel::formatDuration(std::max<qint64>(0, entry.at.secsTo(now)))));
        }
    }
    // No codes (a task never answered with one): the column gives its room
    // to the change.
    bool codes = false;
    for (int i = 0; i < m_timeline->topLevelItemCount() && !codes; ++i)
        codes = !m_timeline->topLevelItem(i)->text(2).isEmpty();
    m_timeline->setColumnHidden(2, !codes);
    restyleTimeline();
}

void TaskDetailsPane::restyleTimeline()
{
    if (!m_style)
        return;
    for (int i = 0; i < m_timeline->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_timeline->topLevelItem(i);
        const auto state = TaskState(item->data(1, Qt::UserRole).toInt());
        item->setIcon(1, m_style->icon(state));
        item->setForeground(1, m_style->foreground(state));
    }
}

void TaskDetailsPane::renderError()
{
    const QString taskError = m_task ? m_task->lastError : QString();
    const bool connectionError = m_connectionError.isError();
    m_errorBox->setVisible(!taskError.isEmpty() || connectionError);
    m_fields.value(Field::TaskError)->setValue(Redact::text(taskError));
    if (connectionError) {
        // Already redacted by SmhError; a code-less error still has its sentence.
        const QString code = m_connectionError.kind() == SmhError::Kind::Http
            ? (m_connectionError.code().isEmpty()
                    ? tr("HTTP %1").arg(m_connectionError.httpStatus())
                    : tr("%1 (HTTP %2)")
                          .arg(m_connectionError.code())
                          .arg(m_connectionError.httpStatus()))
            : SmhError::kindName(m_connectionError.kind());
        // SmhError redacts what it keeps; once more here, as for anything shown.
        m_fields.value(Field::ErrorCode)->setValue(Redact::text(code));
        m_fields.value(Field::ErrorMessage)
            ->setValue(
                Redact::text(m_connectionError.message().isEmpty() ? m_connectionError.toString()
                                                                   : m_connectionError.message()));
        m_fields.value(Field::RequestId)->setValue(Redact::text(m_connectionError.requestId()));
    } else {
        m_fields.value(Field::ErrorCode)->setValue({});
        m_fields.value(Field::ErrorMessage)->setValue({});
        m_fields.value(Field::RequestId)->setValue({});
    }
    for (Field field : {Field::ErrorCode, Field::ErrorMessage, Field::RequestId})
        m_errorForm->setRowVisible(m_fields.value(field), connectionError);
    m_errorForm->setRowVisible(m_fields.value(Field::TaskError), !taskError.isEmpty());
}

void TaskDetailsPane::setSegments(
    FlowLayout *layout, const QStringList &segments, const QString &what)
{
    layout->clear();
    QWidget *host = layout->parentWidget();
    // A single segment is the joined path already.
    m_resultForm->setRowVisible(host, segments.size() > 1);
    // Made at render time, the chips would be the pane's last Tab stops;
    // they follow the copy button of their path instead.
    QWidget *previous =
        m_fields.value(layout == m_pathSegments ? Field::Path : Field::ConvertFrom)->copyButton();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i > 0) {
            auto *separator = new QLabel(u"›"_s, host);
            separator->setForegroundRole(QPalette::PlaceholderText);
            layout->addWidget(separator);
        }
        auto *chip = new FocusMarked<QToolButton>(host);
        chip->setText(segments.at(i));
        chip->setToolTip(
            tr("%1 %2 of %3: click to copy").arg(what).arg(i + 1).arg(segments.size()));
        chip->setAccessibleName(tr("%1 %2").arg(what).arg(i + 1));
        const QString segment = segments.at(i);
        connect(chip, &QToolButton::clicked, this, [this, segment, what] {
            QApplication::clipboard()->setText(segment);
            Q_EMIT copied(what, segment);
        });
        layout->addWidget(chip);
        QWidget::setTabOrder(previous, chip);
        previous = chip;
    }
}

void TaskDetailsPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_task)
        render();
    QWidget::changeEvent(event);
}
