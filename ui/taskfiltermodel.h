#pragma once

#include "tasks/taskstate.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <array>

struct Task;
class TaskTableModel;

// What the table shows: the tasks matching the filter text, the chosen states
// and the chosen connection, sorted on raw values with the task as the
// tie-breaker so that equal rows keep their order between updates.
//
// It also counts what each quick filter would show: per state, the rows that
// pass the text and connection filters; per connection, the rows that pass
// the text and state filters.
class TaskFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskFilterModel)

public:
    explicit TaskFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;

    // Every word must appear (case-insensitively) in some column; "#12" or a
    // bare number also matches the task ID exactly.
    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

    // Empty: every state.
    void setStateFilter(const QSet<TaskState> &states);
    QSet<TaskState> stateFilter() const { return m_states; }

    // 0: every connection.
    void setConnectionFilter(qint64 connectionId);
    qint64 connectionFilter() const { return m_connectionId; }

    // "Duration" rather than the model's "Running for": the column shows how
    // long finished tasks took too. Tooltips explain every column.
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    TaskStates::Counts stateCounts() const;
    int count(TaskState state) const { return stateCounts().at(size_t(state)); }
    // Rows passing the text and connection filters, whatever their state.
    int matchingCount() const;
    // Per connection (0: all of them), the rows passing the text and state
    // filters: what picking that connection would show.
    QHash<qint64, int> connectionCounts() const;

Q_SIGNALS:
    // Coalesced: at most once per event-loop turn.
    void countsChanged();
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool matchesTextAndConnection(int sourceRow) const;
    bool matchesText(const Task &task) const;
    void refreshStateLabels();
    void countsMayHaveChanged();
    void sourceDataChanged(
        const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    const TaskTableModel *m_tasks = nullptr;
    std::array<QString, TaskStates::count> m_stateLabels;
    QString m_text;
    struct Word
    {
        QString text;
        Qt::CaseSensitivity cs; // insensitive for a word with letters in it
    };
    QList<Word> m_words;
    QSet<TaskState> m_states;
    qint64 m_connectionId = 0;
    mutable TaskStates::Counts m_counts {};
    mutable int m_matching = 0;
    mutable QHash<qint64, int> m_connectionCounts;
    mutable bool m_countsDirty = true;
    QTimer m_countsTimer;
    QList<QMetaObject::Connection> m_sourceConnections;
};
