#pragma once

#include "tasks/task.h"

#include <QAbstractTableModel>

#include <QHash>
#include <QList>
#include <QPointer>
#include <array>
#include <functional>

class TaskStore;

// The tracked tasks as a table, kept in step with the store by diffing: rows
// are inserted and removed in blocks and changed cells reported as
// dataChanged ranges with explicit roles, never a reset, so that selection,
// current row and scroll position survive every update.
class TaskTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskTableModel)

public:
    enum Column {
        TaskIdColumn,
        ConnectionColumn,
        StateColumn,
        StatusColumn,
        AddedColumn,
        LastPolledColumn,
        DurationColumn, // running for / finished in
        SourceInodeColumn,
        TargetInodeColumn,
        PathColumn,
        NoteColumn,
        TypeColumn, // from Query Task v2; last, so that the columns before keep their numbers
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // raw value for sorting
        StateRole, // TaskState as int
        TaskKeyRole, // QVariant<TaskKey>
        ConnectionIdRole,
        IsFinalRole,
    };

    explicit TaskTableModel(const TaskStore *store, QObject *parent = nullptr);

    // Who saves an edited note: the front end's door (Monitor::setNote), so
    // that the model reads the store and never writes it. Without one, notes
    // are read-only.
    using NoteWriter = std::function<bool(const TaskKey &key, const QString &note)>;
    void setNoteWriter(NoteWriter writer) { m_noteWriter = std::move(writer); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    const Task *taskAt(int row) const;
    // Rows per state, per connection, kept as rows come, change and go: what
    // the quick filters count without walking the table.
    const QHash<qint64, TaskStates::Counts> &stateCountsByConnection() const { return m_counts; }
    const QString &connectionName(qint64 connectionId) const;
    // Whether `left` sorts before `right` by the column's raw value, the task
    // deciding ties so that equal rows keep their order between updates. What
    // the table's sorting calls a hundred thousand times per click: it reads
    // the rows directly, with no index or QVariant per comparison.
    bool rowLessThan(int left, int right, int column) const;
    int rowOf(const TaskKey &key) const { return m_rowOf.value(key, -1); }
    QModelIndex indexOf(const TaskKey &key, int column = 0) const;

    // The clock used for "running for"; replaceable in tests.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    // After a language change: header and state texts.
    void retranslate();

    static QString formatDuration(qint64 seconds);
    // The text of a cell that shows the result (inodes, path).
    static QString resultText(const TaskResult &result, int column);

private:
    void appendTasks(const QList<Task> &tasks);
    void updateTasks(const QList<Task> &tasks);
    void removeTasks(const QList<TaskKey> &keys);
    void reloadConnectionNames();
    QVariant displayData(const Task &task, int column) const;
    QVariant sortData(const Task &task, int column) const;
    void rebuildRowIndex(int fromRow);

    QPointer<const TaskStore> m_store;
    QList<Task> m_tasks;
    QHash<TaskKey, int> m_rowOf;
    QHash<qint64, TaskStates::Counts> m_counts;
    QHash<qint64, QString> m_connectionNames;
    std::function<QDateTime()> m_now;
    NoteWriter m_noteWriter;
};
