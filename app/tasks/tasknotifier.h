#pragma once

#include "tasks/task.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <array>
#include <optional>

class TaskStore;

// What the store's transitions mean to the people watching: which tasks just
// ended (the tray's messages, the headless exit), and how many tasks are in
// each state. Both are kept from the store's announcements alone, so no
// listener keeps a copy of earlier states and no change costs a pass over
// the table (removal, a user's action, recounts).
class TaskNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskNotifier)

public:
    explicit TaskNotifier(const TaskStore *store, QObject *parent = nullptr);
    // Counts only the tasks of `scope` (a headless command's, in a ledger
    // that holds others too).
    TaskNotifier(const TaskStore *store, QSet<TaskKey> scope, QObject *parent = nullptr);
    ~TaskNotifier() override;

    int count(TaskState state) const { return m_counts.at(size_t(state)); }
    int total() const;
    // Queued or running: still to be decided.
    int unfinished() const;
    // Final without success (see TaskStates::needsAttention).
    int needingAttention() const;

Q_SIGNALS:
    // Tasks that have just reached a final state, as they are now; a task
    // re-checked and ending again is announced again.
    void tasksFinished(const QList<Task> &tasks);
    // The counts moved (tasks added, removed or changing state).
    void countsChanged();
    // Tasks no longer watched: news about them is no longer wanted.
    void tasksRemoved(const QList<TaskKey> &keys);

private:
    void recount();
    void onTransitioned(const QList<TaskTransition> &transitions);

    bool inScope(const TaskKey &key) const { return !m_scope || m_scope->contains(key); }

    QPointer<const TaskStore> m_store;
    std::optional<QSet<TaskKey>> m_scope;
    TaskStates::Counts m_counts {};
};
