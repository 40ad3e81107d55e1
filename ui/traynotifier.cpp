#include "ui/traynotifier.h"

#include "tasks/tasknotifier.h"

#include "tasks/taskstore.h"
#include "ui/statestyle.h"

#include <QGuiApplication>
#include <QMenu>
#include <QSystemTrayIcon>

#include <array>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qsizetype maxListedIds = 8;

} // namespace

TrayNotifier::TrayNotifier(const TaskNotifier *tasks, StateStyle *style, QObject *parent)
    : QObject(parent)
    , m_tasks(tasks)
    , m_style(style)
    , m_tray(new QSystemTrayIcon(this))
{
    m_digest.setSingleShot(true);
    m_digest.setInterval(1500ms);
    connect(&m_digest, &QTimer::timeout, this, &TrayNotifier::flush);
    if (tasks) {
        connect(tasks, &TaskNotifier::tasksFinished, this, &TrayNotifier::tasksFinished);
        connect(tasks, &TaskNotifier::countsChanged, this, &TrayNotifier::updateOverall);
        connect(tasks, &TaskNotifier::tasksRemoved, this, &TrayNotifier::tasksRemoved);
    }
    if (style)
        connect(style, &StateStyle::changed, this, &TrayNotifier::refreshIcon);
    connect(m_tray, &QSystemTrayIcon::activated, this,
        [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                Q_EMIT activated();
        });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::activated);
    updateOverall();
    refreshIcon();
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
}

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::setApplicationIcon(const QIcon &icon)
{
    m_appIcon = icon;
    refreshIcon();
}

void TrayNotifier::setMenu(QMenu *menu)
{
    m_tray->setContextMenu(menu);
}

void TrayNotifier::setConnectionTrouble(bool trouble)
{
    if (trouble == m_trouble)
        return;
    m_trouble = trouble;
    updateOverall();
}

bool TrayNotifier::canShowMessages() const
{
    return QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()
        && m_tray->isVisible();
}

void TrayNotifier::tasksFinished(const QList<Task> &tasks)
{
    m_finished.append(tasks);
    if (!m_digest.isActive())
        m_digest.start();
}

void TrayNotifier::tasksRemoved(const QList<TaskKey> &keys)
{
    const QSet<TaskKey> gone(keys.cbegin(), keys.cend());
    m_finished.removeIf([&gone](const Task &task) { return gone.contains(task.key); });
}

void TrayNotifier::flush()
{
    m_digest.stop();
    QList<Task> finished;
    finished.swap(m_finished);
    if (m_mode == Mode::Off)
        return;
    if (m_mode == Mode::FailuresOnly)
        finished.removeIf([](const Task &task) { return !TaskStates::needsAttention(task.state); });
    if (finished.isEmpty())
        return;

    const bool failure = std::any_of(finished.cbegin(), finished.cend(),
        [](const Task &task) { return TaskStates::needsAttention(task.state); });
    QString title;
    QString message;
    if (finished.size() == 1) {
        const Task &task = finished.constFirst();
        title = tr("Task %1: %2").arg(task.key.taskId).arg(TaskStates::label(task.state));
        if (task.result && !task.result->summaryPath().isEmpty())
            message = task.result->summaryPath();
        else if (task.status)
            message = tr("Status %1").arg(task.status);
        else
            message = TaskStates::label(task.state);
    } else {
        title = tr("Tasks finished: %1").arg(finished.size());
        TaskStates::Counts counts {};
        for (const Task &task : std::as_const(finished))
            ++counts[size_t(task.state)];
        QStringList parts;
        for (int i = 0; i < TaskStates::count; ++i) {
            if (counts[size_t(i)] > 0)
                parts << tr("%1: %2").arg(TaskStates::label(TaskState(i))).arg(counts[size_t(i)]);
        }
        message = parts.join(u", "_s);
        QStringList problems;
        for (const Task &task : std::as_const(finished)) {
            if (TaskStates::needsAttention(task.state))
                problems << QString::number(task.key.taskId);
        }
        if (!problems.isEmpty()) {
            const qsizetype total = problems.size();
            if (total > maxListedIds) {
                problems = problems.mid(0, maxListedIds);
                problems << tr("and %1 more").arg(total - maxListedIds);
            }
            message += u'\n' + tr("Needs attention: %1").arg(problems.join(u", "_s));
        }
    }
    if (canShowMessages())
        m_tray->showMessage(title, message,
            failure ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10'000);
    Q_EMIT notified(title, message, failure);
}

void TrayNotifier::updateOverall()
{
    const int total = m_tasks ? m_tasks->total() : 0;
    const int running = m_tasks ? m_tasks->unfinished() : 0;
    const int problems = m_tasks ? m_tasks->needingAttention() : 0;
    Overall overall = Overall::Empty;
    if (m_trouble)
        overall = Overall::Trouble;
    else if (problems > 0)
        overall = Overall::Failed;
    else if (running > 0)
        overall = Overall::Running;
    else if (total > 0)
        overall = Overall::Done;
    if (overall != m_overall) {
        m_overall = overall;
        refreshIcon();
    }
    // The tooltip carries counts, so it changes more often than the icon.
    const QString name = QGuiApplication::applicationDisplayName();
    QString tip = total == 0 ? tr("No tasks watched")
                             : tr("%1 running, %2 succeeded, %3 need attention")
                                   .arg(running)
                                   .arg(total - running - problems)
                                   .arg(problems);
    if (m_trouble)
        tip += u'\n' + tr("A connection cannot be polled");
    m_tray->setToolTip(name.isEmpty() ? tip : name + u'\n' + tip);
}

void TrayNotifier::refreshIcon()
{
    QIcon icon = m_appIcon;
    if (m_style) {
        switch (m_overall) {
        case Overall::Empty:
            break;
        case Overall::Running:
            icon = m_style->icon(TaskState::Running);
            break;
        case Overall::Done:
            icon = m_style->icon(TaskState::Succeeded);
            break;
        case Overall::Failed:
            icon = m_style->icon(TaskState::Failed);
            break;
        case Overall::Trouble:
            icon = m_style->troubleIcon(StateStyle::Trouble::Network);
            break;
        }
    }
    if (icon.isNull() && m_style)
        icon = m_style->icon(TaskState::Queued);
    m_tray->setIcon(icon);
}
