#include "tasks/tasknotifier.h"

#include "tasks/taskstore.h"

TaskNotifier::TaskNotifier(TaskStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    recount();
    connect(store, &TaskStore::tasksAdded, this, [this](const QList<Task> &tasks) {
        for (const Task &task : tasks)
            ++m_counts[size_t(task.state)];
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
    const QList<Task> tasks = m_store->tasks();
    for (const Task &task : tasks)
        ++m_counts[size_t(task.state)];
}

void TaskNotifier::onTransitioned(const QList<TaskTransition> &transitions)
{
    QList<Task> finished;
    for (const TaskTransition &transition : transitions) {
        --m_counts[size_t(transition.from)];
        ++m_counts[size_t(transition.to)];
        if (!TaskStates::isFinal(transition.from) && TaskStates::isFinal(transition.to)) {
            if (const std::optional<Task> task = m_store->task(transition.key))
                finished.append(*task);
        }
    }
    Q_EMIT countsChanged();
    if (!finished.isEmpty())
        Q_EMIT tasksFinished(finished);
}
