#include "tasks/tasknotifier.h"

#include "tasks/taskstore.h"

TaskNotifier::TaskNotifier(const TaskStore *store, QSet<TaskKey> scope, QObject *parent)
    : TaskNotifier(store, parent)
{
    m_scope = std::move(scope);
    recount();
}

TaskNotifier::TaskNotifier(const TaskStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    recount();
    connect(store, &TaskStore::tasksAdded, this, [this](const QList<Task> &tasks) {
        for (const Task &task : tasks) {
            if (inScope(task.key))
                ++m_counts[size_t(task.state)];
        }
        Q_EMIT countsChanged();
    });
    connect(store, &TaskStore::transitioned, this, &TaskNotifier::onTransitioned);
    // Removals say only which keys went; the states they had are gone.
    connect(store, &TaskStore::tasksRemoved, this, [this](const QList<TaskKey> &keys) {
        recount();
        Q_EMIT countsChanged();
        Q_EMIT tasksRemoved(keys);
    });
}

TaskNotifier::~TaskNotifier() = default;

int TaskNotifier::total() const
{
    int total = 0;
    for (int count : m_counts)
        total += count;
    return total;
}

int TaskNotifier::unfinished() const
{
    int unfinished = 0;
    for (int i = 0; i < TaskStates::count; ++i) {
        if (!TaskStates::isFinal(TaskState(i)))
            unfinished += m_counts.at(size_t(i));
    }
    return unfinished;
}

int TaskNotifier::needingAttention() const
{
    int problems = 0;
    for (int i = 0; i < TaskStates::count; ++i) {
        if (TaskStates::needsAttention(TaskState(i)))
            problems += m_counts.at(size_t(i));
    }
    return problems;
}

void TaskNotifier::recount()
{
    m_counts.fill(0);
    if (!m_store)
        return;
    if (m_scope) {
        for (const TaskKey &key : std::as_const(*m_scope)) {
            if (const std::optional<Task> task = m_store->task(key))
                ++m_counts[size_t(task->state)];
        }
        return;
    }
    const QList<Task> tasks = m_store->tasks();
    for (const Task &task : tasks)
        ++m_counts[size_t(task.state)];
}

void TaskNotifier::onTransitioned(const QList<TaskTransition> &transitions)
{
    QList<Task> finished;
    for (const TaskTransition &transition : transitions) {
        if (!inScope(transition.key))
            continue;
        --m_counts[size_t(transition.from)];
        ++m_counts[size_t(transition.to)];
        // Ended, or (re-checked) ended differently; an unchanged re-check is
        // no news.
        if (TaskStates::isFinal(transition.to) && transition.from != transition.to) {
            if (const std::optional<Task> task = m_store->task(transition.key))
                finished.append(*task);
        }
    }
    Q_EMIT countsChanged();
    if (!finished.isEmpty())
        Q_EMIT tasksFinished(finished);
}
